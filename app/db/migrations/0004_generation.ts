import type { Kysely } from "kysely";

// AI generation: jobs (a batch), items (one draft each, accepted or rejected with a reason),
// every model call (tokens, latency, cost estimate, outcome) and cached grading suggestions.
// Frozen in time: never import app code here. Portable types: text ids, ISO-8601 text
// timestamps, integer booleans, `real` for money.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("generation_jobs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text") // null for CLI runs
    .addColumn("created_by", "text") // user id, null for CLI runs
    .addColumn("origin", "text", (c) => c.notNull()) // admin | cli | bench | test
    .addColumn("domain", "text", (c) => c.notNull())
    .addColumn("mode", "text", (c) => c.notNull()) // flaws | brief
    .addColumn("difficulty", "integer") // null: spread over 1..5
    .addColumn("model", "text", (c) => c.notNull())
    .addColumn("requested", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull()) // queued | running | done | cancelled | stopped | failed
    .addColumn("accepted", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("rejected", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("calls", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("prompt_tokens", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("completion_tokens", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("spent_usd", "double precision", (c) => c.notNull().defaultTo(0))
    .addColumn("spend_limit_usd", "double precision", (c) => c.notNull())
    .addColumn("cancel_requested", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("stop_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("started_at", "text")
    .addColumn("finished_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("generation_jobs_created_idx").on("generation_jobs").columns(["created_at"]).execute();

  await db.schema
    .createTable("generation_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("job_id", "text", (c) => c.notNull().references("generation_jobs.id").onDelete("cascade"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("source_id", "text", (c) => c.notNull())
    .addColumn("source_title", "text", (c) => c.notNull())
    .addColumn("difficulty", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull()) // running | accepted | rejected | cancelled
    .addColumn("draft_id", "text", (c) => c.references("drafts.id"))
    .addColumn("rounds", "integer", (c) => c.notNull().defaultTo(0)) // flaw-proposal rounds used
    .addColumn("calls", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("flaw_count", "integer")
    .addColumn("dropped_edits", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("failure_reason", "text") // a code: refusal | truncated | invalid_proposal | timeout | ...
    .addColumn("failure_detail", "text") // human-readable, shown to admins
    .addColumn("notes", "text") // JSON: validation messages of dropped or repaired edits
    .addColumn("cost_usd", "double precision", (c) => c.notNull().defaultTo(0))
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .execute();
  await db.schema.createIndex("generation_items_job_idx").on("generation_items").columns(["job_id", "seq"]).execute();

  await db.schema
    .createTable("model_calls")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("job_id", "text", (c) => c.references("generation_jobs.id").onDelete("cascade"))
    .addColumn("item_id", "text", (c) => c.references("generation_items.id").onDelete("cascade"))
    .addColumn("purpose", "text", (c) => c.notNull()) // draft | flaws | repair | grade
    .addColumn("model", "text", (c) => c.notNull())
    .addColumn("try_number", "integer", (c) => c.notNull()) // 1 + HTTP retries before it
    .addColumn("outcome", "text", (c) => c.notNull()) // ok | refusal | truncated | rate_limited | server_error | timeout | ...
    .addColumn("http_status", "integer")
    .addColumn("finish_reason", "text")
    .addColumn("request_id", "text")
    .addColumn("error", "text")
    .addColumn("prompt_tokens", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("completion_tokens", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("latency_ms", "integer", (c) => c.notNull())
    .addColumn("cost_usd", "double precision", (c) => c.notNull().defaultTo(0))
    .addColumn("started_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("model_calls_job_idx").on("model_calls").columns(["job_id", "started_at"]).execute();

  await db.schema
    .createTable("grade_suggestions")
    .addColumn("key", "text", (c) => c.primaryKey()) // hash of model + explanation + flaw
    .addColumn("model", "text", (c) => c.notNull())
    .addColumn("grade", "integer", (c) => c.notNull())
    .addColumn("covered", "text", (c) => c.notNull()) // JSON array of key point indexes
    .addColumn("rationale", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("grade_suggestions").execute();
  await db.schema.dropTable("model_calls").execute();
  await db.schema.dropTable("generation_items").execute();
  await db.schema.dropTable("generation_jobs").execute();
}
