import type { Kysely } from "kysely";

// Hints a trainee took on reviews they discarded, per trainee × draft (decision 113): a later
// review of the same draft starts with them already taken, so discarding cannot buy back a hint's
// cost. One row per pair; its hints are the union of every discarded review of that draft.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("discarded_hints")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("draft_id", "text", (c) => c.notNull().references("drafts.id").onDelete("cascade"))
    .addColumn("hints_taken", "text", (c) => c.notNull()) // JSON array of TakenHint, as on attempts
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("discarded_hints_pk", ["user_id", "draft_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("discarded_hints").execute();
}
