import type { Kysely } from "kysely";
import { sql } from "kysely";

// The matcher overlay per organisation (decision 109): one firm's mentors must not change another
// firm's grades. Overlays and decisions get the organisation of the admin who took them; a row
// whose admin was deleted has none and no longer applies. Versions stay unique per pack (the
// primary key is unchanged), so an organisation's versions may skip numbers.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("matcher_overlays").addColumn("org_id", "text", (c) => c.references("organisations.id").onDelete("cascade")).execute();
  await db.schema.alterTable("matcher_decisions").addColumn("org_id", "text", (c) => c.references("organisations.id").onDelete("cascade")).execute();
  await sql`UPDATE matcher_overlays SET org_id = (SELECT users.org_id FROM users WHERE users.id = matcher_overlays.created_by)`.execute(db);
  await sql`UPDATE matcher_decisions SET org_id = (SELECT users.org_id FROM users WHERE users.id = matcher_decisions.decided_by)`.execute(db);
  await db.schema.createIndex("matcher_overlays_org").on("matcher_overlays").columns(["org_id", "domain", "version"]).execute();
  await db.schema.createIndex("matcher_decisions_org").on("matcher_decisions").columns(["org_id", "domain"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("matcher_decisions_org").execute();
  await db.schema.dropIndex("matcher_overlays_org").execute();
  await db.schema.alterTable("matcher_decisions").dropColumn("org_id").execute();
  await db.schema.alterTable("matcher_overlays").dropColumn("org_id").execute();
}
