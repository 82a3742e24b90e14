import { describe, expect, it } from "vitest";
import { computeProgress, type ScoredAttempt } from "./progress";

const attempt = (i: number, total: number, flaws: [string, boolean][]): ScoredAttempt => ({
  id: `a${i}`,
  submittedAt: `2026-11-${String(10 + i).padStart(2, "0")}T10:00:00.000Z`,
  domain: "legal",
  total,
  flaws: flaws.map(([category, detected]) => ({ category, detected })),
});

describe("computeProgress", () => {
  it("orders the trend by time and ranks categories by hit rate", () => {
    const p = computeProgress([
      attempt(2, 60, [["cap", true], ["drift", false], ["cap", true]]),
      attempt(1, 40, [["cap", false], ["drift", false], ["period", true]]),
      attempt(3, 80, [["drift", true], ["period", true], ["period", true]]),
    ]);
    expect(p.series.map((s) => s.total)).toEqual([40, 60, 80]);
    expect(p.categories).toEqual([
      { category: "period", hits: 3, total: 3, rate: 1 },
      { category: "cap", hits: 2, total: 3, rate: 2 / 3 },
      { category: "drift", hits: 1, total: 3, rate: 1 / 3 },
    ]);
    expect(p.strongest[0].category).toBe("period");
    expect(p.weakest[0].category).toBe("drift");
    expect(p.average).toBe(60);
    expect(p.recentChange).toBeNull();
  });

  it("reports the change of the last five attempts against the five before", () => {
    const list = Array.from({ length: 10 }, (_, i) => attempt(i, i < 5 ? 50 : 70, []));
    expect(computeProgress(list).recentChange).toBe(20);
  });
});
