// content:check's echo warnings: a phrase is an echo when a trainee who only quotes the flawed line
// would "cover" it. For parametric sources that is judged on the drafts trainees read, not on the
// template, so a right-value phrase is never called an echo and a draw that makes a phrase an
// echo is caught.
import { describe, expect, it } from "vitest";
import { instantiate } from "../content/instantiate";
import { defineParams } from "../content/param-kit";
import type { FlawVariant, SourceDoc } from "../types";
import { echoPhrases } from "./rubric-check";

function variant(replacement: string, phrases: string[][]): FlawVariant {
  return {
    category: "wrong-figure",
    replacement,
    explanation: "Explained.",
    keyPoints: phrases.map((p, i) => ({ text: `Point ${i + 1}`, phrases: p })),
  };
}

function source(over: Partial<SourceDoc> & Pick<SourceDoc, "text" | "sites">): SourceDoc {
  return { id: "memo", domain: "demo", title: "Memo", format: "prose", language: "en", difficulty: 2, brief: "Write the memo.", ...over };
}

// The cap the brief asks for and the wrong one the flaw writes: never the same figure.
const capParams = defineParams({
  draw(k) {
    const cap = k.pick([10, 25, 40]);
    return { cap, cap_wrong: cap * 2 };
  },
});

// The environment the draft deploys to: "staging" in some draws, "production" in others.
const envParams = defineParams({
  draw(k) {
    return { env: k.pick(["staging", "production"]) };
  },
});

describe("echoPhrases", () => {
  it("lists a phrase that only repeats the flawed line or generic words, and keeps one that diagnoses", () => {
    const s = source({
      text: "Notice period: 30 days.\nGoverning law: England.\n",
      sites: [{ id: "notice", anchor: "30 days", difficulty: 2, variants: [variant("7 days", [["7 days", "too short to find a supplier"], ["wrong", "brief"]])] }],
    });
    const echoes = echoPhrases({ sources: [s] });
    expect(echoes.map((e) => [e.keyPoint, e.phrase, e.keyPointHasNoOtherPhrase])).toEqual([
      ["Point 1", "7 days", false],
      ["Point 2", "wrong", true],
      ["Point 2", "brief", true],
    ]);
    expect(echoes[0].seed).toBeUndefined();
  });

  it("does not call a right-value phrase an echo because the template's parameter names coincide", () => {
    const s = source({
      text: "The liability cap is EUR {{cap}} thousand.\n",
      sites: [{ id: "cap", anchor: "EUR {{cap}} thousand", difficulty: 2, variants: [variant("EUR {{cap_wrong}} thousand", [["{{cap}}", "doubles the exposure"]])] }],
      params: { file: "memo.params.ts", module: capParams },
    });
    // In the template the line reads "{{cap_wrong}}", whose words include "cap": the old,
    // template-based count reported "{{cap}}". Every draft reads e.g. "EUR 20" against "10".
    expect(echoPhrases({ sources: [s] })).toEqual([]);
  });

  it("reports, in template form with the seed that shows it, a phrase that is an echo only in some drafts", () => {
    const s = source({
      text: "Deploy to https://{{env}}.example.com after review.\n",
      sites: [{ id: "target", anchor: "after review", difficulty: 2, variants: [variant("before review", [["staging", "skips the review"]])] }],
      params: { file: "memo.params.ts", module: envParams },
    });
    const seeds = Array.from({ length: 20 }, (_, i) => i);
    const drawn = seeds.map((seed) => instantiate(s, seed).source.text);
    // The sample holds both kinds of draft, so the check has to look past the first one.
    expect(drawn.some((t) => t.includes("production"))).toBe(true);
    expect(drawn.some((t) => t.includes("staging"))).toBe(true);

    const echoes = echoPhrases({ sources: [s] }, seeds);
    expect(echoes).toHaveLength(1);
    expect(echoes[0]).toMatchObject({ siteId: "target", variant: 0, keyPointIndex: 0, phraseIndex: 0, phrase: "staging", keyPoint: "Point 1", keyPointHasNoOtherPhrase: false });
    expect(drawn[echoes[0].seed!]).toContain("staging");
    expect(drawn.slice(0, echoes[0].seed!).every((t) => t.includes("production"))).toBe(true);
  });

  it("keeps a template phrase written with parameters in its template form", () => {
    const s = source({
      text: "Deploy to https://{{env}}.example.com after review.\n",
      sites: [{ id: "target", anchor: "{{env}}.example.com", difficulty: 2, variants: [variant("{{env}}.example.org", [["{{env}}", "wrong domain"]])] }],
      params: { file: "memo.params.ts", module: envParams },
    });
    const echoes = echoPhrases({ sources: [s] }, [0, 1, 2]);
    expect(echoes.map((e) => [e.phrase, e.seed])).toEqual([["{{env}}", 0]]);
  });
});
