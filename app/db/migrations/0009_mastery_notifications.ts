import type { Kysely } from "kysely";

// Mastery per trainee × category (a cache of a replay over the trainee's final scores) and
// in-app notifications.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("mastery")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("category", "text", (c) => c.notNull()) // "<domain>/<category id>"
    .addColumn("rating", "double precision", (c) => c.notNull())
    .addColumn("evidence", "double precision", (c) => c.notNull())
    .addColumn("last_practised_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("mastery_pk", ["user_id", "category"])
    .execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull()) // feedback | sign-off | returned | due-soon | overdue
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("link", "text", (c) => c.notNull())
    .addColumn("dedupe_key", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .execute();
  await db.schema.createIndex("notifications_user_idx").on("notifications").columns(["user_id", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("notifications").execute();
  await db.schema.dropTable("mastery").execute();
}
