import { describe, expect, it } from "vitest";
import type { SourceDoc } from "../types";
import { pickSourceSpread, sourcesFor } from "./batch";
import { FIXTURE_SOURCE } from "./fixture-pack";
import { createRng } from "./prng";

/** Copies of the fixture source with their own ids, source difficulty and site difficulty. */
function source(id: string, difficulty: number, siteDifficulty = difficulty): SourceDoc {
  return { ...FIXTURE_SOURCE, id, difficulty, sites: FIXTURE_SOURCE.sites.map((s) => ({ ...s, difficulty: siteDifficulty })) };
}

describe("pickSourceSpread", () => {
  it("draws every source once before any source a second time", () => {
    const sources = [1, 2, 3, 4, 5].map((d) => source(`s${d}`, d, 3));
    const rng = createRng(1);
    const usage = new Map<string, number>();
    for (let round = 0; round < 3; round++) {
      const drawn = new Set<string>();
      for (let i = 0; i < sources.length; i++) {
        // Equal site difficulty, very different source difficulty: still one each per round at 3.
        const s = pickSourceSpread(sources, 3, usage, rng);
        drawn.add(s.id);
        usage.set(s.id, (usage.get(s.id) ?? 0) + 1);
      }
      expect(drawn.size).toBe(sources.length);
    }
  });

  it("prefers the sources a trainee has seen least", () => {
    const sources = ["a", "b", "c"].map((id) => source(id, 3));
    const usage = new Map([["a", 4], ["b", 1], ["c", 2]]);
    for (let seed = 0; seed < 20; seed++) expect(pickSourceSpread(sources, 3, usage, createRng(seed)).id).toBe("b");
  });

  it("gives sources written for the level a larger, bounded share over a long run", () => {
    const sources = [source("easy", 1, 5), source("hard", 5, 5)];
    const usage = new Map<string, number>();
    const rng = createRng(9);
    for (let i = 0; i < 100; i++) {
      const s = pickSourceSpread(sources, 5, usage, rng);
      usage.set(s.id, (usage.get(s.id) ?? 0) + 1);
    }
    expect(usage.get("hard")!).toBeGreaterThan(usage.get("easy")!);
    expect(usage.get("hard")!).toBeLessThan(2.5 * usage.get("easy")!);
  });
});

describe("sourcesFor", () => {
  it("leaves out sources with no flaw site within one step of the difficulty, unless none has one", () => {
    const low = source("low", 1, 1);
    const high = source("high", 5, 5);
    expect(sourcesFor([low, high], 5).map((s) => s.id)).toEqual(["high"]);
    expect(sourcesFor([low, high], 2).map((s) => s.id)).toEqual(["low"]);
    expect(sourcesFor([low], 5).map((s) => s.id)).toEqual(["low"]);
  });
});
