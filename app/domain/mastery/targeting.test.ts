import { describe, expect, it } from "vitest";
import { bestTargeted, wantedShare } from "./targeting";

const draft = (id: string, sourceId: string, flawCategories: string[]) => ({ id, sourceId, flawCategories });

describe("targeted draw preference", () => {
  it("the share counts the flaws of a wanted category; a clean draft has none", () => {
    expect(wantedShare(["off-by-one", "injection", "off-by-one", "weak-test"], ["off-by-one", "weak-test"])).toBe(0.75);
    expect(wantedShare([], ["off-by-one"])).toBe(0);
  });

  it("prefers the draft with the largest share of wanted flaws over one with more flaws in all", () => {
    const mixed = draft("mixed", "a", ["off-by-one", "injection", "missing-await", "weak-test"]);
    const focused = draft("focused", "b", ["off-by-one"]);
    const half = draft("half", "c", ["off-by-one", "injection"]);
    expect(bestTargeted([mixed, half, focused], ["off-by-one"], new Map(), () => 0.5)?.id).toBe("focused");
    expect(bestTargeted([mixed, half], ["off-by-one"], new Map(), () => 0.5)?.id).toBe("half");
  });

  it("among equal shares, takes the source the trainee has seen least, then breaks ties at random", () => {
    const a = draft("a1", "a", ["off-by-one"]);
    const b = draft("b1", "b", ["boundary-check"]);
    const usage = new Map([["a", 3], ["b", 1]]);
    expect(bestTargeted([a, b], ["off-by-one", "boundary-check"], usage, () => 0.5)?.id).toBe("b1");
    const c = draft("c1", "c", ["off-by-one"]);
    const d = draft("d1", "d", ["off-by-one"]);
    const seq = (xs: number[]) => () => xs.shift()!;
    expect(bestTargeted([c, d], ["off-by-one"], new Map(), seq([0.9, 0.1]))?.id).toBe("d1");
    expect(bestTargeted([c, d], ["off-by-one"], new Map(), seq([0.1, 0.9]))?.id).toBe("c1");
  });

  it("weighs each wanted category by how likely it is a weak spot: flaws of the likeliest win", () => {
    const likeliest = draft("likeliest", "a", ["off-by-one"]);
    const second = draft("second", "b", ["boundary-check", "boundary-check"]);
    expect(wantedShare(["off-by-one", "boundary-check"], ["off-by-one", "boundary-check"], [0.8, 0.2])).toBeCloseTo(0.5, 9);
    expect(bestTargeted([second, likeliest], ["off-by-one", "boundary-check"], new Map(), () => 0.5, [0.8, 0.2])?.id).toBe("likeliest");
    // Without weights both are all wanted flaws: the one with more of them wins.
    expect(bestTargeted([likeliest, second], ["off-by-one", "boundary-check"], new Map(), () => 0.5)?.id).toBe("second");
  });

  it("a stored draft wins a tie with one made for this draw", () => {
    const made = { ...draft("made", "a", ["off-by-one"]), fresh: true };
    const stored = draft("stored", "b", ["off-by-one"]);
    expect(bestTargeted([made, stored], ["off-by-one"], new Map(), () => 0.5)?.id).toBe("stored");
    expect(bestTargeted([made, draft("mixed", "b", ["off-by-one", "injection"])], ["off-by-one"], new Map(), () => 0.5)?.id).toBe("made");
  });

  it("keeps to the sources the trainee has seen least: one seen three times more loses even with more wanted flaws", () => {
    const rich = draft("rich", "a", ["off-by-one", "off-by-one", "boundary-check"]);
    const plain = draft("plain", "b", ["off-by-one"]);
    const wanted = ["off-by-one", "boundary-check"];
    expect(bestTargeted([rich, plain], wanted, new Map([["a", 2], ["b", 0]]), () => 0.5)?.id).toBe("rich");
    expect(bestTargeted([rich, plain], wanted, new Map([["a", 3], ["b", 0]]), () => 0.5)?.id).toBe("plain");
    // A least-seen source without a wanted flaw does not count.
    expect(bestTargeted([rich, plain, draft("other", "c", ["injection"])], wanted, new Map([["a", 3], ["b", 1]]), () => 0.5)?.id).toBe("rich");
  });

  it("gives nothing when no draft has a wanted flaw", () => {
    expect(bestTargeted([draft("x", "a", ["injection"]), draft("clean", "b", [])], ["off-by-one"], new Map(), () => 0.5)).toBeUndefined();
  });
});
