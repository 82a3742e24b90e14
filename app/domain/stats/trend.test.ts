import { describe, expect, it } from "vitest";
import { bucketDays, foldTrend, makeBuckets } from "./trend";

describe("trend buckets", () => {
  it("uses days, then weeks, then several weeks", () => {
    expect(bucketDays(7)).toBe(1);
    expect(bucketDays(21)).toBe(1);
    expect(bucketDays(84)).toBe(7);
    expect(bucketDays(182)).toBe(7);
    expect(bucketDays(365)).toBe(21); // 365 / (26 · 7) ⇒ three weeks a bucket
  });

  it("ends the last bucket on the last day; the first may be short", () => {
    const b = makeBuckets("2026-01-01", "2026-01-24"); // 24 days ⇒ weeks, 3 full + 3 days
    expect(b).toEqual([
      { start: "2026-01-01", end: "2026-01-03", days: 3 },
      { start: "2026-01-04", end: "2026-01-10", days: 7 },
      { start: "2026-01-11", end: "2026-01-17", days: 7 },
      { start: "2026-01-18", end: "2026-01-24", days: 7 },
    ]);
    expect(makeBuckets("2026-03-01", "2026-03-01")).toEqual([{ start: "2026-03-01", end: "2026-03-01", days: 1 }]);
    expect(makeBuckets("2026-03-02", "2026-03-01")).toEqual([]);
    expect(makeBuckets("2025-01-01", "2025-12-31").length).toBeLessThanOrEqual(26);
  });

  it("folds day totals into attempt-weighted means per key and overall", () => {
    const buckets = makeBuckets("2026-01-04", "2026-01-17"); // two weeks... 14 days ⇒ single days
    expect(buckets).toHaveLength(14);
    const weekly = makeBuckets("2026-01-01", "2026-01-24");
    const { byKey, overall } = foldTrend(
      [
        { key: "ana", day: "2026-01-04", n: 2, sum: 100 }, // bucket 1
        { key: "ana", day: "2026-01-10", n: 1, sum: 80 }, // bucket 1
        { key: "bo", day: "2026-01-05", n: 1, sum: 20 }, // bucket 1
        { key: "bo", day: "2026-01-24", n: 3, sum: 210 }, // bucket 3
        { key: "bo", day: "2025-12-31", n: 9, sum: 900 }, // outside: ignored
      ],
      weekly,
    );
    expect(byKey.get("ana")).toEqual([
      { n: 0, mean: null },
      { n: 3, mean: 60 },
      { n: 0, mean: null },
      { n: 0, mean: null },
    ]);
    expect(byKey.get("bo")!.map((v) => v.mean)).toEqual([null, 20, null, 70]);
    // Overall week 2: (100 + 80 + 20) / 4 = 50.
    expect(overall.map((v) => v.mean)).toEqual([null, 50, null, 70]);
  });
});
