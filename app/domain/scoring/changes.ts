// What a rescore changed, in words a trainee understands ("because …"), and how a batch of
// changes is distributed. Pure: the rescore model stores the sentences with the revision.
import type { ScoreBreakdown } from "./score";

const NAMES = { detection: "detection", precision: "precision", category: "category", explanation: "explanation" } as const;
type Part = keyof typeof NAMES;

/** Points a component contributes to the total before hints. */
function points(s: ScoreBreakdown, part: Part): number {
  const w = s.effectiveWeights;
  const sum = w.detection + w.precision + w.category + w.explanation;
  return (100 * w[part] * (s.components[part] ?? 0)) / sum;
}

const pct = (x: number | null) => `${Math.round((x ?? 0) * 100)} %`;

/**
 * One sentence per component whose points moved by at least 0.05, biggest move first, naming
 * the rule of the new version that moved it.
 */
export function describeScoreChange(before: ScoreBreakdown, after: ScoreBreakdown): string[] {
  const out: { size: number; text: string }[] = [];
  for (const part of Object.keys(NAMES) as Part[]) {
    const d = points(after, part) - points(before, part);
    if (Math.abs(d) < 0.05) continue;
    const move = `${pct(before.components[part])} → ${pct(after.components[part])}, ${d > 0 ? "+" : "−"}${Math.abs(d).toFixed(1)} points`;
    let why = "";
    if (part === "precision") {
      const fa = after.findings.filter((f) => f.verdict === "false-positive").length;
      why = fa > 0
        ? `each false alarm now costs by its confidence (${fa} false alarm${fa === 1 ? "" : "s"})`
        : after.cleanControl || after.findings.length > 0 ? "precision is now earned by real finds" : "“no flaws” on a flawed draft no longer earns precision";
    } else if (part === "detection") {
      const located = after.flaws.filter((f) => f.status !== "missed" && !f.diagnosed && f.detectionCredit < 1 && f.detectionCredit !== 0.5).length;
      why = located > 0 ? `the right line without a diagnosis now earns a third (${located} flaw${located === 1 ? "" : "s"})` : "detection now needs a diagnosis";
    } else if (part === "explanation" && after.modelGrading && Object.keys(after.modelGrading.grades).length > 0 && before.modelGrading?.model !== after.modelGrading.model) {
      why = `your explanations were graded by the model ${after.modelGrading.model}, your organisation's automatic explanation grade`;
    } else if (part === "explanation") {
      why = before.configVersion !== after.configVersion || before.matcherVersion === after.matcherVersion
        ? "only key points stated in your own words count: copied text, and text that says the line is fine, no longer count; paraphrases do"
        : matcherBase(before.matcherVersion) !== matcherBase(after.matcherVersion)
          ? MATCHER_CORRECTED
          : "the matcher now uses phrases that mentors' grades taught it (accepted by an author)";
    } else {
      why = "category credit changed";
    }
    out.push({ size: Math.abs(d), text: `${NAMES[part]} ${move}: ${why}` });
  }
  if (out.length === 0 && before.total !== after.total) {
    const matcherOnly = before.configVersion === after.configVersion && before.matcherVersion !== after.matcherVersion;
    out.push({
      size: 0,
      text: !matcherOnly
        ? `the rules of scoring version ${after.configVersion} (see “How is this scored?”)`
        : matcherBase(before.matcherVersion) !== matcherBase(after.matcherVersion) ? MATCHER_CORRECTED : "the matcher now uses phrases that mentors' grades taught it",
    });
  }
  if (before.hints.penalty !== after.hints.penalty) out.push({ size: 0, text: `hint cost ${before.hints.penalty} → ${after.hints.penalty} points` });
  return out.sort((a, b) => b.size - a.size).map((o) => o.text);
}

/**
 * Whether two breakdowns grade the same: the same total and components, and per flaw the same
 * status, credits and key points. A rescore that changes only the version names writes no
 * revision (nothing a trainee sees has changed).
 */
export function sameGrade(before: ScoreBreakdown, after: ScoreBreakdown): boolean {
  if (before.total !== after.total || before.totalBeforeHints !== after.totalBeforeHints) return false;
  for (const part of Object.keys(NAMES) as Part[]) if ((before.components[part] ?? null) !== (after.components[part] ?? null)) return false;
  if (before.flaws.length !== after.flaws.length || before.findings.length !== after.findings.length) return false;
  for (let i = 0; i < after.flaws.length; i++) {
    const a = before.flaws[i];
    const b = after.flaws[i];
    if (a.flawId !== b.flawId || a.status !== b.status || a.detectionCredit !== b.detectionCredit || a.explanationScore !== b.explanationScore) return false;
    if (a.keyPointsCovered.length !== b.keyPointsCovered.length || a.keyPointsCovered.some((c, j) => c !== b.keyPointsCovered[j])) return false;
  }
  for (let i = 0; i < after.findings.length; i++) {
    if (before.findings[i].findingId !== after.findings[i].findingId || before.findings[i].verdict !== after.findings[i].verdict) return false;
  }
  return true;
}

/** The matcher and concept sets of a matcher version, without the mentor-taught overlay. */
function matcherBase(version: string | undefined): string {
  return (version ?? "none").replace(/\+overlay:.*$/, "");
}

const MATCHER_CORRECTED =
  "the matcher now reads key-point phrases more exactly (a short phrase such as “is null” needs its words together; “cost of sales” no longer counts as “sales”)";

export interface ChangeDistribution {
  count: number;
  unchanged: number;
  mean: number;
  median: number;
  min: number;
  max: number;
  /** Counts per band of (after − before), in points. */
  bands: { label: string; count: number }[];
}

const BANDS = ["≤ −20", "−20 … −10", "−10 … −5", "−5 … −0.1", "unchanged (±0.1)", "+0.1 … +5", "+5 … +10", "> +10"];

function bandOf(d: number): number {
  if (Math.abs(d) < 0.1) return 4;
  if (d < 0) return d <= -20 ? 0 : d <= -10 ? 1 : d <= -5 ? 2 : 3;
  return d <= 5 ? 5 : d <= 10 ? 6 : 7;
}

/** Distribution of total changes (after − before) over a set of attempts. */
export function changeDistribution(deltas: readonly number[]): ChangeDistribution {
  const sorted = [...deltas].sort((a, b) => a - b);
  const n = sorted.length;
  const counts = BANDS.map(() => 0);
  for (const d of sorted) counts[bandOf(d)]++;
  const median = n === 0 ? 0 : n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return {
    count: n,
    unchanged: counts[4],
    mean: n === 0 ? 0 : sorted.reduce((a, b) => a + b, 0) / n,
    median,
    min: n === 0 ? 0 : sorted[0],
    max: n === 0 ? 0 : sorted[n - 1],
    bands: BANDS.map((label, i) => ({ label, count: counts[i] })),
  };
}
