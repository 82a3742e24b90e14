// Which draft best serves the categories the selector wants practised. Pure: the caller passes
// the trainee's unseen drafts (stored ones and fresh ones, never one they have read) and their
// usage per source.

export interface TargetCandidate {
  id: string;
  sourceId: string;
  /** The category of each flaw in the draft's answer key (a clean draft has none). */
  flawCategories: readonly string[];
  /** Made for this draw, not stored yet: a stored draft is preferred when they are equal. */
  fresh?: boolean;
}

/**
 * How well a draft's flaws hit the wanted categories: the mean, over its flaws, of the wanted
 * category's weight (the selector's chance that it is a weak spot; 1 each when none is given),
 * 0 for a flaw of another category and for a clean draft. With equal weights it is the share of
 * wanted flaws.
 */
export function wantedShare(flawCategories: readonly string[], wanted: readonly string[], weights?: readonly number[]): number {
  if (!flawCategories.length) return 0;
  const weight = (c: string) => {
    const i = wanted.indexOf(c);
    return i < 0 ? 0 : (weights?.[i] ?? 1);
  };
  return flawCategories.reduce((s, c) => s + weight(c), 0) / flawCategories.length;
}

/** How many more times than the least-seen fitting source a source may have been practised. */
export const SOURCE_SPREAD = 2;

/**
 * Among candidates of sources the trainee has seen least (at most SOURCE_SPREAD more than the
 * least-seen source with a wanted flaw), the candidate whose flaws best hit the wanted categories
 * (wantedShare); among equal ones the one
 * with more wanted flaws (more practice of them in one draft), then a stored one over one made
 * for this draw (the pool does not grow for nothing), then the one whose source the trainee has
 * seen least (the spread rule of the plain draw), then at random. undefined when no candidate has
 * a wanted flaw at all.
 */
export function bestTargeted<T extends TargetCandidate>(candidates: readonly T[], wanted: readonly string[], usage: ReadonlyMap<string, number>, random: () => number, weights?: readonly number[]): T | undefined {
  const eps = 1e-9;
  // Variety first: only sources seen at most SOURCE_SPREAD times more than the least-seen one that
  // has a wanted flaw, so a source rich in one category does not come back draft after draft.
  const fitting = candidates.map((c) => ({ c, share: wantedShare(c.flawCategories, wanted, weights), used: usage.get(c.sourceId) ?? 0 })).filter((f) => f.share > 0);
  const minUsed = Math.min(...fitting.map((f) => f.used));
  let best: { c: T; share: number; hits: number; used: number; tie: number } | undefined;
  for (const { c, share, used } of fitting) {
    if (used > minUsed + SOURCE_SPREAD) continue;
    const e = { c, share, hits: c.flawCategories.filter((f) => wanted.includes(f)).length, used, tie: random() };
    const better = () => {
      if (!best) return true;
      if (Math.abs(e.share - best.share) > eps) return e.share > best.share;
      if (e.hits !== best.hits) return e.hits > best.hits;
      if (!!e.c.fresh !== !!best.c.fresh) return !e.c.fresh;
      if (e.used !== best.used) return e.used < best.used;
      return e.tie < best.tie;
    };
    if (better()) best = e;
  }
  return best?.c;
}
