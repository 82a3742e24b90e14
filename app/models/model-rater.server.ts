// The model as a third rater on the calibration page: its 0–3 grade suggestion against the
// mentor's published 0–3 grade on the same finding.
import type { Database } from "~/db/db.server";
import type { InScope } from "./scope.server";

export async function recordSuggestion(db: Database, findingId: string, s: { model: string; grade: number; rationale: string }): Promise<void> {
  const row = { grade: s.grade, rationale: s.rationale, created_at: new Date().toISOString() };
  await db
    .insertInto("finding_suggestions")
    .values({ finding_id: findingId, model: s.model, ...row })
    .onConflict((oc) => oc.columns(["finding_id", "model"]).doUpdateSet(row))
    .execute();
}

/** How the calibration page names the model as a rater. */
export const MODEL_RATER = { name: "Model grade suggestions", scale: "explanation grade 0–3 on findings both graded" } as const;

/**
 * The model's 0–3 suggestion and the mentor's published 0–3 grade on the same finding, for the
 * findings of attempts in scope (in the domain and submitted in the period, when the page filters
 * by them); category is `domain/category`.
 */
export async function modelGradePairs(
  db: Database,
  inScope: InScope,
  filter: { domain?: string | null; period?: { start: string; end: string } | null } = {},
): Promise<{ category: string; rater: string; mentor: string }[]> {
  const rows = await db
    .selectFrom("finding_suggestions")
    .innerJoin("findings", "findings.id", "finding_suggestions.finding_id")
    .innerJoin("attempts", "attempts.id", "findings.attempt_id")
    .innerJoin("finding_reviews", "finding_reviews.finding_id", "findings.id")
    .innerJoin("reviews", "reviews.id", "finding_reviews.review_id")
    .select(["attempts.domain", "findings.flaw_category", "finding_suggestions.grade as model_grade", "finding_reviews.grade as mentor_grade"])
    .where("reviews.status", "=", "published")
    .where("finding_reviews.grade", "is not", null)
    .where(inScope("attempts.user_id"))
    // The same domain and period as the rest of the calibration page.
    .$if(!!filter.domain, (q) => q.where("attempts.domain", "=", filter.domain!))
    .$if(!!filter.period, (q) => q.where("attempts.submitted_at", ">=", filter.period!.start).where("attempts.submitted_at", "<", filter.period!.end))
    .execute();
  return rows.map((r) => ({ category: `${r.domain}/${r.flaw_category ?? "unknown"}`, rater: String(r.model_grade), mentor: String(r.mentor_grade) }));
}
