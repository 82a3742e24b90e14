// A trainee's next draft: which sources to try in which order, and a fresh, unseen instantiation
// of one of them. Pure: the caller says what the trainee has read (usage per source, `seen`).
import type { Draft, Pack, SourceDoc } from "../types";
import { verifyDraft } from "../verification/verify";
import { InstantiationError } from "../content/instantiate";
import { pickSourceSpread, reaches } from "./batch";
import { generateDraft } from "./generate";
import { createRng } from "./prng";

/** Fresh seeds tried per parametric source before it counts as exhausted for this trainee. */
export const FRESH_SEEDS_PER_SOURCE = 6;

export interface DrawPlanOptions {
  difficulty: number;
  /** Drafts of each source id the trainee has already reviewed. */
  usage: ReadonlyMap<string, number>;
  /** Only sources with a flaw site of one of these categories (when some source has one). */
  categories?: readonly string[];
  rng: () => number;
}

/**
 * The sources to try, in order: those reaching the difficulty, least seen by this trainee first
 * (the same rule as a batch, see pickSourceSpread), then the others (an off-level document beats
 * a document the trainee has read).
 */
export function drawOrder(pack: Pack, options: DrawPlanOptions): SourceDoc[] {
  const wanted = options.categories ?? [];
  const fitting = wanted.length ? pack.sources.filter((s) => s.sites.some((site) => site.variants.some((v) => wanted.includes(v.category)))) : [];
  const candidates = fitting.length ? fitting : pack.sources;
  const order: SourceDoc[] = [];
  for (const tier of [candidates.filter((s) => reaches(s, options.difficulty)), candidates.filter((s) => !reaches(s, options.difficulty))]) {
    const left = [...tier];
    while (left.length) {
      const next = pickSourceSpread(left, options.difficulty, options.usage, options.rng);
      order.push(next);
      left.splice(left.indexOf(next), 1);
    }
  }
  return order;
}

export interface FreshDraftOptions {
  seed: number;
  difficulty: number;
  cleanRate: number;
  contentHash?: string;
  categories?: readonly string[];
  /** Whether the trainee has already read this draft's clean or flawed text. */
  seen: (draft: Draft) => boolean;
}

/**
 * A verified draft of the source the trainee has not read, carrying a wanted category when
 * categories are asked for; null when the source has nothing new (a fixed source already read,
 * or a parametric one whose next seeds all give texts already read). Seeds seed, seed + 1, …
 */
export function freshDraftOf(source: SourceDoc, pack: Pack, options: FreshDraftOptions): Draft | null {
  const wanted = options.categories ?? [];
  const tries = source.params ? FRESH_SEEDS_PER_SOURCE : 2;
  for (let t = 0; t < tries; t++) {
    const seed = (options.seed + t) >>> 0;
    let draft: Draft;
    try {
      draft = generateDraft(source, pack, {
        seed,
        difficulty: options.difficulty,
        contentHash: options.contentHash,
        ...(wanted.length ? { cleanRate: 0, categories: [...wanted] } : { cleanRate: options.cleanRate }),
      });
    } catch (e) {
      if (e instanceof InstantiationError) continue; // content:check reports broken seeds
      throw e;
    }
    if (!verifyDraft(draft).ok) continue;
    if (wanted.length && !draft.answerKey.some((f) => wanted.includes(f.category))) continue;
    if (options.seen(draft)) {
      if (!source.params) return null; // a fixed source has one clean text: read is read
      continue;
    }
    return draft;
  }
  return null;
}

/**
 * One trainee's `count` successive drafts made fresh (no pool) by the app's own rules: the order
 * of drawOrder, freshDraftOf for each source, a repeat only when nothing is left. For
 * content:stats; `repeats` counts drafts whose clean or flawed text the trainee had read.
 */
export function traineeRun(pack: Pack, options: { difficulty: number; count: number; seed: number; cleanRate?: number }): { drafts: Draft[]; repeats: number } {
  const rng = createRng(options.seed);
  const read = new Set<string>();
  const usage = new Map<string, number>();
  const drafts: Draft[] = [];
  let repeats = 0;
  const seen = (d: Draft) => read.has(d.cleanText) || read.has(d.flawedText);
  for (let i = 0; i < options.count; i++) {
    const order = drawOrder(pack, { difficulty: options.difficulty, usage, rng });
    const seed = Math.floor(rng() * 2 ** 32);
    const base = { difficulty: options.difficulty, cleanRate: options.cleanRate ?? 0.1 };
    let draft: Draft | null = null;
    for (const [k, source] of order.entries()) {
      draft = freshDraftOf(source, pack, { ...base, seed: (seed + k * FRESH_SEEDS_PER_SOURCE) >>> 0, seen });
      if (draft) break;
    }
    if (!draft) {
      repeats++;
      draft = freshDraftOf(order[0], pack, { ...base, seed, seen: () => false });
      if (!draft) throw new Error(`no draft of ${pack.domain}/${order[0].id} verifies`);
    }
    read.add(draft.cleanText);
    read.add(draft.flawedText);
    usage.set(draft.sourceId, (usage.get(draft.sourceId) ?? 0) + 1);
    drafts.push(draft);
  }
  return { drafts, repeats };
}
