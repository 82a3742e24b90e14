import { useEffect, useRef } from "react";
import { useServerOnly } from "~/utils/nonce";

export type Token = [cls: string, text: string];

export interface LineMark {
  /** e.g. "flagged" for lines with a finding */
  cls: string;
  label?: string;
}

/** True for drafts read as prose (contracts, memos) rather than code. */
export const isProse = (format: string) => format === "prose" || format === "table";

/**
 * The draft's lines as static markup: line numbers, tokens as text, marks as classes. It has no
 * handlers, so the server renders it once per draft and set of marks (see draft-html.server).
 */
export function DraftLines({ lines, format, marks = {} }: { lines: Token[][]; format: string; marks?: Record<number, LineMark> }) {
  const prose = isProse(format);
  return (
    <>
      {lines.map((tokens, i) => {
        const n = i + 1;
        const mark = marks[n];
        const text = tokens.map(([, t]) => t).join("");
        const kind = prose ? (/^\s*#/.test(text) ? " heading" : /^\s*\|/.test(text) ? " table-row" : "") : "";
        return (
          <li key={n} id={`L${n}`} className={`line${kind}${mark ? ` ${mark.cls}` : ""}`}>
            <a className="ln" href={`#L${n}`} aria-label={`Line ${n}`}>
              {n}
            </a>
            <span className="lc">{tokens.length === 0 ? "\u200b" : tokens.map(([cls, t], k) => (cls ? <span key={k} className={cls}>{t}</span> : t))}</span>
            {mark?.label ? <span className="line-label">{mark.label}</span> : null}
          </li>
        );
      })}
    </>
  );
}

function lineOf(node: Node | null): number | null {
  const el = node instanceof Element ? node : node?.parentElement;
  const row = el?.closest("li.line");
  return row ? Number(row.id.slice(1)) : null;
}

interface Props {
  /**
   * Markup from DraftLines, rendered on the server (text escaped by React). null on a document
   * request: the server renders it from a server-only value and the browser keeps that DOM, so
   * the largest part of the page is not sent twice (once as HTML, once as loader data).
   */
  html: string | null;
  format: string;
  /** Called with the selected line range and text when the reader selects text or clicks line numbers. */
  onSelectLines?: (from: number, to: number, quote: string) => void;
}

/** The draft with line numbers; code and SQL in monospace with colouring, prose readable. */
export function DraftView({ html, format, onSelectLines }: Props) {
  const serverOnly = useServerOnly();
  const markup = html ?? serverOnly.draftHtml ?? "";
  const ref = useRef<HTMLOListElement>(null);
  const anchor = useRef<number | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el || !onSelectLines) return;
    const onMouseUp = () => {
      const sel = window.getSelection();
      if (!sel || sel.isCollapsed || !el.contains(sel.anchorNode)) return;
      const a = lineOf(sel.anchorNode);
      const b = lineOf(sel.focusNode);
      if (a === null || b === null) return;
      onSelectLines(Math.min(a, b), Math.max(a, b), sel.toString().slice(0, 4000));
    };
    // Line numbers are links (#L12) without JavaScript; with it they pick lines (shift: a range).
    const onClick = (e: MouseEvent) => {
      const link = (e.target as Element | null)?.closest?.("a.ln");
      if (!link) return;
      const n = lineOf(link);
      if (n === null) return;
      e.preventDefault();
      const from = e.shiftKey && anchor.current !== null ? Math.min(anchor.current, n) : n;
      const to = e.shiftKey && anchor.current !== null ? Math.max(anchor.current, n) : n;
      if (!e.shiftKey) anchor.current = n;
      onSelectLines(from, to, "");
    };
    el.addEventListener("mouseup", onMouseUp);
    el.addEventListener("keyup", onMouseUp);
    el.addEventListener("click", onClick);
    return () => {
      el.removeEventListener("mouseup", onMouseUp);
      el.removeEventListener("keyup", onMouseUp);
      el.removeEventListener("click", onClick);
    };
  }, [onSelectLines]);

  return (
    <ol
      ref={ref}
      className={`draft ${isProse(format) ? "draft-prose" : "draft-code"}`}
      aria-label="Draft, one item per line"
      // With html null in the browser, React keeps the server's DOM during hydration and after it
      // (the prop stays ""), until new loader data brings new markup.
      suppressHydrationWarning
      dangerouslySetInnerHTML={{ __html: markup }}
    />
  );
}
