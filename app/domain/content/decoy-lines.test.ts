// Where a stored draft shows its decoys: found by the draft's source, seed and difficulty, never guessed.
import { describe, expect, it } from "vitest";
import { FIXTURE_PACK, FIXTURE_SOURCE } from "../generation/fixture-pack";
import { generateDraft } from "../generation/generate";
import type { SourceDoc } from "../types";
import { decoyAt, decoyLines } from "./decoy-lines";
import { defineParams } from "./param-kit";

// Line 11 of the fixture becomes an unusual but equivalent spelling from difficulty 4 on.
const why = "Comparing with == null also catches undefined, and row.id is never undefined here, so the result is the same.";
const SOURCE: SourceDoc = {
  ...FIXTURE_SOURCE,
  decoys: [{ id: "loose-null", anchor: "row.id === null ? null : row.id", replacement: "row.id == null ? null : row.id", difficulty: 4, why }],
};

const lines = (source: SourceDoc, difficulty: number, seed = 3) => {
  const d = generateDraft(source, FIXTURE_PACK, { seed, difficulty, flawCount: 1, categories: ["off-by-one"] });
  return { draft: d, found: decoyLines({ source, seed: d.seed, difficulty: d.difficulty, cleanText: d.cleanText, shownText: d.flawedText }) };
};

describe("decoyLines", () => {
  it("finds the decoy a difficulty-4 draft shows, on its line, with why it is right", () => {
    const { draft, found } = lines(SOURCE, 4);
    expect(draft.cleanText).toContain("row.id == null");
    expect(found).toEqual([{ id: "loose-null", lines: { from: 11, to: 11 }, why }]);
    expect(decoyAt(found, { from: 10, to: 11 })?.id).toBe("loose-null");
    expect(decoyAt(found, { from: 3, to: 4 })).toBeUndefined();
  });

  it("finds none in a difficulty-3 draft, which shows the plain passage", () => {
    const { draft, found } = lines(SOURCE, 3);
    expect(draft.cleanText).toContain("row.id === null");
    expect(found).toEqual([]);
  });

  it("leaves a decoy out when its passage is not found exactly once in the stored text", () => {
    const { draft } = lines(SOURCE, 4);
    const twice = draft.cleanText + "// row.id == null ? null : row.id\n";
    expect(decoyLines({ source: SOURCE, seed: draft.seed, difficulty: 4, cleanText: twice })).toEqual([]);
    const gone = draft.cleanText.replace("row.id == null", "row.id === null");
    expect(decoyLines({ source: SOURCE, seed: draft.seed, difficulty: 4, cleanText: gone })).toEqual([]);
    // Found once in the clean text but twice in the text the lines are counted in: still not guessed.
    expect(decoyLines({ source: SOURCE, seed: draft.seed, difficulty: 4, cleanText: draft.cleanText, shownText: twice })).toEqual([]);
  });

  it("counts lines in the reviewed text when a flaw above the decoy changed the line count", () => {
    const { draft } = lines(SOURCE, 4);
    const shown = "// one more line above\n" + draft.flawedText;
    expect(decoyLines({ source: SOURCE, seed: draft.seed, difficulty: 4, cleanText: draft.cleanText, shownText: shown })[0].lines).toEqual({ from: 12, to: 12 });
  });

  it("renders a parametric source's decoy for the draft's seed", () => {
    const module = defineParams({ draw: (k) => ({ limit: k.int(2, 9) * 10 }) });
    const source: SourceDoc = {
      ...SOURCE,
      text: SOURCE.text.replace("let total = 0;", "let total = 0; // at most {{limit}} rows"),
      decoys: [{ id: "limit-note", anchor: "at most {{limit}} rows", replacement: "no more than {{limit}} rows", difficulty: 4, why: "The same limit of {{limit}} rows, worded differently." }],
      params: { file: "sum.params.ts", module },
    };
    for (const seed of [1, 2, 3, 4, 5]) {
      const d = generateDraft(source, FIXTURE_PACK, { seed, difficulty: 5, flawCount: 1 });
      const limit = /no more than (\d+) rows/.exec(d.cleanText)![1];
      const found = decoyLines({ source, seed, difficulty: 5, cleanText: d.cleanText, shownText: d.flawedText });
      expect(found).toEqual([{ id: "limit-note", lines: { from: 2, to: 2 }, why: `The same limit of ${limit} rows, worded differently.` }]);
      // Another seed's drawing does not match this draft's text unless it drew the same limit.
      const other = decoyLines({ source, seed: seed + 100, difficulty: 5, cleanText: d.cleanText });
      expect(other.length === 0 || other[0].why.includes(` ${limit} `)).toBe(true);
    }
  });
});
