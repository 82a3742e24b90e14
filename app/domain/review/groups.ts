// Groups trainees' explanations of the same flaw by similarity, so a mentor can grade a whole
// group at once and then adjust individuals. Offline and deterministic: token overlap plus
// which rubric key points each explanation covers.
import { explanationSimilarity } from "../text/match";

export interface Explained {
  id: string;
  text: string;
  /** Key points of the flaw this explanation covers (offline matcher). */
  covered: boolean[];
}

export interface ExplanationGroup<T extends Explained> {
  /** The key points every member covers. */
  covered: boolean[];
  members: T[];
}

export const SIMILARITY_THRESHOLD = 0.3;

/** Two explanations belong together when they cover the same key points and share wording. */
export function sameGroup(a: Explained, b: Explained, threshold = SIMILARITY_THRESHOLD): boolean {
  const sameCoverage = a.covered.length === b.covered.length && a.covered.every((c, i) => c === b.covered[i]);
  return sameCoverage && explanationSimilarity(a.text, b.text) >= threshold;
}

/** Greedy grouping in a stable order: each explanation joins the first group whose first member it matches. */
export function groupExplanations<T extends Explained>(items: readonly T[], threshold = SIMILARITY_THRESHOLD): ExplanationGroup<T>[] {
  const groups: ExplanationGroup<T>[] = [];
  for (const item of [...items].sort((a, b) => a.id.localeCompare(b.id))) {
    const g = groups.find((x) => sameGroup(x.members[0], item, threshold));
    if (g) g.members.push(item);
    else groups.push({ covered: item.covered, members: [item] });
  }
  // Larger groups first: that is where grading a group saves the most time.
  return groups.sort((a, b) => b.members.length - a.members.length || b.covered.filter(Boolean).length - a.covered.filter(Boolean).length);
}
