import type { Kysely } from "kysely";
import { sql } from "kysely";

// Matcher overlay versions numbered per organisation and pack (decision 136): the key becomes
// (org_id, domain, version), so each organisation's first accepted overlay of a pack is version 1.
// Existing versions keep their numbers (attempts name the version that scored them, and trainees
// may have seen it). The table is rebuilt, the same way on both dialects: SQLite cannot change a
// primary key in place. A row without an organisation (its admin was deleted before 0019 filled
// the column) applies to nobody and nobody can see it (decision 109); it cannot be keyed and is
// left out.

const COLUMNS = sql.raw("domain, version, overlay, created_at, created_by, org_id");

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("matcher_overlays_next")
    .addColumn("org_id", "text", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("domain", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("overlay", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addPrimaryKeyConstraint("matcher_overlays_org_pk", ["org_id", "domain", "version"])
    .execute();
  await sql`INSERT INTO matcher_overlays_next (${COLUMNS}) SELECT ${COLUMNS} FROM matcher_overlays WHERE org_id IS NOT NULL`.execute(db);
  await db.schema.dropTable("matcher_overlays").execute(); // its index matcher_overlays_org goes with it: the key covers it
  await db.schema.alterTable("matcher_overlays_next").renameTo("matcher_overlays").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // Back to one numbering per pack: fails (unique) if two organisations already share a version.
  await db.schema
    .createTable("matcher_overlays_prev")
    .addColumn("domain", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("overlay", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("org_id", "text", (c) => c.references("organisations.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("matcher_overlays_pk", ["domain", "version"])
    .execute();
  await sql`INSERT INTO matcher_overlays_prev (${COLUMNS}) SELECT ${COLUMNS} FROM matcher_overlays`.execute(db);
  await db.schema.dropTable("matcher_overlays").execute();
  await db.schema.alterTable("matcher_overlays_prev").renameTo("matcher_overlays").execute();
  await db.schema.createIndex("matcher_overlays_org").on("matcher_overlays").columns(["org_id", "domain", "version"]).execute();
}
