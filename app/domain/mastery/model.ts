// Mastery per trainee × category: a logistic (Rasch-style) rating of the trainee against the
// flaws they meet, estimated from the whole history (decisions 041, 043, 125). Pure; the history is
// replayed from final scores, so a mentor's published verdict replaces the auto score's evidence
// instead of being added to it.
import type { CategoryFamily } from "../types";

/** A category across packs: "<domain>/<category id>". */
export type CategoryKey = string;
export const categoryKey = (domain: string, category: string): CategoryKey => `${domain}/${category}`;
export const splitKey = (key: CategoryKey) => {
  const i = key.indexOf("/");
  return { domain: key.slice(0, i), category: key.slice(i + 1) };
};

/** One flaw met in a submitted attempt. */
export interface FlawEvidence {
  category: CategoryKey;
  /** 1 found with the right diagnosis, 0.5 partly, 0.25 right place wrong category, 0 missed. */
  outcome: number;
  /** Draft difficulty 1–5. */
  difficulty: number;
  at: string;
}

export interface MasteryState {
  /** Logit scale: 0 means an even chance against a difficulty-3 flaw. */
  rating: number;
  /** Flaws of this category met (its own evidence; a related category's flaws are not counted). */
  evidence: number;
  /** Flaws met in the other categories of its AI-typical family (0 for a classic category). */
  familyEvidence?: number;
  lastPractisedAt: string | null;
}

export interface MasteryOptions {
  /** Evidence this many days older than the newest counts half: recent work says more. */
  halfLifeDays: number;
  /** Spread of ratings before any evidence (standard deviation, logits). */
  priorSd: number;
  /** The part of that spread that is the trainee's general level, shared by all categories. */
  generalSd: number;
  /** The part that is shared by an AI-typical family across packs (drift, hallucination, overclaiming). */
  familySd: number;
}

export const DEFAULT_MASTERY: MasteryOptions = { halfLifeDays: 90, priorSd: 1.5, generalSd: 0.75, familySd: 0.5 };

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Flaw difficulty on the rating's scale. */
export const flawDifficulty = (draftDifficulty: number) => 0.5 * (draftDifficulty - 3);

/** Chance the trainee finds a flaw of this difficulty. */
export const expectedOutcome = (rating: number, draftDifficulty: number) => sigmoid(rating - flawDifficulty(draftDifficulty));


/** Mastery shown to people: chance of finding a medium (difficulty-3) flaw, 0–100. */
export const masteryPercent = (s: MasteryState | undefined) => Math.round(100 * sigmoid(s?.rating ?? 0));

/**
 * Categories that share evidence: the AI-typical families (drift from the brief, hallucination,
 * overclaiming) are one skill across packs — an invented API, citation and figure are all
 * "the draft states something that does not exist".
 */
export function relatedCategories(families: Readonly<Record<CategoryKey, CategoryFamily>>): Map<CategoryKey, CategoryKey[]> {
  const byFamily = new Map<CategoryFamily, CategoryKey[]>();
  for (const [key, fam] of Object.entries(families)) {
    if (fam === "classic") continue;
    byFamily.set(fam, [...(byFamily.get(fam) ?? []), key]);
  }
  const out = new Map<CategoryKey, CategoryKey[]>();
  for (const keys of byFamily.values()) for (const k of keys) out.set(k, keys.filter((o) => o !== k));
  return out;
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}

/**
 * Newton's method for one coordinate of the posterior: the logit offset x that is most likely
 * given outcomes at `base + x` (each item's base is the rest of its rating minus its difficulty)
 * and a N(0, sd²) prior on x.
 */
function solve(items: readonly { outcome: number; base: () => number; w: number }[], sd: number, start: number): number {
  const precision = 1 / (sd * sd);
  let x = start;
  for (let i = 0; i < 25; i++) {
    let grad = -x * precision;
    let curv = -precision;
    for (const it of items) {
      const p = sigmoid(it.base() + x);
      grad += it.w * (it.outcome - p);
      curv -= it.w * p * (1 - p);
    }
    const step = grad / curv;
    x -= step;
    if (Math.abs(step) < 1e-7) break;
  }
  return x;
}

/**
 * The rating of a category is the trainee's general level + the level of its AI-typical family
 * (drift, hallucination, overclaiming, across packs; classic categories have none) + what is
 * particular to the category, each with a Gaussian prior whose variances add up to the prior
 * spread of skills (decision 125). The three parts are the most likely ones given every flaw met
 * (found or missed, at its difficulty, weighted by recency): the maximum a posteriori of a
 * logistic model, by Newton's method one part at a time (concave, so it converges). Unlike a
 * step-by-step (Elo) update it does not depend on the order of equal-time evidence and does not
 * over-react to the first few flaws. A category is pulled towards what the trainee shows in
 * general and in its family in proportion to how little evidence of its own it has; a category of
 * a family the trainee has not met yet is rated from the family alone (evidence 0). `alsoRate`
 * names categories to rate even when neither they nor their family were met: at the trainee's
 * general level, evidence 0 (decision 133), so "never met" is judged against the trainee.
 */
export function computeMastery(evidence: readonly FlawEvidence[], related: ReadonlyMap<CategoryKey, CategoryKey[]>, options: MasteryOptions = DEFAULT_MASTERY, alsoRate: readonly CategoryKey[] = []): Map<CategoryKey, MasteryState> {
  const newest = evidence.reduce((m, e) => (e.at > m ? e.at : m), "");
  const newestMs = newest ? Date.parse(newest) : 0;
  const decay = (at: string) => Math.pow(0.5, Math.max(0, newestMs - Date.parse(at)) / 86_400_000 / options.halfLifeDays);
  // A family is the category with its related ones; named by its first member in sorted order.
  const familyOf = (k: CategoryKey) => {
    const r = related.get(k);
    return r?.length ? [k, ...r].sort()[0] : null;
  };
  const states = new Map<CategoryKey, MasteryState>();
  let general = 0;
  const family = new Map<string, number>();
  const own = new Map<CategoryKey, number>();
  const rating = (k: CategoryKey) => {
    const f = familyOf(k);
    return general + (f ? family.get(f) ?? 0 : 0) + (own.get(k) ?? 0);
  };
  const items = evidence.map((e) => ({ e, d: flawDifficulty(e.difficulty), w: decay(e.at), family: familyOf(e.category) }));
  for (const { e, family: f } of items) {
    let s = states.get(e.category);
    if (!s) states.set(e.category, (s = { rating: 0, evidence: 0, lastPractisedAt: null }));
    s.evidence += 1;
    if (!s.lastPractisedAt || e.at > s.lastPractisedAt) s.lastPractisedAt = e.at;
    if (f !== null && !family.has(f)) family.set(f, 0);
  }
  const byCategory = groupBy(items, (it) => it.e.category);
  const byFamily = groupBy(items.filter((it) => it.family !== null), (it) => it.family!);
  const ownSd = (k: CategoryKey) => Math.sqrt(Math.max(0.01, options.priorSd ** 2 - options.generalSd ** 2 - (familyOf(k) ? options.familySd ** 2 : 0)));
  for (let sweep = 0; sweep < 200; sweep++) {
    const before = [...states.keys()].map(rating);
    for (const [k, list] of byCategory) {
      const f = familyOf(k);
      own.set(k, solve(list.map((it) => ({ outcome: it.e.outcome, w: it.w, base: () => general + (f ? family.get(f)! : 0) - it.d })), ownSd(k), own.get(k) ?? 0));
    }
    for (const [f, list] of byFamily) family.set(f, solve(list.map((it) => ({ outcome: it.e.outcome, w: it.w, base: () => general + own.get(it.e.category)! - it.d })), options.familySd, family.get(f)!));
    general = solve(items.map((it) => ({ outcome: it.e.outcome, w: it.w, base: () => (it.family ? family.get(it.family)! : 0) + own.get(it.e.category)! - it.d })), options.generalSd, general);
    const after = [...states.keys()].map(rating);
    if (after.every((r, i) => Math.abs(r - before[i]) < 1e-6)) break;
  }
  for (const [k, s] of states) s.rating = rating(k);
  // Categories of a family the trainee has met, not met themselves: rated from the family; any
  // other category asked for: rated at the trainee's general level.
  for (const f of family.keys()) {
    for (const k of [f, ...(related.get(f) ?? [])]) if (!states.has(k)) states.set(k, { rating: rating(k), evidence: 0, lastPractisedAt: null });
  }
  if (evidence.length) for (const k of alsoRate) if (!states.has(k)) states.set(k, { rating: rating(k), evidence: 0, lastPractisedAt: null });
  return withFamilyEvidence(states, related);
}

/** Fills `familyEvidence`: the flaws the trainee met in each category's related ones. */
export function withFamilyEvidence<M extends Map<CategoryKey, MasteryState>>(states: M, related: ReadonlyMap<CategoryKey, CategoryKey[]>): M {
  for (const [k, s] of states) s.familyEvidence = (related.get(k) ?? []).reduce((n, r) => n + (states.get(r)?.evidence ?? 0), 0);
  return states;
}

/** Days until a category is due for review: weak categories come back the next day, mastered ones after weeks. */
export function reviewIntervalDays(s: MasteryState): number {
  const p = sigmoid(s.rating);
  if (p < 0.5) return 1;
  return Math.round(Math.pow(2, (p - 0.5) * 10));
}

export function isDue(s: MasteryState | undefined, now: Date): boolean {
  if (!s?.lastPractisedAt) return false;
  return now.getTime() - new Date(s.lastPractisedAt).getTime() >= reviewIntervalDays(s) * 86_400_000;
}

/** Score breakdown flaw → evidence outcome. */
export function outcomeOf(flaw: { status: "found" | "wrong-category" | "missed"; detectionCredit: number }): number {
  if (flaw.status === "found") return flaw.detectionCredit;
  if (flaw.status === "wrong-category") return 0.25;
  return 0;
}
