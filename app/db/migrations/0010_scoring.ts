import type { Kysely } from "kysely";

// Rescoring leaves a visible record: every stored score that a new scoring version changes gets
// a score revision holding the previous breakdowns, so an old grade stays explainable. Rescore
// runs remember how far they got, so a run that stops midway resumes where it stopped.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("score_revisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("attempt_id", "text", (c) => c.notNull().references("attempts.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("from_config_version", "integer", (c) => c.notNull())
    .addColumn("to_config_version", "integer", (c) => c.notNull())
    .addColumn("from_matcher", "text", (c) => c.notNull())
    .addColumn("to_matcher", "text", (c) => c.notNull())
    .addColumn("auto_total_before", "double precision")
    .addColumn("auto_total_after", "double precision")
    .addColumn("final_total_before", "double precision")
    .addColumn("final_total_after", "double precision")
    .addColumn("previous_auto_score", "text")
    .addColumn("previous_final_score", "text")
    .addColumn("summary", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("score_revisions_attempt").on("score_revisions").columns(["attempt_id", "created_at"]).execute();
  await db.schema
    .createTable("rescore_runs")
    .addColumn("run_key", "text", (c) => c.primaryKey())
    .addColumn("cursor", "text", (c) => c.notNull())
    .addColumn("scanned", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("changed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("rescore_runs").execute();
  await db.schema.dropTable("score_revisions").execute();
}
