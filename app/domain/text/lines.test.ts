import { describe, expect, it } from "vitest";
import { editLines, newlines } from "./lines";

describe("newlines and editLines", () => {
  it("counts newline characters", () => {
    expect([newlines(""), newlines("a"), newlines("a\n"), newlines("a\nb\n\n")]).toEqual([0, 0, 1, 3]);
  });

  it("sizes an edit by the longer of its two sides, as the twelve-line rule reads it", () => {
    expect(editLines("total", "subtotal")).toBe(1);
    expect(editLines("a\nb\nc", "a")).toBe(3);
    expect(editLines("", "x\ny\n")).toBe(3);
    // The same as counting the split lines of each side, the way content:check has always sized a site.
    for (const [a, b] of [["x", "y\nz"], ["p\n", "q\nr\ns"], ["", ""]]) {
      expect(editLines(a, b)).toBe(Math.max(a.split("\n").length, b.split("\n").length));
    }
  });
});
