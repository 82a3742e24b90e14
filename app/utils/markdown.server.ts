// Markdown in briefs, prose drafts, model explanations and mentor feedback, rendered on the
// server. Two layers: markdown-it with raw HTML off (any tag in the text is shown as text), then
// an allow-list sanitiser (only the elements and attributes below survive, links only to
// http(s)/mailto). The output carries no style attributes or scripts, so the page's CSP holds.
import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";
import { visibleParts } from "~/domain/text/format-chars";

const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });

// Table alignment as a class, not markdown-it's style attribute (the CSP forbids inline styles).
for (const rule of ["th_open", "td_open"] as const) {
  md.renderer.rules[rule] = (tokens, idx) => {
    const style = String(tokens[idx].attrGet("style") ?? "");
    const align = /text-align:(left|center|right)/.exec(style)?.[1];
    const tag = rule === "th_open" ? "th" : "td";
    return align ? `<${tag} class="al-${align}">` : `<${tag}>`;
  };
}

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "strong", "em", "code", "pre", "del", "s", "blockquote", "ul", "ol", "li", "h3", "h4", "h5", "table", "thead", "tbody", "tr", "th", "td", "hr", "a", "span"],
  allowedAttributes: { a: ["href", "rel"], ol: ["start"], th: ["class"], td: ["class"], span: ["class"] },
  allowedClasses: { th: ["al-left", "al-center", "al-right"], td: ["al-left", "al-center", "al-right"], span: ["md-td", "md-bullet", "md-num", "al-left", "al-center", "al-right"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    // Headings sit inside a card under its h2: # and ## become h3, ### h4, deeper h5.
    h1: "h3",
    h2: "h3",
    h3: "h4",
    h4: "h5",
    h5: "h5",
    h6: "h5",
    a: sanitizeHtml.simpleTransform("a", { rel: "nofollow noopener noreferrer" }),
  },
};

const clean = (html: string) => sanitizeHtml(html, SANITIZE);

/**
 * Every invisible format character (bidi control, zero-width) in a text run becomes a visible
 * marker, as ShownText shows them in plain text. It runs on text the sanitiser has already
 * escaped, so the only markup it adds is its own span.
 */
function markFormatChars(escaped: string): string {
  const parts = visibleParts(escaped);
  if (parts.length === 1 && parts[0].kind === "text") return escaped;
  return parts
    .map((p) => (p.kind === "text" ? p.text : `<span class="format-char" title="${p.bidi ? "Hidden direction control" : "Invisible character"} ${p.label}">⟨${p.label}⟩</span>`))
    .join("");
}

const SANITIZE_SHOWN: sanitizeHtml.IOptions = { ...SANITIZE, textFilter: markFormatChars };

/**
 * A block of markdown someone wrote (a brief, a model explanation, mentor feedback or a comment)
 * as safe HTML, with invisible format characters shown as markers: a direction override cannot
 * make the text read differently from what was stored.
 */
export function markdownHtml(text: string): string {
  return sanitizeHtml(md.render(text), SANITIZE_SHOWN);
}

/** One line of markdown rendered inline (emphasis, code, links), as safe HTML. */
export function inlineMarkdownHtml(text: string): string {
  return clean(md.renderInline(text));
}

/** A line of a prose draft: its kind (classes on the line) and its content as safe HTML. */
export interface ProseLine {
  kind: string;
  html: string;
}

const TABLE_ROW = /^\s*\|.*\|\s*$/;
const SEPARATOR_CELL = /^\s*:?-+:?\s*$/;

/** Splits "| a | b \| c |" into ["a", "b | c"]. */
function cells(line: string): string[] {
  const inner = line.trim().slice(1, -1);
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === "\\" && inner[i + 1] === "|") {
      cur += "|";
      i++;
    } else if (inner[i] === "|") {
      out.push(cur.trim());
      cur = "";
    } else cur += inner[i];
  }
  out.push(cur.trim());
  return out;
}

const alignOf = (sep: string) => {
  const s = sep.trim();
  return s.startsWith(":") && s.endsWith(":") ? "center" : s.endsWith(":") ? "right" : "left";
};

/**
 * A prose draft rendered line by line, so the line stays the unit a trainee flags: headings,
 * list items, quotes and emphasis as markdown shows them; the rows of a pipe table as rows of
 * aligned cells (header and separator rows marked), each still its own numbered line.
 */
export function proseLines(lines: readonly string[]): ProseLine[] {
  const out: ProseLine[] = [];
  let inList = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (TABLE_ROW.test(line)) {
      // The whole table: its separator row gives the header rows and the column alignment.
      let end = i;
      while (end + 1 < lines.length && TABLE_ROW.test(lines[end + 1])) end++;
      const rows = lines.slice(i, end + 1).map(cells);
      const sepAt = rows.findIndex((r) => r.every((c) => SEPARATOR_CELL.test(c)));
      const aligns = sepAt >= 0 ? rows[sepAt].map(alignOf) : [];
      const cols = Math.min(8, Math.max(...rows.map((r) => r.length)));
      rows.forEach((r, k) => {
        const role = k === sepAt ? " md-sep" : k < sepAt ? " md-thead" : "";
        const html = k === sepAt ? "" : r.map((c, j) => `<span class="md-td al-${aligns[j] ?? "left"}">${inlineMarkdownHtml(c)}</span>`).join(" ");
        out.push({ kind: `table-row md-cols-${cols}${role}`, html: clean(html) });
      });
      i = end;
      inList = false;
      continue;
    }
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      out.push({ kind: `heading md-h${Math.min(heading[1].length, 4)}`, html: inlineMarkdownHtml(heading[2]) });
      inList = false;
      continue;
    }
    const bullet = /^(\s*)[-*+]\s+(.*)$/.exec(line);
    if (bullet) {
      out.push({ kind: `md-li${bullet[1].length >= 2 ? " md-li-nested" : ""}`, html: clean(`<span class="md-bullet">•</span> ${inlineMarkdownHtml(bullet[2])}`) });
      inList = true;
      continue;
    }
    const numbered = /^(\s*)(\d+[.)])\s+(.*)$/.exec(line);
    if (numbered) {
      out.push({ kind: "md-li", html: clean(`<span class="md-num">${numbered[2]}</span> ${inlineMarkdownHtml(numbered[3])}`) });
      inList = true;
      continue;
    }
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      out.push({ kind: "md-hr", html: "" });
      inList = false;
      continue;
    }
    const quote = /^\s{0,3}>\s?(.*)$/.exec(line);
    if (quote) {
      out.push({ kind: "md-quote", html: inlineMarkdownHtml(quote[1]) });
      inList = false;
      continue;
    }
    if (!line.trim()) {
      out.push({ kind: "", html: "" });
      inList = false;
      continue;
    }
    // A wrapped list item continues, indented like the item; any other line is running text.
    out.push({ kind: inList && /^\s+\S/.test(line) ? "md-li-cont" : "", html: inlineMarkdownHtml(line.trim()) });
  }
  return out;
}
