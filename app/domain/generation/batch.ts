// Plans a batch of drafts for a pack: which source, seed and difficulty each draft gets.
import { hash32 } from "../content/hash";
import type { Draft, Pack, SourceDoc } from "../types";
import { verifyDraft } from "../verification/verify";
import { instantiate, InstantiationError } from "../content/instantiate";
import { generateDraft, type GenerateOptions } from "./generate";
import { createRng } from "./prng";

export interface BatchOptions {
  count: number;
  seed: number;
  /** Fixed difficulty, or undefined for a spread over 1..5. */
  difficulty?: number;
  cleanRate?: number;
  contentHash?: string;
  /** Told about each instantiation skipped because it failed (the batch draws another seed). */
  onSkip?: (message: string) => void;
}

/** Seeds tried after the first before a source counts as broken. */
export const MAX_SKIPPED_SEEDS = 8;

export class DraftVerificationError extends Error {
  constructor(
    readonly draft: Pick<Draft, "domain" | "sourceId" | "seed">,
    readonly problems: string[],
  ) {
    super(`draft ${draft.domain}/${draft.sourceId} seed ${draft.seed} failed verification: ${problems.join("; ")}`);
  }
}

/**
 * Whether a source can give a draft of this difficulty: it has a flaw site within one step of it
 * (difficulty picks the flaws, so a source without such a site would only give off-level drafts).
 */
export function reaches(source: SourceDoc, difficulty: number): boolean {
  return source.sites.some((site) => Math.abs(site.difficulty - difficulty) <= 1);
}

/** The sources a draw of this difficulty chooses among; every source when none reaches it. */
export function sourcesFor(sources: readonly SourceDoc[], difficulty: number): SourceDoc[] {
  const fit = sources.filter((s) => reaches(s, difficulty));
  return fit.length ? fit : [...sources];
}

/**
 * A source's share of the draws at a difficulty, relative to the others: sources written for
 * that level (longer, denser documents at high difficulty) come up somewhat more often, never
 * more than about twice as often as the least favoured one.
 */
export function spreadWeight(source: SourceDoc, difficulty: number): number {
  return Math.exp(-0.2 * Math.abs(source.difficulty - difficulty));
}

/**
 * The next source to draw: the one used least relative to its weight (`usage` counts the drafts
 * already drawn from each source id: in this batch, or this trainee's attempts), ties broken at
 * random. A source is never drawn again before every other has had its share, so no source
 * dominates a batch or a trainee's history.
 */
export function pickSourceSpread(sources: readonly SourceDoc[], difficulty: number, usage: ReadonlyMap<string, number>, rng: () => number): SourceDoc {
  if (!sources.length) throw new Error("no source to draw from");
  const pool = sourcesFor(sources, difficulty);
  let best: SourceDoc[] = [];
  let bestScore = Infinity;
  for (const s of pool) {
    const score = (usage.get(s.id) ?? 0) / spreadWeight(s, difficulty);
    if (score < bestScore - 1e-9) {
      best = [s];
      bestScore = score;
    } else if (Math.abs(score - bestScore) <= 1e-9) best.push(s);
  }
  return best[Math.floor(rng() * best.length)];
}

/** A source for a single draw with no memory of earlier ones: any source reaching the difficulty, evenly. */
export function pickSource(pack: Pack, difficulty: number, rng: () => number): SourceDoc {
  return pickSourceSpread(pack.sources, difficulty, new Map(), rng);
}

/**
 * A verified draft of the source. An instantiation of a parametric source that cannot be built or
 * fails verification is skipped and reported through `onSkip`, never returned; the next seed
 * (seed + 1, …) is tried, so the result is still a pure function of the inputs. A source broken
 * for every seed tried is an error (content:check reports it long before).
 */
export function generateVerified(source: SourceDoc, pack: Pack, options: GenerateOptions, onSkip: (message: string) => void = () => {}): Draft {
  const tries = source.params ? MAX_SKIPPED_SEEDS + 1 : 1;
  let last: Error | undefined;
  for (let t = 0; t < tries; t++) {
    const seed = (options.seed + t) >>> 0;
    try {
      const draft = generateDraft(source, pack, { ...options, seed });
      const verdict = verifyDraft(draft);
      if (verdict.ok) return draft;
      last = new DraftVerificationError(draft, verdict.problems);
    } catch (e) {
      if (!(e instanceof InstantiationError)) throw e;
      last = e;
    }
    if (t + 1 < tries) onSkip(`skipped ${pack.domain}/${source.id} seed ${seed}: ${last.message}`);
  }
  throw last!;
}

/**
 * The concrete document of a source for a seed, for callers that write flaws themselves (the model
 * path): a parametric source is instantiated, skipping seeds it cannot be built for.
 */
export function concreteFor(
  source: SourceDoc,
  seed: number,
  onSkip: (message: string) => void = () => {},
): { source: SourceDoc; seed: number; params: Record<string, string | number> } {
  if (!source.params) return { source, seed, params: {} };
  let last: Error | undefined;
  for (let t = 0; t <= MAX_SKIPPED_SEEDS; t++) {
    const s = (seed + t) >>> 0;
    try {
      const i = instantiate(source, s);
      return { source: i.source, seed: s, params: i.params };
    } catch (e) {
      if (!(e instanceof InstantiationError)) throw e;
      last = e;
      onSkip(`skipped ${source.domain}/${source.id} seed ${s}: ${e.message}`);
    }
  }
  throw last!;
}

/** Generates and verifies the drafts of a batch; instantiations that fail are skipped (see generateVerified). */
export function* generateBatch(pack: Pack, options: BatchOptions): Generator<Draft> {
  if (!pack.sources.length) throw new Error(`pack "${pack.domain}" has no sources`);
  const rng = createRng(options.seed ^ hash32(pack.domain));
  const usage = new Map<string, number>();
  for (let i = 0; i < options.count; i++) {
    const difficulty = options.difficulty ?? 1 + Math.floor(rng() * 5);
    const source = pickSourceSpread(pack.sources, difficulty, usage, rng);
    usage.set(source.id, (usage.get(source.id) ?? 0) + 1);
    const seed = Math.floor(rng() * 4294967296);
    yield generateVerified(source, pack, { seed, difficulty, cleanRate: options.cleanRate ?? 0.1, contentHash: options.contentHash }, options.onSkip);
  }
}
