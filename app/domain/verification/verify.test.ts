import { describe, expect, it } from "vitest";
import { FIXTURE_PACK, FIXTURE_SOURCE } from "../generation/fixture-pack";
import { generateDraft } from "../generation/generate";
import { commonLineBounds, verifyDraft } from "./verify";

const good = () => generateDraft(FIXTURE_SOURCE, FIXTURE_PACK, { seed: 3, flawCount: 2 });

describe("verifyDraft", () => {
  it("accepts a generated draft", () => {
    expect(verifyDraft(good())).toEqual({ ok: true });
  });

  it("rejects an undeclared change and names its line", () => {
    const d = good();
    const flawedText = d.flawedText.replace("return total;", "return total + 1;");
    // Keep the key consistent with the new text length before the change so step 1 fails on text, not spans.
    const v = verifyDraft({ ...d, flawedText });
    expect(v.ok).toBe(false);
    expect(!v.ok && v.problems.join("\n")).toMatch(/does not give the flawed text|not the flawed text at its span/);
  });

  it("rejects a key that hides one of two edits (the diff finds the undeclared one)", () => {
    const d = generateDraft(FIXTURE_SOURCE, FIXTURE_PACK, { seed: 11, flawCount: 10 });
    expect(d.answerKey.length).toBeGreaterThan(1);
    const dropped = d.answerKey[d.answerKey.length - 1];
    // Pretend the last flaw was never declared: rebuild the clean text with that edit applied.
    const cleanText = d.cleanText.slice(0, dropped.cleanSpan.start) + dropped.replacement + d.cleanText.slice(dropped.cleanSpan.end);
    const v = verifyDraft({ ...d, cleanText, answerKey: d.answerKey.slice(0, -1) });
    expect(v).toEqual({ ok: true }); // consistent: the edit is now part of the clean text

    const hidden = verifyDraft({ ...d, answerKey: d.answerKey.slice(0, -1) });
    expect(hidden.ok).toBe(false);
  });

  it("rejects a declared flaw that changes nothing, and wrong line ranges", () => {
    const d = good();
    const e = d.answerKey[0];
    const noChange = verifyDraft({ ...d, answerKey: [{ ...e, replacement: e.original }, ...d.answerKey.slice(1)] });
    expect(noChange.ok).toBe(false);
    const wrongLines = verifyDraft({ ...d, answerKey: [{ ...e, lines: { from: e.lines.from + 2, to: e.lines.to + 2 } }, ...d.answerKey.slice(1)] });
    expect(wrongLines.ok).toBe(false);
    expect(!wrongLines.ok && wrongLines.problems[0]).toContain(`flaw ${e.id}: lines`);
  });

  it("rejects an edit a reader cannot see, and any bidi or zero-width character in the texts", () => {
    const d = good();
    const e = d.answerKey[0];
    const single = (replacement: string) => {
      const flawedText = d.cleanText.slice(0, e.cleanSpan.start) + replacement + d.cleanText.slice(e.cleanSpan.end);
      const span = { start: e.cleanSpan.start, end: e.cleanSpan.start + replacement.length };
      return verifyDraft({ cleanText: d.cleanText, flawedText, answerKey: [{ ...e, replacement, span }] });
    };
    const letter = [...e.original].findIndex((c) => "aeo".includes(c));
    expect(letter).toBeGreaterThanOrEqual(0);
    const homoglyph = single(e.original.slice(0, letter) + ({ a: "а", e: "е", o: "о" } as Record<string, string>)[e.original[letter]] + e.original.slice(letter + 1));
    expect(!homoglyph.ok && homoglyph.problems).toContainEqual(expect.stringMatching(new RegExp(`^flaw ${e.id}: changes nothing a reader can see: it only swaps look-alike characters`)));
    const zeroWidth = single(e.original.slice(0, 1) + "\u200B" + e.original.slice(1));
    expect(!zeroWidth.ok && zeroWidth.problems).toContainEqual(expect.stringMatching(/the flawed text contains an invisible or bidi control character \(U\+200B\) at line \d+/));
    expect(single(e.original + "  ").ok).toBe(false);
  });

  it("names a hidden character in the flawed text that no edit declares, and one in the clean text, before other problems", () => {
    const d = good();
    const last = d.answerKey[d.answerKey.length - 1];
    // Outside every declared edit: the edits no longer rebuild the flawed text.
    const at = d.flawedText.indexOf("\n", last.span.end) + 1;
    const flawedText = d.flawedText.slice(0, at) + "\u202E" + d.flawedText.slice(at);
    const undeclared = verifyDraft({ ...d, flawedText });
    expect(!undeclared.ok && undeclared.problems[0]).toMatch(/^the flawed text contains an invisible or bidi control character \(U\+202E\) at line \d+/);
    expect(!undeclared.ok && undeclared.problems).toContain("applying the declared edits to the clean text does not give the flawed text");
    // In the clean text (and so in the flawed text, which keeps it): both are named, clean first.
    const both = verifyDraft({ ...d, cleanText: "\u200B" + d.cleanText, flawedText: "\u200B" + d.flawedText });
    expect(!both.ok && both.problems.slice(0, 2)).toEqual([
      "the clean text contains an invisible or bidi control character (U+200B) at line 1",
      "the flawed text contains an invisible or bidi control character (U+200B) at line 1",
    ]);
  });

  it("accepts an edit whose diff could be placed on either side of repeated text", () => {
    const cleanText = "a\nxx aaab yy\nz\n";
    const start = cleanText.indexOf("aaab") + 2; // remove the third "a"
    const flawedText = cleanText.slice(0, start) + cleanText.slice(start + 1);
    const v = verifyDraft({
      cleanText,
      flawedText,
      answerKey: [
        {
          id: "f1", category: "c", severity: 1, span: { start, end: start }, lines: { from: 2, to: 2 }, cleanSpan: { start, end: start + 1 },
          original: "a", replacement: "", explanation: "x".repeat(20), keyPoints: [], origin: { kind: "operator", operatorId: "o" },
        },
      ],
    });
    expect(v).toEqual({ ok: true });
  });

  it("gives a clear verdict, without an unbounded diff, for two unrelated 50 KB texts", () => {
    let x = 1;
    const rand = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
    const text = () => Array.from({ length: 50_000 }, () => (rand() < 0.15 ? "\n" : String.fromCharCode(97 + Math.floor(rand() * 26)))).join("");
    const cleanText = text();
    const flawedText = text();
    // A key that declares the whole text as one edit is refused as not local, before any diff.
    const lines = flawedText.split("\n").length - (flawedText.endsWith("\n") ? 1 : 0);
    const answerKey = [
      {
        id: "f1", category: "c", severity: 1 as const, span: { start: 0, end: flawedText.length }, lines: { from: 1, to: lines },
        cleanSpan: { start: 0, end: cleanText.length }, original: cleanText, replacement: flawedText, explanation: "x".repeat(20),
        keyPoints: [], origin: { kind: "operator" as const, operatorId: "o" },
      },
    ];
    const v = verifyDraft({ cleanText, flawedText, answerKey });
    expect(v.ok).toBe(false);
    expect(!v.ok && v.problems[0]).toMatch(/flaw f1: is not a local edit \(\d+ lines; a flaw may change at most 12\)/);
    // And with no key at all the rebuilt text differs at once.
    const none = verifyDraft({ cleanText, flawedText, answerKey: [] });
    expect(!none.ok && none.problems[0]).toContain("does not give the flawed text");
    // How fast that verdict comes is measured by `npm run bench`, not here.
  });

  it("diffs only between the common leading and trailing whole lines, and still places edits at either end", () => {
    expect(commonLineBounds("a\nb\nc\n", "a\nB\nc\n")).toEqual([2, 2]);
    expect(commonLineBounds("ab\ncd", "ab\ncx")).toEqual([3, 0]); // last line has no newline
    expect(commonLineBounds("x\n", "y\n")).toEqual([0, 0]); // a newline shared at the end is part of a changed line
    expect(commonLineBounds("same\n", "same\n")).toEqual([5, 0]);
    expect(commonLineBounds("a\na\na\n", "a\na\n")).toEqual([4, 0]); // never overlapping
    const key = (clean: string, start: number, end: number, replacement: string) => {
      const flawedText = clean.slice(0, start) + replacement + clean.slice(end);
      const line = clean.slice(0, start).split("\n").length;
      return {
        cleanText: clean,
        flawedText,
        answerKey: [{ id: "f1", category: "c", severity: 1 as const, span: { start, end: start + replacement.length }, lines: { from: line, to: line }, cleanSpan: { start, end }, original: clean.slice(start, end), replacement, explanation: "x", keyPoints: [], origin: { kind: "operator" as const, operatorId: "o" } }],
      };
    };
    const text = "first line\nsecond\nsecond\nlast line";
    expect(verifyDraft(key(text, 0, 5, "1st"))).toEqual({ ok: true });
    expect(verifyDraft(key(text, text.length - 4, text.length, "row"))).toEqual({ ok: true });
    expect(verifyDraft(key(text, 11, 18, ""))).toEqual({ ok: true }); // one of two equal lines removed
    expect(verifyDraft(key(text, 18, 25, ""))).toEqual({ ok: true }); // the other one
  });
});
