import { describe, expect, it } from "vitest";
import { loadContent } from "~/models/content.server";
import { generateDraft } from "../generation/generate";
import { forbiddenCharacters, invisibleEditReason, slowSkeleton, visibleSkeleton } from "./visible-change";

const { packs } = loadContent("content");

describe("the visible-change rule", () => {
  it("rejects a Cyrillic (or Greek) letter in place of a Latin one", () => {
    expect(invisibleEditReason("if (attempt >= retries)", "if (attеmpt >= retries)")).toMatch(/look-alike characters \("е" U\+0435 looks like "e"\)/);
    expect(invisibleEditReason("total_cents", "tοtal_cents")).toMatch(/look-alike/);
  });

  it("rejects a zero-width space inside a word and a bidi control", () => {
    expect(invisibleEditReason("retries", "re\u200Btries")).toBe("it only adds or removes an invisible character (U+200B)");
    expect(invisibleEditReason("a < b", "a \u202E< b")).toMatch(/U\+202E/);
  });

  it("rejects a no-break space for a space, trailing spaces and doubled spaces", () => {
    expect(invisibleEditReason("return total;", "return\u00A0total;")).toMatch(/only changes spacing/);
    expect(invisibleEditReason("return total;", "return total;   ")).toMatch(/only changes spacing/);
    expect(invisibleEditReason("a = b", "a  =  b")).toMatch(/only changes spacing/);
  });

  it("rejects a fullwidth or other compatibility form of the same character", () => {
    expect(invisibleEditReason("x <= 10", "x <= １０")).not.toBeNull();
  });

  it("accepts edits a reader can see, including small ones", () => {
    expect(invisibleEditReason("attempt >= retries", "attempt > retries")).toBeNull();
    expect(invisibleEditReason("status >= 500", "status >= 400")).toBeNull();
    expect(invisibleEditReason("a === b", "a == b")).toBeNull();
    expect(invisibleEditReason("resume", "résumé")).toBeNull();
    expect(invisibleEditReason("ON DELETE RESTRICT", "")).toBeNull();
  });

  it("finds bidi controls and zero-width characters in a document, by line", () => {
    expect(forbiddenCharacters("ok\nlet a\u200B = 1;\n// \u202Eevil")).toEqual([
      { line: 2, label: "U+200B" },
      { line: 3, label: "U+202E" },
    ]);
    expect(forbiddenCharacters("plain text, no tricks")).toEqual([]);
  });

  it("gives plain-ASCII and other texts the same skeleton as the definition, over every pack text", { timeout: 120_000 }, () => {
    const texts = new Set<string>();
    const add = (t: string) => {
      texts.add(t);
      for (const line of t.split("\n")) texts.add(line);
    };
    for (const pack of packs) {
      for (const source of pack.sources) {
        for (let seed = 0; seed < 2; seed++) {
          const d = generateDraft(source, pack, { seed, flawCount: 6 });
          add(d.cleanText);
          add(d.brief);
          for (const e of d.answerKey) [e.original, e.replacement, e.explanation].forEach(add);
        }
      }
    }
    // Every ASCII character alone and between letters and spaces, and look-alikes beyond ASCII.
    for (let c = 0; c < 128; c++) {
      const ch = String.fromCharCode(c);
      [ch, `a${ch}b`, ` ${ch}${ch} `, `${ch}\u00A0x`, `${ch}é`].forEach((t) => texts.add(t));
    }
    ["50%", "5 0 %", "rn m", "Il|1", 'say "hi"', "\t x \n", "", "   ", "tοtal", "１０", "re\u200Btries"].forEach((t) => texts.add(t));
    const plain = [...texts].filter((t) => [...t].every((ch) => ch.charCodeAt(0) < 128)).length;
    expect(plain).toBeGreaterThan(1000);
    expect(texts.size - plain).toBeGreaterThan(100);
    for (const t of texts) expect(visibleSkeleton(t), JSON.stringify(t)).toBe(slowSkeleton(t));
  });
});
