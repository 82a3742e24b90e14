import type { Kysely } from "kysely";

// Mentor reviews, their audit trail, and the incrementally maintained aggregates that keep the
// dashboards fast at 100k attempts (updated in the same transaction as submit and publish).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("reviews")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("attempt_id", "text", (c) => c.notNull().references("attempts.id").onDelete("cascade"))
    .addColumn("mentor_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("status", "text", (c) => c.notNull()) // draft | published
    .addColumn("feedback", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("based_on_version", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("published_at", "text")
    .addUniqueConstraint("reviews_attempt_mentor_uq", ["attempt_id", "mentor_id"])
    .execute();
  await db.schema.createIndex("reviews_mentor_status_idx").on("reviews").columns(["mentor_id", "status", "published_at"]).execute();

  await db.schema
    .createTable("finding_reviews")
    .addColumn("review_id", "text", (c) => c.notNull().references("reviews.id").onDelete("cascade"))
    .addColumn("finding_id", "text", (c) => c.notNull().references("findings.id").onDelete("cascade"))
    .addColumn("verdict", "text") // correct | partly | wrong; null keeps the automatic verdict
    .addColumn("grade", "integer") // 0..3 rubric grade of the explanation
    .addColumn("comment", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("unseeded", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("finding_reviews_pk", ["review_id", "finding_id"])
    .execute();
  await db.schema.createIndex("finding_reviews_finding_idx").on("finding_reviews").column("finding_id").execute();

  await db.schema
    .createTable("audit_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("attempt_id", "text", (c) => c.notNull().references("attempts.id").onDelete("cascade"))
    .addColumn("actor_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("finding_id", "text")
    .addColumn("before", "text")
    .addColumn("after", "text")
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_events_attempt_idx").on("audit_events").columns(["attempt_id", "at"]).execute();

  // Attempt: which review is published, and a version that detects concurrent publishes.
  await db.schema.alterTable("attempts").addColumn("review_version", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable("attempts").addColumn("published_review_id", "text").execute();
  await db.schema.alterTable("attempts").addColumn("published_at", "text").execute();
  await db.schema.alterTable("attempts").addColumn("feedback_seen_at", "text").execute();
  await db.schema.createIndex("attempts_queue_idx").on("attempts").columns(["status", "published_at", "submitted_at"]).execute();

  // Finding: the automatic verdict at submit, so grader calibration is a query, not a rescore.
  await db.schema.alterTable("findings").addColumn("auto_verdict", "text").execute(); // hit | false-positive
  await db.schema.alterTable("findings").addColumn("matched_flaw_id", "text").execute();
  await db.schema.alterTable("findings").addColumn("flaw_category", "text").execute();

  await db.schema
    .createTable("flaw_results")
    .addColumn("attempt_id", "text", (c) => c.notNull().references("attempts.id").onDelete("cascade"))
    .addColumn("flaw_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("draft_id", "text", (c) => c.notNull())
    .addColumn("domain", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("severity", "integer", (c) => c.notNull())
    .addColumn("detected", "integer", (c) => c.notNull()) // final: found or wrong category
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("flaw_results_pk", ["attempt_id", "flaw_id"])
    .execute();
  await db.schema.createIndex("flaw_results_user_idx").on("flaw_results").columns(["user_id", "category"]).execute();
  await db.schema.createIndex("flaw_results_draft_idx").on("flaw_results").columns(["draft_id", "flaw_id"]).execute();

  await db.schema
    .createTable("trainee_stats")
    .addColumn("user_id", "text", (c) => c.primaryKey())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("total_sum", "double precision", (c) => c.notNull().defaultTo(0))
    .addColumn("flaws", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("hits", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("false_alarm_lines", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("non_flaw_lines", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("findings", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("false_positives", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_submitted_at", "text")
    .execute();

  await db.schema
    .createTable("trainee_category_stats")
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("domain", "text", (c) => c.notNull())
    .addColumn("flaws", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("hits", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("trainee_category_stats_pk", ["user_id", "domain", "category"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("trainee_category_stats").execute();
  await db.schema.dropTable("trainee_stats").execute();
  await db.schema.dropTable("flaw_results").execute();
  for (const c of ["flaw_category", "matched_flaw_id", "auto_verdict"]) await db.schema.alterTable("findings").dropColumn(c).execute();
  await db.schema.dropIndex("attempts_queue_idx").execute();
  for (const c of ["feedback_seen_at", "published_at", "published_review_id", "review_version"]) await db.schema.alterTable("attempts").dropColumn(c).execute();
  await db.schema.dropTable("audit_events").execute();
  await db.schema.dropTable("finding_reviews").execute();
  await db.schema.dropTable("reviews").execute();
}
