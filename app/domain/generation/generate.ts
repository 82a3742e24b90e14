// The offline seeding engine: picks non-overlapping flaw sites and operator matches with a
// seeded PRNG, applies them and writes the answer key. Pure: same inputs ⇒ byte-identical draft.
import { hash32 } from "../content/hash";
import { lineCount, lineStarts, spanLines } from "../text/lines";
import type { AnswerKeyEntry, Draft, Pack, SourceDoc } from "../types";
import { withTexts, type Candidate, type Option } from "./candidates";
import { draftOptions, type Prepared } from "./options";
import { createRng } from "./prng";

export const KEY_VERSION = 1;

export interface GenerateOptions {
  seed: number;
  /** 1..5; defaults to the source's difficulty. Raises the subtlety of the chosen flaws and thins them out. */
  difficulty?: number;
  /** Exact number of flaws (capped by what the source offers); overrides the difficulty's count. */
  flawCount?: number;
  /** Only seed flaws of these categories. */
  categories?: string[];
  /** Share of drafts, 0..1, that are clean controls with no flaw at all. */
  cleanRate?: number;
  contentHash?: string;
}

/** Lines of document per seeded flaw: difficulty thins flaws out (about one per 32 lines at 3). */
export function linesPerFlaw(difficulty: number): number {
  return 20 + 6 * (clampDifficulty(difficulty) - 1);
}

/** Line count assumed when the caller does not know the document yet (a typical source). */
const TYPICAL_LINES = 70;

/**
 * How many flaws a draft carries: its length divided by the difficulty's spacing, give or take
 * one, between 1 and 6. Harder drafts hide fewer, subtler flaws in more text; difficulty
 * does not mean more flaws.
 */
export function flawCountFor(difficulty: number, rng: () => number, lines = TYPICAL_LINES): number {
  return Math.max(1, Math.min(6, Math.round(lines / linesPerFlaw(difficulty) + rng() - 0.5)));
}

export function clampDifficulty(d: number): number {
  return Math.max(1, Math.min(5, Math.round(d)));
}

/**
 * One draft of a source. A parametric source is first instantiated for the seed (its parameters
 * drawn and templates rendered); that throws an InstantiationError when the source is broken for
 * this seed, which callers skip and log (see generateVerified in ./batch).
 */
export function generateDraft(template: SourceDoc, pack: Pack, options: GenerateOptions): Draft {
  // The difficulty also decides which of the source's decoys the document shows.
  const difficulty = clampDifficulty(options.difficulty ?? template.difficulty);
  const seed = options.seed >>> 0;
  // A clean control needs no candidate edits: the same first draw draftFrom makes decides it.
  const clean = draftRng(pack, template.id, seed)() < (options.cleanRate ?? 0);
  return draftFrom(draftOptions(template, pack, seed, difficulty, !clean), pack, options);
}

/** The draw that chooses a draft's flaws; its first number decides whether it is a clean control. */
function draftRng(pack: Pick<Pack, "domain">, sourceId: string, seed: number): () => number {
  return createRng(seed ^ hash32(`${pack.domain}/${sourceId}`));
}

/** Chooses the flaws among the prepared options with the seeded PRNG and builds the draft. */
export function draftFrom({ doc: source, groups, lines }: Prepared, pack: Pack, options: GenerateOptions): Draft {
  const seed = options.seed >>> 0;
  const rng = draftRng(pack, source.id, seed);
  const difficulty = clampDifficulty(options.difficulty ?? source.difficulty);
  const clean = rng() < (options.cleanRate ?? 0);

  const wanted = options.categories?.length ? new Set(options.categories) : null;
  const chosen: Option[] = [];
  if (!clean) {
    const target = options.flawCount ?? flawCountFor(difficulty, rng, lines ?? lineCount(source.text));
    // Weight each group by how close its subtlety is to the requested difficulty.
    const pool: { c: Option; w: number }[] = [];
    for (const g of groups) {
      const options_ = wanted ? g.filter((c) => wanted.has(c.category)) : g;
      if (!options_.length) continue;
      const c = options_[Math.floor(rng() * options_.length)];
      // Sites far from the requested subtlety are a last resort, not an equal option.
      const distance = Math.abs(c.difficulty - difficulty);
      pool.push({ c, w: c.weight * Math.exp(-1.5 * distance) * (distance > 2 ? 0.01 : 1) });
    }
    const usedLines: [number, number][] = [];
    while (chosen.length < target && pool.length) {
      let total = 0;
      for (const p of pool) total += p.w;
      let r = rng() * total;
      let idx = 0;
      while (idx < pool.length - 1 && r >= pool[idx].w) r -= pool[idx++].w;
      const { c } = pool.splice(idx, 1)[0];
      // Keep at least one untouched line between flaws: a reader can tell them apart, a finding
      // matches one flaw, and the verifying diff sees each edit in a block of its own.
      if (usedLines.some(([a, b]) => c.lineFrom <= b + 1 && a - 1 <= c.lineTo)) continue;
      usedLines.push([c.lineFrom, c.lineTo]);
      chosen.push(c);
    }
  }
  return buildDraft(source, pack, chosen.map(withTexts), {
    seed,
    difficulty,
    generator: "offline",
    contentHash: options.contentHash ?? "",
  });
}

/** Applies edits (non-overlapping, any order) to the clean text and writes the answer key. */
export function buildDraft(
  source: Pick<SourceDoc, "id" | "domain" | "title" | "format" | "language" | "brief" | "text">,
  pack: Pick<Pack, "domain">,
  edits: Omit<Candidate, "lineFrom" | "lineTo" | "weight" | "difficulty">[],
  meta: { seed: number; difficulty: number; generator: string; contentHash: string },
): Draft {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let flawed = "";
  let cursor = 0;
  const spans: { start: number; end: number }[] = [];
  for (const e of sorted) {
    flawed += source.text.slice(cursor, e.start);
    const start = flawed.length;
    flawed += e.replacement;
    spans.push({ start, end: flawed.length });
    cursor = e.end;
  }
  flawed += source.text.slice(cursor);
  const starts = lineStarts(flawed);
  const answerKey: AnswerKeyEntry[] = sorted.map((e, i) => ({
    id: `f${i + 1}`,
    category: e.category,
    severity: e.severity,
    span: spans[i],
    lines: spanLines(flawed, spans[i], starts),
    cleanSpan: { start: e.start, end: e.end },
    original: source.text.slice(e.start, e.end),
    replacement: e.replacement,
    explanation: e.explanation,
    keyPoints: e.keyPoints,
    ...(e.hint ? { hint: e.hint } : {}),
    origin: e.origin,
  }));
  return {
    domain: pack.domain,
    sourceId: source.id,
    title: source.title,
    format: source.format,
    language: source.language,
    difficulty: meta.difficulty,
    brief: source.brief.trim(),
    cleanText: source.text,
    flawedText: flawed,
    answerKey,
    generator: meta.generator,
    seed: meta.seed,
    keyVersion: KEY_VERSION,
    contentHash: meta.contentHash,
  };
}
