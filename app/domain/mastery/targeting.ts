// Which stored draft best serves the categories the selector wants practised. Pure: the caller
// passes the trainee's unseen pool drafts (never one they have read) and their usage per source.

export interface TargetCandidate {
  id: string;
  sourceId: string;
  /** The category of each flaw in the draft's answer key (a clean draft has none). */
  flawCategories: readonly string[];
}

/** The share of a draft's flaws that are of a wanted category; 0 for a clean draft. */
export function wantedShare(flawCategories: readonly string[], wanted: readonly string[]): number {
  if (!flawCategories.length) return 0;
  return flawCategories.filter((c) => wanted.includes(c)).length / flawCategories.length;
}

/**
 * The candidate with the largest share of wanted flaws; among equal shares the one whose source
 * the trainee has seen least (the spread rule of the plain draw), then at random. undefined when
 * no candidate has a wanted flaw at all.
 */
export function bestTargeted<T extends TargetCandidate>(candidates: readonly T[], wanted: readonly string[], usage: ReadonlyMap<string, number>, random: () => number): T | undefined {
  let best: { c: T; share: number; used: number; tie: number } | undefined;
  for (const c of candidates) {
    const share = wantedShare(c.flawCategories, wanted);
    if (share === 0) continue;
    const entry = { c, share, used: usage.get(c.sourceId) ?? 0, tie: random() };
    if (!best || entry.share > best.share + 1e-9 || (Math.abs(entry.share - best.share) <= 1e-9 && (entry.used < best.used || (entry.used === best.used && entry.tie < best.tie)))) best = entry;
  }
  return best?.c;
}
