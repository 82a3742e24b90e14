import type { Kysely } from "kysely";

// Sign-in limiting moved to `login_limits` (reserve before verifying, per address, account and
// device; decision 021). The first design's `login_failures` log has been written and read by
// nothing since, so it goes: an unused table of client addresses is personal data kept for no purpose.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("login_failures_client_at_idx").ifExists().execute();
  await db.schema.dropTable("login_failures").ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("login_failures")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("login_failures_client_at_idx").on("login_failures").columns(["client", "at"]).execute();
}
