import type { Kysely } from "kysely";

// A mentor judges a finding's category apart from the verdict: 1 right, 0 wrong, null when the
// mentor left it to the verdict ("correct" counts it right; "partly" compares with the key).
// Existing rows stay null, so every published score stays as the trainee saw it.
// Cohorts get optional start and end dates (ISO dates, YYYY-MM-DD).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("finding_reviews").addColumn("category_right", "integer").execute();
  await db.schema.alterTable("cohorts").addColumn("starts_on", "text").execute();
  await db.schema.alterTable("cohorts").addColumn("ends_on", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("cohorts").dropColumn("ends_on").execute();
  await db.schema.alterTable("cohorts").dropColumn("starts_on").execute();
  await db.schema.alterTable("finding_reviews").dropColumn("category_right").execute();
}
