// Decoys: correct but unusual passages shown from a difficulty up, never in the answer key.
import { describe, expect, it } from "vitest";
import { loadContent } from "~/models/content.server";
import { generateDraft } from "../generation/generate";
import { verifyDraft } from "../verification/verify";
import type { SourceDoc } from "../types";
import { applyDecoys, decoyProblems } from "./decoys";
import { instantiate } from "./instantiate";

const { packs } = loadContent("content");

describe("decoys in the real packs", () => {
  it("every pack has a source with a decoy", () => {
    for (const pack of packs) expect(pack.sources.some((s) => s.decoys?.length), pack.domain).toBe(true);
  });

  it("appear only in drafts of their difficulty and above, are never a flaw, and the drafts verify", () => {
    for (const pack of packs) {
      for (const source of pack.sources.filter((s) => s.decoys?.length)) {
        for (let i = 0; i < 20; i++) {
          const seed = (i * 2654435761 + 5) >>> 0;
          const concrete = instantiate(source, seed).source;
          for (let difficulty = 1; difficulty <= 5; difficulty++) {
            for (const cleanRate of [0, 1]) {
              const draft = generateDraft(source, pack, { seed, difficulty, cleanRate });
              expect(verifyDraft(draft)).toEqual({ ok: true });
              for (const d of concrete.decoys!) {
                const shown = difficulty >= d.difficulty;
                const where = `${pack.domain}/${source.id} decoy ${d.id} seed ${seed} difficulty ${difficulty}`;
                expect(draft.cleanText.includes(d.replacement), where).toBe(shown);
                expect(draft.cleanText.includes(d.anchor), where).toBe(!shown);
                if (!shown) continue;
                // The decoy stays as written in the flawed text and no answer-key entry touches it.
                const at = draft.cleanText.indexOf(d.replacement);
                expect(draft.flawedText.includes(d.replacement), where).toBe(true);
                for (const e of draft.answerKey) expect(e.cleanSpan.end <= at || e.cleanSpan.start >= at + d.replacement.length, where).toBe(true);
              }
            }
          }
        }
      }
    }
  }, 120_000);
});

describe("decoyProblems", () => {
  const doc = (text: string, decoys: SourceDoc["decoys"], format: SourceDoc["format"] = "prose"): Pick<SourceDoc, "text" | "format" | "sites" | "decoys"> => ({
    text,
    format,
    decoys,
    sites: [{ id: "notice", anchor: "within 30 days", difficulty: 2, variants: [] }],
  });
  const decoy = (anchor: string, replacement: string) => ({ id: "d", anchor, replacement, difficulty: 4, why: "the same meaning in other words" });
  const text = "The supplier shall pay within 30 days of the invoice.\nThe fee is 1,200 per month.\n";

  it("accepts a reworded passage that keeps its figures and leaves the flaw sites alone", () => {
    expect(decoyProblems(doc(text, [decoy("The fee is 1,200 per month.", "The monthly fee is 1,200.")]))).toEqual([]);
    expect(applyDecoys(text, [decoy("The fee is 1,200 per month.", "The monthly fee is 1,200.")], 4)).toContain("The monthly fee is 1,200.");
    expect(applyDecoys(text, [decoy("The fee is 1,200 per month.", "The monthly fee is 1,200.")], 3)).toBe(text);
  });

  it("refuses a prose decoy that changes a figure, overlaps a flaw site, is ambiguous or invisible", () => {
    const messages = (d: ReturnType<typeof decoy>) => decoyProblems(doc(text, [d])).map((p) => p.message);
    expect(messages(decoy("The fee is 1,200 per month.", "The fee is 1,300 per month."))).toEqual([
      'decoy "d": a prose decoy must state the same figures as the passage it rewrites (1,200 → 1,300)',
    ]);
    expect(messages(decoy("pay within 30 days", "pay in 30 days"))[0]).toMatch(/overlaps flaw site "notice"/);
    expect(messages(decoy("The", "A"))[0]).toMatch(/ambiguous/);
    expect(messages(decoy("per month.", "per  month."))[0]).toMatch(/changes nothing a reader can see/);
  });

  it("refuses a decoy that makes a flaw site's anchor appear twice", () => {
    expect(decoyProblems(doc(text, [decoy("The fee is 1,200 per month.", "The fee is 1,200 per month, due within 30 days.")], "code")).map((p) => p.message)).toEqual([
      `with the decoys shown, site "notice"'s anchor is found twice`,
    ]);
  });

  it("names a missing anchor apart from an ambiguous one, and a flaw site a decoy takes away", () => {
    const messages = (d: ReturnType<typeof decoy>) => decoyProblems(doc(text, [d], "code")).map((p) => p.message);
    expect(messages(decoy("The fee is 1,500 per month.", "The monthly fee is 1,500."))).toEqual(['decoy "d": anchor not found in the text']);
    expect(messages(decoy("The", "A"))).toEqual(['decoy "d": anchor is ambiguous; add surrounding words']);
    expect(messages(decoy("pay within 30 days", "pay in 30 days"))).toEqual([
      'decoy "d": overlaps flaw site "notice": a decoy must leave every flaw site as it is',
      `with the decoys shown, site "notice"'s anchor is gone`,
    ]);
  });

  it("refuses a decoy of more lines than a flaw may change", () => {
    const long = Array.from({ length: 13 }, (_, i) => `The fee is 1,200 per month (${i}).`).join("\n");
    expect(decoyProblems(doc(text, [decoy("The fee is 1,200 per month.", long)], "code")).map((p) => p.message)).toEqual([
      'decoy "d": may change at most 12 lines, this one changes 13',
    ]);
  });
});
