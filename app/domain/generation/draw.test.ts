import { describe, expect, it } from "vitest";
import { loadContent } from "~/models/content.server";
import type { Pack, SourceDoc } from "../types";
import { drawOrder, freshDraftOf } from "./draw";
import { FIXTURE_PACK, FIXTURE_SOURCE } from "./fixture-pack";
import { createRng } from "./prng";

function source(id: string, siteDifficulty: number): SourceDoc {
  return { ...FIXTURE_SOURCE, id, sites: FIXTURE_SOURCE.sites.map((s) => ({ ...s, difficulty: siteDifficulty })) };
}

describe("drawOrder", () => {
  const pack: Pack = { ...FIXTURE_PACK, sources: [source("a", 3), source("b", 3), source("c", 3), source("off", 5)] };

  it("tries the sources the trainee has seen least first, and off-level sources last", () => {
    const order = drawOrder(pack, { difficulty: 3, usage: new Map([["a", 3], ["b", 0], ["c", 1]]), rng: createRng(4) });
    expect(order.map((s) => s.id)).toEqual(["b", "c", "a", "off"]);
  });

  it("keeps only sources with a site of an asked-for category", () => {
    const withCategory: Pack = { ...pack, sources: [...pack.sources, { ...source("other", 3), sites: [] }] };
    const order = drawOrder(withCategory, { difficulty: 3, usage: new Map(), categories: ["off-by-one"], rng: createRng(1) });
    expect(order.map((s) => s.id)).not.toContain("other");
  });
});

describe("freshDraftOf", () => {
  it("gives nothing from a fixed source whose text the trainee has read", () => {
    expect(freshDraftOf(FIXTURE_SOURCE, FIXTURE_PACK, { seed: 1, difficulty: 2, cleanRate: 0, seen: () => true })).toBeNull();
    expect(freshDraftOf(FIXTURE_SOURCE, FIXTURE_PACK, { seed: 1, difficulty: 2, cleanRate: 0, seen: () => false })).not.toBeNull();
  });

  it("draws a new instantiation of a parametric source when the first seed gives a text already read", () => {
    const { packs } = loadContent("content");
    const pack = packs.find((p) => p.domain === "legal")!;
    const parametric = pack.sources.find((s) => s.params)!;
    const first = freshDraftOf(parametric, pack, { seed: 10, difficulty: 2, cleanRate: 0, seen: () => false })!;
    const next = freshDraftOf(parametric, pack, { seed: 10, difficulty: 2, cleanRate: 0, seen: (d) => d.cleanText === first.cleanText })!;
    expect(next.cleanText).not.toBe(first.cleanText);
  });
});
