import type { LineRange, Span } from "../types";

/** Offsets at which each line starts; lineStarts[0] = 0. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** Number of newline characters in a text. */
export function newlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** How many lines an edit changes: the longer of the passage it replaces and its replacement. */
export function editLines(original: string, replacement: string): number {
  return Math.max(newlines(original), newlines(replacement)) + 1;
}

/** Number of lines a reader sees (a final newline does not open a new line); "" has 0 lines. */
export function lineCount(text: string): number {
  // Scoring many attempts of one draft asks about the same text again and again.
  if (text === lastCounted.text) return lastCounted.count;
  const n = (text.length === 0 ? 0 : 1) + newlines(text);
  const count = text.endsWith("\n") ? n - 1 : n;
  lastCounted = { text, count };
  return count;
}
let lastCounted = { text: "", count: 0 };

/** 1-based line of a character offset (binary search over line starts). */
export function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * Lines covered by a span. A span that ends right after a newline does not include the next
 * line; an empty span (a deletion) anchors to the line where the text vanished.
 */
export function spanLines(text: string, span: Span, starts: number[] = lineStarts(text)): LineRange {
  const last = Math.max(1, lineCount(text));
  const from = Math.min(lineAt(starts, span.start), last);
  if (span.end <= span.start) return { from, to: from };
  const to = Math.min(lineAt(starts, span.end - 1), last);
  return { from, to: Math.max(from, to) };
}
