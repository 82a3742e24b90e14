// Mastery per trainee × category: a logistic (Rasch-style) rating of the trainee against the
// flaws they meet, estimated from the whole history (decisions 041, 043). Pure; the history is
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
  /** Weighted amount of evidence (related-category evidence counts half). */
  evidence: number;
  lastPractisedAt: string | null;
}

export interface MasteryOptions {
  /** Weight of a related category's evidence (direct evidence weighs 1). */
  relatedWeight: number;
  /** Evidence this many days older than the newest counts half: recent work says more. */
  halfLifeDays: number;
  /** Spread of ratings before any evidence (standard deviation, logits). */
  priorSd: number;
}

export const DEFAULT_MASTERY: MasteryOptions = { relatedWeight: 0.25, halfLifeDays: 90, priorSd: 1.5 };

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

/**
 * The rating of each category is the most likely one given every flaw met (found or missed, at
 * its difficulty), weighted by recency and pulled towards an even chance when evidence is thin
 * (a Gaussian prior): the maximum a posteriori of a logistic model, by Newton's method. Unlike a
 * step-by-step (Elo) update it does not depend on the order of equal-time evidence and does not
 * over-react to the first few flaws. Related categories' evidence counts at `relatedWeight`.
 */
export function computeMastery(evidence: readonly FlawEvidence[], related: ReadonlyMap<CategoryKey, CategoryKey[]>, options: MasteryOptions = DEFAULT_MASTERY): Map<CategoryKey, MasteryState> {
  const newest = evidence.reduce((m, e) => (e.at > m ? e.at : m), "");
  const newestMs = newest ? Date.parse(newest) : 0;
  const decay = (at: string) => Math.pow(0.5, Math.max(0, newestMs - Date.parse(at)) / 86_400_000 / options.halfLifeDays);
  const items = new Map<CategoryKey, { outcome: number; d: number; w: number }[]>();
  const states = new Map<CategoryKey, MasteryState>();
  const add = (k: CategoryKey, e: FlawEvidence, weight: number) => {
    if (weight <= 0) return;
    let list = items.get(k);
    if (!list) items.set(k, (list = []));
    list.push({ outcome: e.outcome, d: flawDifficulty(e.difficulty), w: weight * decay(e.at) });
    let s = states.get(k);
    if (!s) states.set(k, (s = { rating: 0, evidence: 0, lastPractisedAt: null }));
    s.evidence += weight;
    if (weight === 1 && (!s.lastPractisedAt || e.at > s.lastPractisedAt)) s.lastPractisedAt = e.at;
  };
  for (const e of evidence) {
    add(e.category, e, 1);
    for (const r of related.get(e.category) ?? []) add(r, e, options.relatedWeight);
  }
  const precision = 1 / (options.priorSd * options.priorSd);
  for (const [k, list] of items) {
    let r = 0;
    for (let i = 0; i < 25; i++) {
      let grad = -r * precision;
      let curv = -precision;
      for (const it of list) {
        const p = sigmoid(r - it.d);
        grad += it.w * (it.outcome - p);
        curv -= it.w * p * (1 - p);
      }
      const step = grad / curv;
      r -= step;
      if (Math.abs(step) < 1e-6) break;
    }
    states.get(k)!.rating = r;
  }
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
