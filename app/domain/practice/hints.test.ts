import { describe, expect, it } from "vitest";
import type { AnswerKeyEntry } from "../types";
import { GENERIC_HINTS, MAX_HINTS, nextHint, type TakenHint } from "./hints";

const flaw = (id: string, from: number, hint?: string) =>
  ({ id, lines: { from, to: from }, hint }) as unknown as AnswerKeyEntry;

describe("nextHint", () => {
  it("hints at the first unfound flaw in reading order, then falls back to generic hints", () => {
    const key = [flaw("f2", 20, "Look at the loop."), flaw("f1", 5, "Check the date."), flaw("f3", 30)];
    expect(nextHint(key, [], [])).toEqual({ key: "f1", text: "Check the date." });
    // A finding on line 5 covers f1, so the hint moves on.
    expect(nextHint(key, [{ from: 5, to: 5 }], [])).toEqual({ key: "f2", text: "Look at the loop." });
    const taken: TakenHint[] = [{ key: "f1", text: "", at: "" }, { key: "f2", text: "", at: "" }];
    expect(nextHint(key, [], taken)).toEqual({ key: "generic:1", text: GENERIC_HINTS[0] });
  });

  it("offers the same number of hints on a clean control, and none after the maximum", () => {
    const taken: TakenHint[] = [];
    for (let i = 0; i < MAX_HINTS; i++) {
      const h = nextHint([], [], taken);
      expect(h?.key).toBe(`generic:${i + 1}`);
      taken.push({ key: h!.key, text: h!.text, at: "" });
    }
    expect(nextHint([], [], taken)).toBeNull();
  });
});
