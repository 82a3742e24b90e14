import type { Kysely } from "kysely";

// Integrity: published review revisions kept as immutable snapshots, with the mentor's next
// revision held apart until it is published; sign-in limits as shared counters that are reserved
// before a password is checked; session activity for the idle timeout and the sessions page.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("review_revisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("review_id", "text", (c) => c.notNull().references("reviews.id").onDelete("cascade"))
    .addColumn("attempt_id", "text", (c) => c.notNull())
    .addColumn("mentor_id", "text", (c) => c.notNull())
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("feedback", "text", (c) => c.notNull())
    .addColumn("findings", "text", (c) => c.notNull())
    .addColumn("total_before", "double precision")
    .addColumn("total", "double precision", (c) => c.notNull())
    .addColumn("published_at", "text", (c) => c.notNull())
    .addUniqueConstraint("review_revisions_review_revision_uq", ["review_id", "revision"])
    .execute();
  await db.schema.createIndex("review_revisions_attempt_idx").on("review_revisions").columns(["attempt_id", "published_at"]).execute();
  await db.schema.alterTable("reviews").addColumn("revision", "integer", (c) => c.notNull().defaultTo(0)).execute();
  // The mentor's unpublished next revision of an already published review (JSON), or null.
  await db.schema.alterTable("reviews").addColumn("pending", "text").execute();
  // Reviews published before revisions were counted are their first revision.
  await db.updateTable("reviews").set({ revision: 1 }).where("status", "=", "published").execute();

  await db.schema
    .createTable("login_limits")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("window_start", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .execute();

  await db.schema.alterTable("sessions").addColumn("last_seen_at", "text").execute();
  await db.schema.alterTable("sessions").addColumn("user_agent", "text").execute();
  await db.schema.alterTable("sessions").addColumn("client", "text").execute();
  await db.schema.createIndex("sessions_expires_idx").on("sessions").column("expires_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("sessions_expires_idx").execute();
  await db.schema.alterTable("sessions").dropColumn("client").execute();
  await db.schema.alterTable("sessions").dropColumn("user_agent").execute();
  await db.schema.alterTable("sessions").dropColumn("last_seen_at").execute();
  await db.schema.dropTable("login_limits").execute();
  await db.schema.alterTable("reviews").dropColumn("pending").execute();
  await db.schema.alterTable("reviews").dropColumn("revision").execute();
  await db.schema.dropIndex("review_revisions_attempt_idx").execute();
  await db.schema.dropTable("review_revisions").execute();
}
