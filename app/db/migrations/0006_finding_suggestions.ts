import type { Kysely } from "kysely";

// Which finding a model grade suggestion was made for, so calibration can compare the model with
// the mentor's grade on the same finding.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("finding_suggestions")
    .addColumn("finding_id", "text", (c) => c.notNull().references("findings.id").onDelete("cascade"))
    .addColumn("model", "text", (c) => c.notNull())
    .addColumn("grade", "integer", (c) => c.notNull())
    .addColumn("rationale", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("finding_suggestions_pk", ["finding_id", "model"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("finding_suggestions").execute();
}
