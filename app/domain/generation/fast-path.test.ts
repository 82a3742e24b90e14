// The engine renders a parametric source lazily (only what a draft needs) and skips operators a
// document cannot match. These tests hold it to the long way (every template rendered, every
// expression run), so a draft stays byte-identical for a given seed.
import { describe, expect, it } from "vitest";
import { loadContent } from "~/models/content.server";
import { instantiate } from "../content/instantiate";
import { compileOperator } from "../content/load";
import { clampDifficulty, draftFrom, generateDraft } from "./generate";
import { instantiatedOptions, lineLocal, operatorMatches } from "./options";
import { requiredLiteral } from "./required-literal";

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

describe("requiredLiteral", () => {
  it("takes the longest plain run outside groups, classes and escapes such as \\w", () => {
    expect(requiredLiteral(String.raw`(\w+)\.status IN \('(paid|captured)'`)).toBe(".status IN ('");
    expect(requiredLiteral(String.raw`\bshall promptly notify\b`)).toBe("shall promptly notify");
    expect(requiredLiteral(String.raw`ROUND\(100\.0 \* (\w+) /`)).toBe("ROUND(100.0 * ");
  });

  it("leaves out characters a quantifier makes optional, and gives up on a top-level alternative", () => {
    expect(requiredLiteral("colou?r")).toBe("colo");
    expect(requiredLiteral("ab*c")).toBe("a");
    expect(requiredLiteral("ab+c")).toBe("ab");
    expect(requiredLiteral("x{2}yz")).toBe("yz");
    expect(requiredLiteral("cat|dog")).toBe("");
    expect(requiredLiteral("(cat|dog) food")).toBe(" food");
    expect(requiredLiteral("[abc]+")).toBe("");
  });

  it("is contained in every match of every real operator, so skipping a document without it loses nothing", () => {
    for (const pack of packs) {
      const texts = pack.sources.flatMap((s) => (s.params ? [0, 1, 2, 3].map((seed) => instantiate(s, seed).source.text) : [s.text]));
      for (const op of pack.operators) {
        const literal = requiredLiteral(op.pattern);
        for (const text of texts) for (const m of text.matchAll(compileOperator(op))) expect(m[0]).toContain(literal);
      }
    }
  });
});

describe("line-local operators", () => {
  it("knows which patterns can only match within a line", () => {
    expect(lineLocal(String.raw`\b(Provider|Processor) shall not (sell|transfer)\b`)).toBe(true);
    expect(lineLocal(String.raw`(for \(let i = 0; i )<( [\w.]+; i\+\+\))`)).toBe(true);
    expect(lineLocal(String.raw`(?<name>\d+) days`)).toBe(true);
    expect(lineLocal(String.raw`CREATE INDEX (\w+)\n`)).toBe(false);
    expect(lineLocal(String.raw`TIMESTAMPTZ '[^']+'`)).toBe(false);
    expect(lineLocal(String.raw`(?<=up \d+ )year on year`)).toBe(false);
    expect(lineLocal(String.raw`\bshall\s+notify`)).toBe(false);
    expect(lineLocal("a.b")).toBe(false);
    expect(lineLocal("^total")).toBe(false);
    expect(lineLocal("x(?=y)")).toBe(false);
  });

  it("finds exactly the matches of the whole-text expression in every real document", () => {
    let local = 0;
    let compared = 0;
    for (const pack of packs) {
      const texts = pack.sources.flatMap((s) =>
        s.params ? [0, 1, 2, 3, 4, 5].map((seed) => instantiatedOptions(s, pack, seed, 1 + (seed % 5)).doc.text) : [s.text],
      );
      for (const op of pack.operators) {
        const compiled = { re: compileOperator(op), literal: requiredLiteral(op.pattern), local: lineLocal(op.pattern) };
        if (compiled.local && compiled.literal) local++;
        for (const text of texts) {
          const expected = [...text.matchAll(compiled.re)].map((m) => [m.index, ...m]);
          const got = operatorMatches(text, compiled).map(({ m, start }) => [start, ...m]);
          expect(got).toEqual(expected);
          compared += expected.length;
        }
      }
    }
    // The shortcut is taken by most operators, and the comparison saw real matches.
    expect(local).toBeGreaterThan(20);
    expect(compared).toBeGreaterThan(100);
  });
});
