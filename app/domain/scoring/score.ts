// The scoring engine: pure, deterministic, synchronous. docs/scoring.md states every rule
// implemented here, with worked examples that score.test.ts checks to the decimal.
import type { AnswerKeyEntry, LineRange } from "../types";
import { EMPTY_LEXICON } from "../text/concepts";
import { keyPointsCoveredByEvidence, ownWords } from "../text/evidence";
import { lineCount } from "../text/lines";
import { optimalAssignment } from "./assignment";
import { resolveScoringConfig, type ScoringWeights } from "./config";
import { falseAlarmCosts } from "./false-alarms";
import { dPrime } from "./signal";
import { linesToSpan } from "./spans";

import type { FindingResult, FindingVerdict, FlawResult, MentorOverride, ScoreBreakdown, ScoreInput } from "./types";

export type { FindingResult, FindingVerdict, FlawResult, FlawStatus, MentorOverride, MentorVerdict, ModelGrading, ScoreBreakdown, ScoreInput } from "./types";

// ---------------------------------------------------------------------------------------------
// Scoring

// A flaw's lines, kept per answer-key entry and reused as long as the text is the same one:
// the same string object lets the evidence caches find it without hashing the text again.
const flawLinesCache = new WeakMap<AnswerKeyEntry, { text: string; lines: string }>();

function flawLinesOf(flawedText: string, f: AnswerKeyEntry): string {
  const hit = flawLinesCache.get(f);
  if (hit !== undefined && hit.text === flawedText) return hit.lines;
  const span = linesToSpan(flawedText, f.lines);
  const lines = flawedText.slice(span.start, span.end);
  flawLinesCache.set(f, { text: flawedText, lines });
  return lines;
}

// One zeroed flag per line of the draft, reused from attempt to attempt: allocating a typed
// array per attempt cost more than the signal-detection pass that reads it. Scoring is
// synchronous, so no two attempts ever hold it at once.
let lineFlagBuffer = new Uint8Array(256);

function lineFlags(n: number): Uint8Array {
  if (lineFlagBuffer.length < n) lineFlagBuffer = new Uint8Array(Math.max(n, lineFlagBuffer.length * 2));
  lineFlagBuffer.fill(0, 0, n);
  return lineFlagBuffer;
}

function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f + (x >= 0 ? 1e-9 : -1e-9)) / f;
}

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
  for (const [id, g] of Object.entries(input.modelGrading?.grades ?? {})) {
    if (!(g === 0 || g === 1 || g === 2 || g === 3)) throw new RangeError(`model grade for '${id}' must be 0, 1, 2 or 3`);
  }
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
  const diagnosed = new Array<boolean>(nF).fill(false);
  const lexicon = input.lexicon ?? EMPTY_LEXICON;
  const modelGrading = input.modelGrading ?? null;
  const modelGradeOf = (id: string): number | undefined =>
    modelGrading && Object.prototype.hasOwnProperty.call(modelGrading.grades, id) ? modelGrading.grades[id] : undefined;
  const gradedBy = new Array<"mentor" | "model" | "matcher">(nF).fill("matcher");
  for (let i = 0; i < nF; i++) {
    const f = flaws[i];
    const j = flawToFinding[i];
    let covered: boolean[] = new Array<boolean>(f.keyPoints.length).fill(false);
    if (j >= 0) {
      const g = findings[j];
      const o = overrideOf(g.id);
      const text = g.suggestedFix ? `${g.explanation}\n${g.suggestedFix}` : g.explanation;
      if (f.keyPoints.length > 0) {
        const ctx = { flawedLines: flawLinesOf(flawedText, f), brief: input.brief, lexicon };
        covered = keyPointsCoveredByEvidence(ownWords(text, ctx), f.keyPoints, ctx);
      }
      const matcherShare = f.keyPoints.length === 0 ? 1 : covered.filter(Boolean).length / covered.length;
      // The organisation's model grade, when it has one for this finding, replaces the matcher's.
      const modelGrade = modelGradeOf(g.id);
      const offline = modelGrade !== undefined ? modelGrade / 3 : matcherShare;
      gradedBy[i] = o?.verdict !== "wrong" && o?.explanationGrade !== undefined ? "mentor" : modelGrade !== undefined ? "model" : "matcher";
      if (o?.verdict === "wrong") {
        // unmatched: the flaw is missed, the finding a false positive
      } else {
        counted[i] = true;
        const graded = o?.explanationGrade !== undefined ? o.explanationGrade / 3 : undefined;
        if (o?.verdict === "partly") {
          credit[i] = 0.5;
          catRight[i] = o.categoryRight ?? g.category === f.category;
          explShare[i] = graded ?? offline / 2;
        } else if (o?.verdict === "correct") {
          credit[i] = 1;
          catRight[i] = o.categoryRight ?? true;
          diagnosed[i] = true;
          explShare[i] = graded ?? offline;
        } else {
          catRight[i] = g.category === f.category;
          // A senior gives full credit for a diagnosis, "a little credit for location" without.
          diagnosed[i] = catRight[i] || (modelGrade !== undefined ? modelGrade > 0 : covered.some(Boolean)) || (graded ?? 0) > 0;
          credit[i] = diagnosed[i] ? 1 : config.locationCredit;
          explShare[i] = graded ?? offline;
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
      diagnosed: diagnosed[i],
      keyPointsCovered: counted[i] ? covered : new Array<boolean>(f.keyPoints.length).fill(false),
      explanationScore: explShare[i],
      explanationGradedBy: gradedBy[i],
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
  let confMatched = 0;
  let brierSum = 0;
  const faIndex: number[] = [];
  for (let j = 0; j < nG; j++) {
    const c = findings[j].confidence;
    const outcome = verdicts[j] === "false-positive" ? 0 : 1;
    if (outcome) confMatched += c;
    else faIndex.push(j);
    brierSum += (c - outcome) * (c - outcome);
  }
  // Precision is earned by what was right: a clean draft left clean, or at least one real find.
  // "No flaws" on a flawed draft earns none. False alarms then cost by confidence and count.
  const precisionBase = cleanControl || confMatched > 0 ? 1 : 0;
  const faCosts = new Array<number>(nG).fill(0);
  if (precisionBase > 0) {
    const costs = falseAlarmCosts(faIndex.map((j) => findings[j].confidence), config.falseAlarmCost);
    faIndex.forEach((j, k) => (faCosts[j] = costs[k]));
  }
  let faCostSum = 0;
  for (const c of faCosts) faCostSum += c;
  const detection = cleanControl ? 1 : sevMatched / sevAll;
  const precision = Math.max(0, precisionBase * (1 - faCostSum));
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
    if (verdicts[j] !== "false-positive") pts += (eff.precision * g.confidence) / confMatched;
    else pts -= eff.precision * faCosts[j];
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
      falseAlarmCost: faCosts[j],
      override: overrideOf(g.id) ? { ...overrideOf(g.id)! } : null,
      overrideNote: notes[j],
    });
  }

  // --- signal detection over lines
  const L = lineCount(flawedText);
  const flawLine = lineFlags(L + 2);
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
    matcherVersion: lexicon.version,
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
    modelGrading: modelGrading ? { model: modelGrading.model, grades: { ...modelGrading.grades }, failures: { ...modelGrading.failures } } : null,
  };
}

