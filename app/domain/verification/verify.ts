// Proves an answer key right: the declared edits reproduce the flawed text, and an independent
// diff of clean vs flawed text changes nothing outside the declared spans and something inside
// each. A draft that fails is an error, never a stored draft.
import { forbiddenCharacters, invisibleEditReason } from "../text/visible-change";
import { diffArrays, diffChars, type ArrayChange, type ChangeObject } from "diff";
import { editLines, lineStarts, newlines, spanLines } from "../text/lines";
import type { Draft, Span } from "../types";

/** A flaw is something a reviewer can point at: an edit of at most this many lines. */
export const MAX_EDIT_LINES = 12;

export type Verdict = { ok: true } | { ok: false; problems: string[] };

// The diff's work is bounded by edit counts derived from the key, never by wall-clock time, so a
// verdict is the same on a loaded machine as on a quiet one (a timeout made correct drafts fail
// under load).

/** A change found by the diff: a removed range of the clean text or an added range of the flawed text. */
interface Change {
  side: "clean" | "flawed";
  start: number;
  end: number;
}

export function verifyDraft(draft: Pick<Draft, "cleanText" | "flawedText" | "answerKey">): Verdict {
  const { cleanText, flawedText, answerKey } = draft;
  const problems: string[] = [];

  // 0. No text may hide or reorder what a trainee reads (decision 066). The flawed text is read
  // after step 1: when the edits rebuild it and neither the clean text nor a replacement has such
  // a character, it has none either.
  const forbidden = (side: "clean" | "flawed", text: string) =>
    forbiddenCharacters(text)
      .slice(0, 3)
      .map((c) => `the ${side} text contains an invisible or bidi control character (${c.label}) at line ${c.line}`);
  const cleanForbidden = forbidden("clean", cleanText);

  // 1. The declared edits, applied to the clean text, give exactly the flawed text.
  const entries = [...answerKey].sort((a, b) => a.cleanSpan.start - b.cleanSpan.start);
  let rebuilt = "";
  let cursor = 0;
  const flawedStarts = lineStarts(flawedText);
  for (const e of entries) {
    if (e.cleanSpan.start < cursor) problems.push(`flaw ${e.id}: overlaps the previous flaw in the clean text`);
    if (cleanText.slice(e.cleanSpan.start, e.cleanSpan.end) !== e.original) problems.push(`flaw ${e.id}: "original" is not the clean text at its span`);
    if (flawedText.slice(e.span.start, e.span.end) !== e.replacement) problems.push(`flaw ${e.id}: "replacement" is not the flawed text at its span`);
    if (e.original === e.replacement) problems.push(`flaw ${e.id}: declares no change`);
    else {
      const invisible = invisibleEditReason(e.original, e.replacement);
      if (invisible) problems.push(`flaw ${e.id}: changes nothing a reader can see: ${invisible}`);
    }
    const size = editLines(e.original, e.replacement);
    if (size > MAX_EDIT_LINES) problems.push(`flaw ${e.id}: is not a local edit (${size} lines; a flaw may change at most ${MAX_EDIT_LINES})`);
    const lines = spanLines(flawedText, e.span, flawedStarts);
    if (lines.from !== e.lines.from || lines.to !== e.lines.to) {
      problems.push(`flaw ${e.id}: lines ${e.lines.from}-${e.lines.to} do not match its span (lines ${lines.from}-${lines.to})`);
    }
    rebuilt += cleanText.slice(cursor, e.cleanSpan.start);
    if (rebuilt.length !== e.span.start) problems.push(`flaw ${e.id}: span starts at ${e.span.start}, but the edits put it at ${rebuilt.length}`);
    rebuilt += e.replacement;
    cursor = Math.max(cursor, e.cleanSpan.end);
  }
  rebuilt += cleanText.slice(cursor);
  const rebuilds = rebuilt === flawedText;
  if (!rebuilds) problems.push("applying the declared edits to the clean text does not give the flawed text");
  const flawedForbidden =
    rebuilds && !cleanForbidden.length && answerKey.every((e) => !forbiddenCharacters(e.replacement).length) ? [] : forbidden("flawed", flawedText);
  problems.unshift(...cleanForbidden, ...flawedForbidden);
  if (problems.length) return { ok: false, problems };

  // 2. An independent diff touches nothing outside the declared spans.
  // A correct key bounds the line diff: each edit touches at most its own lines on each side.
  const lineBudget = answerKey.reduce((n, e) => n + newlines(e.original) + newlines(e.replacement) + 2, 0) + 4;
  const charBudget = answerKey.reduce((n, e) => n + e.original.length + e.replacement.length, 0) + 16;
  const blocks = diffBlocks(cleanText, flawedText, lineBudget, charBudget);
  if (!blocks) {
    return { ok: false, problems: ["the texts differ by more than the declared edits (diff gave up within its budget)"] };
  }
  const touched = new Set<number>();
  const place = (ch: Change) => {
    const text = ch.side === "clean" ? cleanText : flawedText;
    return answerKey.findIndex((e) => canSlideInto(text, ch, ch.side === "clean" ? e.cleanSpan : e.span));
  };
  for (const block of blocks) {
    // The block's changed middle usually lies inside one declared span; only when it does not
    // is it refined to characters, so each smaller change can be placed on its own.
    let changes = block.coarse;
    if (changes.some((ch) => place(ch) < 0)) {
      const fine = block.refine();
      if (!fine) return { ok: false, problems: ["the texts differ by more than the declared edits (diff gave up within its budget)"] };
      changes = fine;
    }
    for (const ch of changes) {
      const hit = place(ch);
      if (hit < 0) {
        const text = ch.side === "clean" ? cleanText : flawedText;
        const line = spanLines(text, { start: ch.start, end: ch.end }).from;
        problems.push(`undeclared change in the ${ch.side} text at line ${line}: ${JSON.stringify(text.slice(ch.start, ch.end).slice(0, 60))}`);
      } else touched.add(hit);
    }
  }
  answerKey.forEach((e, i) => {
    if (!touched.has(i)) problems.push(`flaw ${e.id}: the diff finds no change inside its span`);
  });
  return problems.length ? { ok: false, problems } : { ok: true };
}

/**
 * A pure insertion or deletion can be placed anywhere along a run of repeated text with the
 * same result ("aa" minus one "a"). The change counts as inside a span if any equivalent
 * placement lies within it (a zero-width span accepts a change touching its position).
 */
function canSlideInto(text: string, ch: Change, span: Span): boolean {
  let lo = ch.start;
  let hi = ch.end;
  while (lo > 0 && text[lo - 1] === text[hi - 1]) {
    lo--;
    hi--;
  }
  const minStart = lo;
  lo = ch.start;
  hi = ch.end;
  while (hi < text.length && text[lo] === text[hi]) {
    lo++;
    hi++;
  }
  const maxStart = lo;
  const len = ch.end - ch.start;
  if (span.end === span.start) return minStart <= span.start && span.start <= maxStart + len && len === 0;
  // Some placement [p, p+len) with minStart <= p <= maxStart inside [span.start, span.end].
  const p = Math.max(minStart, span.start);
  return p <= maxStart && p + len <= span.end;
}

/** Lines with their terminating newline, so offsets add up to the text length. */
function splitKeepingNewlines(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const nl = text.indexOf("\n", i);
    if (nl < 0) {
      out.push(text.slice(i));
      break;
    }
    out.push(text.slice(i, nl + 1));
    i = nl + 1;
  }
  return out;
}

// Blocks of 512, 128, 32 and 8 characters are compared as strings (natively) before the last
// few characters one by one: a draft's texts share thousands of leading and trailing characters.
const BLOCKS = [512, 128, 32, 8];

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  for (const size of BLOCKS) while (i + size <= n && a.slice(i, i + size) === b.slice(i, i + size)) i += size;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(a: string, b: string, limit: number): number {
  let i = 0;
  for (const size of BLOCKS) {
    while (i + size <= limit && a.slice(a.length - i - size, a.length - i) === b.slice(b.length - i - size, b.length - i)) i += size;
  }
  while (i < limit && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

interface Block {
  /** The block's changed middle after trimming its common prefix and suffix. */
  coarse: Change[];
  /** Character-level changes inside the middle (jsdiff), or null when over budget. */
  refine(): Change[] | null;
}

/**
 * The whole lines both texts start and end with: [prefix, suffix] in characters, each made of
 * complete lines and not overlapping. Lines outside them are equal, so only the region between
 * needs a line diff (a minimal diff keeps a common prefix and suffix: the result is the same).
 */
export function commonLineBounds(a: string, b: string): [number, number] {
  const p = commonPrefix(a, b);
  if (p === a.length && p === b.length) return [p, 0];
  const prefix = p === 0 ? 0 : a.lastIndexOf("\n", p - 1) + 1;
  const q = commonSuffix(a, b, Math.min(a.length, b.length) - prefix);
  if (q === 0) return [prefix, 0];
  const nl = a.indexOf("\n", a.length - q);
  return [prefix, nl < 0 ? 0 : a.length - (nl + 1)];
}

/**
 * Line diff first (jsdiff on line arrays: few tokens) over the region between the texts' common
 * leading and trailing lines, then each changed block is narrowed to its differing middle; a
 * character diff of that middle is computed only when needed. The line budget comes from the
 * lines the declared edits touch, so unrelated texts fail fast.
 */
function diffBlocks(clean: string, flawed: string, lineBudget: number, charBudget: number): Block[] | null {
  const [prefix, suffix] = commonLineBounds(clean, flawed);
  const parts = diffArrays(
    splitKeepingNewlines(clean.slice(prefix, clean.length - suffix)),
    splitKeepingNewlines(flawed.slice(prefix, flawed.length - suffix)),
    { maxEditLength: lineBudget },
  ) as ArrayChange<string>[] | undefined;
  if (!parts) return null;
  const blocks: Block[] = [];
  let ci = prefix;
  let fi = prefix;
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    if (!part.added && !part.removed) {
      for (const line of part.value) {
        ci += line.length;
        fi += line.length;
      }
      continue;
    }
    let removed = "";
    let added = "";
    while (k < parts.length && (parts[k].added || parts[k].removed)) {
      if (parts[k].removed) removed += parts[k].value.join("");
      else added += parts[k].value.join("");
      k++;
    }
    k--;
    const p = commonPrefix(removed, added);
    const q = commonSuffix(removed, added, Math.min(removed.length, added.length) - p);
    const midRemoved = removed.slice(p, removed.length - q);
    const midAdded = added.slice(p, added.length - q);
    const a0 = ci + p;
    const b0 = fi + p;
    const coarse: Change[] = [];
    if (midRemoved) coarse.push({ side: "clean", start: a0, end: a0 + midRemoved.length });
    if (midAdded) coarse.push({ side: "flawed", start: b0, end: b0 + midAdded.length });
    blocks.push({
      coarse,
      refine() {
        if (!midRemoved || !midAdded) return coarse;
        // A correct key changes at most charBudget characters in all, so a larger edit distance
        // means undeclared changes.
        const charParts = diffChars(midRemoved, midAdded, { maxEditLength: charBudget }) as
          | ChangeObject<string>[]
          | undefined;
        if (!charParts) return null;
        const out: Change[] = [];
        let a = a0;
        let b = b0;
        for (const cp of charParts) {
          if (cp.removed) {
            out.push({ side: "clean", start: a, end: a + cp.value.length });
            a += cp.value.length;
          } else if (cp.added) {
            out.push({ side: "flawed", start: b, end: b + cp.value.length });
            b += cp.value.length;
          } else {
            a += cp.value.length;
            b += cp.value.length;
          }
        }
        return out;
      },
    });
    ci += removed.length;
    fi += added.length;
  }
  return blocks;
}
