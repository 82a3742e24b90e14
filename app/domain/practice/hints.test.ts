import { describe, expect, it } from "vitest";
import type { AnswerKeyEntry } from "../types";
import { GENERIC_HINTS, MAX_HINTS, mergeTakenHints, nextHint, type TakenHint } from "./hints";

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

describe("mergeTakenHints (hints carried over a discarded review)", () => {
  const h = (key: string, at: string): TakenHint => ({ key, text: `hint ${key}`, at });

  it("keeps each hint once, at the time it was first taken, in the order taken", () => {
    const discarded = [h("f1", "2026-01-01T10:00:00Z"), h("generic:1", "2026-01-01T10:05:00Z")];
    const later = [h("f1", "2026-01-01T10:00:00Z"), h("generic:1", "2026-01-01T10:05:00Z"), h("f2", "2026-01-02T09:00:00Z")];
    expect(mergeTakenHints(discarded, later)).toEqual(later);
    expect(mergeTakenHints([h("f1", "2026-01-02T00:00:00Z")], [h("f1", "2026-01-01T00:00:00Z")])).toEqual([h("f1", "2026-01-01T00:00:00Z")]);
  });

  it("never counts more hints than one review can take", () => {
    const a = [h("f1", "2026-01-01T01:00:00Z"), h("f2", "2026-01-01T02:00:00Z")];
    const b = [h("f3", "2026-01-01T03:00:00Z"), h("f4", "2026-01-01T04:00:00Z")];
    expect(mergeTakenHints(a, b).map((x) => x.key)).toEqual(["f1", "f2", "f3"].slice(0, MAX_HINTS));
  });
});
