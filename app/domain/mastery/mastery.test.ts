import { describe, expect, it } from "vitest";
import { computeMastery, isDue, masteryPercent, outcomeOf, relatedCategories, type FlawEvidence } from "./model";
import { DRAFT_CATEGORIES, selectNext, weakSpotChances } from "./selector";

const day = (d: number) => new Date(Date.UTC(2026, 2, 1 + d, 10)).toISOString();
const ev = (category: string, outcomes: number[], start = 0, difficulty = 3): FlawEvidence[] => outcomes.map((outcome, i) => ({ category, outcome, difficulty, at: day(start + i) }));
const families = { "data/missing-where": "classic", "data/brief-drift": "drift", "legal/drift-from-brief": "drift", "software/hallucinated-api": "hallucination", "legal/invented-authority": "hallucination", "legal/cap-removed": "classic" } as const;
const related = relatedCategories(families);

describe("mastery model", () => {
  it("rises with finds and falls with misses; more evidence moves it further", () => {
    const m = computeMastery([...ev("data/missing-where", [1, 1, 1, 1, 1]), ...ev("legal/cap-removed", [0, 0, 0, 1, 0])], related);
    expect(masteryPercent(m.get("data/missing-where"))).toBeGreaterThan(80);
    expect(masteryPercent(m.get("legal/cap-removed"))).toBeLessThan(35);
    const few = computeMastery(ev("data/missing-where", [1]), related);
    expect(masteryPercent(few.get("data/missing-where"))).toBeLessThan(masteryPercent(m.get("data/missing-where")));
  });

  it("does not depend on the order of the evidence, and recent evidence outweighs old", () => {
    const sameDay = [1, 0, 1, 1, 0].map((outcome): FlawEvidence => ({ category: "legal/cap-removed", outcome, difficulty: 3, at: day(0) }));
    const a = computeMastery(sameDay, related);
    const b = computeMastery([...sameDay].reverse(), related);
    expect(a.get("legal/cap-removed")!.rating).toBeCloseTo(b.get("legal/cap-removed")!.rating, 9);
    const improved = computeMastery([...ev("legal/cap-removed", [0, 0, 0], 0), ...ev("legal/cap-removed", [1, 1, 1], 200)], related);
    const declined = computeMastery([...ev("legal/cap-removed", [1, 1, 1], 0), ...ev("legal/cap-removed", [0, 0, 0], 200)], related);
    expect(masteryPercent(improved.get("legal/cap-removed"))).toBeGreaterThan(60);
    expect(masteryPercent(declined.get("legal/cap-removed"))).toBeLessThan(40);
  });

  it("a hard find counts more than an easy one", () => {
    const hard = computeMastery(ev("data/missing-where", [1], 0, 5), related);
    const easy = computeMastery(ev("data/missing-where", [1], 0, 1), related);
    expect(hard.get("data/missing-where")!.rating).toBeGreaterThan(easy.get("data/missing-where")!.rating);
  });

  it("drift and hallucination share evidence across packs through their family; classics do not", () => {
    const m = computeMastery(ev("data/brief-drift", [0, 0, 0, 0]), related);
    // Never met itself: rated from its family, below an even chance but above the one missed four times.
    expect(masteryPercent(m.get("legal/drift-from-brief"))).toBeLessThan(50);
    expect(masteryPercent(m.get("legal/drift-from-brief"))).toBeGreaterThan(masteryPercent(m.get("data/brief-drift")));
    expect(m.get("legal/drift-from-brief")!.evidence).toBe(0);
    expect(m.get("data/brief-drift")!.evidence).toBe(4);
    expect(m.has("software/hallucinated-api")).toBe(false);
    expect(related.get("legal/cap-removed")).toBeUndefined();
    // Found once each: the drift category is pulled down by its weak family, the classic one is not.
    const both = computeMastery([...ev("data/brief-drift", [0, 0, 0, 0]), ...ev("legal/drift-from-brief", [1], 4), ...ev("legal/cap-removed", [1], 4)], related);
    expect(both.get("legal/drift-from-brief")!.rating).toBeLessThan(both.get("legal/cap-removed")!.rating - 0.1);
  });

  it("a category with little evidence of its own leans on the trainee's general level", () => {
    const strong = computeMastery([...ev("data/missing-where", [1, 1, 1, 1, 1, 1]), ...ev("software/missed", [1, 1, 1, 1, 1, 1]), ...ev("legal/cap-removed", [0], 6)], related);
    const weak = computeMastery([...ev("data/missing-where", [0, 0, 0, 0, 0, 0]), ...ev("software/missed", [0, 0, 0, 0, 0, 0]), ...ev("legal/cap-removed", [0], 6)], related);
    expect(strong.get("legal/cap-removed")!.rating).toBeGreaterThan(weak.get("legal/cap-removed")!.rating + 0.3);
    // With plenty of its own evidence, a category is rated on it: the general level moves it little.
    const strongMany = computeMastery([...ev("data/missing-where", [1, 1, 1, 1, 1, 1]), ...ev("legal/cap-removed", Array(30).fill(0), 6)], related);
    const weakMany = computeMastery([...ev("data/missing-where", [0, 0, 0, 0, 0, 0]), ...ev("legal/cap-removed", Array(30).fill(0), 6)], related);
    expect(masteryPercent(strongMany.get("legal/cap-removed"))).toBeLessThan(15);
    expect(Math.abs(strongMany.get("legal/cap-removed")!.rating - weakMany.get("legal/cap-removed")!.rating)).toBeLessThan(0.5);
  });

  it("a category never met is rated at the trainee's general level when asked for, with no evidence", () => {
    const strong = computeMastery(ev("data/missing-where", [1, 1, 1, 1, 1, 1]), related, undefined, ["legal/cap-removed"]);
    const weak = computeMastery(ev("data/missing-where", [0, 0, 0, 0, 0, 0]), related, undefined, ["legal/cap-removed"]);
    expect(strong.get("legal/cap-removed")).toMatchObject({ evidence: 0, lastPractisedAt: null });
    expect(masteryPercent(strong.get("legal/cap-removed"))).toBeGreaterThan(55);
    expect(masteryPercent(weak.get("legal/cap-removed"))).toBeLessThan(45);
    // No history at all: nothing to go on, nothing stored.
    expect(computeMastery([], related, undefined, ["legal/cap-removed"]).size).toBe(0);
  });

  it("the replay uses whatever outcome the final score says (a mentor's verdict replaces the auto one)", () => {
    const auto = computeMastery([{ category: "data/missing-where", outcome: outcomeOf({ status: "missed", detectionCredit: 0 }), difficulty: 3, at: day(0) }], related);
    const mentor = computeMastery([{ category: "data/missing-where", outcome: outcomeOf({ status: "found", detectionCredit: 1 }), difficulty: 3, at: day(0) }], related);
    expect(masteryPercent(auto.get("data/missing-where"))).toBeLessThan(50);
    expect(masteryPercent(mentor.get("data/missing-where"))).toBeGreaterThan(50);
  });

  it("weak categories are due the next day, strong ones weeks later", () => {
    const m = computeMastery([...ev("data/missing-where", [1, 1, 1, 1, 1, 1]), ...ev("legal/cap-removed", [0, 0])], related);
    const weak = m.get("legal/cap-removed")!;
    const strong = m.get("data/missing-where")!;
    expect(isDue(weak, new Date(day(3)))).toBe(true);
    expect(isDue(strong, new Date(day(8)))).toBe(false);
    expect(isDue(strong, new Date(day(60)))).toBe(true);
  });
});

describe("adaptive selector (fixed histories)", () => {
  const rnd = () => 0.5;
  const eight = Array.from({ length: 8 }, (_, i) => `software/c${i}`);
  const pick = (evidence: FlawEvidence[], now: number, candidates = eight) =>
    selectNext({ candidates, mastery: computeMastery(evidence, related, undefined, candidates), difficultyMin: 1, difficultyMax: 5, now: new Date(day(now)), random: rnd });

  it("the chance of being a weak spot: even when nothing is known, near certain for a clear low, and the chances add up to the number of weak spots", () => {
    expect(weakSpotChances(Array(4).fill({ mean: 0, sd: 1 }), 1).map((c) => c.toFixed(3))).toEqual(["0.250", "0.250", "0.250", "0.250"]);
    const chances = weakSpotChances([{ mean: -2, sd: 0.5 }, { mean: 0, sd: 1.5 }, { mean: 1, sd: 1 }, { mean: 0.5, sd: 0.3 }, { mean: 0, sd: 1.5 }], 2);
    expect(chances[0]).toBeGreaterThan(0.95);
    expect(chances[2]).toBeLessThan(chances[1]);
    expect(chances.reduce((a, b) => a + b, 0)).toBeCloseTo(2, 4);
    expect(weakSpotChances([{ mean: 3, sd: 1 }], 1)).toEqual([1]);
  });

  it("with no history, a first look at four categories of the domain at its lowest difficulty", () => {
    const s = pick([], 0);
    expect(s).toMatchObject({ domain: "software", difficulty: 1 });
    expect(s.categories).toHaveLength(4);
    expect(new Set(s.categories).size).toBe(4);
    expect(s.reason).toMatch(/^New ground: a first look at /);
  });

  it("asks for no more than the usual number once the others are clearly less likely weak spots", () => {
    const found = eight.filter((k) => !["software/c2", "software/c6"].includes(k)).flatMap((k, i) => ev(k, Array(3 + 2 * i).fill(1)));
    const s = pick([...found, ...ev("software/c2", [0, 0, 0]), ...ev("software/c6", [0, 1, 0])], 6);
    expect(s.categories.slice(0, 2)).toEqual(["c2", "c6"]);
    expect(s.categories).toHaveLength(DRAFT_CATEGORIES);
  });

  it("drills a category missed twice, with the next likeliest weak spot; one found twice is left out", () => {
    const s = pick([...ev("software/c3", [0, 0]), ...ev("software/c5", [1, 1], 2)], 4);
    expect(s.categories[0]).toBe("c3");
    expect(s.categories[1]).not.toBe("c5");
    expect(s.chances[0]).toBeGreaterThan(0.45);
    expect(s.reason).toMatch(/^Weakest area: c3/);
  });

  it("stops drilling a category once it has been found often enough: untried ones are likelier weak spots", () => {
    const other = ev("software/c4", [1, 1, 0, 1]);
    const drilled = pick([...other, ...ev("software/c3", [0, 0, 1], 4)], 7);
    expect(drilled.categories[0]).toBe("c3");
    const recovered = pick([...other, ...ev("software/c3", [0, 0, 1, 1], 4)], 8);
    expect(recovered.categories).not.toContain("c3");
    expect(recovered.reason).toMatch(/^New ground/);
  });

  it("judges a miss against the trainee's general level: a strong trainee's single miss comes first", () => {
    const history = [...ev("software/c0", [1, 1, 1, 1]), ...ev("software/c1", [1, 1, 1, 1]), ...ev("software/c2", [1, 1, 1, 1]), ...ev("software/c3", [0], 5)];
    const s = pick(history, 6);
    expect(s.categories[0]).toBe("c3");
    expect(s.chances[0]).toBeGreaterThan(0.5);
  });

  it("a family missed often in another pack makes its never-met category the likelier weak spot", () => {
    const cands = ["legal/drift-from-brief", "legal/cap-removed", "legal/invented-authority", "legal/period-changed", "legal/party-swap"];
    const s = pick(ev("data/brief-drift", [0, 0, 0, 0, 0, 0, 0, 0]), 9, cands);
    expect(s.categories[0]).toBe("drift-from-brief");
    expect(s.reason).toMatch(/^New ground: a first look at drift-from-brief/);
  });

  it("ramps difficulty with mastery, within the module's range", () => {
    const one = (outcomes: number[], max = 5) => selectNext({ candidates: ["data/missing-where"], mastery: computeMastery(ev("data/missing-where", outcomes), related), difficultyMin: 1, difficultyMax: max, now: new Date(day(1)), random: rnd }).difficulty;
    expect(one([0, 0, 0])).toBe(1);
    expect(one([1, 0, 1, 0])).toBe(3);
    expect(one([1, 1, 1, 1, 1, 1])).toBe(5);
    expect(one([1, 1, 1, 1, 1, 1], 2)).toBe(2);
  });

  it("a learned category whose review is due comes back with the weakest", () => {
    const history = [...ev("software/c0", [1, 1, 1, 1, 1, 1, 1, 1], 0), ...ev("software/c1", [0, 0, 0], 58), ...["c2", "c3", "c4", "c5", "c6", "c7"].flatMap((c) => ev(`software/${c}`, [1, 1, 1, 1], 56))];
    const m = computeMastery(history, related, undefined, eight);
    // Practised 52 days before "now": due; two days after its last practice it is not, and it stays out.
    expect(isDue(m.get("software/c0"), new Date(day(60)))).toBe(true);
    expect(pick(history, 60).categories.slice(0, 2)).toEqual(["c1", "c0"]);
    expect(pick(history, 10).categories).not.toContain("c0");
  });
});
