// A trainee's next draft: which sources to try in which order, and a fresh, unseen instantiation
// of one of them. Pure: the caller says what the trainee has read (usage per source, `seen`).
import type { Draft, Pack, SourceDoc } from "../types";
import { verifyDraft } from "../verification/verify";
import { InstantiationError } from "../content/instantiate";
import { pickSourceSpread, reaches } from "./batch";
import { generateDraft } from "./generate";

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
