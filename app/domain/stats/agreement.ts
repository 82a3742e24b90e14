// Inter-rater agreement for nominal labels: percent agreement and Cohen's kappa. Generic over
// the two raters, so the same code compares the automatic scorer with a mentor, two mentors, and
// the model's grade suggestions with a mentor.

/** One rated item, or `n` identical ones (SQL hands back grouped counts). */
export interface RatedPair<L extends string = string> {
  a: L;
  b: L;
  n?: number;
}

export interface Agreement<L extends string = string> {
  /** Items rated by both raters. */
  n: number;
  /** Items on which they gave the same label. */
  agreed: number;
  /** Observed agreement p_o = agreed / n; null without items. */
  percent: number | null;
  /** Agreement expected by chance from each rater's label frequencies, p_e. */
  expected: number | null;
  /**
   * Cohen's kappa (p_o − p_e) / (1 − p_e). null without items, and when p_e = 1 (both raters
   * used one and the same label for everything: chance explains all of it, kappa is undefined).
   */
  kappa: number | null;
  /** Labels seen, sorted; `matrix[i][j]` counts items rater a labelled labels[i] and b labels[j]. */
  labels: L[];
  matrix: number[][];
}

export function agreement<L extends string>(pairs: Iterable<RatedPair<L>>): Agreement<L> {
  const counts = new Map<L, Map<L, number>>();
  const seen = new Set<L>();
  let n = 0;
  let agreed = 0;
  for (const p of pairs) {
    const k = p.n ?? 1;
    if (!(k > 0)) continue;
    n += k;
    if (p.a === p.b) agreed += k;
    seen.add(p.a);
    seen.add(p.b);
    let row = counts.get(p.a);
    if (!row) counts.set(p.a, (row = new Map()));
    row.set(p.b, (row.get(p.b) ?? 0) + k);
  }
  const labels = [...seen].sort();
  const matrix = labels.map((a) => labels.map((b) => counts.get(a)?.get(b) ?? 0));
  if (n === 0) return { n, agreed, percent: null, expected: null, kappa: null, labels, matrix };
  const po = agreed / n;
  let pe = 0;
  labels.forEach((_, i) => {
    const rowSum = matrix[i].reduce((s, x) => s + x, 0);
    const colSum = matrix.reduce((s, r) => s + r[i], 0);
    pe += (rowSum / n) * (colSum / n);
  });
  // Floating error can leave p_e a hair from 1 when one label is all there is.
  const kappa = pe >= 1 - 1e-12 ? null : (po - pe) / (1 - pe);
  return { n, agreed, percent: po, expected: pe, kappa, labels, matrix };
}

/** Landis & Koch's conventional reading of a kappa value. */
export function kappaStrength(kappa: number | null): string {
  // κ is not defined when every finding got one and the same verdict from both sides (chance
  // agreement is 1); the page says why instead of showing a bare "undefined".
  if (kappa === null) return "one verdict only";
  if (kappa < 0) return "worse than chance";
  if (kappa <= 0.2) return "slight";
  if (kappa <= 0.4) return "fair";
  if (kappa <= 0.6) return "moderate";
  if (kappa <= 0.8) return "substantial";
  return "almost perfect";
}

/** Grader calibration flags a category for content authors when kappa is below this… */
export const FLAG_KAPPA_BELOW = 0.6;
/** …on at least this many findings. */
export const FLAG_MIN_PAIRS = 5;
