import type { Kysely } from "kysely";

// Drafts are immutable once stored; attempts and findings are the trainee's work.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("drafts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("domain", "text", (c) => c.notNull())
    .addColumn("source_id", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("format", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("difficulty", "integer", (c) => c.notNull())
    .addColumn("brief", "text", (c) => c.notNull())
    .addColumn("clean_text", "text", (c) => c.notNull())
    .addColumn("flawed_text", "text", (c) => c.notNull())
    .addColumn("answer_key", "text", (c) => c.notNull()) // JSON
    .addColumn("flaw_count", "integer", (c) => c.notNull())
    .addColumn("generator", "text", (c) => c.notNull())
    .addColumn("seed", "bigint", (c) => c.notNull())
    .addColumn("key_version", "integer", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("fingerprint", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("drafts_domain_difficulty_idx").on("drafts").columns(["domain", "difficulty"]).execute();

  await db.schema
    .createTable("attempts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("draft_id", "text", (c) => c.notNull().references("drafts.id"))
    .addColumn("status", "text", (c) => c.notNull()) // open | submitted
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("first_flag_at", "text")
    .addColumn("submitted_at", "text")
    .addColumn("hints_taken", "text", (c) => c.notNull().defaultTo("[]")) // JSON array of flaw ids
    .addColumn("auto_total", "double precision")
    .addColumn("auto_score", "text") // JSON breakdown
    .addColumn("final_total", "double precision")
    .addColumn("final_score", "text") // JSON breakdown after mentor overrides
    .addColumn("domain", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("attempts_user_status_idx").on("attempts").columns(["user_id", "status", "started_at"]).execute();
  await db.schema.createIndex("attempts_status_submitted_idx").on("attempts").columns(["status", "submitted_at"]).execute();

  await db.schema
    .createTable("findings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("attempt_id", "text", (c) => c.notNull().references("attempts.id").onDelete("cascade"))
    .addColumn("line_from", "integer", (c) => c.notNull())
    .addColumn("line_to", "integer", (c) => c.notNull())
    .addColumn("quote", "text")
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("explanation", "text", (c) => c.notNull())
    .addColumn("confidence", "double precision", (c) => c.notNull())
    .addColumn("suggested_fix", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("findings_attempt_idx").on("findings").column("attempt_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("findings").execute();
  await db.schema.dropTable("attempts").execute();
  await db.schema.dropTable("drafts").execute();
}
