import { describe, expect, it } from "vitest";
import { createKit, decimals } from "./param-kit";

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
