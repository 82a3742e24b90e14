import { describe, expect, it } from "vitest";
import { buildHeatmap, mostMissedCategories, mostMissedFlaws, overFlagging, reviewsPerMentor, type FlawResultCount } from "./overview";

const domains = [
  { id: "legal", name: "Contracts" },
  { id: "data", name: "SQL" },
];
const categories = new Map([
  ["drift", { name: "Drift from the brief", domains: ["legal", "data"] }],
  ["period", { name: "Wrong period", domains: ["legal"] }],
  ["join", { name: "Bad join", domains: ["data"] }],
]);

describe("buildHeatmap", () => {
  it("puts shared categories first, then each domain's, and sums each trainee's row", () => {
    const trainees = [
      { id: "ana", name: "Ana" },
      { id: "bo", name: "Bo" },
    ];
    const h = buildHeatmap(
      trainees,
      [
        { user_id: "ana", category: "join", flaws: 4, hits: 1 },
        { user_id: "ana", category: "drift", flaws: 2, hits: 2 },
        { user_id: "bo", category: "period", flaws: 3, hits: 0 },
        { user_id: "stranger", category: "period", flaws: 9, hits: 9 },
      ],
      categories,
      domains,
    );
    expect(h.columns.map((c) => [c.name, c.group])).toEqual([
      ["Drift from the brief", "Across domains"],
      ["Wrong period", "Contracts"],
      ["Bad join", "SQL"],
    ]);
    expect(h.rows[0]).toEqual({ traineeId: "ana", name: "Ana", cells: [{ flaws: 2, hits: 2 }, null, { flaws: 4, hits: 1 }], overall: { flaws: 6, hits: 3 } });
    expect(h.rows[1].overall).toEqual({ flaws: 3, hits: 0 });
  });

  it("files a shared category under its domain when one domain is chosen", () => {
    const h = buildHeatmap([{ id: "ana", name: "Ana" }], [{ user_id: "ana", category: "drift", flaws: 1, hits: 0 }], categories, domains, "legal");
    expect(h.columns[0].group).toBe("Contracts");
  });
});

describe("most missed", () => {
  const r = (draftId: string, flawId: string, results: number, hits: number, category = "period"): FlawResultCount => ({ draftId, flawId, domain: "legal", category, results, hits });
  const facts = (site: string) => ({ site, severity: 2, lines: { from: 3, to: 4 }, explanation: "Quarter instead of year." });
  const drafts = new Map([
    ["d1", { title: "Lease", flaws: new Map([["f1", facts("s#1")], ["f2", facts("s#2")]]) }],
    ["d2", { title: "Lease (2)", flaws: new Map([["f9", facts("s#1")]]) }],
  ]);

  it("merges one flaw site across drafts and ranks by miss rate", () => {
    const missed = mostMissedFlaws([r("d1", "f1", 3, 0), r("d2", "f9", 3, 1), r("d1", "f2", 6, 3)], drafts, (c) => c.toUpperCase());
    expect(missed.map((m) => [m.draftId, m.drafts, m.results, m.misses])).toEqual([
      ["d1", 2, 6, 5],
      ["d1", 1, 6, 3],
    ]);
    expect(missed[0]).toMatchObject({ title: "Lease", categoryName: "PERIOD", lines: "lines 3–4", severity: 2 });
  });

  it("ranks categories per domain, leaving out those never missed", () => {
    const cats = mostMissedCategories([r("d1", "f1", 10, 2), r("d1", "f2", 10, 10, "drift")], (c, d) => `${c} (${d})`);
    expect(cats).toEqual([{ category: "period", domain: "legal", name: "period (legal)", flaws: 10, misses: 8, missRate: 0.8 }]);
  });
});

describe("overFlagging and reviews per mentor", () => {
  it("ranks trainees by the share of findings that were false alarms", () => {
    const names = new Map([
      ["a", "Ana"],
      ["b", "Bo"],
    ]);
    const rows = overFlagging(
      [
        { user_id: "a", findings: 4, false_positives: 1, false_alarm_lines: 2, non_flaw_lines: 100 },
        { user_id: "b", findings: 2, false_positives: 2, false_alarm_lines: 4, non_flaw_lines: 50 },
        { user_id: "hidden", findings: 9, false_positives: 9, false_alarm_lines: 9, non_flaw_lines: 9 },
      ],
      names,
    );
    expect(rows.map((x) => [x.name, x.falsePositiveShare, x.falseAlarmRate])).toEqual([
      ["Bo", 1, 0.08],
      ["Ana", 0.25, 0.02],
    ]);
  });

  it("counts open reviews of each mentor's trainees and the median hours to publish", () => {
    const { reviews, summary } = reviewsPerMentor(
      new Map([
        ["m1", { name: "Mira", trainees: new Set(["a", "b"]) }],
        ["m2", { name: "Carl", trainees: new Set(["b"]) }],
      ]),
      new Map([
        ["a", { n: 2, oldest: "2026-03-02T00:00:00.000Z" }],
        ["b", { n: 1, oldest: "2026-03-01T00:00:00.000Z" }],
      ]),
      [
        { mentor_id: "m1", submitted_at: "2026-03-01T00:00:00.000Z", published_at: "2026-03-01T10:00:00.000Z" },
        { mentor_id: "m1", submitted_at: "2026-03-01T00:00:00.000Z", published_at: "2026-03-02T06:00:00.000Z" },
      ],
      new Map([["m2", 1]]),
    );
    expect(reviews).toEqual([
      { mentorId: "m1", name: "Mira", open: 3, oldestOpenAt: "2026-03-01T00:00:00.000Z", inProgress: 0, publishedInPeriod: 2, medianHoursToReview: 20 },
      { mentorId: "m2", name: "Carl", open: 1, oldestOpenAt: "2026-03-01T00:00:00.000Z", inProgress: 1, publishedInPeriod: 0, medianHoursToReview: null },
    ]);
    expect(summary).toEqual({ open: 3, oldestOpenAt: "2026-03-01T00:00:00.000Z", publishedInPeriod: 2, medianHoursToReview: 20 });
  });
});
