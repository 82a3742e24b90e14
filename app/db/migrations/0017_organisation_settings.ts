import type { Kysely } from "kysely";

// Per-organisation settings (decision 105). The first one: whether the configured model's
// explanation grade is the organisation's automatic explanation grade. One row per
// organisation that changed a setting; no row means the defaults (off).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("organisation_settings")
    .addColumn("org_id", "text", (c) => c.primaryKey().references("organisations.id").onDelete("cascade"))
    .addColumn("model_grading", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("organisation_settings").execute();
}
