// Matching findings to flaws: overlap first, then more pairs, then the index tie-break;
// deletions widened by a line; the exact search and the Hungarian fallback agree.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { optimalAssignment, scoreAttempt } from "./index";
import { finding, flaw, score, TEXT, Z } from "./worked-example.fixture";

describe("matching findings to flaws", () => {
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
