import { describe, expect, it } from "vitest";
import { agreement, kappaStrength, type RatedPair } from "./agreement";

const pairs = (spec: [string, string, number][]): RatedPair[] => spec.map(([a, b, n]) => ({ a, b, n }));

describe("agreement", () => {
  it("computes percent agreement and kappa for a 2×2 table by hand", () => {
    // 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15.
    // p_o = 35/50 = 0.7; rater a says yes 25/50, b says yes 30/50;
    // p_e = 0.5·0.6 + 0.5·0.4 = 0.5; kappa = (0.7 − 0.5) / 0.5 = 0.4.
    const r = agreement(pairs([["yes", "yes", 20], ["yes", "no", 5], ["no", "yes", 10], ["no", "no", 15]]));
    expect(r.n).toBe(50);
    expect(r.agreed).toBe(35);
    expect(r.percent).toBeCloseTo(0.7, 12);
    expect(r.expected).toBeCloseTo(0.5, 12);
    expect(r.kappa).toBeCloseTo(0.4, 12);
    expect(r.labels).toEqual(["no", "yes"]);
    expect(r.matrix).toEqual([
      [15, 10],
      [5, 20],
    ]);
  });

  it("handles three labels (correct / partly / wrong)", () => {
    // 10 items. a: correct 5, partly 2, wrong 3.  b: correct 4, partly 2, wrong 4.
    // Diagonal: correct/correct 4, partly/partly 1, wrong/wrong 3 ⇒ p_o = 8/10.
    // p_e = .5·.4 + .2·.2 + .3·.4 = .2 + .04 + .12 = .36; kappa = (.8 − .36) / .64 = 0.6875
    const r = agreement(
      pairs([
        ["correct", "correct", 4],
        ["correct", "partly", 1],
        ["partly", "partly", 1],
        ["partly", "correct", 0],
        ["partly", "wrong", 1],
        ["wrong", "wrong", 3],
      ]),
    );
    expect(r.n).toBe(10);
    expect(r.percent).toBeCloseTo(0.8, 12);
    expect(r.expected).toBeCloseTo(0.36, 12);
    expect(r.kappa).toBeCloseTo(0.6875, 12);
  });

  it("accepts one pair per item as well as counts", () => {
    const single = agreement([
      { a: "x", b: "x" },
      { a: "x", b: "y" },
      { a: "y", b: "y" },
      { a: "y", b: "y" },
    ]);
    // p_o = 3/4; a: x 2, y 2; b: x 1, y 3 ⇒ p_e = .5·.25 + .5·.75 = .5; kappa = .25/.5 = .5
    expect(single.kappa).toBeCloseTo(0.5, 12);
  });

  it("gives perfect agreement kappa 1 and systematic disagreement a negative kappa", () => {
    expect(agreement(pairs([["a", "a", 3], ["b", "b", 2]])).kappa).toBeCloseTo(1, 12);
    // Always opposite: p_o = 0, p_e = .5·.5 + .5·.5 = .5 ⇒ kappa = −1.
    expect(agreement(pairs([["a", "b", 2], ["b", "a", 2]])).kappa).toBeCloseTo(-1, 12);
  });

  it("leaves kappa undefined when both raters use a single label, and everything empty without items", () => {
    const one = agreement(pairs([["correct", "correct", 12]]));
    expect(one.percent).toBe(1);
    expect(one.kappa).toBeNull();
    const none = agreement([]);
    expect(none).toMatchObject({ n: 0, percent: null, kappa: null, expected: null });
    expect(agreement(pairs([["a", "a", 0]])).n).toBe(0);
  });

  it("reads kappa on the Landis & Koch scale", () => {
    expect(kappaStrength(null)).toBe("one verdict only");
    expect(kappaStrength(-0.1)).toBe("worse than chance");
    expect(kappaStrength(0.4)).toBe("fair");
    expect(kappaStrength(0.55)).toBe("moderate");
    expect(kappaStrength(0.7)).toBe("substantial");
    expect(kappaStrength(0.95)).toBe("almost perfect");
  });
});
