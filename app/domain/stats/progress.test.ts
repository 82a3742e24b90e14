import { describe, expect, it } from "vitest";
import { rankCategories, scoreTrend, TREND_POINTS, type CategoryTally } from "./progress";

const tally = (category: string, flaws: number, hits: number, domain = "legal"): CategoryTally => ({ category, domain, name: `${category} (${domain})`, flaws, hits });

describe("rankCategories", () => {
  it("ranks categories by hit rate and names the strongest and weakest", () => {
    const r = rankCategories([tally("cap", 3, 2), tally("drift", 3, 1), tally("period", 3, 3)]);
    expect(r.categories.map((c) => [c.category, c.rate])).toEqual([
      ["period", 1],
      ["cap", 2 / 3],
      ["drift", 1 / 3],
    ]);
    expect(r.strongest.map((c) => c.category)).toEqual(["period"]);
    expect(r.weakest.map((c) => c.category)).toEqual(["drift"]);
  });

  it("keeps one category per domain apart and leaves out categories with too few flaws from the ranking", () => {
    const r = rankCategories([tally("drift", 4, 4, "legal"), tally("drift", 4, 0, "finance"), tally("rare", 2, 0), tally("none", 0, 0)]);
    expect(r.categories.map((c) => c.name)).toEqual(["drift (legal)", "drift (finance)", "rare (legal)"]);
    expect(r.strongest.map((c) => c.name)).toEqual(["drift (legal)"]);
    expect(r.weakest.map((c) => c.name)).toEqual(["drift (finance)"]);
  });
});

describe("rankCategories with equal hit rates", () => {
  it("never names two categories with the same rate as strongest and weakest: all equal says so", () => {
    const r = rankCategories([tally("cap", 3, 3), tally("drift", 5, 5)]);
    expect(r.strongest).toEqual([]);
    expect(r.weakest).toEqual([]);
    expect(r.ranked).toBe(2);
    expect(r.allEqualRate).toBe(1);
  });

  it("leaves a tie at the boundary out of both lists and keeps the clear ends", () => {
    const r = rankCategories([tally("a", 4, 4), tally("b", 4, 2), tally("c", 4, 2), tally("d", 4, 0)]);
    expect(r.strongest.map((c) => c.category)).toEqual(["a"]);
    expect(r.weakest.map((c) => c.category)).toEqual(["d"]);
    expect(r.allEqualRate).toBeNull();
  });

  it("keeps the best rate strongest when it fills more than half the ranking", () => {
    const r = rankCategories([tally("a", 3, 3), tally("b", 5, 5), tally("c", 4, 4), tally("d", 3, 0)]);
    expect(r.strongest.map((c) => c.category)).toEqual(["b", "c"]);
    expect(r.weakest.map((c) => c.category)).toEqual(["d"]);
  });

  it("counts only categories with enough flaws towards all equal", () => {
    const r = rankCategories([tally("a", 3, 0), tally("b", 3, 0), tally("rare", 1, 1)]);
    expect(r.allEqualRate).toBe(0);
    expect(r.ranked).toBe(2);
  });
});

describe("scoreTrend", () => {
  const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString();
  it("shows each attempt oldest first with the average", () => {
    const t = scoreTrend([
      { at: at(2), title: "B", domain: "legal", total: 60 },
      { at: at(1), title: "A", domain: "legal", total: 40 },
    ]);
    expect(t.grouped).toBe(false);
    expect(t.points.map((p) => p.value)).toEqual([40, 60]);
    expect(t.points[0].label).toBe("2026-01-02 · A (legal)");
    expect(t.average).toBe(50);
    expect(t.recentChange).toBeNull();
  });

  it("reports the change of the last five attempts against the five before", () => {
    const list = Array.from({ length: 10 }, (_, i) => ({ at: at(i), title: "x", domain: "data", total: i < 5 ? 50 : 70 }));
    expect(scoreTrend(list).recentChange).toBe(20);
  });

  it("groups into period means when there are too many attempts to plot one by one", () => {
    const list = Array.from({ length: TREND_POINTS + 1 }, (_, i) => ({ at: at(i), title: "x", domain: "data", total: i % 2 ? 100 : 0 }));
    const t = scoreTrend(list);
    expect(t.grouped).toBe(true);
    expect(t.points.reduce((s, p) => s + p.n, 0)).toBe(TREND_POINTS + 1);
    expect(t.points.length).toBeLessThanOrEqual(40);
  });
});
