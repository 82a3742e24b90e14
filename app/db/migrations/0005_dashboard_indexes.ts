import type { Kysely } from "kysely";

// Covering indexes for the dashboards at 100k attempts: each attempts row carries several KB of
// score JSON, so reading the few columns a dashboard needs from an index avoids the table.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("attempts_trend_idx").on("attempts").columns(["user_id", "status", "submitted_at", "domain", "final_total"]).execute();
  await db.schema
    .createIndex("attempts_reviews_idx")
    .on("attempts")
    .columns(["user_id", "status", "published_at", "submitted_at", "domain", "published_review_id", "id"])
    .execute();
  await db.schema
    .createIndex("flaw_results_missed_idx")
    .on("flaw_results")
    .columns(["user_id", "submitted_at", "domain", "category", "draft_id", "flaw_id", "detected"])
    .execute();
  await db.schema.createIndex("findings_calibration_idx").on("findings").columns(["attempt_id", "auto_verdict", "flaw_category", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ["findings_calibration_idx", "flaw_results_missed_idx", "attempts_reviews_idx", "attempts_trend_idx"]) {
    await db.schema.dropIndex(name).execute();
  }
}
