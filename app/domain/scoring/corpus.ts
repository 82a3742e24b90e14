// The labelled explanation corpus (tests/fixtures/explanations/*.yaml): trainee explanations
// written against real flaw sites, each with the key points a senior says it states. Measures
// the matcher's key-point precision and recall and the credit given to copied, vague and
// negated explanations (goals in GOALS; checked by corpus.test.ts and printed by the bench).
import { z } from "zod";
import { instantiate } from "../content/instantiate";
import { renderTemplate } from "../content/template";
import { buildDraft } from "../generation/generate";
import type { AnswerKeyEntry, Draft, Pack } from "../types";

export const CORPUS_KINDS = ["good", "partly", "wrong", "copied", "vague", "negated"] as const;
export type CorpusKind = (typeof CORPUS_KINDS)[number];

export const CorpusFileSchema = z.array(
  z.object({
    site: z.string().regex(/^[a-z]+\/[a-z0-9-]+\/[a-z0-9-]+$/, "site must be domain/source/site"),
    variant: z.number().int().min(0).optional(),
    /** Seed of a parametric source's values (default CORPUS_SEED); entry texts may name them as {{param}}. */
    seed: z.number().int().min(0).optional(),
    entries: z.array(
      z.object({
        kind: z.enum(CORPUS_KINDS),
        text: z.string().min(1),
        expect: z.array(z.number().int().min(0)),
        /** Figures or names the trainee brings in that the draft does not show (their own proposal). */
        own: z.array(z.string().min(1)).optional(),
      }),
    ),
  }),
);
export type CorpusFile = z.infer<typeof CorpusFileSchema>;

export interface CorpusCase {
  site: string;
  kind: CorpusKind;
  text: string;
  expect: number[];
  draft: Draft;
  flaw: AnswerKeyEntry;
  /** Figures or names of the trainee's own, not quoted from the draft. */
  own: string[];
}

export const GOALS = {
  precision: 0.9,
  recall: 0.85,
  maxCredit: { copied: 0.15, vague: 0.1, negated: 0.3 } as Partial<Record<CorpusKind, number>>,
};

/** The seed a parametric source is drawn with when a corpus site names none. */
export const CORPUS_SEED = 1;

/**
 * A one-flaw draft of the named site variant, built as the generator builds drafts: a parametric
 * source is first instantiated for the seed, so the draft shows figures a trainee would see.
 */
export function siteDraft(packs: readonly Pack[], site: string, variant = 0, seed = CORPUS_SEED): { draft: Draft; flaw: AnswerKeyEntry; params: Record<string, string | number> } {
  const [domain, sourceId, siteId] = site.split("/");
  const pack = packs.find((p) => p.domain === domain);
  const template = pack?.sources.find((s) => s.id === sourceId);
  const inst = template ? instantiate(template, seed) : undefined;
  const source = inst?.source;
  const s = source?.sites.find((x) => x.id === siteId);
  const v = s?.variants[variant];
  if (!pack || !source || !s || !v) throw new Error(`corpus: no flaw site ${site} variant ${variant}`);
  const start = source.text.indexOf(s.anchor);
  const severity = v.severity ?? pack.categories.find((c) => c.id === v.category)?.severity ?? 2;
  const draft = buildDraft(
    source,
    pack,
    [{ start, end: start + s.anchor.length, replacement: v.replacement, category: v.category, severity, explanation: v.explanation, keyPoints: v.keyPoints, origin: { kind: "site", siteId: s.id, variant } }],
    { seed: 0, difficulty: s.difficulty, generator: "offline", contentHash: "" },
  );
  return { draft, flaw: draft.answerKey[0], params: (inst?.params ?? {}) as Record<string, string | number> };
}

/** Cases of parsed corpus files; throws naming the site when an entry does not fit its flaw. */
export function corpusCases(files: readonly CorpusFile[], packs: readonly Pack[]): CorpusCase[] {
  const out: CorpusCase[] = [];
  for (const file of files) {
    for (const s of file) {
      const { draft, flaw, params } = siteDraft(packs, s.site, s.variant ?? 0, s.seed ?? CORPUS_SEED);
      for (const e of s.entries) {
        // Entries name the draft's figures as {{param}}, so they quote what this draft says.
        const text = e.text.includes("{{") ? renderTemplate(e.text, params) : e.text;
        const bad = e.expect.find((i) => i >= flaw.keyPoints.length);
        if (bad !== undefined) throw new Error(`corpus: ${s.site}: key point ${bad} does not exist (${flaw.keyPoints.length} key points)`);
        out.push({ site: s.site, kind: e.kind, text, expect: e.expect, draft, flaw, own: e.own ?? [] });
      }
    }
  }
  return out;
}

export interface CorpusFigures {
  cases: number;
  byKind: Record<CorpusKind, { cases: number; meanCredit: number }>;
  /** Key points marked covered that a senior marked covered too. */
  precision: number;
  /** Key points a senior marked covered that the matcher found. */
  recall: number;
  /** Per case whose coverage differs from the label: what went wrong (for tuning, not goals). */
  disagreements: { site: string; kind: CorpusKind; text: string; expected: number[]; got: number[] }[];
}

/** Runs a coverage function over every case and compares it with the labels. */
export function evaluateCorpus(cases: readonly CorpusCase[], cover: (c: CorpusCase) => boolean[]): CorpusFigures {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const sums = Object.fromEntries(CORPUS_KINDS.map((k) => [k, { cases: 0, credit: 0 }])) as Record<CorpusKind, { cases: number; credit: number }>;
  const disagreements: CorpusFigures["disagreements"] = [];
  for (const c of cases) {
    const got = cover(c);
    const expected = new Set(c.expect);
    for (let i = 0; i < got.length; i++) {
      if (got[i] && expected.has(i)) tp++;
      else if (got[i]) fp++;
      else if (expected.has(i)) fn++;
    }
    const credit = got.length === 0 ? 1 : got.filter(Boolean).length / got.length;
    sums[c.kind].cases++;
    sums[c.kind].credit += credit;
    const gotIdx = got.flatMap((g, i) => (g ? [i] : []));
    if (gotIdx.join() !== [...c.expect].sort((a, b) => a - b).join()) {
      disagreements.push({ site: c.site, kind: c.kind, text: c.text, expected: c.expect, got: gotIdx });
    }
  }
  const byKind = Object.fromEntries(
    CORPUS_KINDS.map((k) => [k, { cases: sums[k].cases, meanCredit: sums[k].cases === 0 ? 0 : sums[k].credit / sums[k].cases }]),
  ) as CorpusFigures["byKind"];
  return {
    cases: cases.length,
    byKind,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    disagreements,
  };
}

const squeeze = (t: string) => t.replace(/\s+/g, " ");
const noSeparators = (t: string) => t.replace(/(\d),(?=\d)/g, "$1");

/**
 * Figures and names an entry quotes that its draft does not show: numbers of two or more digits,
 * code names (snake_case, camelCase, dotted such as file.ext), names (a capitalised word inside a
 * sentence) and quoted spans ("…", `…`) that
 * appear in neither the draft, its brief nor the flaw's model explanation (which is worked from
 * the draft). A stale entry was written against an older draft; its label no longer says what
 * the trainee would have seen. The trainee's own figures are listed in the entry's `own`.
 */
export function staleQuotes(c: CorpusCase): string[] {
  const shown = noSeparators(squeeze(`${c.draft.flawedText}\n${c.draft.brief}\n${c.flaw.explanation}`)).toLowerCase();
  const own = new Set(c.own.map((o) => o.toLowerCase()));
  const out: string[] = [];
  const check = (quote: string) => {
    const q = noSeparators(squeeze(quote)).trim().toLowerCase();
    if (q.length >= 2 && !own.has(q) && !shown.includes(q) && !out.includes(quote)) out.push(quote);
  };
  const text = c.text;
  for (const m of text.matchAll(/"([^"\n]+)"|`([^`\n]+)`|“([^”\n]+)”/g)) check(m[1] ?? m[2] ?? m[3]);
  const unquoted = text.replace(/"[^"\n]+"|`[^`\n]+`|“[^”\n]+”/g, " ");
  for (const m of unquoted.matchAll(/\d[\d,]*(?:\.\d+)?/g)) if (noSeparators(m[0]).replace(/[.,]$/, "").length >= 2) check(m[0].replace(/[.,]$/, ""));
  for (const m of unquoted.matchAll(/\b(?:[A-Za-z]\w*_\w+|[a-z]+[A-Z]\w*|[A-Za-z]\w+(?:\.[A-Za-z]\w+)+)\b/g)) check(m[0]);
  // Names: a capitalised word inside a sentence ("… so Corvid loses its termination right").
  for (const m of unquoted.matchAll(/(?<=[a-z,;] )[A-Z][a-z]+\b/g)) check(m[0]);
  return out;
}
