import type { Kysely } from "kysely";

// Mentors teach the matcher: accepted phrase changes form a versioned overlay per pack (each
// accepted change writes the pack's whole overlay as a new version), and every decision an
// admin takes on a proposal is kept with the evidence it was taken on.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("matcher_overlays")
    .addColumn("domain", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("overlay", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addPrimaryKeyConstraint("matcher_overlays_pk", ["domain", "version"])
    .execute();
  await db.schema
    .createTable("matcher_decisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("domain", "text", (c) => c.notNull())
    .addColumn("key_point", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("phrase", "text", (c) => c.notNull())
    .addColumn("decision", "text", (c) => c.notNull())
    .addColumn("overlay_version", "integer")
    .addColumn("evidence", "text", (c) => c.notNull())
    .addColumn("decided_at", "text", (c) => c.notNull())
    .addColumn("decided_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("matcher_decisions_key").on("matcher_decisions").columns(["domain", "key_point", "kind", "phrase"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("matcher_decisions").execute();
  await db.schema.dropTable("matcher_overlays").execute();
}
