// Plans a batch of drafts for a pack: which source, seed and difficulty each draft gets.
import { hash32 } from "../content/hash";
import type { Draft, Pack, SourceDoc } from "../types";
import { verifyDraft } from "../verification/verify";
import { generateDraft } from "./generate";
import { createRng } from "./prng";

export interface BatchOptions {
  count: number;
  seed: number;
  /** Fixed difficulty, or undefined for a spread over 1..5. */
  difficulty?: number;
  cleanRate?: number;
  contentHash?: string;
}

export class DraftVerificationError extends Error {
  constructor(
    readonly draft: Pick<Draft, "domain" | "sourceId" | "seed">,
    readonly problems: string[],
  ) {
    super(`draft ${draft.domain}/${draft.sourceId} seed ${draft.seed} failed verification: ${problems.join("; ")}`);
  }
}

/**
 * Longer, harder documents go with higher difficulty: a source is drawn with weight falling off
 * with the distance between its difficulty and the requested one.
 */
export function pickSource(pack: Pack, difficulty: number, rng: () => number): SourceDoc {
  const weights = pack.sources.map((s) => Math.exp(-1.2 * Math.abs(s.difficulty - difficulty)));
  const total = weights.reduce((a, b) => a + b, 0);
  let r = rng() * total;
  for (let i = 0; i < weights.length; i++) {
    if (r < weights[i]) return pack.sources[i];
    r -= weights[i];
  }
  return pack.sources[pack.sources.length - 1];
}

/** Generates and verifies one draft of a batch; a draft that fails verification is an error. */
export function* generateBatch(pack: Pack, options: BatchOptions): Generator<Draft> {
  if (!pack.sources.length) throw new Error(`pack "${pack.domain}" has no sources`);
  const rng = createRng(options.seed ^ hash32(pack.domain));
  for (let i = 0; i < options.count; i++) {
    const difficulty = options.difficulty ?? 1 + Math.floor(rng() * 5);
    const source = pickSource(pack, difficulty, rng);
    const seed = Math.floor(rng() * 4294967296);
    const draft = generateDraft(source, pack, { seed, difficulty, cleanRate: options.cleanRate ?? 0.1, contentHash: options.contentHash });
    const verdict = verifyDraft(draft);
    if (!verdict.ok) throw new DraftVerificationError(draft, verdict.problems);
    yield draft;
  }
}
