// Lines and spans of a draft, as findings and flaws name them.
import type { LineRange, Span } from "../types";
import { lineCount, spanLines } from "../text/lines";

export { lineCount };

/**
 * 1-based inclusive lines touched by a half-open character span: the line of its first
 * character to the line of its last. A span ending right after a newline does not include the
 * next line; an empty span (a deletion) touches the line it sits on; positions after a final
 * newline count as the last line.
 */
export function spanToLines(text: string, span: Span): LineRange {
  const start = Math.max(0, Math.min(span.start, text.length));
  const end = Math.max(start, Math.min(span.end, text.length));
  return spanLines(text, { start, end });
}

/**
 * Half-open span covering whole lines `from`..`to` (1-based, inclusive), including the newline
 * that ends line `to` if there is one, so that spanToLines(text, linesToSpan(text, r)) is r.
 * Lines are clamped to the text.
 */
export function linesToSpan(text: string, lines: LineRange): Span {
  const count = Math.max(1, lineCount(text));
  const from = Math.min(Math.max(1, Math.min(lines.from, lines.to)), count);
  const to = Math.min(Math.max(from, Math.max(lines.from, lines.to)), count);
  let start = 0;
  let line = 1;
  while (line < from) {
    const nl = text.indexOf("\n", start);
    if (nl === -1) break;
    start = nl + 1;
    line++;
  }
  let end = start;
  while (true) {
    const nl = text.indexOf("\n", end);
    if (nl === -1) {
      end = text.length;
      break;
    }
    end = nl + 1;
    if (line === to) break;
    line++;
  }
  return { start, end };
}

