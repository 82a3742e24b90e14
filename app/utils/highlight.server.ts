// Syntax colouring as data, not HTML: highlight.js output is parsed into per-line token lists
// that React renders as text, so draft content can never become markup.
import hljs from "highlight.js/lib/core";
import sql from "highlight.js/lib/languages/sql";
import typescript from "highlight.js/lib/languages/typescript";

hljs.registerLanguage("typescript", typescript);
hljs.registerLanguage("sql", sql);

/** A run of text with the highlight classes that apply to it ("" for plain text). */
export type Token = [cls: string, text: string];
export type HighlightedLine = Token[];

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#x27;": "'", "&#39;": "'" };
const unescape = (s: string) => s.replace(/&(amp|lt|gt|quot|#x27|#39);/g, (m) => ENTITIES[m]);

function plainLines(text: string): HighlightedLine[] {
  const lines = text.split("\n");
  if (text.endsWith("\n")) lines.pop();
  return lines.map((l) => (l ? [["", l] as Token] : []));
}

/** Splits highlight.js HTML into lines, carrying open scopes across line breaks. */
function htmlToLines(html: string): HighlightedLine[] {
  const lines: HighlightedLine[] = [[]];
  const stack: string[] = [];
  const re = /<span class="([^"]*)">|<\/span>|([^<]+)/g;
  for (const m of html.matchAll(re)) {
    if (m[1] !== undefined) stack.push(m[1].split(" ").map(shortClass).join(" "));
    else if (m[0] === "</span>") stack.pop();
    else {
      const cls = stack.length ? stack[stack.length - 1] : "";
      const parts = unescape(m[2]).split("\n");
      parts.forEach((part, i) => {
        if (i > 0) lines.push([]);
        if (part) lines[lines.length - 1].push([cls, part]);
      });
    }
  }
  if (lines.length > 1 && lines[lines.length - 1].length === 0) lines.pop();
  return lines;
}

// Short class names: a 200-line draft carries over a thousand of them on every page view.
const SHORT: Record<string, string> = {
  keyword: "k",
  built_in: "b",
  type: "y",
  string: "s",
  regexp: "r",
  number: "n",
  literal: "l",
  comment: "c",
  title: "t",
  function: "f",
  attr: "a",
  property: "p",
  variable: "v",
  params: "v",
  meta: "m",
  operator: "o",
  subst: "u",
};

function shortClass(cls: string): string {
  const name = cls.replace(/^hljs-/, "").replace(/_$/, "");
  return `h${SHORT[name] ?? "x"}`;
}

const cache = new Map<string, HighlightedLine[]>();
const CACHE_MAX = 500;

/** Per-line tokens for a draft; cached by key because drafts are immutable. */
export function highlightLines(key: string, text: string, language: string, format: string): HighlightedLine[] {
  const hit = cache.get(key);
  if (hit) return hit;
  let lines: HighlightedLine[];
  const lang = format === "code" ? "typescript" : format === "sql" ? "sql" : null;
  if (lang && hljs.getLanguage(language === "sql" ? "sql" : lang)) {
    lines = htmlToLines(hljs.highlight(text, { language: lang, ignoreIllegals: true }).value);
    const expected = plainLines(text).length;
    while (lines.length < expected) lines.push([]);
    if (lines.length > expected) lines = lines.slice(0, expected);
  } else {
    lines = plainLines(text);
  }
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(key, lines);
  return lines;
}
