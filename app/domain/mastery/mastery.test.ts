import { describe, expect, it } from "vitest";
import { computeMastery, isDue, masteryPercent, outcomeOf, relatedCategories, type FlawEvidence } from "./model";
import { selectNext } from "./selector";

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
  const candidates = ["data/missing-where", "data/brief-drift", "legal/cap-removed", "legal/drift-from-brief"];
  const rnd = () => 0.5;

  it("targets the weakest category and its domain", () => {
    const m = computeMastery([...ev("data/missing-where", [1, 1, 1, 1]), ...ev("data/brief-drift", [1, 1, 1, 1]), ...ev("legal/cap-removed", [0, 0, 1, 0]), ...ev("legal/drift-from-brief", [1, 1, 1, 1])], related);
    const s = selectNext({ candidates, mastery: m, difficultyMin: 1, difficultyMax: 5, now: new Date(day(5)), random: rnd });
    expect(s).toMatchObject({ domain: "legal", categories: ["cap-removed", "drift-from-brief"] });
    expect(s.reason).toMatch(/Weakest area: cap-removed/);
  });

  it("probes categories with no evidence before drilling known ones", () => {
    const m = computeMastery(ev("data/missing-where", [0, 1, 0, 1]), related);
    const s = selectNext({ candidates: ["data/missing-where", "legal/cap-removed"], mastery: m, difficultyMin: 2, difficultyMax: 4, now: new Date(day(4)), random: rnd });
    expect(s).toMatchObject({ domain: "legal", categories: ["cap-removed"], difficulty: 2 });
  });

  it("a first look covers several new categories of the domain in one draft", () => {
    const six = ["a", "b", "c", "d", "e", "f"].map((c) => `software/${c}`);
    const s = selectNext({ candidates: six, mastery: new Map(), difficultyMin: 1, difficultyMax: 5, now: new Date(day(1)), random: rnd });
    expect(s.domain).toBe("software");
    expect(s.categories).toHaveLength(4);
    expect(new Set(s.categories).size).toBe(4);
    expect(s.reason).toMatch(/^New ground: a first look at /);
  });

  it("drills a category only once it has been missed twice; missed once, it comes back with new ground", () => {
    const cands = ["software/missed", "software/new-1", "software/new-2"];
    const pick = (outcomes: number[]) => selectNext({ candidates: cands, mastery: computeMastery(ev("software/missed", outcomes), related), difficultyMin: 1, difficultyMax: 5, now: new Date(day(5)), random: rnd });
    const twice = pick([0, 0]);
    expect(twice.categories[0]).toBe("missed");
    expect(twice.reason).toMatch(/^Weakest area: missed/);
    const once = pick([0]);
    expect(once.categories).toEqual(["missed", "new-1", "new-2"]);
    expect(once.reason).toMatch(/first look/);
    // Found twice: new ground comes first and the found category is left out of the first look.
    const found = pick([1, 1]);
    expect(found.categories).toEqual(["new-1", "new-2"]);
  });

  it("a drill takes along the next-neediest categories met at least once, not untried ones", () => {
    const cands = ["software/missed-twice", "software/missed-once", "software/found-twice", "software/untried"];
    const m = computeMastery([...ev("software/missed-twice", [0, 0]), ...ev("software/missed-once", [0], 2), ...ev("software/found-twice", [1, 1], 3)], related);
    const s = selectNext({ candidates: cands, mastery: m, difficultyMin: 1, difficultyMax: 5, now: new Date(day(6)), random: rnd });
    expect(s.categories).toEqual(["missed-twice", "missed-once", "found-twice"]);
    expect(s.reason).toMatch(/^Weakest area: missed-twice/);
  });

  it("flaws of related categories count a quarter towards new ground: a family missed often elsewhere is drilled, not looked at afresh", () => {
    const m = computeMastery(ev("data/brief-drift", [0, 0, 0, 0, 0, 0, 0, 0]), related);
    expect(m.get("legal/drift-from-brief")).toMatchObject({ evidence: 0, familyEvidence: 8 });
    const s = selectNext({ candidates: ["legal/drift-from-brief", "legal/cap-removed"], mastery: m, difficultyMin: 1, difficultyMax: 5, now: new Date(day(9)), random: rnd });
    expect(s.categories[0]).toBe("drift-from-brief");
    expect(s.reason).toMatch(/^Weakest area: drift-from-brief/);
    // Two related flaws are not enough: still a first look.
    const few = selectNext({ candidates: ["legal/drift-from-brief", "legal/cap-removed"], mastery: computeMastery(ev("data/brief-drift", [0, 0]), related), difficultyMin: 1, difficultyMax: 5, now: new Date(day(3)), random: rnd });
    expect(few.reason).toMatch(/^New ground/);
  });

  it("ramps difficulty with mastery, within the module's range", () => {
    const pick = (outcomes: number[]) => selectNext({ candidates: ["data/missing-where"], mastery: computeMastery(ev("data/missing-where", outcomes), related), difficultyMin: 1, difficultyMax: 5, now: new Date(day(1)), random: rnd }).difficulty;
    expect(pick([0, 0, 0])).toBe(1);
    expect(pick([1, 0, 1, 0])).toBe(3);
    expect(pick([1, 1, 1, 1, 1, 1])).toBe(5);
    expect(selectNext({ candidates: ["data/missing-where"], mastery: computeMastery(ev("data/missing-where", [1, 1, 1, 1, 1, 1]), related), difficultyMin: 1, difficultyMax: 2, now: new Date(day(1)), random: rnd }).difficulty).toBe(2);
  });

  it("a due review outranks a merely middling category", () => {
    const m = computeMastery([...ev("data/missing-where", [1, 1, 1, 1, 1], 0), ...ev("legal/cap-removed", [1, 1, 0, 1, 1, 0, 1], 34)], related);
    // missing-where was last practised 35 days before "now": due; cap-removed was practised yesterday.
    const s = selectNext({ candidates: ["data/missing-where", "legal/cap-removed"], mastery: m, difficultyMin: 1, difficultyMax: 5, now: new Date(day(40)), random: rnd });
    expect(isDue(m.get("data/missing-where"), new Date(day(40)))).toBe(true);
    expect(s.categories[0]).toBe("missing-where");
    expect(s.reason).toMatch(/Review due/);
  });
});
