// Signal detection: hit rate, false-alarm lines and rate, d′ and Brier.
import { describe, expect, it } from "vitest";
import { dPrime, inverseNormalCdf } from "./index";
import { finding, GOOD, score, Z } from "./worked-example.fixture";

describe("signal detection and calibration", () => {
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
