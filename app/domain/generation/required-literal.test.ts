// The required literal lets the engine skip a document an operator cannot match without running
// its expression; these tests hold it to every real operator's matches.
import { describe, expect, it } from "vitest";
import { loadContent } from "~/models/content.server";
import { instantiate } from "../content/instantiate";
import { compileOperator } from "../content/load";
import { requiredLiteral } from "./required-literal";

const { packs } = loadContent("content");

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
