import { describe, expect, it } from "vitest";
import type { AnswerKeyEntry } from "../types";
import { changeDistribution, describeScoreChange, formatDistribution, sameGrade } from "./changes";
import { scoreAttempt } from "./index";

const TEXT = Array.from({ length: 10 }, (_, i) => `line ${i + 1}`).join("\n");
const FLAW: AnswerKeyEntry = {
  id: "a", category: "off-by-one", severity: 2, span: { start: 14, end: 20 }, lines: { from: 3, to: 3 }, cleanSpan: { start: 0, end: 0 },
  original: "x", replacement: "line 3", explanation: "", keyPoints: [{ text: "one extra", phrases: ["one extra"] }], origin: { kind: "site", siteId: "a", variant: 0 },
};

describe("describeScoreChange", () => {
  it("names the component that moved, by how much, and the rule that moved it", () => {
    const findings = [
      { id: "f1", lines: { from: 3, to: 3 }, category: "off-by-one", explanation: "It runs one extra time.", confidence: 1 },
      { id: "f2", lines: { from: 7, to: 7 }, category: "style", explanation: "Odd name.", confidence: 1 },
    ];
    const v2 = scoreAttempt({ flawedText: TEXT, answerKey: [FLAW], findings });
    const v1like = { ...v2, components: { ...v2.components, precision: 0.5 }, total: 90 };
    // one certain false alarm: precision 50 % under both rules (1 − 0.5 × 1²), nothing to explain
    expect(describeScoreChange(v1like, v2)).toEqual([]);
    // a hedged one costs less now
    const hedged = scoreAttempt({ flawedText: TEXT, answerKey: [FLAW], findings: [findings[0], { ...findings[1], confidence: 0.5 }] });
    const [why] = describeScoreChange(v1like, hedged);
    expect(why).toBe("precision 50 % → 88 %, +7.5 points: each false alarm now costs by its confidence (1 false alarm)");
  });
});

describe("a rescore after mentors taught the matcher", () => {
  it("says the explanation moved because of phrases mentors' grades taught", () => {
    const findings = [{ id: "f1", lines: { from: 3, to: 3 }, category: "off-by-one", explanation: "It loops once more than it should.", confidence: 1 }];
    const base = { version: "concepts:1", sets: [] };
    const before = scoreAttempt({ flawedText: TEXT, answerKey: [FLAW], findings, lexicon: base });
    const taught = { ...base, version: "concepts:1+overlay:software@1", extraPhrases: { "one extra": ["loops once more"] } };
    const after = scoreAttempt({ flawedText: TEXT, answerKey: [FLAW], findings, lexicon: taught });
    expect(after.matcherVersion).toBe("concepts:1+overlay:software@1");
    expect(describeScoreChange(before, after)).toEqual(["explanation 0 % → 100 %, +25.0 points: the matcher now uses phrases that mentors' grades taught it (accepted by an author)"]);
  });
});

describe("a rescore after a matcher correction", () => {
  const findings = [{ id: "f1", lines: { from: 3, to: 3 }, category: "off-by-one", explanation: "Use cost of sales: the loop runs one extra time.", confidence: 1 }];
  const revenue: AnswerKeyEntry = { ...FLAW, keyPoints: [{ text: "revenue", phrases: ["revenue"] }] };
  it("says the matcher now reads phrases more exactly, not that mentors taught it", () => {
    const sets = [["cogs", "cost of sales"], ["revenue", "sales"]];
    const before = { ...scoreAttempt({ flawedText: TEXT, answerKey: [revenue], findings, lexicon: { version: "concepts:1", sets } }), matcherVersion: "concepts:1" };
    // the old matcher read "sales" inside "cost of sales" as revenue; the stored breakdown says so
    const readAsRevenue = { ...before, total: before.total + 25, components: { ...before.components, explanation: 1 } };
    const after = scoreAttempt({ flawedText: TEXT, answerKey: [revenue], findings, lexicon: { version: "matcher3:concepts:1", sets } });
    expect(after.flaws[0].keyPointsCovered).toEqual([false]);
    expect(describeScoreChange(readAsRevenue, after)[0]).toMatch(/^explanation 100 % → 0 %, −25\.0 points: the matcher now reads key-point phrases more exactly/);
  });
  it("a breakdown that differs only in its version names grades the same", () => {
    const a = scoreAttempt({ flawedText: TEXT, answerKey: [FLAW], findings, lexicon: { version: "concepts:1", sets: [] } });
    const b = scoreAttempt({ flawedText: TEXT, answerKey: [FLAW], findings, lexicon: { version: "matcher3:concepts:1", sets: [] } });
    expect(sameGrade(a, b)).toBe(true);
    const moreHints = scoreAttempt({ flawedText: TEXT, answerKey: [FLAW], findings, hintsTaken: ["a"], lexicon: { version: "matcher3:concepts:1", sets: [] } });
    expect(sameGrade(a, moreHints)).toBe(false);
    const otherWords = scoreAttempt({ flawedText: TEXT, answerKey: [FLAW], findings: [{ ...findings[0], explanation: "Odd." }], lexicon: { version: "matcher3:concepts:1", sets: [] } });
    expect(sameGrade(a, otherWords)).toBe(false);
  });
});

describe("changeDistribution", () => {
  // Seven rescored attempts, before → after.
  const changes = [
    { before: 80, after: 45 }, // −35: more than 30, falls below the pass mark
    { before: 72.5, after: 60.5 }, // −12: 5.1–15, falls below
    { before: 75, after: 70 }, // −5: 0.1–5, still passes (70 passes)
    { before: 50, after: 50 }, // unchanged
    { before: 33.3, after: 33.3 }, // unchanged
    { before: 65, after: 70.1 }, // +5.1: 5.1–15, now passes
    { before: 10, after: 26 }, // +16: 15.1–30
  ];

  it("counts directions and sizes of change, with mean and median", () => {
    const d = changeDistribution(changes);
    expect(d).toMatchObject({ count: 7, unchanged: 2, up: 2, down: 3, min: -35, max: 16, median: 0 });
    // (−35 − 12 − 5 + 0 + 0 + 5.1 + 16) / 7 = −30.9 / 7
    expect(d.mean).toBeCloseTo(-30.9 / 7, 10);
    expect(d.bands.map((b) => `${b.direction} ${b.label}: ${b.count}`)).toEqual([
      "down > 30: 1", "down 15.1–30: 0", "down 5.1–15: 1", "down 0.1–5: 1",
      "up 0.1–5: 0", "up 5.1–15: 1", "up 15.1–30: 1", "up > 30: 0",
    ]);
  });

  it("counts the attempts that cross the pass mark each way", () => {
    expect(changeDistribution(changes)).toMatchObject({ passMark: 70, nowFail: 2, nowPass: 1 });
    // At a pass mark of 50, only 80 → 45 crosses (down); 10 → 26 stays below.
    expect(changeDistribution(changes, 50)).toMatchObject({ passMark: 50, nowFail: 1, nowPass: 0 });
  });

  it("reads a change of a tenth as a change and float noise as none", () => {
    const d = changeDistribution([{ before: 0.3, after: 0.1 + 0.2 }, { before: 70, after: 69.9 }]);
    expect(d).toMatchObject({ unchanged: 1, down: 1, nowFail: 1 });
    expect(d.bands.find((b) => b.direction === "down" && b.label === "0.1–5")!.count).toBe(1);
  });

  it("prints the distribution in three lines with counts and shares", () => {
    expect(formatDistribution(changeDistribution(changes))).toEqual([
      "7 attempts: unchanged 2 (28.6 %), up 2 (28.6 %), down 3 (42.9 %); change mean −4.41, median ±0.0, range −35.0 … +16.0",
      "by size (points): down 0.1–5 1, 5.1–15 1, 15.1–30 0, > 30 1; up 0.1–5 0, 5.1–15 1, 15.1–30 1, > 30 0",
      "pass mark 70: 2 (28.6 %) now below it, 1 (14.3 %) now at or above it",
    ]);
    expect(formatDistribution(changeDistribution([]))[0]).toBe("0 attempts: unchanged 0 (0.0 %), up 0 (0.0 %), down 0 (0.0 %); change mean ±0.00, median ±0.0, range ±0.0 … ±0.0");
  });
});

describe("a rescore after the organisation's model graded the explanations", () => {
  it("names the model that graded them", () => {
    const findings = [{ id: "f1", lines: { from: 3, to: 3 }, category: "off-by-one", explanation: "It runs one extra time.", confidence: 1 }];
    const matcher = scoreAttempt({ flawedText: TEXT, answerKey: [FLAW], findings });
    const model = scoreAttempt({ flawedText: TEXT, answerKey: [FLAW], findings, modelGrading: { model: "grader-1", grades: { f1: 1 }, failures: {} } });
    // explanation 100 % → 33 %: 25 × ⅔ = 16.7 points
    expect(describeScoreChange(matcher, model)).toEqual(["explanation 100 % → 33 %, −16.7 points: your explanations were graded by the model grader-1, your organisation's automatic explanation grade"]);
  });
});
