// The false-alarm cost: precision is earned by something right, and each false alarm costs by
// its confidence and count (clean controls show it best).
import { describe, expect, it } from "vitest";
import type { Finding } from "../types";
import { scoreAttempt } from "./index";
import { finding, score, Z } from "./worked-example.fixture";

describe("precision needs something right", () => {
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
