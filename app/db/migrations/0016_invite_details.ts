import type { Kysely } from "kysely";

// Invites carry the invitee's name (offered on the join page) and the cohort they join on
// accepting, and can be withdrawn: a revoked link says so instead of creating an account.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("invites").addColumn("name", "text", (c) => c.notNull().defaultTo("")).execute();
  await db.schema.alterTable("invites").addColumn("cohort_id", "text").execute();
  await db.schema.alterTable("invites").addColumn("revoked_at", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("invites").dropColumn("revoked_at").execute();
  await db.schema.alterTable("invites").dropColumn("cohort_id").execute();
  await db.schema.alterTable("invites").dropColumn("name").execute();
}
