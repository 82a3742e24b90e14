// A line-local operator runs only on the lines holding its literal; these tests hold that
// shortcut to the whole-text expression on every real document.
import { describe, expect, it } from "vitest";
import { loadContent } from "~/models/content.server";
import { compileOperator } from "../content/load";
import { operatorMatches, lineLocal } from "./operators";
import { instantiatedOptions } from "./options";
import { requiredLiteral } from "./required-literal";

const { packs } = loadContent("content");

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
