import { describe, expect, it } from "vitest";
import { exerciseTime, simulationEnd } from "./sim-clock";

describe("the simulated cohort's clock", () => {
  it("spreads a week's exercises over its seven days, in order", () => {
    const times = [0, 1, 2, 3, 4].map((k) => exerciseTime("2026-01-05", 0, k, 5).toISOString());
    expect(times).toEqual(["2026-01-05T16:48:00.000Z", "2026-01-07T02:24:00.000Z", "2026-01-08T12:00:00.000Z", "2026-01-09T21:36:00.000Z", "2026-01-11T07:12:00.000Z"]);
  });

  it("moves a week on per simulated week, so six weeks take 42 days, not one instant", () => {
    expect(exerciseTime("2026-01-05", 3, 0, 1).toISOString()).toBe("2026-01-29T12:00:00.000Z");
    expect(exerciseTime("2026-01-05", 5, 6, 7) < simulationEnd("2026-01-05", 6)).toBe(true);
    expect(simulationEnd("2026-01-05", 6).toISOString()).toBe("2026-02-16T00:00:00.000Z");
  });

  it("refuses an exercise outside the week", () => {
    expect(() => exerciseTime("2026-01-05", 0, 5, 5)).toThrow(/exercise 5 of 5/);
  });
});
