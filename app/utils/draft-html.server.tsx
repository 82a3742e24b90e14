// Drafts are immutable, so their rendered lines are cached: per draft and set of line marks
// (marks change only when a finding is added, edited or removed). React escapes every token,
// exactly as when rendering them inline.
import { renderToStaticMarkup } from "react-dom/server";
import { DraftLines, type LineMark } from "~/components/DraftView";
import { isProse } from "~/domain/types";
import { highlightLines, type HighlightedLine } from "./highlight.server";
import { proseLines } from "./markdown.server";

const cache = new Map<string, string>();
const MAX = 1000;

export function draftHtml(draftKey: string, lines: HighlightedLine[], format: string, marks: Record<number, LineMark> = {}): string {
  const key = `${draftKey}|${JSON.stringify(marks)}`;
  let html = cache.get(key);
  if (html === undefined) {
    // Prose is markdown: rendered line by line (sanitised), one entry per numbered line.
    const rendered = isProse(format) ? proseLines(lines.map((tokens) => tokens.map(([, t]) => t).join(""))) : undefined;
    html = renderToStaticMarkup(<DraftLines lines={lines} marks={marks} rendered={rendered} />);
    if (cache.size >= MAX) cache.delete(cache.keys().next().value!);
    cache.set(key, html);
  }
  return html;
}

/** The exercise's draft with the trainee's findings marked (#1, #2 … on each finding's first line). */
export function exerciseDraftHtml(draft: { id: string; flawedText: string; language: string; format: string }, findings: readonly { lineFrom: number; lineTo: number }[]): string {
  const marks: Record<number, LineMark> = {};
  findings.forEach((f, i) => {
    for (let n = f.lineFrom; n <= f.lineTo; n++) marks[n] = { cls: "flagged", label: n === f.lineFrom ? `#${i + 1}` : undefined };
  });
  return draftHtml(draft.id, highlightLines(`flawed:${draft.id}`, draft.flawedText, draft.language, draft.format), draft.format, marks);
}
