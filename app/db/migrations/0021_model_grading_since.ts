import { sql, type Kysely } from "kysely";

// Since when an organisation's model grading has been on without a break (decision 130). The
// restart sweep grades attempts submitted since then that were left pending; `updated_at` moves
// on every save, so re-saving "on" used to hide older pending attempts from the sweep.
// Backfill: an organisation with grading on has had it on since its last save at the latest.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("organisation_settings").addColumn("model_grading_since", "text").execute();
  await sql`UPDATE organisation_settings SET model_grading_since = updated_at WHERE model_grading = 1`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("organisation_settings").dropColumn("model_grading_since").execute();
}
