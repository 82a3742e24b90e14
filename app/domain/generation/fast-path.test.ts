// The engine renders a parametric source lazily (only what a draft needs). This test holds it to
// the long way (every template rendered, every expression run), so a draft stays byte-identical
// for a given seed. The operator shortcuts have their tests beside them (operators.test.ts,
// required-literal.test.ts).
import { describe, expect, it } from "vitest";
import { loadContent } from "~/models/content.server";
import { clampDifficulty, draftFrom, generateDraft } from "./generate";
import { instantiatedOptions } from "./options";

const { packs } = loadContent("content");
const parametric = packs.flatMap((pack) => pack.sources.filter((s) => s.params).map((source) => ({ pack, source })));

describe("the lazy instantiation", () => {
  it.each(parametric.map((s) => [`${s.pack.domain}/${s.source.id}`, s] as const))("%s: drafts equal those built from the full instantiation", (_, { pack, source }) => {
    for (let i = 0; i < 12; i++) {
      const seed = (i * 2654435761) >>> 0;
      const difficulty = 1 + (i % 5);
      const categories = i % 4 === 3 ? [pack.categories[i % pack.categories.length].id] : undefined;
      for (const options of [{ seed, difficulty, categories }, { seed, flawCount: 6 }, { seed, difficulty, cleanRate: 0.3 }]) {
        const level = clampDifficulty((options as { difficulty?: number }).difficulty ?? source.difficulty);
        const slow = draftFrom(instantiatedOptions(source, pack, seed, level), pack, options);
        expect(JSON.stringify(generateDraft(source, pack, options))).toBe(JSON.stringify(slow));
      }
    }
  });
});
