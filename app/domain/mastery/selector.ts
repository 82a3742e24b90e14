// The adaptive "next exercise": which domain, difficulty and flaw categories to practise.
// Pure; the draft pool then draws a draft matching these constraints (decisions 042, 122, 125, 133).
import { DEFAULT_MASTERY, isDue, masteryPercent, splitKey, type CategoryKey, type MasteryState } from "./model";

export interface SelectorInput {
  /** Categories the trainee may be given (a module's focus, or every category of its domains). */
  candidates: readonly CategoryKey[];
  mastery: ReadonlyMap<CategoryKey, MasteryState>;
  difficultyMin: number;
  difficultyMax: number;
  now: Date;
  /** 0 ≤ random() < 1; only breaks ties so equal trainees do not all get the same draft. */
  random: () => number;
}

export interface Selection {
  domain: string;
  difficulty: number;
  /** Category ids (within `domain`) the draft should contain, likeliest weak spot first. */
  categories: string[];
  /** For each of `categories`, the chance that it is one of the trainee's weak spots of the domain. */
  chances: number[];
  /** Why, in the product's words. */
  reason: string;
}

/** A trainee's weak spots in a domain: its weakest quarter of categories, at most this many. */
export const WEAK_SPOTS = 3;
/** Categories one draft asks for: the likeliest weak spots of the target's domain. */
export const DRAFT_CATEGORIES = 2;
/** At most this many when further categories are as likely as the last of those (a first look). */
export const MAX_DRAFT_CATEGORIES = 4;
/** "As likely": a chance at least this share of the last category's asked for. */
const AS_LIKELY = 0.9;

/**
 * How unsure the rating is (logits): the prior's spread narrowed by the evidence, each flaw
 * adding at most a quarter of information (a logistic outcome's variance is at most 1/4).
 */
export function ratingSd(s: MasteryState | undefined): number {
  const prior = 1 / (DEFAULT_MASTERY.priorSd * DEFAULT_MASTERY.priorSd);
  return 1 / Math.sqrt(prior + (s?.evidence ?? 0) / 4);
}

/** Standard normal distribution function (Abramowitz & Stegun 26.2.17, error < 1e-7). */
function normalCdf(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const d = 0.3989422804014327 * Math.exp((-z * z) / 2);
  const p = d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return z > 0 ? 1 - p : p;
}

const GRID = 96;

/**
 * The chance that each skill is among the `k` lowest of the set, when each is believed to be
 * normal with the given mean and standard deviation (independently). Exact up to the grid: for
 * each category, the chance over its own belief that fewer than k of the others lie below it.
 */
export function weakSpotChances(beliefs: readonly { mean: number; sd: number }[], k: number): number[] {
  const n = beliefs.length;
  if (k >= n) return beliefs.map(() => 1);
  return beliefs.map((b, i) => {
    let total = 0;
    let mass = 0;
    for (let g = 0; g < GRID; g++) {
      // Midpoints of equal-probability slices would need the inverse; a fine uniform grid over ±5 sd is enough.
      const z = -5 + (10 * (g + 0.5)) / GRID;
      const x = b.mean + z * b.sd;
      const w = Math.exp((-z * z) / 2);
      // P(fewer than k of the others are below x): a Poisson-binomial count up to k − 1.
      const below = new Array<number>(k).fill(0);
      below[0] = 1;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        const q = normalCdf((x - beliefs[j].mean) / beliefs[j].sd);
        for (let c = k - 1; c >= 1; c--) below[c] = below[c] * (1 - q) + below[c - 1] * q;
        below[0] *= 1 - q;
      }
      total += w * below.reduce((s, v) => s + v, 0);
      mass += w;
    }
    return total / mass;
  });
}

/**
 * Targets the trainee's likeliest weak spots (decision 133). For every candidate category the
 * selector works out the chance that it is one of the trainee's few weakest of its domain (the
 * weakest quarter, at most WEAK_SPOTS), from its rating and how sure that rating is: a category
 * missed twice is likely one, a category found twice is unlikely, a category never met has the
 * even share of an unknown (rated at the trainee's general level, with the full spread). A due
 * review of a learned category counts as at least as likely as that even share, so it comes back.
 * The draft asks for the DRAFT_CATEGORIES likeliest of the top category's domain, and for up to
 * MAX_DRAFT_CATEGORIES when further ones are as likely (a first look at several categories at
 * once: a new domain is surveyed in half the drafts). Looking at a new category and drilling a
 * weak one are the same rule, and the drill stops as soon as another
 * category looks likelier to be weak. The difficulty follows the top category's mastery, so it
 * ramps up as the trainee improves.
 */
export function selectNext(input: SelectorInput): Selection {
  if (!input.candidates.length) throw new Error("No categories to practise.");
  const byDomain = new Map<string, CategoryKey[]>();
  for (const key of input.candidates) {
    const { domain } = splitKey(key);
    byDomain.set(domain, [...(byDomain.get(domain) ?? []), key]);
  }
  const scored: { key: CategoryKey; state: MasteryState | undefined; due: boolean; chance: number; score: number }[] = [];
  for (const keys of byDomain.values()) {
    const k = Math.min(WEAK_SPOTS, Math.ceil(keys.length / 4));
    const states = keys.map((key) => input.mastery.get(key));
    const chances = weakSpotChances(states.map((s) => ({ mean: s?.rating ?? 0, sd: ratingSd(s) })), k);
    keys.forEach((key, i) => {
      const state = states[i];
      const due = masteryPercent(state) >= 50 && isDue(state, input.now);
      const chance = due ? Math.max(chances[i], k / keys.length) : chances[i];
      scored.push({ key, state, due, chance, score: chance + 1e-3 * input.random() });
    });
  }
  scored.sort((a, b) => b.score - a.score);
  const target = scored[0];
  const { domain } = splitKey(target.key);
  const ofDomain = scored.filter((s) => splitKey(s.key).domain === domain);
  const chosen = ofDomain.slice(0, DRAFT_CATEGORIES);
  // Categories (nearly) as likely as the last one asked for come too, up to MAX_DRAFT_CATEGORIES:
  // while nothing is known every category is equally likely, and one draft looks at four of them.
  const bar = chosen[chosen.length - 1].chance * AS_LIKELY;
  for (const s of ofDomain.slice(DRAFT_CATEGORIES)) if (chosen.length < MAX_DRAFT_CATEGORIES && s.chance >= bar) chosen.push(s);
  const categories = chosen.map((s) => splitKey(s.key).category);
  const state = target.state;
  const p = masteryPercent(state) / 100;
  const lo = input.difficultyMin;
  const hi = input.difficultyMax;
  const fresh = !state || state.evidence < 1;
  // No evidence yet: start at the bottom of the range; then track mastery across the range.
  // Mastery 20 % or less: the easiest; 80 % or more: the hardest the module allows.
  const difficulty = fresh ? lo : Math.min(hi, Math.max(lo, lo + Math.round(((p - 0.2) / 0.6) * (hi - lo))));
  const reason = fresh
    ? categories.length > 1
      ? `New ground: a first look at ${categories.join(", ")}.`
      : `New ground: ${categories[0]} has little evidence yet.`
    : target.due
      ? `Review due: ${categories[0]} (mastery ${masteryPercent(state)} %).`
      : `Weakest area: ${categories[0]} (mastery ${masteryPercent(state)} %).`;
  return { domain, difficulty, categories, chances: chosen.map((s) => s.chance), reason };
}
