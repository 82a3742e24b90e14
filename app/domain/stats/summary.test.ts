import { describe, expect, it } from "vitest";
import { mean, median, quantile, ratio } from "./summary";

describe("order statistics", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNull();
  });

  it("interpolates quantiles between neighbours and does not reorder the input", () => {
    const xs = [10, 40, 20, 30];
    // sorted 10 20 30 40; p99 position 3·0.99 = 2.97 ⇒ 30 + 0.97·10 = 39.7
    expect(quantile(xs, 0.99)).toBeCloseTo(39.7, 10);
    expect(quantile(xs, 0)).toBe(10);
    expect(quantile(xs, 1)).toBe(40);
    expect(xs).toEqual([10, 40, 20, 30]);
    expect(() => quantile(xs, 1.5)).toThrow(RangeError);
  });

  it("means and ratios treat empty input as unknown", () => {
    expect(mean([1, 2, 6])).toBe(3);
    expect(mean([])).toBeNull();
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(0, 0)).toBeNull();
  });
});
