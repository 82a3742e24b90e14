import { useEffect, useRef, useState } from "react";
import { isProse } from "~/domain/types";
import { useServerOnly } from "~/utils/nonce";

export type Token = [cls: string, text: string];

export interface LineMark {
  /** e.g. "flagged" for lines with a finding */
  cls: string;
  label?: string;
}

export { isProse };

/** A prose line rendered from markdown on the server: classes for the line and sanitised HTML. */
export interface RenderedLine {
  kind: string;
  html: string;
}

/**
 * The draft's lines as static markup: line numbers, tokens as text, marks as classes. Prose
 * comes rendered from markdown (sanitised on the server), one entry per line, so the line stays
 * the unit a trainee flags. It has no handlers, so the server renders it once per draft and set
 * of marks (see draft-html.server).
 */
export function DraftLines({ lines, marks = {}, rendered }: { lines: Token[][]; marks?: Record<number, LineMark>; rendered?: RenderedLine[] }) {
  return (
    <>
      {lines.map((tokens, i) => {
        const n = i + 1;
        const mark = marks[n];
        const prose = rendered?.[i];
        const kind = prose?.kind ? ` ${prose.kind}` : "";
        return (
          <li key={n} id={`L${n}`} className={`line${kind}${mark ? ` ${mark.cls}` : ""}`}>
            {/* Not a tab stop: the draft itself is one (arrow keys move between lines). */}
            <a className="ln" href={`#L${n}`} aria-label={`Line ${n}`} tabIndex={-1}>
              {n}
            </a>
            {prose ? (
              prose.html ? (
                // Sanitised by an allow-list on the server (markdown.server): no raw HTML passes.
                <span className="lc" dangerouslySetInnerHTML={{ __html: prose.html }} />
              ) : (
                <span className="lc">{"\u200b"}</span>
              )
            ) : (
              <span className="lc">{tokens.length === 0 ? "\u200b" : tokens.map(([cls, t], k) => (cls ? <span key={k} className={cls}>{t}</span> : t))}</span>
            )}
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

/** The text of lines from..to as they appear in the draft (for the finding's quote). */
function linesText(list: HTMLElement, from: number, to: number): string {
  const out: string[] = [];
  for (let n = from; n <= to; n++) out.push(list.querySelector(`#L${n} .lc`)?.textContent?.replace(/\u200b/g, "") ?? "");
  return out.join("\n").trim();
}

export interface LineRange {
  from: number;
  to: number;
}

interface Props {
  /**
   * Markup from DraftLines, rendered on the server (text escaped by React). null on a document
   * request: the server renders it from a server-only value and the browser keeps that DOM, so
   * the largest part of the page is not sent twice (once as HTML, once as loader data).
   */
  html: string | null;
  format: string;
  /** Called with the selected line range and text when the reader selects text, clicks line numbers or presses Enter. */
  onSelectLines?: (from: number, to: number, quote: string) => void;
  /** Lines shown as the current selection (a block), e.g. the range in the finding form. */
  selected?: LineRange | null;
  /** Line count, for keyboard movement. */
  lineCount?: number;
}

/**
 * The draft with line numbers; code and SQL in monospace with colouring, prose readable.
 * With JavaScript the list is one tab stop: arrow keys move a line cursor, Shift+arrows extend
 * the range, Enter (or F) flags it; the selection shows as a highlighted block.
 */
export function DraftView({ html, format, onSelectLines, selected, lineCount }: Props) {
  const serverOnly = useServerOnly();
  const markup = html ?? serverOnly.draftHtml ?? "";
  const ref = useRef<HTMLOListElement>(null);
  const anchor = useRef<number | null>(null);
  const cursor = useRef<number | null>(null);
  const [interactive, setInteractive] = useState(false);
  const [announce, setAnnounce] = useState("");
  // Keyboard range being extended before it is flagged (Enter), shown like a selection.
  const [pending, setPending] = useState<LineRange | null>(null);
  const shown = pending ?? selected ?? null;

  useEffect(() => setInteractive(Boolean(onSelectLines)), [onSelectLines]);
  // A new selection from outside (the form, a mouse) replaces a keyboard range not yet flagged.
  useEffect(() => setPending(null), [selected]);

  const lo = shown ? Math.min(shown.from, shown.to) : 0;
  const hi = shown ? Math.max(shown.from, shown.to) : 0;
  // Highlight the selected block; re-applied when new markup replaces the lines.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.querySelectorAll("li.line.selected, li.line.sel-first, li.line.sel-last").forEach((li) => li.classList.remove("selected", "sel-first", "sel-last"));
    if (!lo) return;
    for (let n = lo; n <= hi; n++) {
      const li = el.querySelector(`#L${n}`);
      if (!li) continue;
      li.classList.add("selected");
      if (n === lo) li.classList.add("sel-first");
      if (n === hi) li.classList.add("sel-last");
    }
  }, [lo, hi, markup]);

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
      cursor.current = n;
      onSelectLines(from, to, "");
    };
    el.addEventListener("mouseup", onMouseUp);
    el.addEventListener("click", onClick);
    return () => {
      el.removeEventListener("mouseup", onMouseUp);
      el.removeEventListener("click", onClick);
    };
  }, [onSelectLines]);

  const total = lineCount ?? ref.current?.querySelectorAll("li.line").length ?? 0;
  const describe = (from: number, to: number) => {
    const el = ref.current;
    const text = el ? linesText(el, to, to).slice(0, 120) : "";
    const range = from === to ? `Line ${to}` : `Lines ${Math.min(from, to)}–${Math.max(from, to)} selected, at line ${to}`;
    return `${range} of ${total}: ${text || "(empty line)"}`;
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLOListElement>) => {
    const el = ref.current;
    if (!el || !onSelectLines || e.target !== el || e.altKey || e.ctrlKey || e.metaKey) return;
    const current = cursor.current ?? shown?.to ?? 0;
    const step: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };
    let next: number | null = null;
    if (e.key in step) next = current === 0 ? 1 : current + step[e.key];
    else if (e.key === "Home") next = 1;
    else if (e.key === "End") next = total;
    if (next !== null) {
      e.preventDefault();
      next = Math.max(1, Math.min(total, next));
      if (!e.shiftKey || anchor.current === null) anchor.current = next;
      cursor.current = next;
      setPending({ from: anchor.current, to: next });
      el.querySelector(`#L${next}`)?.scrollIntoView({ block: "nearest" });
      setAnnounce(describe(anchor.current, next));
      return;
    }
    if ((e.key === "Enter" || e.key === "f" || e.key === "F") && shown) {
      e.preventDefault();
      const from = Math.min(shown.from, shown.to);
      const to = Math.max(shown.from, shown.to);
      setPending(null);
      onSelectLines(from, to, linesText(el, from, to).slice(0, 4000));
      return;
    }
    if (e.key === "Escape" && pending) {
      setPending(null);
      setAnnounce("Selection cleared");
    }
  };

  return (
    <>
      <ol
        ref={ref}
        className={`draft ${isProse(format) ? "draft-prose" : "draft-code"}${interactive ? " draft-interactive" : ""}`}
        aria-label="Draft, one item per line"
        aria-describedby={interactive ? "draft-keys" : undefined}
        tabIndex={interactive ? 0 : undefined}
        onKeyDown={interactive ? onKeyDown : undefined}
        onFocus={() => {
          if (interactive && cursor.current === null) setAnnounce(describe(shown?.from ?? 1, shown?.to ?? 1));
        }}
        // With html null in the browser, React keeps the server's DOM during hydration and after it
        // (the prop stays ""), until new loader data brings new markup.
        suppressHydrationWarning
        dangerouslySetInnerHTML={{ __html: markup }}
      />
      {interactive ? (
        <>
          <p id="draft-keys" className="sr-only">
            Use the up and down arrow keys to move between lines, Shift with the arrows to select several lines, and Enter to flag the selected lines.
          </p>
          <p className="sr-only" role="status" aria-live="polite">
            {announce}
          </p>
        </>
      ) : null}
    </>
  );
}
