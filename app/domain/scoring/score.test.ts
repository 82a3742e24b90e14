// The score: worked examples of docs/scoring.md (diagnosis, explanation), mentor overrides,
// hints and configuration.
import { describe, expect, it } from "vitest";
import { finding, GOOD, score, Z } from "./worked-example.fixture";

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

describe("model grading (an organisation's automatic explanation grade)", () => {
  const model = (grades: Record<string, 0 | 1 | 2 | 3>, failures: Record<string, string> = {}) => ({ modelGrading: { model: "m-1", grades, failures } });

  it("the model's grade replaces the matcher's coverage as grade ÷ 3", () => {
    const s = score([GOOD.f1, GOOD.f2, GOOD.f3], model({ f1: 1, f2: 3, f3: 3 }));
    // the matcher covers everything (1, 1, 1); the model says f1 is vague: explanation =
    // (1/3 + 1 + 1)/3 = 0.7778 → total = 45 + 20 + 10 + 19.444 = 94.4
    expect(s.total).toBe(94.4);
    expect(s.flaws.map((f) => f.explanationGradedBy)).toEqual(["model", "model", "model"]);
    expect(s.modelGrading).toEqual({ model: "m-1", grades: { f1: 1, f2: 3, f3: 3 }, failures: {} });
    // the matcher's coverage stays visible beside it
    expect(s.flaws[0].keyPointsCovered).toEqual([true, true]);
  });

  it("a finding the model could not grade keeps the matcher's share, and says why", () => {
    const s = score([GOOD.f1, GOOD.f2, GOOD.f3], model({ f2: 0 }, { f1: "timeout", f3: "invalid_json" }));
    // f1 and f3: matcher (1); f2: model 0 → explanation = 2/3; f2 has the right category, so
    // it is still diagnosed → total = 45 + 20 + 10 + 16.667 = 91.7
    expect(s.total).toBe(91.7);
    expect(s.flaws.map((f) => f.explanationGradedBy)).toEqual(["matcher", "model", "matcher"]);
    expect(s.modelGrading?.failures).toEqual({ f1: "timeout", f3: "invalid_json" });
  });

  it("a mentor's grade still wins over the model's", () => {
    const s = score([GOOD.f1, GOOD.f2, GOOD.f3], { ...model({ f1: 0, f2: 3, f3: 3 }), overrides: { f1: { verdict: "correct", explanationGrade: 3 } } });
    expect(s.total).toBe(100);
    expect(s.flaws[0].explanationGradedBy).toBe("mentor");
  });

  it("a model grade of 0 is no diagnosis: the right place with the wrong category earns the location credit", () => {
    const f1 = { ...GOOD.f1, category: "hallucination" };
    // the matcher finds both key points in f1, so without the model it is diagnosed (87.5)
    expect(score([f1, GOOD.f2]).total).toBe(87.5);
    const s = score([f1, GOOD.f2], model({ f1: 0 }));
    // detection = (2 × ⅓ + 3)/6 = 0.6111; precision 1; category ½; explanation (0 + 1)/2
    // total = 27.5 + 20 + 5 + 12.5 = 65
    expect(s.flaws[0]).toMatchObject({ diagnosed: false, explanationScore: 0 });
    expect(s.total).toBe(65);
  });

  it("refuses a model grade outside 0–3", () => {
    expect(() => score([GOOD.f1], model({ f1: 5 as 3 }))).toThrow(/model grade for 'f1'/);
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
