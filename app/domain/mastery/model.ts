// Mastery per trainee × category: an Elo-style rating of the trainee against the flaws they
// meet (decision 041). Pure; the history is replayed from final scores, so a mentor's published
// verdict replaces the auto score's evidence instead of being added to it.
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
  /** Share of an update passed to related categories. */
  relatedWeight: number;
}

export const DEFAULT_MASTERY: MasteryOptions = { relatedWeight: 0.5 };

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Flaw difficulty on the rating's scale. */
export const flawDifficulty = (draftDifficulty: number) => 0.5 * (draftDifficulty - 3);

/** Chance the trainee finds a flaw of this difficulty. */
export const expectedOutcome = (rating: number, draftDifficulty: number) => sigmoid(rating - flawDifficulty(draftDifficulty));

/** Step size shrinks as evidence accumulates (fast start, stable later). */
const stepSize = (evidence: number) => Math.max(0.35, 1.6 / Math.sqrt(1 + evidence));

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

/** Replays the evidence in time order from an empty history. */
export function computeMastery(evidence: readonly FlawEvidence[], related: ReadonlyMap<CategoryKey, CategoryKey[]>, options: MasteryOptions = DEFAULT_MASTERY): Map<CategoryKey, MasteryState> {
  const states = new Map<CategoryKey, MasteryState>();
  const get = (k: CategoryKey) => {
    let s = states.get(k);
    if (!s) states.set(k, (s = { rating: 0, evidence: 0, lastPractisedAt: null }));
    return s;
  };
  const sorted = [...evidence].sort((a, b) => a.at.localeCompare(b.at));
  for (const e of sorted) {
    const s = get(e.category);
    const delta = e.outcome - expectedOutcome(s.rating, e.difficulty);
    s.rating += stepSize(s.evidence) * delta;
    s.evidence += 1;
    if (!s.lastPractisedAt || e.at > s.lastPractisedAt) s.lastPractisedAt = e.at;
    for (const r of related.get(e.category) ?? []) {
      const rs = get(r);
      const rd = e.outcome - expectedOutcome(rs.rating, e.difficulty);
      rs.rating += options.relatedWeight * stepSize(rs.evidence) * rd;
      rs.evidence += options.relatedWeight;
    }
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
