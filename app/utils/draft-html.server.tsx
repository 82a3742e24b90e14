// Drafts are immutable, so their rendered lines are cached: per draft and set of line marks
// (marks change only when a finding is added, edited or removed). React escapes every token,
// exactly as when rendering them inline.
import { renderToStaticMarkup } from "react-dom/server";
import { DraftLines, type LineMark } from "~/components/DraftView";
import type { HighlightedLine } from "./highlight.server";

const cache = new Map<string, string>();
const MAX = 1000;

export function draftHtml(draftKey: string, lines: HighlightedLine[], format: string, marks: Record<number, LineMark> = {}): string {
  const key = `${draftKey}|${JSON.stringify(marks)}`;
  let html = cache.get(key);
  if (html === undefined) {
    html = renderToStaticMarkup(<DraftLines lines={lines} format={format} marks={marks} />);
    if (cache.size >= MAX) cache.delete(cache.keys().next().value!);
    cache.set(key, html);
  }
  return html;
}
