import { describe, expect, it } from "vitest";
import { verifyDraft } from "../verification/verify";
import { FIXTURE_PACK, FIXTURE_SOURCE, FIXTURE_TEXT } from "./fixture-pack";
import { DOCUMENT_CLOSE, DOCUMENT_OPEN, draftFromProposals, flawPrompt, proposalJsonSchema, repairMessages, validateCleanDraft, validateProposals } from "./proposals";

const kp = [{ text: "One iteration too many", phrases: ["one too many", "off by one"] }];
const edit = (original: string, replacement: string, category = "off-by-one", extra: Record<string, unknown> = {}) => ({
  category,
  original,
  replacement,
  explanation: "The loop runs one time too many and reads past the end.",
  keyPoints: kp,
  hint: "Count the iterations for n = 1.",
  ...extra,
});
const opts = { model: "m1", maxEdits: 3 };
const strict = { ...opts, salvage: false };

describe("validateProposals", () => {
  it("accepts unique, separated edits and turns them into buildDraft edits with the model as origin", () => {
    const v = validateProposals(FIXTURE_TEXT, { edits: [edit("i < n", "i <= n"), edit("  return row.id === null", "  return row.id == null", "wrong-comparison")] }, FIXTURE_PACK.categories, strict);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.dropped).toEqual([]);
    expect(v.edits.map((e) => [FIXTURE_TEXT.slice(e.start, e.end), e.replacement, e.severity])).toEqual([
      ["i < n", "i <= n", 2],
      ["  return row.id === null", "  return row.id == null", 1],
    ]);
    expect(v.edits[0].origin).toEqual({ kind: "model", model: "m1" });
    expect(v.edits[0].hint).toBe("Count the iterations for n = 1.");
  });

  it("names an original that is not in the document, and one that occurs more than once", () => {
    const v = validateProposals(FIXTURE_TEXT, { edits: [edit("i < m", "i <= m"), edit("row", "col")] }, FIXTURE_PACK.categories, strict);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors[0]).toMatch(/^Edit 1 \(original "i < m"\): "original" does not occur in the document; copy it character for character/);
    expect(v.errors[1]).toMatch(/^Edit 2 \(original "row"\): "original" occurs \d+ times in the document; quote more/);
  });

  it("refuses an unknown category and lists the valid ids", () => {
    const v = validateProposals(FIXTURE_TEXT, { edits: [edit("i < n", "i <= n", "race-condition")] }, FIXTURE_PACK.categories, strict);
    expect(v).toEqual({ ok: false, errors: [expect.stringContaining('unknown category "race-condition"; use one of: off-by-one, missing-await, wrong-operator, wrong-comparison.')] });
  });

  it("refuses overlapping edits and edits on the same or neighbouring lines", () => {
    const overlap = validateProposals(FIXTURE_TEXT, { edits: [edit("i < n; i++", "i <= n; i++"), edit("n; i++) {", "n; i--) {")] }, FIXTURE_PACK.categories, strict);
    expect(overlap.ok || overlap.errors).toEqual(["Edit 2: overlaps edit 1; edits must not share any text."]);
    // line 3 (loop bound) and line 4 (accumulate) are neighbours
    const near = validateProposals(FIXTURE_TEXT, { edits: [edit("i < n", "i <= n"), edit("total += xs[i];", "total = xs[i];", "wrong-operator")] }, FIXTURE_PACK.categories, strict);
    expect(near.ok || near.errors).toEqual([
      "Edit 2: is on line 4, the same as or next to edit 1 (line 3); leave at least one untouched line between two edits.",
    ]);
  });

  it("refuses no-op edits, short explanations, missing key points or phrases", () => {
    const v = validateProposals(
      FIXTURE_TEXT,
      {
        edits: [
          edit("i < n", "i < n"),
          edit("total += xs[i];", "total = xs[i];", "wrong-operator", { explanation: "wrong" }),
          edit("await db.insert(row);", "db.insert(row);", "missing-await", { keyPoints: [] }),
          edit("let total = 0;", "let total = 1;", "off-by-one", { keyPoints: [{ text: "Starts at one", phrases: [" "] }] }),
        ],
      },
      FIXTURE_PACK.categories,
      strict,
    );
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors.join("\n")).toContain('Edit 1 (original "i < n"): "replacement" equals "original"');
    expect(v.errors.join("\n")).toContain('Edit 2 (original "total += xs[i];"): "explanation" must be at least 20 characters');
    expect(v.errors.join("\n")).toContain("Edit 3 (original \"await db.insert(row);\"): needs at least one key point");
    expect(v.errors.join("\n")).toContain("Edit 4 (original \"let total = 0;\"): key point 1 needs at least one phrase");
    expect(v.errors).toHaveLength(4);
  });

  it("rejects edits larger than MAX_EDIT_LINES", () => {
    const text = Array.from({ length: 30 }, (_, i) => `line ${i}`).join("\n") + "\n";
    const original = text.split("\n").slice(2, 16).join("\n");
    const v = validateProposals(text, { edits: [edit(original, original.replace("line 5", "line 55"))] }, FIXTURE_PACK.categories, strict);
    expect(v.ok || v.errors[0]).toMatch(/changes 14 lines; a flaw may change at most 12 lines/);
  });

  it("reports malformed replies and edits with missing fields", () => {
    expect(validateProposals(FIXTURE_TEXT, [1, 2], FIXTURE_PACK.categories, strict)).toEqual({ ok: false, errors: [expect.stringContaining('{"edits": [...]}')] });
    const v = validateProposals(FIXTURE_TEXT, { edits: [{ category: "off-by-one", original: "i < n" }] }, FIXTURE_PACK.categories, strict);
    expect(v.ok || v.errors[0]).toMatch(/^Edit 1: has missing or mistyped fields \(replacement, explanation, keyPoints\)/);
    expect(validateProposals(FIXTURE_TEXT, { edits: [] }, FIXTURE_PACK.categories, opts)).toEqual({ ok: false, errors: ["The reply has no edits; propose 1 to 3 edits."] });
  });

  it("salvages the valid edits of a partly bad proposal and says what it dropped", () => {
    const v = validateProposals(
      FIXTURE_TEXT,
      { edits: [edit("i < n", "i <= n"), edit("hallucinated text", "x"), edit("  return row.id === null", "  return row.id == null", "wrong-comparison")] },
      FIXTURE_PACK.categories,
      { ...opts, minEdits: 2 },
    );
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.edits).toHaveLength(2);
    expect(v.dropped).toEqual([expect.stringMatching(/^Edit 2 \(original "hallucinated text"\): "original" does not occur/)]);
  });

  it("asks for a repair when fewer than minEdits survive", () => {
    const v = validateProposals(FIXTURE_TEXT, { edits: [edit("i < n", "i <= n"), edit("nope", "x")] }, FIXTURE_PACK.categories, { ...opts, minEdits: 2 });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors[0]).toBe("Only 1 of 2 edits can be used; at least 2 are needed.");
    expect(v.errors[1]).toMatch(/^Edit 2/);
  });

  it("uses at most maxEdits edits", () => {
    const edits = [edit("i < n", "i <= n"), edit("  return total;", "  return total + 1;"), edit("  return row.id === null", "  return row.id == null", "wrong-comparison")];
    const v = validateProposals(FIXTURE_TEXT, { edits }, FIXTURE_PACK.categories, { ...opts, maxEdits: 2 });
    expect(v.ok && v.edits.length).toBe(2);
    expect(v.ok && v.dropped).toEqual(["Edit 3: not used (only 2 edits were asked for)."]);
    expect(validateProposals(FIXTURE_TEXT, { edits }, FIXTURE_PACK.categories, { ...strict, maxEdits: 2 }).ok).toBe(false);
  });
});

describe("draftFromProposals", () => {
  it("builds a draft whose key verifies, labelled with the model, including a deletion", () => {
    const r = draftFromProposals(
      FIXTURE_SOURCE,
      FIXTURE_PACK,
      { edits: [edit("i < n", "i <= n"), edit("  await db.insert(row);\n", "", "missing-await", { hint: null })] },
      { model: "gpt-test", maxEdits: 3, seed: 5, difficulty: 2, contentHash: "h" },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.draft.generator).toBe("openai:gpt-test");
    expect(verifyDraft(r.draft)).toEqual({ ok: true });
    expect(r.draft.answerKey.map((e) => [e.category, e.lines])).toEqual([
      ["off-by-one", { from: 3, to: 3 }],
      ["missing-await", { from: 10, to: 10 }],
    ]);
    expect(r.draft.answerKey[1].hint).toBeUndefined();
  });

  it("returns errors instead of a draft when nothing usable is proposed", () => {
    const r = draftFromProposals(FIXTURE_SOURCE, FIXTURE_PACK, { edits: [edit("absent", "x")] }, { model: "m", maxEdits: 3, seed: 1, difficulty: 2, contentHash: "" });
    expect(r.ok).toBe(false);
  });
});

describe("validateCleanDraft", () => {
  const body = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join("\n");
  it("normalises line endings, strips one fence and ends with a newline", () => {
    const v = validateCleanDraft({ title: "  A memo ", text: "```ts\r\n" + body.replaceAll("\n", "\r\n") + "\r\n```" });
    expect(v).toEqual({ ok: true, title: "A memo", text: body + "\n" });
  });
  it("refuses empty, too short and too long documents", () => {
    expect(validateCleanDraft({ title: "Memo", text: "" })).toEqual({ ok: false, errors: ['"text" is empty; write the complete document.'] });
    expect(validateCleanDraft({ title: "Memo", text: "a\nb" }).ok).toBe(false);
    expect(validateCleanDraft({ title: "Memo", text: body }, { minLines: 1, maxLines: 10 })).toEqual({ ok: false, errors: ['"text" has 20 lines; keep the document under 10 lines.'] });
    expect(validateCleanDraft({ text: body }).ok).toBe(false);
  });
});

describe("prompts and schema", () => {
  it("puts the document between markers and the category ids into a strict schema", () => {
    const msgs = flawPrompt({ brief: FIXTURE_SOURCE.brief, text: FIXTURE_TEXT, format: "code", language: "typescript", categories: FIXTURE_PACK.categories, count: 3, difficulty: 2 });
    const user = msgs[1].content;
    expect(user.slice(user.indexOf(DOCUMENT_OPEN) + DOCUMENT_OPEN.length + 1, user.lastIndexOf(DOCUMENT_CLOSE))).toBe(FIXTURE_TEXT);
    const schema = proposalJsonSchema(FIXTURE_PACK.categories.map((c) => c.id)) as { properties: { edits: { items: { properties: { category: { enum: string[] } }; required: string[] } } } };
    expect(schema.properties.edits.items.properties.category.enum).toEqual(["off-by-one", "missing-await", "wrong-operator", "wrong-comparison"]);
    expect(schema.properties.edits.items.required).toHaveLength(6);
    const repair = repairMessages("{}", ["Edit 1: bad"], 3);
    expect(repair[1].content).toContain("- Edit 1: bad");
  });
});
