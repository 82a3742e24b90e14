import type { Kysely } from "kysely";

// Onboarding programs. A program's modules are stored whole per version (JSON spec); progress and
// completions are keyed by the module's stable key, so editing a program never rewrites what a
// trainee completed. Completion rows keep their own snapshot of the module and scores.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("programs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("current_version", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("programs_org_idx").on("programs").column("org_id").execute();

  await db.schema
    .createTable("program_versions")
    .addColumn("program_id", "text", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("spec", "text", (c) => c.notNull()) // JSON ProgramSpec
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("program_versions_pk", ["program_id", "version"])
    .execute();

  await db.schema
    .createTable("program_assignments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("program_id", "text", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    .addColumn("cohort_id", "text", (c) => c.notNull().references("cohorts.id").onDelete("cascade"))
    .addColumn("start_date", "text", (c) => c.notNull()) // YYYY-MM-DD
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("program_assignments_program_cohort_uq", ["program_id", "cohort_id"])
    .execute();
  await db.schema.createIndex("program_assignments_cohort_idx").on("program_assignments").column("cohort_id").execute();

  // Which program module an attempt was started for (free practice has no row).
  await db.schema
    .createTable("program_attempts")
    .addColumn("attempt_id", "text", (c) => c.primaryKey().references("attempts.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("program_id", "text", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    .addColumn("module_key", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("program_attempts_user_program_idx").on("program_attempts").columns(["user_id", "program_id", "module_key"]).execute();

  await db.schema
    .createTable("module_completions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("program_id", "text", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    .addColumn("module_key", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("module_title", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull()) // awaiting-sign-off | complete | returned
    .addColumn("passed_at", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull()) // JSON: mean, per-category hit rates, drafts
    .addColumn("signed_off_by", "text", (c) => c.references("users.id"))
    .addColumn("signed_off_at", "text")
    .addColumn("returned_at", "text")
    .addColumn("note", "text")
    .addUniqueConstraint("module_completions_uq", ["user_id", "program_id", "module_key"])
    .execute();
  await db.schema.createIndex("module_completions_status_idx").on("module_completions").columns(["status", "passed_at"]).execute();

  await db.schema
    .createTable("certificates")
    .addColumn("id", "text", (c) => c.primaryKey()) // 128 random bits, hex: the verification URL
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("program_id", "text", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    .addColumn("issued_at", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull()) // JSON snapshot shown on the certificate
    .addUniqueConstraint("certificates_user_program_uq", ["user_id", "program_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["certificates", "module_completions", "program_attempts", "program_assignments", "program_versions", "programs"]) {
    await db.schema.dropTable(t).execute();
  }
}
