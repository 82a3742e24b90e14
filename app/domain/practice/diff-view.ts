// The clean-vs-flawed reveal as rows a page can render as text: a line diff, refined inside
// changed lines to whole words (prose) or code tokens, with the trainee's flagged lines marked.
import { diffArrays, diffLines } from "diff";
import type { LineRange } from "../types";

export type Segment = [kind: "same" | "del" | "add", text: string];

export interface DiffRow {
  kind: "same" | "del" | "add" | "gap";
  cleanLine: number | null;
  flawedLine: number | null;
  segments: Segment[];
  /** Trainee findings (1-based positions in their list) that cover this flawed line. */
  flags: number[];
  /** Answer-key flaw ids whose lines include this flawed line. */
  flaws: string[];
}

// Code tokens: names, numbers, multi-character operators, then single characters.
const CODE_TOKEN = /[A-Za-z_$][\w$]*|\d[\w.]*|\s+|===|!==|==|!=|<=|>=|=>|&&|\|\||\?\?|\?\.|\+\+|--|::|->|<>|\|\||[^\w\s]/g;

// Prose words: letters and digits with the punctuation inside them ("2,500", "3.5", "don't",
// "month-end"), then spaces, then single signs.
const PROSE_TOKEN = /[\p{L}\p{N}]+(?:[.,'’-][\p{L}\p{N}]+)*|\s+|[^\p{L}\p{N}\s]/gu;

type Part = { value: string; added?: boolean; removed?: boolean };

/**
 * The parts of one changed line: whole words for prose ("Either" → "Neither", never a struck
 * letter), whole tokens for code (">" → ">=", "x" → "y").
 */
export function lineParts(a: string, b: string, prose: boolean): Part[] {
  const re = prose ? PROSE_TOKEN : CODE_TOKEN;
  const parts = diffArrays(a.match(re) ?? [], b.match(re) ?? []);
  return parts.map((p) => ({ value: p.value.join(""), added: p.added, removed: p.removed }));
}

function splitLines(text: string): string[] {
  const lines = text.split("\n");
  if (text.endsWith("\n")) lines.pop();
  return lines;
}

/**
 * Builds the reveal. Unchanged stretches longer than 2×context lines are folded into a "gap"
 * row unless a flag or flaw sits there.
 */
export function buildDiffRows(
  cleanText: string,
  flawedText: string,
  findings: readonly LineRange[],
  flaws: readonly { id: string; lines: LineRange }[],
  context = 3,
  prose = false,
): DiffRow[] {
  const rows: DiffRow[] = [];
  let c = 1;
  let f = 1;
  const flagsAt = (line: number) => findings.flatMap((r, i) => (r.from <= line && line <= r.to ? [i + 1] : []));
  const flawsAt = (line: number) => flaws.filter((x) => x.lines.from <= line && line <= x.lines.to).map((x) => x.id);
  const parts = diffLines(cleanText, flawedText);
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    const lines = splitLines(part.value);
    if (!part.added && !part.removed) {
      for (const text of lines) rows.push({ kind: "same", cleanLine: c++, flawedLine: f, segments: [["same", text]], flags: flagsAt(f), flaws: flawsAt(f++) });
      continue;
    }
    // Pair a removed block with the added block after it and mark the characters that differ.
    const removed = part.removed ? lines : [];
    const next = parts[k + 1];
    const added = part.removed && next?.added ? splitLines(next.value) : part.added ? lines : [];
    if (part.removed && next?.added) k++;
    const pairs = Math.min(removed.length, added.length);
    const delRows: DiffRow[] = [];
    const addRows: DiffRow[] = [];
    for (let i = 0; i < Math.max(removed.length, added.length); i++) {
      const a = removed[i];
      const b = added[i];
      if (i < pairs) {
        const chars = lineParts(a, b, prose);
        delRows.push({ kind: "del", cleanLine: c++, flawedLine: null, segments: chars.filter((x) => !x.added).map((x) => [x.removed ? "del" : "same", x.value]), flags: [], flaws: [] });
        addRows.push({ kind: "add", cleanLine: null, flawedLine: f, segments: chars.filter((x) => !x.removed).map((x) => [x.added ? "add" : "same", x.value]), flags: flagsAt(f), flaws: flawsAt(f++) });
      } else if (a !== undefined) {
        delRows.push({ kind: "del", cleanLine: c++, flawedLine: null, segments: [["del", a]], flags: [], flaws: [] });
      } else {
        addRows.push({ kind: "add", cleanLine: null, flawedLine: f, segments: [["add", b]], flags: flagsAt(f), flaws: flawsAt(f++) });
      }
    }
    rows.push(...delRows, ...addRows);
  }
  return fold(rows, context);
}

function fold(rows: DiffRow[], context: number): DiffRow[] {
  const keep = rows.map((r) => r.kind !== "same" || r.flags.length > 0 || r.flaws.length > 0);
  const near = keep.map((_, i) => {
    for (let d = -context; d <= context; d++) if (keep[i + d]) return true;
    return false;
  });
  const out: DiffRow[] = [];
  let pending: DiffRow[] = [];
  // A fold of one or two lines saves nothing: show them instead.
  const flush = () => {
    if (pending.length > 2) {
      const n = pending.length;
      out.push({ kind: "gap", cleanLine: null, flawedLine: null, segments: [["same", `${n} unchanged lines`]], flags: [], flaws: [] });
    } else out.push(...pending);
    pending = [];
  };
  rows.forEach((r, i) => {
    if (near[i]) {
      flush();
      out.push(r);
    } else pending.push(r);
  });
  flush();
  return out;
}
