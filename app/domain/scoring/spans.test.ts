// Lines and spans: 1-based inclusive line ranges and character spans, both ways.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lineCount, linesToSpan, spanToLines } from "./index";

describe("lines and spans", () => {
  const t = "ab\ncd\n\nef";
  it("spanToLines: 1-based inclusive, a span ending after a newline stays on its line", () => {
    expect(spanToLines(t, { start: 0, end: 2 })).toEqual({ from: 1, to: 1 });
    expect(spanToLines(t, { start: 0, end: 3 })).toEqual({ from: 1, to: 1 }); // "ab\n"
    expect(spanToLines(t, { start: 0, end: 4 })).toEqual({ from: 1, to: 2 }); // "ab\nc"
    expect(spanToLines(t, { start: 3, end: 3 })).toEqual({ from: 2, to: 2 }); // empty: deletion
    expect(spanToLines(t, { start: 6, end: 7 })).toEqual({ from: 3, to: 3 }); // the empty line
    expect(spanToLines(t, { start: 7, end: 9 })).toEqual({ from: 4, to: 4 });
    // after a final newline: still the last line
    expect(spanToLines("ab\ncd\n", { start: 6, end: 6 })).toEqual({ from: 2, to: 2 });
  });
  it("linesToSpan covers whole lines including their newline", () => {
    expect(linesToSpan(t, { from: 1, to: 1 })).toEqual({ start: 0, end: 3 });
    expect(linesToSpan(t, { from: 2, to: 3 })).toEqual({ start: 3, end: 7 });
    expect(linesToSpan(t, { from: 4, to: 4 })).toEqual({ start: 7, end: 9 });
    expect(linesToSpan(t, { from: 3, to: 99 })).toEqual({ start: 6, end: 9 });
  });
  it("lineCount ignores a final newline", () => {
    expect([lineCount(""), lineCount("a"), lineCount("a\n"), lineCount("a\nb"), lineCount("\n\n")]).toEqual([0, 1, 1, 2, 2]);
  });
  it("round-trips lines → span → lines", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("a", "b", "\n"), { minLength: 1, maxLength: 30 }), fc.nat(), fc.nat(), (chars, x, y) => {
        const text = chars.join("");
        const n = Math.max(1, lineCount(text));
        const from = 1 + (x % n);
        const to = from + (y % (n - from + 1));
        expect(spanToLines(text, linesToSpan(text, { from, to }))).toEqual({ from, to });
      }),
    );
  });
});
