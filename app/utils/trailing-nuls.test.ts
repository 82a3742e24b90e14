import { describe, expect, it } from "vitest";
import { trimTrailingNuls } from "./trailing-nuls";

describe("trimTrailingNuls", () => {
  it("drops the unwritten bytes React 18 leaves when a multi-byte character does not fit a chunk", () => {
    // "…U+202C" then one unwritten byte; "⟩" (3 bytes) starts the next chunk.
    const first = Buffer.concat([Buffer.from("stiks⟨U+202C"), Buffer.from([0])]);
    const second = Buffer.from("⟩ so the last row");
    expect(Buffer.concat([trimTrailingNuls(first), trimTrailingNuls(second)]).toString("utf8")).toBe("stiks⟨U+202C⟩ so the last row");
  });

  it("drops at most three (the rest of a 4-byte character) and leaves other chunks untouched", () => {
    expect(trimTrailingNuls(Buffer.from([0x61, 0, 0, 0, 0]))).toEqual(Buffer.from([0x61, 0]));
    const clean = Buffer.from("plain · text");
    expect(trimTrailingNuls(clean)).toBe(clean);
  });
});
