// Mastery per trainee × category, stored as a cache of a replay over the trainee's submitted
// attempts' final scores (decision 041): recomputed on submit and on mentor publish.
import type { Database } from "~/db/db.server";
import { categoryKey, computeMastery, DEFAULT_MASTERY, isDue, masteryPercent, outcomeOf, relatedCategories, withFamilyEvidence, type CategoryKey, type FlawEvidence, type MasteryState } from "~/domain/mastery/model";
import type { ScoreBreakdown } from "~/domain/scoring";
import type { CategoryFamily } from "~/domain/types";
import { packs } from "./content.server";

let relatedCache: ReturnType<typeof relatedCategories> | undefined;

/** Every category of every pack with its family. */
export function categoryFamilies(): Record<CategoryKey, CategoryFamily> {
  const out: Record<CategoryKey, CategoryFamily> = {};
  for (const p of packs().packs) for (const c of p.categories) out[categoryKey(p.domain, c.id)] = c.family;
  return out;
}

export function related() {
  relatedCache ??= relatedCategories(categoryFamilies());
  return relatedCache;
}

/** Evidence from one final score: every flaw of the draft, found or not. */
export function evidenceFromScore(domain: string, difficulty: number, at: string, score: Pick<ScoreBreakdown, "flaws">): FlawEvidence[] {
  return score.flaws.map((f) => ({ category: categoryKey(domain, f.category), outcome: outcomeOf(f), difficulty, at }));
}

export async function recomputeMastery(db: Database, userId: string): Promise<Map<CategoryKey, MasteryState>> {
  const rows = await db
    .selectFrom("attempts")
    .innerJoin("drafts", "drafts.id", "attempts.draft_id")
    .select(["attempts.domain", "drafts.difficulty", "attempts.submitted_at", "attempts.final_score"])
    .where("attempts.user_id", "=", userId)
    .where("attempts.status", "=", "submitted")
    .execute();
  const evidence = rows.flatMap((r) => (r.final_score && r.submitted_at ? evidenceFromScore(r.domain, r.difficulty, r.submitted_at, JSON.parse(r.final_score) as ScoreBreakdown) : []));
  const states = computeMastery(evidence, related(), DEFAULT_MASTERY, Object.keys(categoryFamilies()));
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("mastery").where("user_id", "=", userId).execute();
    const values = [...states].map(([category, s]) => ({ user_id: userId, category, rating: s.rating, evidence: s.evidence, last_practised_at: s.lastPractisedAt, updated_at: now }));
    for (let i = 0; i < values.length; i += 200) await trx.insertInto("mastery").values(values.slice(i, i + 200)).execute();
  });
  return states;
}

export async function getMastery(db: Database, userId: string): Promise<Map<CategoryKey, MasteryState>> {
  const rows = await db.selectFrom("mastery").selectAll().where("user_id", "=", userId).execute();
  return withFamilyEvidence(new Map(rows.map((r) => [r.category, { rating: r.rating, evidence: r.evidence, lastPractisedAt: r.last_practised_at }])), related());
}

export interface MasteryRow {
  key: CategoryKey;
  domain: string;
  category: string;
  name: string;
  percent: number;
  evidence: number;
  due: boolean;
}

/** What the trainee sees: categories with evidence, weakest first. */
export async function masteryOverview(db: Database, userId: string, now = new Date()): Promise<MasteryRow[]> {
  const states = await getMastery(db, userId);
  const names = new Map<string, string>();
  for (const p of packs().packs) for (const c of p.categories) names.set(categoryKey(p.domain, c.id), c.name);
  return [...states]
    .filter(([k, s]) => names.has(k) && (s.evidence > 0 || (s.familyEvidence ?? 0) > 0))
    .map(([key, s]) => {
      const [domain, category] = [key.slice(0, key.indexOf("/")), key.slice(key.indexOf("/") + 1)];
      return { key, domain, category, name: names.get(key)!, percent: masteryPercent(s), evidence: Math.round(s.evidence * 10) / 10, due: masteryPercent(s) >= 50 && isDue(s, now) };
    })
    .sort((a, b) => a.percent - b.percent || a.key.localeCompare(b.key));
}
