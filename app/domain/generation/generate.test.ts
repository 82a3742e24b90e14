import { describe, expect, it } from "vitest";
import { verifyDraft } from "../verification/verify";
import { FIXTURE_PACK, FIXTURE_SOURCE } from "./fixture-pack";
import { generateDraft } from "./generate";

describe("generateDraft on a hand-made pack", () => {
  it("never seeds flaws on the same or neighbouring lines", () => {
    // Candidates sit on lines 3, 4 (sites), 10 (deletion) and 11 (operator): at most one of each pair.
    for (let seed = 0; seed < 200; seed++) {
      const d = generateDraft(FIXTURE_SOURCE, FIXTURE_PACK, { seed, flawCount: 10 });
      expect(d.answerKey).toHaveLength(2);
      expect(verifyDraft(d)).toEqual({ ok: true });
    }
  });

  it("writes spans and lines that point at the replacement text, and anchors deletions", () => {
    const d = generateDraft(FIXTURE_SOURCE, FIXTURE_PACK, { seed: 7, flawCount: 10, categories: ["off-by-one", "missing-await"] });
    expect(d.answerKey.map((e) => e.category)).toEqual(["off-by-one", "missing-await"]);
    const lines = d.flawedText.split("\n");
    for (const e of d.answerKey) {
      expect(d.flawedText.slice(e.span.start, e.span.end)).toBe(e.replacement);
      expect(d.cleanText.slice(e.cleanSpan.start, e.cleanSpan.end)).toBe(e.original);
    }
    const bound = d.answerKey.find((e) => e.category === "off-by-one")!;
    expect(bound.lines).toEqual({ from: 3, to: 3 });
    expect(lines[2]).toBe("  for (let i = 0; i <= n; i++) {");
    // The deleted line vanished; the key anchors to the line that now sits where it was (old line 11).
    const deletion = d.answerKey.find((e) => e.category === "missing-await")!;
    expect(deletion.replacement).toBe("");
    expect(deletion.lines).toEqual({ from: 10, to: 10 });
    expect(lines[9]).toBe("  return row.id === null ? null : row.id;");
    expect(verifyDraft(d)).toEqual({ ok: true });
  });

  it("fills operator explanations with the matched text", () => {
    const d = generateDraft(FIXTURE_SOURCE, FIXTURE_PACK, { seed: 1, flawCount: 1, categories: ["wrong-comparison"] });
    const op = d.answerKey[0];
    expect(d.flawedText.split("\n")[10]).toBe("  return row.id == undefined ? null : row.id;");
    expect(op.explanation).toBe("`row.id === null` became `row.id == undefined`, which also treats undefined ids as missing.");
    expect(op.origin).toEqual({ kind: "operator", operatorId: "strict-to-loose-null" });
    expect(verifyDraft(d)).toEqual({ ok: true });
  });

  it("gives a byte-identical draft for the same seed and different drafts across seeds", () => {
    const a = generateDraft(FIXTURE_SOURCE, FIXTURE_PACK, { seed: 42, flawCount: 2 });
    const b = generateDraft(FIXTURE_SOURCE, FIXTURE_PACK, { seed: 42, flawCount: 2 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    // Two pairs of neighbouring candidates (lines 3/4 and 10/11) allow four different drafts.
    const texts = new Set(Array.from({ length: 40 }, (_, s) => generateDraft(FIXTURE_SOURCE, FIXTURE_PACK, { seed: s, flawCount: 2, difficulty: 3 }).flawedText));
    expect(texts.size).toBe(4);
  });

  it("makes clean controls at the requested rate", () => {
    const drafts = Array.from({ length: 400 }, (_, s) => generateDraft(FIXTURE_SOURCE, FIXTURE_PACK, { seed: s, cleanRate: 0.25 }));
    const clean = drafts.filter((d) => d.answerKey.length === 0);
    expect(clean.length).toBeGreaterThan(70);
    expect(clean.length).toBeLessThan(130);
    for (const d of clean) expect(d.flawedText).toBe(d.cleanText);
  });

  it("seeds only the requested categories", () => {
    for (let s = 0; s < 50; s++) {
      const d = generateDraft(FIXTURE_SOURCE, FIXTURE_PACK, { seed: s, categories: ["off-by-one"], flawCount: 3 });
      expect(d.answerKey.map((e) => e.category)).toEqual(["off-by-one"]);
    }
  });
});
