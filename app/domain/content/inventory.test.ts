import { describe, expect, it } from "vitest";
import { loadContent } from "~/models/content.server";
import { FIXTURE_PACK, FIXTURE_SOURCE } from "../generation/fixture-pack";
import type { Pack, SourceDoc } from "../types";
import { mostAlike, packInventory, sharedLineShare } from "./inventory";
import { defineParams } from "./param-kit";

const withSources = (...sources: SourceDoc[]): Pack => ({ ...FIXTURE_PACK, sources });

describe("packInventory", () => {
  it("counts what a source adds: its sites, each site's options, decoys, a new kind", () => {
    const before = packInventory(withSources(FIXTURE_SOURCE));
    const site = { id: "extra", anchor: "return total;", difficulty: 2, variants: [FIXTURE_SOURCE.sites[0].variants[0], FIXTURE_SOURCE.sites[0].variants[0]] };
    const decoy = { id: "d", anchor: "let total = 0;", replacement: "let total = 0 as number;", difficulty: 4, why: "same value" };
    const memo: SourceDoc = { ...FIXTURE_SOURCE, id: "memo", format: "prose", language: "en", sites: [...FIXTURE_SOURCE.sites, site], decoys: [decoy] };
    const after = packInventory(withSources(FIXTURE_SOURCE, memo));
    expect(after.sources).toBe(before.sources + 1);
    expect(after.sites).toBe(2 * before.sites + 1);
    expect(after.variants).toBe(2 * before.variants + 2);
    expect(after.decoys).toBe(before.decoys + 1);
    expect(before.kinds).toEqual(["code/typescript"]);
    expect(after.kinds).toEqual(["code/typescript", "prose/en"]);
  });

  it("counts each parametric source's parameter names, including one a module draws only on some seeds", () => {
    let calls = 0;
    const module = defineParams({
      draw(k) {
        calls++;
        const base: Record<string, string | number> = { company: k.company(), amount: k.int(1, 9) };
        if (calls === 2) base.rare = 1;
        return base;
      },
    });
    const parametric: SourceDoc = { ...FIXTURE_SOURCE, id: "p", params: { file: "p.params.ts", module } };
    const inv = packInventory(withSources(FIXTURE_SOURCE, parametric));
    expect(inv.parametric).toBe(1);
    expect(inv.parameters).toBe(3);
  });
});

describe("the real packs' inventory", () => {
  it("meets the issue's floor in every domain: 14 sources, a site per source at least, options beyond sites, parameters and a decoy", () => {
    const { packs } = loadContent("content");
    expect(packs.length).toBeGreaterThanOrEqual(4);
    for (const pack of packs) {
      const inv = packInventory(pack);
      expect(inv.sources, pack.domain).toBeGreaterThanOrEqual(14);
      expect(inv.sites, pack.domain).toBeGreaterThanOrEqual(inv.sources);
      expect(inv.variants, pack.domain).toBeGreaterThanOrEqual(inv.sites);
      expect(inv.parameters, pack.domain).toBeGreaterThan(0);
      expect(inv.decoys, pack.domain).toBeGreaterThanOrEqual(1);
    }
  });
});

describe("sharedLineShare", () => {
  it("is the share of the shorter text's non-blank lines that also stand in the other, each matched once", () => {
    expect(sharedLineShare("a\nb\n", "a\nb\n")).toBe(1);
    expect(sharedLineShare("a\nb\n", "c\nd\n")).toBe(0);
    expect(sharedLineShare("a\n\n  \nb\n", "  a\nz\ny\nx\n")).toBe(0.5);
    expect(sharedLineShare("x\nx\n", "x\ny\n")).toBe(0.5);
    expect(sharedLineShare("", "a")).toBe(0);
  });

  it("mostAlike compares only the pairs asked for and names the most alike", () => {
    const items = [
      { label: "s1#1", text: "a\nb\nc\nd" },
      { label: "s1#2", text: "a\nb\nc\nz" },
      { label: "s2#1", text: "a\nb\nc\nd" },
    ];
    const source = (i: number) => items[i].label.slice(0, 2);
    expect(mostAlike(items, (a, b) => source(a) === source(b))).toEqual({ share: 0.75, pair: ["s1#1", "s1#2"] });
    expect(mostAlike(items, (a, b) => source(a) !== source(b))).toEqual({ share: 1, pair: ["s1#1", "s2#1"] });
  });
});
