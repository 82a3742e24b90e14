// The adaptive "next exercise": which domain, difficulty and flaw categories to practise.
// Pure; the draft pool then draws a draft matching these constraints.
import { isDue, masteryPercent, splitKey, type CategoryKey, type MasteryState } from "./model";

export interface SelectorInput {
  /** Categories the trainee may be given (a module's focus, or every category of its domains). */
  candidates: readonly CategoryKey[];
  mastery: ReadonlyMap<CategoryKey, MasteryState>;
  difficultyMin: number;
  difficultyMax: number;
  now: Date;
  /** 0 ≤ random() < 1; only breaks near-ties so equal trainees do not all get the same draft. */
  random: () => number;
}

export interface Selection {
  domain: string;
  difficulty: number;
  /** Category ids (within `domain`) the draft should contain, weakest first. */
  categories: string[];
  /** Why, in the product's words. */
  reason: string;
}

/** Evidence below this counts as "not yet known": worth probing before trusting the rating. */
const KNOWN = 3;

export function priority(s: MasteryState | undefined, now: Date): number {
  const p = masteryPercent(s) / 100;
  const unknown = !s || s.evidence < KNOWN ? 0.35 : 0;
  // Weak categories are already first in line; "due" brings back ones that were learned.
  const due = p >= 0.5 && isDue(s, now) ? 0.3 : 0;
  return 1 - p + unknown + due;
}

/**
 * Targets the category of highest need (low mastery, little evidence, or a review due); picks
 * its domain, adds the next-neediest category of that domain, and sets the difficulty from the
 * target's mastery so it ramps up as the trainee improves (within the module's range).
 */
export function selectNext(input: SelectorInput): Selection {
  if (!input.candidates.length) throw new Error("No categories to practise.");
  const scored = input.candidates.map((key) => ({ key, score: priority(input.mastery.get(key), input.now) + 0.05 * input.random() })).sort((a, b) => b.score - a.score);
  const target = scored[0];
  const { domain } = splitKey(target.key);
  const sameDomain = scored.filter((s) => splitKey(s.key).domain === domain);
  const categories = sameDomain.slice(0, 2).map((s) => splitKey(s.key).category);
  const state = input.mastery.get(target.key);
  const p = masteryPercent(state) / 100;
  const lo = input.difficultyMin;
  const hi = input.difficultyMax;
  // No evidence yet: start at the bottom of the range; then track mastery across the range.
  // Mastery 20 % or less: the easiest; 80 % or more: the hardest the module allows.
  const difficulty = !state || state.evidence < 1 ? lo : Math.min(hi, Math.max(lo, lo + Math.round(((p - 0.2) / 0.6) * (hi - lo))));
  const reason = !state || state.evidence < KNOWN
    ? `New ground: ${categories[0]} has little evidence yet.`
    : p >= 0.5 && isDue(state, input.now)
      ? `Review due: ${categories[0]} (mastery ${masteryPercent(state)} %).`
      : `Weakest area: ${categories[0]} (mastery ${masteryPercent(state)} %).`;
  return { domain, difficulty, categories, reason };
}
