// Which hint a trainee gets next. Hints never reveal where a flaw is, and the number on offer is
// the same for every draft, so asking for hints does not tell a trainee how many flaws there are
// or that a draft is a clean control.
import type { AnswerKeyEntry, LineRange } from "../types";

export const MAX_HINTS = 3;

export const GENERIC_HINTS = [
  "Re-read the brief one requirement at a time and check that the draft does each one — no more, no less.",
  "Check every name, number, citation and reference the draft relies on: does it exist, and does it say what the draft claims?",
  "Look at the edges: first and last items, empty or missing input, limits, dates and periods.",
];

export interface TakenHint {
  key: string; // a flaw id, or "generic:N"
  text: string;
  at: string;
}

const overlaps = (a: LineRange, b: LineRange) => a.from <= b.to + 1 && b.from - 1 <= a.to;

/**
 * The next hint: for the first flaw (in reading order) that has a hint, is not yet hinted and
 * is not covered by a finding; otherwise a generic reviewing hint. null after MAX_HINTS.
 */
export function nextHint(answerKey: readonly AnswerKeyEntry[], findingLines: readonly LineRange[], taken: readonly TakenHint[]): { key: string; text: string } | null {
  if (taken.length >= MAX_HINTS) return null;
  const used = new Set(taken.map((t) => t.key));
  const flaw = [...answerKey]
    .sort((a, b) => a.lines.from - b.lines.from)
    .find((e) => e.hint && !used.has(e.id) && !findingLines.some((l) => overlaps(l, e.lines)));
  if (flaw) return { key: flaw.id, text: flaw.hint! };
  const generic = GENERIC_HINTS.findIndex((_, i) => !used.has(`generic:${i + 1}`));
  return generic >= 0 ? { key: `generic:${generic + 1}`, text: GENERIC_HINTS[generic] } : null;
}

/**
 * The hints a trainee has taken on one draft across reviews (decision 113): each hint once (by
 * key, at its first taking), in the order taken, at most MAX_HINTS — what one review could cost.
 */
export function mergeTakenHints(...lists: readonly (readonly TakenHint[])[]): TakenHint[] {
  const first = new Map<string, TakenHint>();
  for (const h of lists.flat()) {
    const seen = first.get(h.key);
    if (!seen || h.at < seen.at) first.set(h.key, h);
  }
  return [...first.values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).slice(0, MAX_HINTS);
}
