import { describe, expect, it } from "vitest";
import {
  countBidiControls,
  onlyInvisible,
  findFormatChars,
  hasBidiControls,
  hasFormatChars,
  isBlankAfterStripping,
  showFormatChars,
  stripFormatChars,
  visibleParts,
} from "./format-chars";

const ZWSP = "\u200B";
const RLO = "\u202E";
const PDF = "\u202C";

describe("isBlankAfterStripping", () => {
  it("counts ten zero-width spaces as blank", () => {
    expect(isBlankAfterStripping(ZWSP.repeat(10))).toBe(true);
  });

  it("counts format characters mixed with spaces and no-break spaces as blank", () => {
    expect(isBlankAfterStripping(` \u00A0\u200C\u200D\uFEFF\u2060\t\n${RLO}\u3000`)).toBe(true);
    expect(isBlankAfterStripping("\u{E0041}\u{E0042}")).toBe(true); // tag characters
  });

  it("keeps real text, however short", () => {
    expect(isBlankAfterStripping(`${ZWSP}x${ZWSP}`)).toBe(false);
    expect(isBlankAfterStripping("0")).toBe(false);
    expect(isBlankAfterStripping("العربية")).toBe(false);
  });
});

describe("stripFormatChars", () => {
  it("removes zero-width and bidi characters and keeps the rest, emoji included", () => {
    expect(stripFormatChars(`a${ZWSP}b${RLO}c${PDF}d 👩‍💻`)).toBe("abcd 👩💻");
  });

  it("leaves ordinary text unchanged", () => {
    const text = "Off-by-one: `<` should be `<=` — line 12.\nSecond line.";
    expect(stripFormatChars(text)).toBe(text);
    expect(hasFormatChars(text)).toBe(false);
  });
});

describe("bidi controls", () => {
  it("detects overrides, isolates and marks but not zero-width spaces", () => {
    expect(hasBidiControls(`pay ${RLO}001$${PDF}`)).toBe(true);
    expect(hasBidiControls("a\u2067b\u2069")).toBe(true);
    expect(hasBidiControls("a\u200Fb")).toBe(true);
    expect(hasBidiControls(`a${ZWSP}b`)).toBe(false);
    expect(hasFormatChars(`a${ZWSP}b`)).toBe(true);
    expect(countBidiControls(`${RLO}x${PDF}\u2066`)).toBe(3);
  });
});

describe("showing format characters", () => {
  it("renders each as a visible code point marker", () => {
    expect(showFormatChars(`pay ${RLO}001$${PDF} now${ZWSP}`)).toBe("pay [U+202E]001$[U+202C] now[U+200B]");
    expect(showFormatChars("\u{E0041}")).toBe("[U+E0041]");
  });

  it("splits text into plain runs and markers that keep every visible character in order", () => {
    const parts = visibleParts(`a${RLO}bc${ZWSP}`);
    expect(parts).toEqual([
      { kind: "text", text: "a" },
      { kind: "format", label: "U+202E", bidi: true },
      { kind: "text", text: "bc" },
      { kind: "format", label: "U+200B", bidi: false },
    ]);
    expect(visibleParts("plain")).toEqual([{ kind: "text", text: "plain" }]);
    expect(visibleParts("")).toEqual([]);
  });

  it("reports offsets of each character", () => {
    expect(findFormatChars(`ab${RLO}c`).map((f) => f.offset)).toEqual([2]);
  });
});

describe("onlyInvisible", () => {
  it("is true for format characters and spaces only, false for plain blanks and visible text", () => {
    expect(onlyInvisible("\u200B".repeat(10))).toBe(true);
    expect(onlyInvisible(" \u202E\u00A0")).toBe(true);
    expect(onlyInvisible("")).toBe(false);
    expect(onlyInvisible("   ")).toBe(false);
    expect(onlyInvisible("a\u200B")).toBe(false);
  });
});
