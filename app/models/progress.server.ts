import type { Database } from "~/db/db.server";
import type { ScoreBreakdown } from "~/domain/scoring";
import { computeProgress, type ScoredAttempt } from "~/domain/stats/progress";
import { packs } from "./content.server";

export async function scoredAttempts(db: Database, userId: string): Promise<ScoredAttempt[]> {
  const rows = await db
    .selectFrom("attempts")
    .select(["id", "submitted_at", "domain", "final_total", "final_score"])
    .where("user_id", "=", userId)
    .where("status", "=", "submitted")
    .orderBy("submitted_at")
    .execute();
  return rows.map((r) => {
    const score = JSON.parse(r.final_score ?? "null") as ScoreBreakdown | null;
    return {
      id: r.id,
      submittedAt: r.submitted_at!,
      domain: r.domain,
      total: r.final_total ?? 0,
      flaws: (score?.flaws ?? []).map((f) => ({ category: f.category, detected: f.status !== "missed" })),
    };
  });
}

export function categoryNames(): Map<string, string> {
  return new Map(packs().packs.flatMap((p) => p.categories.map((c) => [c.id, `${c.name} (${p.domain})`] as const)));
}

export async function traineeProgress(db: Database, userId: string) {
  const progress = computeProgress(await scoredAttempts(db, userId));
  const names = categoryNames();
  const named = <T extends { category: string }>(xs: T[]) => xs.map((c) => ({ ...c, name: names.get(c.category) ?? c.category }));
  return { ...progress, categories: named(progress.categories), strongest: named(progress.strongest), weakest: named(progress.weakest) };
}
