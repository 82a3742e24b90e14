import { describe, expect, it } from "vitest";
import { createKit, decimals, grouped, round } from "./param-kit";

describe("the parameter kit", () => {
  it("draws steps exact to the step's own decimals, however large the bounds", () => {
    const seen = new Set<number>();
    for (let seed = 0; seed < 400; seed++) {
      const k = createKit(seed);
      const max = k.step(3000, 10000, 1000);
      expect(Number.isInteger(max)).toBe(true);
      seen.add(max);
      expect(Number.isInteger(k.step(6_000_000, 30_000_000, 500_000))).toBe(true);
      const rate = k.step(0.5, 3, 0.25);
      expect(String(rate)).toMatch(/^\d(\.(25|5|75))?$/);
      expect(String(k.step(0.1, 0.9, 0.1))).toMatch(/^0\.\d$/);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000]);
  });

  it("counts the decimals a number is written with", () => {
    expect([decimals(3000), decimals(0.25), decimals(-1.5), decimals(1e-7), decimals(2.5e-3)]).toEqual([0, 2, 1, 7, 4]);
  });
});

describe("grouped", () => {
  it("groups thousands with commas, with fixed decimals and the sign of a non-zero result", () => {
    expect(grouped(1234567.8, 2)).toBe("1,234,567.80");
    expect(grouped(-1234.5)).toBe("-1,235");
    expect(grouped(-0.001, 2)).toBe("0.00");
    expect(grouped(999)).toBe("999");
    expect(grouped(1000)).toBe("1,000");
    expect(grouped(100000)).toBe("100,000");
    // Every size of number agrees with grouping by the usual pattern.
    for (let digits = 1; digits <= 16; digits++) {
      for (const lead of [1, 5, 9]) {
        const x = lead * 10 ** (digits - 1) + 7;
        const byPattern = String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
        expect(grouped(x)).toBe(byPattern);
        expect(grouped(-x)).toBe(`-${byPattern}`);
      }
    }
  });
});

describe("round", () => {
  it("rounds half away from zero despite binary fractions, and leaves large whole amounts whole", () => {
    expect(round(1.005, 2)).toBe(1.01);
    expect(round(-2.5)).toBe(-3);
    expect(round(2.675, 2)).toBe(2.68);
    // The nudge against binary error once grew with the amount: 5,000,000 came out as 5,000,000.01.
    expect(round(5_000_000, 2)).toBe(5_000_000);
    expect(round(595_535_600, 2)).toBe(595_535_600);
    expect(round(12_345_678.994, 2)).toBe(12_345_678.99);
    expect(grouped(12345678901, 1)).toBe("12,345,678,901.0");
  });
});
