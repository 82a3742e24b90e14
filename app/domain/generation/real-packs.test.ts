// Property tests over every source of every real pack: the answer-key invariant holds, seeds are
// reproducible and varied, and difficulty does what it promises.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadContent } from "~/models/content.server";
import { verifyDraft } from "../verification/verify";
import { generateBatch } from "./batch";
import { generateDraft } from "./generate";

const { packs, problems } = loadContent("content");
const sources = packs.flatMap((pack) => pack.sources.map((source) => ({ pack, source })));

describe("the real content packs", () => {
  it("pass content:check with the product's minimum counts", () => {
    expect(problems).toEqual([]);
    expect(packs.map((p) => p.domain)).toEqual(["data", "finance", "legal", "software"]);
  });

  it.each(sources.map((s) => [`${s.pack.domain}/${s.source.id}`, s] as const))("%s: every draft satisfies the invariant, and seeds reproduce", (_, { pack, source }) => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 1, max: 5 }), fc.double({ min: 0, max: 0.5, noNaN: true }), (seed, difficulty, cleanRate) => {
        const d = generateDraft(source, pack, { seed, difficulty, cleanRate });
        expect(verifyDraft(d)).toEqual({ ok: true });
        for (const e of d.answerKey) {
          expect(d.flawedText.slice(e.span.start, e.span.end)).toBe(e.replacement);
          const lines = d.flawedText.split("\n");
          if (e.replacement.trim()) expect(lines.slice(e.lines.from - 1, e.lines.to).join("\n")).toContain(e.replacement.split("\n")[0].trim());
        }
        expect(JSON.stringify(generateDraft(source, pack, { seed, difficulty, cleanRate }))).toBe(JSON.stringify(d));
      }),
      { numRuns: 60 },
    );
    const variety = new Set(Array.from({ length: 20 }, (_, seed) => generateDraft(source, pack, { seed, difficulty: 3 }).flawedText));
    expect(variety.size).toBeGreaterThanOrEqual(5);
  });

  it("10,000 drafts across all domains all satisfy the invariant", () => {
    let n = 0;
    let flaws = 0;
    for (const pack of packs) {
      for (const d of generateBatch(pack, { count: 2500, seed: 99, cleanRate: 0.1 })) {
        const v = verifyDraft(d);
        if (!v.ok) throw new Error(`${d.domain}/${d.sourceId} seed ${d.seed}: ${v.problems.join("; ")}`);
        n++;
        flaws += d.answerKey.length;
      }
    }
    expect(n).toBe(10_000);
    expect(flaws).toBeGreaterThan(15_000);
  }, 240_000);

  it("raises subtlety with difficulty and spaces flaws out, about one per 25–40 lines at 3", () => {
    const stats = (difficulty: number) => {
      let lines = 0;
      let count = 0;
      let subtlety = 0;
      for (const { pack, source } of sources) {
        for (let seed = 0; seed < 30; seed++) {
          const d = generateDraft(source, pack, { seed, difficulty });
          lines += d.cleanText.split("\n").length;
          count += d.answerKey.length;
          for (const e of d.answerKey) {
            const site = e.origin.kind === "site" ? source.sites.find((s) => s.id === (e.origin as { siteId: string }).siteId) : undefined;
            const op = e.origin.kind === "operator" ? pack.operators.find((o) => o.id === (e.origin as { operatorId: string }).operatorId) : undefined;
            subtlety += site?.difficulty ?? op?.difficulty ?? 0;
          }
        }
      }
      return { linesPerFlaw: lines / count, subtlety: subtlety / count };
    };
    const easy = stats(1);
    const middle = stats(3);
    const hard = stats(5);
    expect(middle.linesPerFlaw).toBeGreaterThanOrEqual(25);
    expect(middle.linesPerFlaw).toBeLessThanOrEqual(40);
    expect(hard.linesPerFlaw).toBeGreaterThan(easy.linesPerFlaw + 10);
    expect(hard.subtlety).toBeGreaterThan(easy.subtlety + 0.8);
  });

  it.each([1, 3, 5])("spreads 60 drafts at difficulty %i over the sources: none takes more than 15 %%", (difficulty) => {
    for (const pack of packs) {
      const perSource = new Map<string, number>();
      for (const d of generateBatch(pack, { count: 60, seed: 20261130, difficulty, cleanRate: 0.1 })) perSource.set(d.sourceId, (perSource.get(d.sourceId) ?? 0) + 1);
      const largest = Math.max(...perSource.values());
      expect(largest / 60, `${pack.domain} at ${difficulty}`).toBeLessThanOrEqual(0.15);
      expect(perSource.size, `${pack.domain} at ${difficulty}`).toBeGreaterThanOrEqual(7);
    }
  });

  it("seeds every AI-typical family in every pack", () => {
    for (const pack of packs) {
      const families = new Set(
        pack.sources.flatMap((s) => s.sites.flatMap((site) => site.variants.map((v) => pack.categories.find((c) => c.id === v.category)?.family))),
      );
      expect([...families].sort()).toEqual(["classic", "drift", "hallucination", "overclaim"]);
    }
  });
});
