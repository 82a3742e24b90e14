import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AnswerKeyEntry, Finding, KeyPoint, Severity } from "../types";
import {
  dPrime,
  inverseNormalCdf,
  lineCount,
  linesToSpan,
  optimalAssignment,
  scoreAttempt,
  spanToLines,
  type ScoreInput,
} from "./index";

// ------------------------------------------------------------------------------------------
// Fixture: a 20-line draft with three flaws (the same as the worked examples in
// docs/scoring.md).
//   a  off-by-one     severity 2  line 3       replacement (not a deletion)
//   b  hallucination  severity 3  lines 8–9
//   c  missing-check  severity 1  line 15      deletion (matches lines 14–16)
// Σ severity = 6. Flaw lines 3, 8, 9, 15 → non-flaw lines = 20 − 4 = 16.

const TEXT = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join("\n") + "\n";

const kp = (text: string, ...phrases: string[]): KeyPoint => ({ text, phrases });

function flaw(
  id: string,
  category: string,
  severity: Severity,
  from: number,
  to: number,
  replacement: string,
  keyPoints: KeyPoint[],
): AnswerKeyEntry {
  const span = linesToSpan(TEXT, { from, to });
  return {
    id,
    category,
    severity,
    span: replacement === "" ? { start: span.start, end: span.start } : span,
    lines: { from, to },
    cleanSpan: { start: 0, end: 0 },
    original: "x",
    replacement,
    explanation: "model explanation",
    keyPoints,
    origin: { kind: "site", siteId: id, variant: 0 },
  };
}

const KEY: AnswerKeyEntry[] = [
  flaw("a", "off-by-one", 2, 3, 3, "i <= n", [
    kp("One iteration too many", "one extra", "one too many", "off by one"),
    kp("Exceeds the budget", "budget", "exceeds"),
  ]),
  flaw("b", "hallucination", 3, 8, 9, "api.retryAll()", [
    kp("The API does not exist", "does not exist", "invented", "no such method"),
  ]),
  flaw("c", "missing-check", 1, 15, 15, "", [
    kp("Names the missing check", "null check", "missing check"),
    kp("Consequence", "crash", "throws"),
  ]),
];

function finding(
  id: string,
  from: number,
  to: number,
  category: string,
  confidence: number,
  explanation: string,
  suggestedFix?: string,
): Finding {
  return { id, lines: { from, to }, category, confidence, explanation, suggestedFix };
}

const GOOD = {
  f1: finding("f1", 3, 3, "off-by-one", 1.0, "The loop makes one extra call, which exceeds the retry budget."),
  f2: finding("f2", 8, 9, "hallucination", 0.9, "fetchJson.retryAll does not exist in the library; it is invented."),
  f3: finding("f3", 15, 15, "missing-check", 0.8, "The null check was removed, so an empty response will crash the parser."),
};

const score = (findings: Finding[], extra: Partial<ScoreInput> = {}) =>
  scoreAttempt({ flawedText: TEXT, answerKey: KEY, findings, ...extra });

// z-values used below (Acklam's approximation agrees with these to < 1e-8):
const Z = {
  p875: 1.1503493803760079, // z(3.5/4)
  p125: -1.1503493803760079, // z(0.5/4)
  p375: -0.31863936396437514, // z(1.5/4)
  p75: 0.6744897501960817, // z(3/4)
  f0of16: -1.8895099603334302, // z(0.5/17)
  f1of16: -1.3517022399306613, // z(1.5/17)
  f4of16: -0.6289042176321901, // z(4.5/17)
  f0of10: -1.6906216295848977, // z(0.5/11)
  f2of10: -0.7478585947633021, // z(2.5/11)
};

// ------------------------------------------------------------------------------------------

describe("scoreAttempt — worked examples", () => {
  it("perfect attempt scores 100", () => {
    const s = score([GOOD.f1, GOOD.f2, GOOD.f3]);
    // detection   = (2+3+1)/6 = 1
    // precision   = (1.0+0.9+0.8)/(1.0+0.9+0.8) = 1
    // category    = 3/3 = 1
    // explanation = mean(2/2, 1/1, 2/2) = 1
    // total       = 100 × (45·1 + 20·1 + 10·1 + 25·1)/100 = 100
    expect(s.total).toBe(100);
    expect(s.components).toEqual({ detection: 1, precision: 1, category: 1, explanation: 1 });
    expect(s.flaws.map((f) => [f.flawId, f.status, f.findingId])).toEqual([
      ["a", "found", "f1"],
      ["b", "found", "f2"],
      ["c", "found", "f3"],
    ]);
    expect(s.flaws.map((f) => f.keyPointsCovered)).toEqual([[true, true], [true], [true, true]]);
    // Brier = ((1−1)² + (0.9−1)² + (0.8−1)²)/3 = (0 + 0.01 + 0.04)/3 = 0.0166…
    expect(s.calibration.brier).toBeCloseTo(0.05 / 3, 12);
    // H = (3+0.5)/(3+1) = 0.875; F = (0+0.5)/(16+1); d′ = 1.15035 − (−1.88951) = 3.03986
    expect(s.signal).toMatchObject({ hits: 3, flaws: 3, hitRate: 1, falseAlarmLines: 0, nonFlawLines: 16, falseAlarmRate: 0 });
    expect(s.signal.dPrime).toBeCloseTo(Z.p875 - Z.f0of16, 7);
    expect(s.signal.dPrime).toBeCloseTo(3.03986, 5);
    // points: f1 = 45·2/6 + 20·1/2.7 + 10/3 + 25/3 = 15 + 7.4074 + 3.3333 + 8.3333 = 34.07
    //         f2 = 22.5 + 6.6667 + 3.3333 + 8.3333 = 40.83; f3 = 7.5 + 5.9259 + 11.6667 = 25.09
    expect(s.findings.map((f) => f.points)).toEqual([34.07, 40.83, 25.09]);
    expect(s.falsePositives).toEqual([]);
    expect(s.configVersion).toBe(2);
    expect(s.weights).toEqual({ detection: 45, precision: 20, category: 10, explanation: 25 });
  });

  it("'no flaws' on a flawed draft earns nothing, not even precision", () => {
    const s = score([]);
    // detection 0/6 = 0; precision 0 (nothing right was flagged); category 0, explanation 0
    expect(s.total).toBe(0);
    expect(s.components).toEqual({ detection: 0, precision: 0, category: 0, explanation: 0 });
    expect(s.flaws.every((f) => f.status === "missed")).toBe(true);
    expect(s.flaws[0].keyPointsCovered).toEqual([false, false]);
    expect(s.calibration.brier).toBeNull();
    // H = 0.5/4 = 0.125, F = 0.5/17: d′ = −1.15035 + 1.88951 = 0.73916
    expect(s.signal.hitRate).toBe(0);
    expect(s.signal.dPrime).toBeCloseTo(Z.p125 - Z.f0of16, 7);
    expect(s.signal.dPrime).toBeCloseTo(0.73916, 5);
  });

  it("wrong category costs the category share only", () => {
    const f1 = { ...GOOD.f1, category: "hallucination" };
    const s = score([f1, GOOD.f2]);
    // detection = (2+3)/6 = 5/6; precision = (1+0.9)/1.9 = 1; category = 1/2; explanation = 1
    // total = 45·5/6 + 20 + 10·0.5 + 25 = 37.5 + 20 + 5 + 25 = 87.5
    expect(s.total).toBe(87.5);
    expect(s.components.detection).toBeCloseTo(5 / 6, 12);
    expect(s.components.category).toBe(0.5);
    expect(s.flaws.map((f) => f.status)).toEqual(["wrong-category", "found", "missed"]);
    expect(s.findings[0].categoryCorrect).toBe(false);
  });

  it("right place without a diagnosis earns a third of the detection credit", () => {
    const s = score([finding("f1", 3, 3, "hallucination", 1.0, "Looks odd to me.")]);
    // wrong category and no key point: credit 1/3 → detection = 2 × (1/3) / 6 = 0.1111;
    // precision 1 (a real find, no false alarm); category 0; explanation 0
    // total = 45 × 0.1111 + 20 = 5 + 20 = 25
    expect(s.total).toBe(25);
    expect(s.flaws[0]).toMatchObject({ status: "wrong-category", diagnosed: false });
    expect(s.flaws[0].detectionCredit).toBeCloseTo(1 / 3, 12);
    // the same place and category, still no key point: the category is the diagnosis → full credit
    const named = score([finding("f1", 3, 3, "off-by-one", 1.0, "Looks odd to me.")]);
    expect(named.flaws[0]).toMatchObject({ detectionCredit: 1, diagnosed: true });
    // wrong category but a key point stated: full credit
    const explained = score([finding("f1", 3, 3, "hallucination", 1.0, "It runs one extra time.")]);
    expect(explained.flaws[0]).toMatchObject({ detectionCredit: 1, diagnosed: true });
  });

  it("right spot, poor explanation", () => {
    const s = score([
      { ...GOOD.f1, explanation: "This looks wrong here, there is one bug." },
      { ...GOOD.f2, explanation: "The method is invented." },
      { ...GOOD.f3, explanation: "Null check gone." },
    ]);
    // coverage: a 0/2 ("one" alone ≠ "one extra"), b 1/1, c 1/2 ("crash"/"throws" absent)
    // explanation = (0 + 1 + 0.5)/3 = 0.5
    // total = 45 + 20 + 10 + 25·0.5 = 87.5
    expect(s.flaws.map((f) => f.keyPointsCovered)).toEqual([[false, false], [true], [true, false]]);
    expect(s.flaws.map((f) => f.explanationScore)).toEqual([0, 1, 0.5]);
    expect(s.components.explanation).toBe(0.5);
    expect(s.total).toBe(87.5);
  });

  it("the suggested fix counts toward the explanation", () => {
    const s = score([{ ...GOOD.f3, explanation: "Null check gone.", suggestedFix: "Restore it, otherwise it throws." }]);
    expect(s.flaws[2].keyPointsCovered).toEqual([true, true]);
  });

  it("one finding over two flaws matches the one it overlaps most", () => {
    // g1 lines 3–9: overlap with a = 1 (line 3), with b = 2 (lines 8–9) → matches b; a missed
    const g1 = finding("g1", 3, 9, "hallucination", 0.8, "This call is invented.");
    const s = score([g1]);
    // detection = 3/6 = 0.5; precision = 0.8/0.8 = 1; category = 1/1; explanation = 1/1
    // total = 45·0.5 + 20 + 10 + 25 = 77.5
    expect(s.findings[0]).toMatchObject({ matchedFlawId: "b", overlap: 2, verdict: "hit" });
    expect(s.flaws.map((f) => f.status)).toEqual(["missed", "found", "missed"]);
    expect(s.total).toBe(77.5);
    // the finding is matched, so its lines 4–7 are not false alarms
    expect(s.signal.falseAlarmLines).toBe(0);
    // H = 1.5/4, F = 0.5/17: d′ = −0.31864 + 1.88951 = 1.57087
    expect(s.signal.dPrime).toBeCloseTo(Z.p375 - Z.f0of16, 7);
  });

  it("equal overlap with two flaws: the lower flaw index wins", () => {
    // lines 3–8: overlap a = 1, b = 1
    const s = score([finding("g1", 3, 8, "off-by-one", 1, "one extra")]);
    expect(s.findings[0].matchedFlawId).toBe("a");
  });

  it("two findings on one flaw: the larger overlap matches, the other is a false positive", () => {
    const h1 = finding("h1", 8, 8, "hallucination", 0.6, "Invented call.");
    const h2 = finding("h2", 8, 9, "hallucination", 1.0, "Invented call.");
    const s = score([h1, h2]);
    // h1 overlaps b by 1, h2 by 2 → h2 matches b; h1 is a false positive
    // detection = 3/6 = 0.5; h1 costs 0.5 × 0.6² = 0.18 → precision 0.82; category 1; explanation 1
    // total = 22.5 + 20·0.82 + 10 + 25 = 22.5 + 16.4 + 35 = 73.9
    expect(s.total).toBe(73.9);
    expect(s.components.precision).toBeCloseTo(0.82, 12);
    expect(s.falsePositives).toEqual(["h1"]);
    // Brier = ((0.6−0)² + (1−1)²)/2 = 0.18
    expect(s.calibration.brier).toBeCloseTo(0.18, 12);
    // h1 covers line 8, a flaw line: no false-alarm line
    expect(s.signal.falseAlarmLines).toBe(0);
    // points: h1 = −20 × 0.18 = −3.6; h2 = 22.5 + 20 + 10 + 25 = 77.5 (sum 73.9)
    expect(s.findings.map((f) => f.points)).toEqual([-3.6, 77.5]);
  });

  it("two findings with the same overlap: the lower finding index wins", () => {
    const s = score([
      finding("x1", 8, 9, "hallucination", 0.5, "invented"),
      finding("x2", 8, 9, "hallucination", 1, "invented"),
    ]);
    expect(s.flaws[1].findingId).toBe("x1");
    expect(s.falsePositives).toEqual(["x2"]);
  });

  it("maximises the total overlap, then the number of matched flaws", () => {
    // P overlaps a (line 3) and b (lines 8–9) → alone it would take b; Q overlaps b by 1.
    // {P–a, Q–b}: 1 + 1 = 2 shared lines, 2 pairs; {P–b}: 2 lines, 1 pair → both matched.
    const s = score([
      finding("P", 3, 9, "off-by-one", 1, "one extra"),
      finding("Q", 9, 9, "hallucination", 1, "invented"),
    ]);
    expect(s.flaws.map((f) => f.findingId)).toEqual(["P", "Q", null]);
    // P over 2–9 shares 1 line with a and 2 with b; Q shares 1 with a → {P–b, Q–a} = 3 lines
    const t = score([
      finding("P", 2, 9, "hallucination", 1, "invented"),
      finding("Q", 3, 3, "off-by-one", 1, "one extra"),
    ]);
    expect(t.flaws.map((f) => f.findingId)).toEqual(["Q", "P", null]);
  });

  it("at equal shared lines, more matched flaws win over the index tie-break", () => {
    // X lines 1–2, Y line 3; P lines 1–3 shares 2 with X and 1 with Y; Q line 2 shares 1 with X.
    // {X–P} = 2 lines (1 pair); {X–Q, Y–P} = 1 + 1 = 2 lines (2 pairs) → both flaws found.
    const key = [flaw("X", "off-by-one", 2, 1, 2, "x", []), flaw("Y", "off-by-one", 2, 3, 3, "y", [])];
    const s = scoreAttempt({
      flawedText: TEXT,
      answerKey: key,
      findings: [finding("P", 1, 3, "off-by-one", 1, ""), finding("Q", 2, 2, "off-by-one", 1, "")],
    });
    expect(s.flaws.map((f) => f.findingId)).toEqual(["Q", "P"]);
  });

  it("more shared lines beat more matched flaws", () => {
    // X lines 1–3, Y line 4; P lines 1–4 shares 3 with X and 1 with Y; Q line 3 shares 1 with X.
    // {X–P} = 3 lines (1 pair) beats {X–Q, Y–P} = 2 lines (2 pairs): Y is missed.
    const key = [
      flaw("X", "off-by-one", 2, 1, 3, "x", []),
      flaw("Y", "off-by-one", 2, 4, 4, "y", []),
    ];
    const s = scoreAttempt({
      flawedText: TEXT,
      answerKey: key,
      findings: [finding("P", 1, 4, "off-by-one", 1, ""), finding("Q", 3, 3, "off-by-one", 1, "")],
    });
    expect(s.flaws.map((f) => f.findingId)).toEqual(["P", null]);
    expect(s.falsePositives).toEqual(["Q"]);
    // a flaw without key points gives full explanation credit
    expect(s.flaws[0].explanationScore).toBe(1);
  });

  it("deletion flaws match ±1 line; other flaws get no tolerance", () => {
    // c (deletion at line 15) matches findings on 14, 15 or 16 — not 13 or 17
    for (const [line, matched] of [[13, false], [14, true], [15, true], [16, true], [17, false]] as const) {
      const s = score([finding("d", line, line, "missing-check", 1, "null check removed; crash")]);
      expect(s.flaws[2].status, `line ${line}`).toBe(matched ? "found" : "missed");
    }
    // a (line 3, not a deletion): lines 2 and 4 do not match
    for (const line of [2, 4]) {
      expect(score([finding("d", line, line, "off-by-one", 1, "one extra")]).flaws[0].status).toBe("missed");
    }
  });

  it("deletion flaw worked example", () => {
    const s = score([finding("d1", 16, 16, "missing-check", 1, "The null check was removed, it will crash.")]);
    // overlap with c widened to 14–16: 1 line → matched
    // detection = 1/6; precision 1; category 1; explanation 2/2 = 1
    // total = 45/6 + 20 + 10 + 25 = 7.5 + 55 = 62.5
    expect(s.total).toBe(62.5);
    expect(s.flaws[2]).toMatchObject({ status: "found", overlap: 1, deletion: true });
    // line 16 is outside the flaw's own lines but the finding matched: no false alarm
    expect(s.signal.falseAlarmLines).toBe(0);
  });

  it("d′, false-alarm rate and Brier with false positives", () => {
    const s = score([
      GOOD.f1,
      finding("fp1", 10, 12, "style", 0.7, "naming"),
      finding("fp2", 11, 13, "style", 0.5, "naming"),
    ]);
    // false-alarm lines: union of 10–12 and 11–13 = 10..13 = 4 lines (none are flaw lines)
    // falseAlarmRate = 4/16 = 0.25; hitRate = 1/3
    // H = (1+0.5)/4 = 0.375 → z = −0.318639; F = (4+0.5)/17 = 0.264706 → z = −0.628904
    // d′ = −0.318639 + 0.628904 = 0.310265
    // Brier = ((1−1)² + 0.7² + 0.5²)/3 = (0.49 + 0.25)/3 = 0.246667
    expect(s.signal.falseAlarmLines).toBe(4);
    expect(s.signal.falseAlarmRate).toBe(0.25);
    expect(s.signal.hitRate).toBeCloseTo(1 / 3, 12);
    expect(s.signal.dPrime).toBeCloseTo(Z.p375 - Z.f4of16, 7);
    expect(s.signal.dPrime).toBeCloseTo(0.310265, 5);
    expect(s.calibration.brier).toBeCloseTo(0.74 / 3, 12);
    // false-alarm cost = 0.5 × (0.7² + 0.5²) = 0.245 + 0.125 = 0.37 → precision 0.63; detection 2/6
    // total = 45/3 + 20 × 0.63 + 10 + 25 = 15 + 12.6 + 35 = 62.6
    expect(s.total).toBe(62.6);
    expect(s.findings.map((f) => Number(f.falseAlarmCost.toFixed(6)))).toEqual([0, 0.245, 0.125]);
    expect(s.falsePositives).toEqual(["fp1", "fp2"]);
  });
});

describe("clean control (no flaws)", () => {
  const CLEAN = Array.from({ length: 10 }, (_, i) => `ok ${i + 1}`).join("\n");
  const clean = (findings: Finding[]) => scoreAttempt({ flawedText: CLEAN, answerKey: [], findings });

  it("unflagged scores 100", () => {
    const s = clean([]);
    // detection 1 (no flaws), precision 1 (no findings); weights 45 / (20+10+25) = 45 / 55
    expect(s.total).toBe(100);
    expect(s.cleanControl).toBe(true);
    expect(s.components).toEqual({ detection: 1, precision: 1, category: null, explanation: null });
    expect(s.effectiveWeights).toEqual({ detection: 45, precision: 55, category: 0, explanation: 0 });
    // H = 0.5/1 → z = 0; F = 0.5/11 → z = −1.690622: d′ = 1.690622
    expect(s.signal.hitRate).toBeNull();
    expect(s.signal.dPrime).toBeCloseTo(-Z.f0of10, 7);
  });

  it("one hedged note costs little; confident false alarms cost most", () => {
    const note = (id: string, from: number, c: number) => finding(id, from, from, "style", c, "maybe unclear");
    // one note at 0.5: cost 0.5 × 0.25 = 0.125 → 45 + 55 × 0.875 = 93.125 → 93.1 (goal ≥ 85)
    expect(clean([note("n1", 2, 0.5)]).total).toBe(93.1);
    // three at 0.7: cost 3 × 0.245 = 0.735 → 45 + 55 × 0.265 = 59.575 → 59.6 (goal ≤ 60)
    expect(clean([note("n1", 2, 0.7), note("n2", 4, 0.7), note("n3", 6, 0.7)]).total).toBe(59.6);
    // three at 1.0: cost 3 × 0.5 = 1.5, capped at 1 (each 1/3) → 45
    const three = clean([note("n1", 2, 1), note("n2", 4, 1), note("n3", 6, 1)]);
    expect(three.total).toBe(45);
    expect(three.findings.map((f) => f.points)).toEqual([-18.33, -18.33, -18.33]);
  });

  it("a confident false alarm costs more than a hedged one", () => {
    const s = clean([finding("n1", 2, 3, "hallucination", 0.9, "looks invented")]);
    // cost 0.5 × 0.81 = 0.405 → precision 0.595 → 45 + 55 × 0.595 = 77.725 → 77.7
    expect(s.total).toBe(77.7);
    expect(s.components.precision).toBeCloseTo(0.595, 12);
    expect(s.falsePositives).toEqual(["n1"]);
    // Brier = 0.9² = 0.81; false alarms 2 of 10 lines; d′ = 0 − z(2.5/11) = 0.747859
    expect(s.calibration.brier).toBeCloseTo(0.81, 12);
    expect(s.signal.falseAlarmRate).toBe(0.2);
    expect(s.signal.dPrime).toBeCloseTo(-Z.f2of10, 7);
  });
});

describe("mentor overrides", () => {
  it("'wrong' on a matched finding: flaw missed, finding a false positive", () => {
    const s = score([GOOD.f1, GOOD.f2, GOOD.f3], { overrides: { f2: { verdict: "wrong" } } });
    // detection = (2+1)/6 = 0.5; f2 is a false alarm at 0.9: cost 0.405 → precision 0.595;
    // category 2/2; explanation 1 → total = 22.5 + 11.9 + 10 + 25 = 69.4
    expect(s.total).toBe(69.4);
    expect(s.flaws[1]).toMatchObject({ status: "missed", findingId: null, detectionCredit: 0 });
    expect(s.findings[1]).toMatchObject({ autoVerdict: "hit", verdict: "false-positive", autoFlawId: "b", matchedFlawId: null, points: -8.1 });
    expect(s.falsePositives).toEqual(["f2"]);
    // Brier = (0 + 0.9² + 0.2²)/3 = 0.85/3 = 0.283333
    expect(s.calibration.brier).toBeCloseTo(0.85 / 3, 12);
  });

  it("'correct' on a matched finding: category right; grade replaces coverage", () => {
    const f1 = { ...GOOD.f1, category: "hallucination" };
    const s = score([f1, GOOD.f2], { overrides: { f1: { verdict: "correct", explanationGrade: 1 } } });
    // detection = 5/6; precision 1; category = 2/2 = 1; explanation = (1/3 + 1)/2 = 0.6667
    // total = 37.5 + 20 + 10 + 16.6667 = 84.1667 → 84.2
    expect(s.total).toBe(84.2);
    expect(s.flaws[0].status).toBe("found");
    expect(s.flaws[0].explanationScore).toBeCloseTo(1 / 3, 12);
    // without a grade the offline coverage stays (2/2): 37.5 + 20 + 10 + 25 = 92.5
    expect(score([f1, GOOD.f2], { overrides: { f1: { verdict: "correct" } } }).total).toBe(92.5);
  });

  it("categoryRight: the mentor judges the category apart from the verdict", () => {
    const f1 = { ...GOOD.f1, category: "hallucination" };
    // 'correct' with the category marked wrong: full detection credit, category 1/2
    // total = 37.5 + 20 + 5 + 25 = 87.5 (92.5 when 'correct' alone counts the category right)
    const wrongCat = score([f1, GOOD.f2], { overrides: { f1: { verdict: "correct", categoryRight: false } } });
    expect(wrongCat.total).toBe(87.5);
    expect(wrongCat.flaws[0]).toMatchObject({ status: "wrong-category", detectionCredit: 1 });
    expect(wrongCat.findings[0].categoryCorrect).toBe(false);
    // 'partly' with a wrong category set right by the mentor: category 2/2
    // detection = (2·0.5 + 3)/6 = 4/6; explanation = (1/2 + 1)/2 → 30 + 20 + 10 + 18.75 = 78.75
    const rightCat = score([f1, GOOD.f2], { overrides: { f1: { verdict: "partly", categoryRight: true } } });
    expect(rightCat.flaws[0].status).toBe("found");
    expect(rightCat.components.category).toBe(1);
    expect(score([f1, GOOD.f2], { overrides: { f1: { verdict: "partly" } } }).components.category).toBe(0.5);
  });

  it("'partly' on a matched finding: half the severity, half the coverage unless graded", () => {
    const s = score([GOOD.f1, GOOD.f2, GOOD.f3], { overrides: { f2: { verdict: "partly" } } });
    // detection = (2 + 3·0.5 + 1)/6 = 4.5/6 = 0.75; precision 1; category 3/3
    // explanation = (1 + 1/2 + 1)/3 = 0.8333
    // total = 33.75 + 20 + 10 + 20.8333 = 84.5833 → 84.6
    expect(s.total).toBe(84.6);
    expect(s.components.detection).toBe(0.75);
    expect(s.findings[1].verdict).toBe("partial");
    expect(s.flaws[1]).toMatchObject({ detectionCredit: 0.5, explanationScore: 0.5, status: "found" });
    // hits = 2.5 → H = 3/4: d′ = 0.674490 + 1.889510 = 2.564000
    expect(s.signal.hits).toBe(2.5);
    expect(s.signal.dPrime).toBeCloseTo(Z.p75 - Z.f0of16, 7);
    // graded 2: explanation = (1 + 2/3 + 1)/3 = 0.8889 → 33.75 + 20 + 10 + 22.2222 = 85.97 → 86
    const g = score([GOOD.f1, GOOD.f2, GOOD.f3], { overrides: { f2: { verdict: "partly", explanationGrade: 2 } } });
    expect(g.total).toBe(86);
  });

  it("'correct' + unseeded on an unmatched finding: counts for precision, not detection", () => {
    const u1 = finding("u1", 12, 12, "style", 0.5, "Misleading variable name.");
    const before = score([GOOD.f1, u1]);
    // detection = 2/6; u1 costs 0.5 × 0.5² = 0.125 → precision 0.875; category 1/1; explanation 1
    // total = 15 + 17.5 + 10 + 25 = 67.5; line 12 is a false-alarm line
    expect(before.total).toBe(67.5);
    expect(before.signal.falseAlarmLines).toBe(1);
    expect(before.signal.dPrime).toBeCloseTo(Z.p375 - Z.f1of16, 7);

    const after = score([GOOD.f1, u1], { overrides: { u1: { verdict: "correct", unseeded: true } } });
    // no false alarm left: precision 1 → total = 15 + 20 + 10 + 25 = 70; detection unchanged
    expect(after.total).toBe(70);
    expect(after.components.detection).toBeCloseTo(2 / 6, 12);
    expect(after.unseededFinds).toEqual(["u1"]);
    expect(after.falsePositives).toEqual([]);
    expect(after.signal.falseAlarmLines).toBe(0);
    expect(after.findings[1]).toMatchObject({ verdict: "unseeded", matchedFlawId: null, categoryCorrect: null });
    // Brier outcome 1 for the unseeded find: (0 + 0.5²)/2 = 0.125
    expect(after.calibration.brier).toBeCloseTo(0.125, 12);
  });

  it("overrides that cannot apply change nothing and say why", () => {
    const u1 = finding("u1", 12, 12, "style", 0.5, "x");
    const s = score([GOOD.f1, u1], {
      overrides: { u1: { verdict: "correct" }, f1: { verdict: "correct", unseeded: true }, nope: { verdict: "wrong" } },
    });
    expect(s.total).toBe(67.5);
    expect(s.findings[1].overrideNote).toMatch(/unseeded: true/);
    expect(s.findings[0].overrideNote).toMatch(/unseeded ignored/);
    expect(s.unknownOverrideIds).toEqual(["nope"]);
  });
});

describe("hints and configuration", () => {
  it("subtracts the hint cost per distinct hinted flaw of the key", () => {
    const s = score([GOOD.f1, GOOD.f2, GOOD.f3], { hintsTaken: ["a", "b", "a", "zzz"] });
    // 2 distinct known flaws × 5 = 10 → 100 − 10 = 90
    expect(s.total).toBe(90);
    expect(s.totalBeforeHints).toBe(100);
    expect(s.hints).toEqual({ costPerHint: 5, taken: 2, flawIds: ["a", "b"], penalty: 10 });
  });

  it("charges generic hints like flaw hints, so a clean control's hints cost the same", () => {
    const s = score([], { hintsTaken: ["generic:1", "generic:1", "generic:2", "generic:x"] });
    expect(s.hints).toEqual({ costPerHint: 5, taken: 2, flawIds: ["generic:1", "generic:2"], penalty: 10 });
  });

  it("uses configured weights, hint cost and version; clamps at 0", () => {
    const s = score([GOOD.f1, GOOD.f2, GOOD.f3], { hintsTaken: ["c"], config: { version: 3, hintCost: 7.5 } });
    expect(s.total).toBe(92.5);
    expect(s.configVersion).toBe(3);
    // empty attempt = 20, three hints × 10 = 30 → clamped to 0
    expect(score([], { hintsTaken: ["a", "b", "c"], config: { hintCost: 10 } }).total).toBe(0);
    // detection only: the perfect-minus-b attempt scores its detection, (2+1)/6 = 50
    const d = score([GOOD.f1, GOOD.f3], { config: { weights: { precision: 0, category: 0, explanation: 0 } } });
    expect(d.total).toBe(50);
    expect(d.weights).toEqual({ detection: 45, precision: 0, category: 0, explanation: 0 });
  });

  it("rejects bad configuration and input", () => {
    expect(() => score([], { config: { weights: { detection: -1 } } })).toThrow(RangeError);
    expect(() => score([], { config: { weights: { detection: 0, precision: 0, category: 0, explanation: 0 } } })).toThrow(/all be 0/);
    expect(() => score([GOOD.f1, GOOD.f1])).toThrow(/used twice/);
    expect(() => score([{ ...GOOD.f1, confidence: 0 }])).toThrow(/confidence/);
    expect(() => score([{ ...GOOD.f1, lines: { from: 5, to: 4 } }])).toThrow(/lines/);
    expect(() => score([GOOD.f1], { overrides: { f1: { verdict: "correct", explanationGrade: 4 as 3 } } })).toThrow(/explanationGrade/);
  });

  it("is plain serialisable data", () => {
    const s = score([GOOD.f1, finding("z", 18, 19, "style", 0.6, "?")], { overrides: { z: { verdict: "wrong" } } });
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});

describe("lines and spans", () => {
  const t = "ab\ncd\n\nef";
  it("spanToLines: 1-based inclusive, a span ending after a newline stays on its line", () => {
    expect(spanToLines(t, { start: 0, end: 2 })).toEqual({ from: 1, to: 1 });
    expect(spanToLines(t, { start: 0, end: 3 })).toEqual({ from: 1, to: 1 }); // "ab\n"
    expect(spanToLines(t, { start: 0, end: 4 })).toEqual({ from: 1, to: 2 }); // "ab\nc"
    expect(spanToLines(t, { start: 3, end: 3 })).toEqual({ from: 2, to: 2 }); // empty: deletion
    expect(spanToLines(t, { start: 6, end: 7 })).toEqual({ from: 3, to: 3 }); // the empty line
    expect(spanToLines(t, { start: 7, end: 9 })).toEqual({ from: 4, to: 4 });
    // after a final newline: still the last line
    expect(spanToLines("ab\ncd\n", { start: 6, end: 6 })).toEqual({ from: 2, to: 2 });
  });
  it("linesToSpan covers whole lines including their newline", () => {
    expect(linesToSpan(t, { from: 1, to: 1 })).toEqual({ start: 0, end: 3 });
    expect(linesToSpan(t, { from: 2, to: 3 })).toEqual({ start: 3, end: 7 });
    expect(linesToSpan(t, { from: 4, to: 4 })).toEqual({ start: 7, end: 9 });
    expect(linesToSpan(t, { from: 3, to: 99 })).toEqual({ start: 6, end: 9 });
  });
  it("lineCount ignores a final newline", () => {
    expect([lineCount(""), lineCount("a"), lineCount("a\n"), lineCount("a\nb"), lineCount("\n\n")]).toEqual([0, 1, 1, 2, 2]);
  });
  it("round-trips lines → span → lines", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("a", "b", "\n"), { minLength: 1, maxLength: 30 }), fc.nat(), fc.nat(), (chars, x, y) => {
        const text = chars.join("");
        const n = Math.max(1, lineCount(text));
        const from = 1 + (x % n);
        const to = from + (y % (n - from + 1));
        expect(spanToLines(text, linesToSpan(text, { from, to }))).toEqual({ from, to });
      }),
    );
  });
});

describe("statistics helpers", () => {
  it("inverse normal CDF (Acklam) matches reference values", () => {
    expect(inverseNormalCdf(0.5)).toBeCloseTo(0, 9);
    expect(inverseNormalCdf(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(inverseNormalCdf(0.01)).toBeCloseTo(-2.3263478740408408, 8);
    expect(inverseNormalCdf(0.999)).toBeCloseTo(3.090232306167813, 8);
    expect(() => inverseNormalCdf(1)).toThrow(RangeError);
  });
  it("dPrime uses the log-linear correction", () => {
    expect(dPrime(3, 3, 0, 16)).toBeCloseTo(Z.p875 - Z.f0of16, 8);
  });
});

describe("optimalAssignment", () => {
  it("exact search and the Hungarian fallback agree (including tie-breaks)", () => {
    const matrix = fc.integer({ min: 1, max: 6 }).chain((n) =>
      fc.integer({ min: 1, max: 6 }).chain((m) =>
        fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: m, maxLength: m }), { minLength: n, maxLength: n }),
      ),
    );
    fc.assert(
      fc.property(matrix, (w) => {
        const exact = optimalAssignment(w);
        const viaHungarian = optimalAssignment(w, { nodeBudget: 0 });
        expect(viaHungarian).toEqual(exact);
        // one-to-one, only positive pairs
        const cols = exact.filter((j) => j >= 0);
        expect(new Set(cols).size).toBe(cols.length);
        exact.forEach((j, i) => j >= 0 && expect(w[i][j]).toBeGreaterThan(0));
      }),
      { numRuns: 300 },
    );
  });

  it("finds the optimum where greedy would not", () => {
    // greedy row by row: r0→c0 (3), r1 has nothing left = 3; optimal: r0→c1 (2) + r1→c0 (2) = 4
    expect(optimalAssignment([[3, 2], [2, 0]])).toEqual([1, 0]);
    // tie 3 = 3: r0 gets the lowest column
    expect(optimalAssignment([[1, 1], [0, 2]])).toEqual([0, 1]);
    expect(optimalAssignment([[2, 2], [2, 2]])).toEqual([0, 1]);
    expect(optimalAssignment([])).toEqual([]);
    expect(optimalAssignment([[0, 0]])).toEqual([-1]);
  });
});
