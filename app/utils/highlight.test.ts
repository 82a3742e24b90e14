import { describe, expect, it } from "vitest";
import { highlightLines } from "./highlight.server";

describe("highlightLines", () => {
  it("keeps every character and line of the draft, with classes for code", () => {
    const text = "const a = `x\ny`; // <b>not markup</b>\nreturn a && b;\n";
    const lines = highlightLines("t1", text, "typescript", "code");
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => l.map(([, t]) => t).join("")).join("\n") + "\n").toBe(text);
    // The template string spans two lines and keeps its class on both.
    expect(lines[0].some(([cls, t]) => cls.includes("hs") && t.includes("`x"))).toBe(true);
    expect(lines[1][0][0]).toBe("hs");
    expect(lines[1].map(([, t]) => t).join("")).toContain("<b>not markup</b>");
  });

  it("treats prose as plain lines", () => {
    const lines = highlightLines("t2", "1. Term\n\nThe Supplier shall...\n", "en", "prose");
    expect(lines).toEqual([[["", "1. Term"]], [], [["", "The Supplier shall..."]]]);
  });
});
