// The adaptive "next exercise": which domain, difficulty and flaw categories to practise.
// Pure; the draft pool then draws a draft matching these constraints (decisions 042, 122, 125).
import { DEFAULT_MASTERY, isDue, masteryPercent, splitKey, type CategoryKey, type MasteryState } from "./model";

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
  /** Category ids (within `domain`) the draft should contain, neediest first. */
  categories: string[];
  /** Why, in the product's words. */
  reason: string;
}

/**
 * Below this much evidence (flaws met; flaws of its related categories count a quarter) a
 * category is still new ground: it is looked at together with other new ones, and drilled only
 * once met twice.
 */
const KNOWN = 2;
/** What a flaw met in a related category (same AI-typical family) counts towards KNOWN. */
const RELATED_SHARE = 0.25;
/** New categories asked for at once by a first look: one draft shows several of them. */
export const PROBE_WIDTH = 4;
/** Categories already met at least once that a drill adds to its target (the next-neediest of the domain). */
const DRILL_EXTRA = 2;
/** How far the selector leans towards categories it is unsure about (standard deviations). */
const DOUBT = 0.5;

/**
 * How unsure the rating is (logits): the prior's spread narrowed by the evidence, each flaw
 * adding at most a quarter of information (a logistic outcome's variance is at most 1/4).
 */
export function ratingSd(s: MasteryState | undefined): number {
  const prior = 1 / (DEFAULT_MASTERY.priorSd * DEFAULT_MASTERY.priorSd);
  return 1 / Math.sqrt(prior + (s?.evidence ?? 0) / 4);
}

/**
 * Need to practise a category: how weak it could plausibly be — the rating lowered by `DOUBT`
 * standard deviations (a category missed twice outranks one never met, which outranks one found).
 * A learned category whose review is due comes right after new ground: after the weak and the
 * untried categories, before the rest.
 */
export function need(s: MasteryState | undefined, now: Date): number {
  const weakness = -(s?.rating ?? 0) + DOUBT * ratingSd(s);
  if (masteryPercent(s) >= 50 && isDue(s, now)) return Math.max(weakness, DOUBT * ratingSd(undefined) - 0.1);
  return weakness;
}

/**
 * Targets the category of highest need and works within its domain (decision 122). When that
 * category is still new ground (met fewer than twice), the draft is a first look at up to
 * PROBE_WIDTH new categories of the domain at once, neediest first — a category missed once comes
 * back together with untried ones — so a module learns where the trainee stands in a few drafts
 * instead of one category per draft. Otherwise the draft drills the target and the next-neediest
 * categories already met at least once: a category missed once is drilled along with the weakest
 * rather than waiting for another first look (decision 125). The difficulty follows the target's mastery, so it ramps up as the
 * trainee improves.
 */
export function selectNext(input: SelectorInput): Selection {
  if (!input.candidates.length) throw new Error("No categories to practise.");
  const scored = input.candidates
    .map((key) => {
      const state = input.mastery.get(key);
      return { key, state, met: (state?.evidence ?? 0) + RELATED_SHARE * (state?.familyEvidence ?? 0) >= KNOWN, score: need(state, input.now) + 0.05 * input.random() };
    })
    .sort((a, b) => b.score - a.score);
  const target = scored[0];
  const { domain } = splitKey(target.key);
  const sameDomain = scored.filter((s) => splitKey(s.key).domain === domain);
  const probing = !target.met;
  const chosen = probing ? sameDomain.filter((s) => !s.met).slice(0, PROBE_WIDTH) : [target, ...sameDomain.filter((s) => s !== target && (s.state?.evidence ?? 0) >= 1).slice(0, DRILL_EXTRA)];
  const categories = chosen.map((s) => splitKey(s.key).category);
  const state = target.state;
  const p = masteryPercent(state) / 100;
  const lo = input.difficultyMin;
  const hi = input.difficultyMax;
  // No evidence yet: start at the bottom of the range; then track mastery across the range.
  // Mastery 20 % or less: the easiest; 80 % or more: the hardest the module allows.
  const difficulty = !state || state.evidence < 1 ? lo : Math.min(hi, Math.max(lo, lo + Math.round(((p - 0.2) / 0.6) * (hi - lo))));
  const reason = probing
    ? categories.length > 1
      ? `New ground: a first look at ${categories.join(", ")}.`
      : `New ground: ${categories[0]} has little evidence yet.`
    : p >= 0.5 && isDue(state, input.now)
      ? `Review due: ${categories[0]} (mastery ${masteryPercent(state)} %).`
      : `Weakest area: ${categories[0]} (mastery ${masteryPercent(state)} %).`;
  return { domain, difficulty, categories, reason };
}
