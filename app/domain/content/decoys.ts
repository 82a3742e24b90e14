// Decoys: correct but unusual passages a source declares, shown in drafts of their difficulty and
// above. They are part of the draft's clean text (the answer key never lists them), so flagging
// one is a false alarm. Pure: the engine applies them, content:check runs `decoyProblems`.
import { MAX_EDIT_LINES } from "../verification/verify";
import { onceAt } from "../text/find";
import { editLines } from "../text/lines";
import { invisibleEditReason } from "../text/visible-change";
import type { Decoy, SourceDoc } from "../types";

type DecoyText = Pick<Decoy, "anchor" | "replacement" | "difficulty">;

/** The decoys a draft of this difficulty shows: harder drafts show more of them. */
export function decoysAt<D extends { difficulty: number }>(decoys: readonly D[] | undefined, difficulty: number): D[] {
  return decoys ? decoys.filter((d) => d.difficulty <= difficulty) : [];
}

/**
 * The text with each decoy of this difficulty applied, in the declared order. A decoy whose anchor
 * is missing or found more than once is left out (content:check reports it).
 */
export function applyDecoys(text: string, decoys: readonly DecoyText[] | undefined, difficulty: number): string {
  let out = text;
  for (const d of decoysAt(decoys, difficulty)) {
    const at = onceAt(out, d.anchor);
    if (at < 0) continue;
    out = out.slice(0, at) + d.replacement + out.slice(at + d.anchor.length);
  }
  return out;
}

/** Figures a passage states ("1,200.50", "30", "3.2"), for the rule that a prose decoy keeps them. */
function figures(text: string): string[] {
  return (text.match(/\d+(?:[.,]\d+)*/g) ?? []).sort();
}

/** Why each decoy of a concrete document is not a safe decoy (index into doc.decoys, message). */
export function decoyProblems(doc: Pick<SourceDoc, "text" | "format" | "sites" | "decoys">): { index: number; message: string }[] {
  const out: { index: number; message: string }[] = [];
  const decoys = doc.decoys ?? [];
  const sites = doc.sites
    .map((s) => ({ id: s.id, anchor: s.anchor, start: doc.text.indexOf(s.anchor), length: s.anchor.length }))
    .filter((s) => s.start >= 0);
  const ids = new Set<string>();
  decoys.forEach((d, index) => {
    const say = (message: string) => out.push({ index, message: `decoy "${d.id}": ${message}` });
    if (ids.has(d.id)) say("duplicate decoy id");
    ids.add(d.id);
    const at = onceAt(doc.text, d.anchor);
    if (at < 0) return say(doc.text.includes(d.anchor) ? "anchor is ambiguous; add surrounding words" : "anchor not found in the text");
    const hit = sites.find((s) => at < s.start + s.length && s.start < at + d.anchor.length);
    if (hit) say(`overlaps flaw site "${hit.id}": a decoy must leave every flaw site as it is`);
    const invisible = invisibleEditReason(d.anchor, d.replacement);
    if (invisible) say(`changes nothing a reader can see: ${invisible}`);
    const size = editLines(d.anchor, d.replacement);
    if (size > MAX_EDIT_LINES) say(`may change at most ${MAX_EDIT_LINES} lines, this one changes ${size}`);
    // Prose cannot be run: a reworded passage must at least state the same figures.
    if ((doc.format === "prose" || doc.format === "table") && figures(d.anchor).join(" ") !== figures(d.replacement).join(" ")) {
      say(`a prose decoy must state the same figures as the passage it rewrites (${figures(d.anchor).join(", ") || "none"} → ${figures(d.replacement).join(", ") || "none"})`);
    }
  });
  // With every decoy shown, each flaw site found once in the text is still found exactly once.
  if (!decoys.length) return out;
  const all = applyDecoys(doc.text, decoys, 5);
  for (const s of sites) {
    if (onceAt(doc.text, s.anchor) < 0 || onceAt(all, s.anchor) >= 0) continue; // an ambiguous anchor is reported as such
    out.push({ index: -1, message: `with the decoys shown, site "${s.id}"'s anchor is ${all.includes(s.anchor) ? "found twice" : "gone"}` });
  }
  return out;
}
