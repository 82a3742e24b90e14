// The scoring engine: pure, deterministic, synchronous. docs/scoring.md states every rule
// implemented here, with worked examples that score.test.ts checks to the decimal.
import type { AnswerKeyEntry, Finding, LineRange, Severity, Span } from "../types";
import { lineCount, spanLines } from "../text/lines";
import { keyPointsCoveredByTerms, termSet } from "../text/match";

export { lineCount };

// ---------------------------------------------------------------------------------------------
// Public types

export interface ScoringWeights {
  detection: number;
  precision: number;
  category: number;
  explanation: number;
}

export interface ScoringConfig {
  /** Stored with every score so an old score stays explainable after the weights change. */
  version: number;
  weights: ScoringWeights;
  /** Points taken off the 0–100 total per hint taken. */
  hintCost: number;
}

/** What callers may pass: any subset, weights merged one by one with the defaults. */
export interface ScoringConfigInput {
  version?: number;
  weights?: Partial<ScoringWeights>;
  hintCost?: number;
}

export const DEFAULT_SCORING_CONFIG: Readonly<ScoringConfig> = Object.freeze({
  version: 1,
  weights: Object.freeze({ detection: 45, precision: 20, category: 10, explanation: 25 }),
  hintCost: 5,
});

export type MentorVerdict = "correct" | "partly" | "wrong";

export interface MentorOverride {
  verdict: MentorVerdict;
  /** Rubric grade 0..3 (integer); replaces the offline key-point coverage as grade / 3. */
  explanationGrade?: 0 | 1 | 2 | 3;
  /** With verdict 'correct' on an unmatched finding: a real flaw the answer key lacks. */
  unseeded?: boolean;
}

export interface ScoreInput {
  flawedText: string;
  answerKey: readonly AnswerKeyEntry[];
  findings: readonly Finding[];
  /** Ids of the flaws whose hint the trainee took. */
  hintsTaken?: readonly string[];
  /** Mentor overrides keyed by finding id. */
  overrides?: Readonly<Record<string, MentorOverride>>;
  config?: ScoringConfigInput;
}

export type FlawStatus = "found" | "wrong-category" | "missed";
/** 'hit': matched a flaw; 'partial': matched, mentor said partly right; 'false-positive':
 *  matched nothing (or the mentor said wrong); 'unseeded': a real flaw missing from the key. */
export type FindingVerdict = "hit" | "partial" | "false-positive" | "unseeded";

export interface FlawResult {
  flawId: string;
  category: string;
  severity: Severity;
  lines: LineRange;
  deletion: boolean;
  status: FlawStatus;
  findingId: string | null;
  /** Shared lines between the flaw (±1 for deletions) and its finding; 0 when missed. */
  overlap: number;
  /** Share of the severity counted in detection: 1, 0.5 (mentor: partly) or 0. */
  detectionCredit: number;
  /** Offline coverage per key point of the matched finding's text; all false when missed. */
  keyPointsCovered: boolean[];
  /** Explanation share used in the explanation component (after overrides), 0..1. */
  explanationScore: number;
}

export interface FindingResult {
  findingId: string;
  lines: LineRange;
  category: string;
  confidence: number;
  /** Flaw assigned by line matching, regardless of overrides. */
  autoFlawId: string | null;
  /** Flaw the finding counts for after overrides (null for false positives and unseeded). */
  matchedFlawId: string | null;
  overlap: number;
  autoVerdict: "hit" | "false-positive";
  verdict: FindingVerdict;
  /** Whether the category counts as right; null when the finding matched no flaw. */
  categoryCorrect: boolean | null;
  /** Explanation share credited (null when the finding matched no flaw). */
  explanationScore: number | null;
  /** This finding's additive contribution to the total before hints, in points (2 decimals). */
  points: number;
  override: MentorOverride | null;
  /** Why an override changed nothing, when it did not. */
  overrideNote: string | null;
}

export interface ScoreBreakdown {
  configVersion: number;
  /** 0–100, one decimal, after the hint penalty. */
  total: number;
  /** 0–100, one decimal, before the hint penalty. */
  totalBeforeHints: number;
  /** A draft with no flaws; category and explanation are then not applicable (null). */
  cleanControl: boolean;
  components: {
    detection: number;
    precision: number;
    category: number | null;
    explanation: number | null;
  };
  /** Weights from the configuration. */
  weights: ScoringWeights;
  /** Weights actually applied (clean control: category + explanation moved to precision). */
  effectiveWeights: ScoringWeights;
  hints: { costPerHint: number; taken: number; flawIds: string[]; penalty: number };
  calibration: { brier: number | null };
  signal: {
    /** Matched flaws (a 'partly' verdict counts half). */
    hits: number;
    flaws: number;
    hitRate: number | null;
    falseAlarmLines: number;
    nonFlawLines: number;
    falseAlarmRate: number | null;
    dPrime: number;
  };
  flaws: FlawResult[];
  findings: FindingResult[];
  falsePositives: string[];
  unseededFinds: string[];
  /** Override keys that name no finding of this attempt (ignored). */
  unknownOverrideIds: string[];
}

// ---------------------------------------------------------------------------------------------
// Lines and spans

/**
 * 1-based inclusive lines touched by a half-open character span: the line of its first
 * character to the line of its last. A span ending right after a newline does not include the
 * next line; an empty span (a deletion) touches the line it sits on; positions after a final
 * newline count as the last line.
 */
export function spanToLines(text: string, span: Span): LineRange {
  const start = Math.max(0, Math.min(span.start, text.length));
  const end = Math.max(start, Math.min(span.end, text.length));
  return spanLines(text, { start, end });
}

/**
 * Half-open span covering whole lines `from`..`to` (1-based, inclusive), including the newline
 * that ends line `to` if there is one, so that spanToLines(text, linesToSpan(text, r)) is r.
 * Lines are clamped to the text.
 */
export function linesToSpan(text: string, lines: LineRange): Span {
  const count = Math.max(1, lineCount(text));
  const from = Math.min(Math.max(1, Math.min(lines.from, lines.to)), count);
  const to = Math.min(Math.max(from, Math.max(lines.from, lines.to)), count);
  let start = 0;
  let line = 1;
  while (line < from) {
    const nl = text.indexOf("\n", start);
    if (nl === -1) break;
    start = nl + 1;
    line++;
  }
  let end = start;
  while (true) {
    const nl = text.indexOf("\n", end);
    if (nl === -1) {
      end = text.length;
      break;
    }
    end = nl + 1;
    if (line === to) break;
    line++;
  }
  return { start, end };
}

// ---------------------------------------------------------------------------------------------
// Configuration

/** Merges a partial configuration with the defaults and validates it. */
export function resolveScoringConfig(input?: ScoringConfigInput): ScoringConfig {
  const d = DEFAULT_SCORING_CONFIG;
  const config: ScoringConfig = {
    version: input?.version ?? d.version,
    weights: { ...d.weights, ...stripUndefined(input?.weights) },
    hintCost: input?.hintCost ?? d.hintCost,
  };
  const w = config.weights;
  for (const k of ["detection", "precision", "category", "explanation"] as const) {
    if (!Number.isFinite(w[k]) || w[k] < 0) {
      throw new RangeError(`scoring config: weights.${k} must be a finite number ≥ 0`);
    }
  }
  if (w.detection + w.precision + w.category + w.explanation <= 0) {
    throw new RangeError("scoring config: the weights must not all be 0");
  }
  if (!Number.isFinite(config.hintCost) || config.hintCost < 0) {
    throw new RangeError("scoring config: hintCost must be a finite number ≥ 0");
  }
  if (!Number.isFinite(config.version)) {
    throw new RangeError("scoring config: version must be a number");
  }
  return config;
}

function stripUndefined<T extends object>(o: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  if (o === undefined) return out;
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as any)[k] = v;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Matching: one-to-one, maximal total overlap

export interface AssignmentOptions {
  /** Search nodes before switching to the Hungarian algorithm (tests force the fallback). */
  nodeBudget?: number;
}

/**
 * Optimal one-to-one assignment of rows (flaws) to columns (findings) for a non-negative
 * integer weight matrix; only pairs with weight > 0 may be assigned. Maximises the total
 * weight; among optimal assignments, prefers row 0 assigned to the lowest column possible
 * (assigned before unassigned), then row 1, and so on. Returns the column per row, or -1.
 *
 * Exact depth-first search with a bound first (typical attempts: a handful of nodes); if the
 * search exceeds its node budget, the same answer is computed with the Hungarian algorithm
 * plus a lexicographic refinement pass.
 */
export function optimalAssignment(weights: readonly number[][], options?: AssignmentOptions): number[] {
  const n = weights.length;
  const m = n === 0 ? 0 : weights[0].length;
  const result = new Array<number>(n).fill(-1);
  if (n === 0 || m === 0) return result;

  // Candidate columns per row in ascending order, and the best weight left from row i on.
  const cand: number[][] = [];
  const suffixMax = new Array<number>(n + 1).fill(0);
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < m; j++) if (weights[i][j] > 0) row.push(j);
    cand.push(row);
  }
  for (let i = n - 1; i >= 0; i--) {
    let best = 0;
    for (const j of cand[i]) best = Math.max(best, weights[i][j]);
    suffixMax[i] = suffixMax[i + 1] + best;
  }

  const budget = options?.nodeBudget ?? 100_000;
  let nodes = 0;
  let bestTotal = -1;
  const current = new Array<number>(n).fill(-1);
  const used = new Uint8Array(m);
  let aborted = false;

  // Rows in order, columns ascending, "unassigned" last: the first assignment reaching the
  // best total is the preferred one, so only strict improvements replace it.
  const search = (i: number, total: number): void => {
    if (aborted) return;
    if (++nodes > budget) {
      aborted = true;
      return;
    }
    if (i === n) {
      if (total > bestTotal) {
        bestTotal = total;
        for (let k = 0; k < n; k++) result[k] = current[k];
      }
      return;
    }
    if (total + suffixMax[i] <= bestTotal) return;
    for (const j of cand[i]) {
      if (used[j]) continue;
      used[j] = 1;
      current[i] = j;
      search(i + 1, total + weights[i][j]);
      used[j] = 0;
      current[i] = -1;
      if (aborted) return;
    }
    search(i + 1, total);
  };
  search(0, 0);
  if (!aborted) return result;
  return hungarianLexicographic(weights, n, m);
}

/** Maximum total weight of a one-to-one assignment between the given rows and columns. */
function hungarianMax(weights: readonly number[][], rows: number[], cols: number[]): number {
  const r = rows.length;
  const c = cols.length;
  if (r === 0 || c === 0) return 0;
  // Square cost matrix (minimisation of -weight); padding cells cost 0 = "unassigned".
  const size = Math.max(r, c);
  const cost = (i: number, j: number): number =>
    i < r && j < c ? -Math.max(0, weights[rows[i]][cols[j]]) : 0;
  // Jonker-style O(n^3) Hungarian with potentials, 1-based internal indices.
  const u = new Float64Array(size + 1);
  const v = new Float64Array(size + 1);
  const p = new Int32Array(size + 1);
  const way = new Int32Array(size + 1);
  for (let i = 1; i <= size; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(size + 1).fill(Infinity);
    const usedCol = new Uint8Array(size + 1);
    do {
      usedCol[j0] = 1;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= size; j++) {
        if (usedCol[j]) continue;
        const cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= size; j++) {
        if (usedCol[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 !== 0);
  }
  let total = 0;
  for (let j = 1; j <= size; j++) total -= cost(p[j] - 1, j - 1);
  return total;
}

function hungarianLexicographic(weights: readonly number[][], n: number, m: number): number[] {
  const allRows = Array.from({ length: n }, (_, i) => i);
  const allCols = Array.from({ length: m }, (_, j) => j);
  const optimum = hungarianMax(weights, allRows, allCols);
  const result = new Array<number>(n).fill(-1);
  const freeCols = new Set(allCols);
  let fixed = 0;
  for (let i = 0; i < n; i++) {
    const laterRows = allRows.slice(i + 1);
    for (let j = 0; j < m; j++) {
      if (!freeCols.has(j) || weights[i][j] <= 0) continue;
      const rest = hungarianMax(weights, laterRows, [...freeCols].filter((c) => c !== j));
      if (fixed + weights[i][j] + rest === optimum) {
        result[i] = j;
        fixed += weights[i][j];
        freeCols.delete(j);
        break;
      }
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Statistics

// Acklam's rational approximation of the inverse standard normal CDF (|error| < 1.15e-9).
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/** Inverse of the standard normal CDF, z such that Φ(z) = p, for 0 < p < 1. */
export function inverseNormalCdf(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`inverseNormalCdf: p must be in (0, 1), got ${p}`);
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
      ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  if (p > 1 - P_LOW) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
      ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q /
    (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
}

/** d′ = z(H) − z(F) with the log-linear correction (Hautus 1995). */
export function dPrime(hits: number, signals: number, falseAlarms: number, noise: number): number {
  const h = (hits + 0.5) / (signals + 1);
  const f = (falseAlarms + 0.5) / (noise + 1);
  return inverseNormalCdf(h) - inverseNormalCdf(f);
}

function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f + (x >= 0 ? 1e-9 : -1e-9)) / f;
}

// ---------------------------------------------------------------------------------------------
// Scoring

function overlapLines(a: LineRange, from: number, to: number): number {
  return Math.max(0, Math.min(a.to, to) - Math.max(a.from, from) + 1);
}

function checkLines(what: string, r: LineRange): void {
  if (!Number.isInteger(r.from) || !Number.isInteger(r.to) || r.from < 1 || r.to < r.from) {
    throw new RangeError(`${what}: lines must be integers with 1 ≤ from ≤ to, got ${r.from}–${r.to}`);
  }
}

/** Scores one attempt against its answer key. Throws RangeError on malformed input. */
export function scoreAttempt(input: ScoreInput): ScoreBreakdown {
  const config = resolveScoringConfig(input.config);
  const { flawedText, answerKey: flaws, findings } = input;
  const overrideMap = input.overrides ?? {};
  // Own keys only: a finding id such as "constructor" must not find Object.prototype members.
  const overrideOf = (id: string): MentorOverride | undefined =>
    Object.prototype.hasOwnProperty.call(overrideMap, id) ? overrideMap[id] : undefined;
  const nF = flaws.length;
  const nG = findings.length;

  const seenIds = new Set<string>();
  for (const g of findings) {
    if (seenIds.has(g.id)) throw new RangeError(`finding id '${g.id}' is used twice`);
    seenIds.add(g.id);
    checkLines(`finding '${g.id}'`, g.lines);
    if (!(g.confidence > 0 && g.confidence <= 1)) {
      throw new RangeError(`finding '${g.id}': confidence must be in (0, 1], got ${g.confidence}`);
    }
  }
  for (const f of flaws) checkLines(`flaw '${f.id}'`, f.lines);
  for (const [id, o] of Object.entries(overrideMap)) {
    const g = o.explanationGrade;
    if (g !== undefined && !(g === 0 || g === 1 || g === 2 || g === 3)) {
      throw new RangeError(`override for '${id}': explanationGrade must be 0, 1, 2 or 3`);
    }
    if (o.verdict !== "correct" && o.verdict !== "partly" && o.verdict !== "wrong") {
      throw new RangeError(`override for '${id}': unknown verdict '${String(o.verdict)}'`);
    }
  }

  // --- matching: weight = overlap × K + 1, so more shared lines always wins and, at equal
  // overlap, more matched pairs wins (K exceeds the largest possible number of pairs).
  const K = Math.min(nF, nG) + 1;
  const weights: number[][] = [];
  const overlaps: number[][] = [];
  for (let i = 0; i < nF; i++) {
    const f = flaws[i];
    const widen = f.replacement === "" ? 1 : 0;
    const from = f.lines.from - widen;
    const to = f.lines.to + widen;
    const ov = new Array<number>(nG);
    const w = new Array<number>(nG);
    for (let j = 0; j < nG; j++) {
      ov[j] = overlapLines(findings[j].lines, from, to);
      w[j] = ov[j] > 0 ? ov[j] * K + 1 : 0;
    }
    overlaps.push(ov);
    weights.push(w);
  }
  const flawToFinding = optimalAssignment(weights);
  const findingToFlaw = new Array<number>(nG).fill(-1);
  for (let i = 0; i < nF; i++) if (flawToFinding[i] >= 0) findingToFlaw[flawToFinding[i]] = i;

  // --- per matched pair: credit, category, explanation (after overrides)
  const flawResults: FlawResult[] = [];
  const credit = new Array<number>(nF).fill(0);
  const catRight = new Array<boolean>(nF).fill(false);
  const explShare = new Array<number>(nF).fill(0);
  const counted = new Array<boolean>(nF).fill(false); // matched after overrides
  for (let i = 0; i < nF; i++) {
    const f = flaws[i];
    const j = flawToFinding[i];
    let covered: boolean[] = new Array<boolean>(f.keyPoints.length).fill(false);
    if (j >= 0) {
      const g = findings[j];
      const o = overrideOf(g.id);
      const text = g.suggestedFix ? `${g.explanation}\n${g.suggestedFix}` : g.explanation;
      covered = keyPointsCoveredByTerms(termSet(text), f.keyPoints);
      const offline = f.keyPoints.length === 0 ? 1 : covered.filter(Boolean).length / covered.length;
      if (o?.verdict === "wrong") {
        // unmatched: the flaw is missed, the finding a false positive
      } else {
        counted[i] = true;
        const graded = o?.explanationGrade !== undefined ? o.explanationGrade / 3 : undefined;
        if (o?.verdict === "partly") {
          credit[i] = 0.5;
          catRight[i] = g.category === f.category;
          explShare[i] = graded ?? offline / 2;
        } else if (o?.verdict === "correct") {
          credit[i] = 1;
          catRight[i] = true;
          explShare[i] = graded ?? offline;
        } else {
          credit[i] = 1;
          catRight[i] = g.category === f.category;
          explShare[i] = offline;
        }
      }
    }
    flawResults.push({
      flawId: f.id,
      category: f.category,
      severity: f.severity,
      lines: { from: f.lines.from, to: f.lines.to },
      deletion: f.replacement === "",
      status: !counted[i] ? "missed" : catRight[i] ? "found" : "wrong-category",
      findingId: counted[i] ? findings[j].id : null,
      overlap: counted[i] ? overlaps[i][j] : 0,
      detectionCredit: credit[i],
      keyPointsCovered: counted[i] ? covered : new Array<boolean>(f.keyPoints.length).fill(false),
      explanationScore: explShare[i],
    });
  }

  // --- per finding verdicts
  const verdicts = new Array<FindingVerdict>(nG);
  const notes = new Array<string | null>(nG).fill(null);
  for (let j = 0; j < nG; j++) {
    const o = overrideOf(findings[j].id);
    const i = findingToFlaw[j];
    if (i >= 0) {
      verdicts[j] = counted[i] ? (credit[i] === 0.5 ? "partial" : "hit") : "false-positive";
      if (o?.unseeded) notes[j] = "unseeded ignored: the finding matches a flaw of the key";
    } else if (o?.verdict === "correct" && o.unseeded === true) {
      verdicts[j] = "unseeded";
    } else {
      verdicts[j] = "false-positive";
      if (o && o.verdict !== "wrong") {
        notes[j] = `'${o.verdict}' on a finding that matches no flaw changes nothing unless it is 'correct' with unseeded: true`;
      }
    }
  }

  // --- components
  const cleanControl = nF === 0;
  let sevAll = 0;
  let sevMatched = 0;
  let hits = 0;
  let nCounted = 0;
  let nCatRight = 0;
  let explSum = 0;
  for (let i = 0; i < nF; i++) {
    sevAll += flaws[i].severity;
    sevMatched += flaws[i].severity * credit[i];
    hits += credit[i];
    if (counted[i]) {
      nCounted++;
      if (catRight[i]) nCatRight++;
      explSum += explShare[i];
    }
  }
  let confAll = 0;
  let confMatched = 0;
  let brierSum = 0;
  for (let j = 0; j < nG; j++) {
    const c = findings[j].confidence;
    confAll += c;
    const outcome = verdicts[j] === "false-positive" ? 0 : 1;
    if (outcome) confMatched += c;
    brierSum += (c - outcome) * (c - outcome);
  }
  const detection = cleanControl ? 1 : sevMatched / sevAll;
  const precision = nG === 0 ? 1 : confMatched / confAll;
  const category = cleanControl ? null : nCounted === 0 ? 0 : nCatRight / nCounted;
  const explanation = cleanControl ? null : nCounted === 0 ? 0 : explSum / nCounted;

  const w = config.weights;
  const eff: ScoringWeights = cleanControl
    ? { detection: w.detection, precision: w.precision + w.category + w.explanation, category: 0, explanation: 0 }
    : { ...w };
  const wSum = eff.detection + eff.precision + eff.category + eff.explanation;
  const raw =
    (100 *
      (eff.detection * detection +
        eff.precision * precision +
        eff.category * (category ?? 0) +
        eff.explanation * (explanation ?? 0))) /
    wSum;

  // --- hints: distinct flaw ids of this key, plus generic reviewing hints ("generic:N"), which
  // cost the same so that asking for hints never reveals how many flaws a draft has
  const keyIds = new Set(flaws.map((f) => f.id));
  const hintIds: string[] = [];
  for (const id of input.hintsTaken ?? []) {
    if ((keyIds.has(id) || /^generic:\d+$/.test(id)) && !hintIds.includes(id)) hintIds.push(id);
  }
  const penalty = config.hintCost * hintIds.length;
  const total = Math.min(100, Math.max(0, raw - penalty));

  // --- per-finding points: each component is a sum over findings, so the total splits
  const scale = 100 / wSum;
  const findingResults: FindingResult[] = [];
  for (let j = 0; j < nG; j++) {
    const g = findings[j];
    const auto = findingToFlaw[j];
    const i = verdicts[j] === "hit" || verdicts[j] === "partial" ? auto : -1;
    let pts = 0;
    if (verdicts[j] !== "false-positive") pts += (eff.precision * g.confidence) / confAll;
    if (i >= 0) {
      pts += (eff.detection * flaws[i].severity * credit[i]) / sevAll;
      pts += (eff.category * (catRight[i] ? 1 : 0)) / nCounted;
      pts += (eff.explanation * explShare[i]) / nCounted;
    }
    findingResults.push({
      findingId: g.id,
      lines: { from: g.lines.from, to: g.lines.to },
      category: g.category,
      confidence: g.confidence,
      autoFlawId: auto >= 0 ? flaws[auto].id : null,
      matchedFlawId: i >= 0 ? flaws[i].id : null,
      overlap: auto >= 0 ? overlaps[auto][j] : 0,
      autoVerdict: auto >= 0 ? "hit" : "false-positive",
      verdict: verdicts[j],
      categoryCorrect: i >= 0 ? catRight[i] : null,
      explanationScore: i >= 0 ? explShare[i] : null,
      points: round(pts * scale, 2),
      override: overrideOf(g.id) ? { ...overrideOf(g.id)! } : null,
      overrideNote: notes[j],
    });
  }

  // --- signal detection over lines
  const L = lineCount(flawedText);
  const flawLine = new Uint8Array(L + 2);
  for (const f of flaws) {
    for (let l = Math.max(1, f.lines.from); l <= Math.min(L, f.lines.to); l++) flawLine[l] = 1;
  }
  let nonFlawLines = 0;
  for (let l = 1; l <= L; l++) if (!flawLine[l]) nonFlawLines++;
  let falseAlarmLines = 0;
  for (let j = 0; j < nG; j++) {
    if (verdicts[j] !== "false-positive") continue;
    const r = findings[j].lines;
    for (let l = Math.max(1, r.from); l <= Math.min(L, r.to); l++) {
      if (flawLine[l] === 0) {
        flawLine[l] = 2; // counted once even when several false positives cover it
        falseAlarmLines++;
      }
    }
  }

  const unknownOverrideIds = Object.keys(overrideMap).filter((id) => !seenIds.has(id));

  return {
    configVersion: config.version,
    total: round(total, 1),
    totalBeforeHints: round(Math.min(100, Math.max(0, raw)), 1),
    cleanControl,
    components: { detection, precision, category, explanation },
    weights: { ...w },
    effectiveWeights: eff,
    hints: { costPerHint: config.hintCost, taken: hintIds.length, flawIds: hintIds, penalty },
    calibration: { brier: nG === 0 ? null : brierSum / nG },
    signal: {
      hits,
      flaws: nF,
      hitRate: nF === 0 ? null : hits / nF,
      falseAlarmLines,
      nonFlawLines,
      falseAlarmRate: nonFlawLines === 0 ? null : falseAlarmLines / nonFlawLines,
      dPrime: dPrime(hits, nF, falseAlarmLines, nonFlawLines),
    },
    flaws: flawResults,
    findings: findingResults,
    falsePositives: findingResults.filter((r) => r.verdict === "false-positive").map((r) => r.findingId),
    unseededFinds: findingResults.filter((r) => r.verdict === "unseeded").map((r) => r.findingId),
    unknownOverrideIds,
  };
}
