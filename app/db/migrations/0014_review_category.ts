import type { Kysely } from "kysely";

// A mentor judges a finding's category apart from the verdict: 1 right, 0 wrong, null when the
// mentor left it to the verdict ("correct" counts it right; "partly" compares with the key).
// Existing rows stay null, so every published score stays as the trainee saw it.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("finding_reviews").addColumn("category_right", "integer").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("finding_reviews").dropColumn("category_right").execute();
}
