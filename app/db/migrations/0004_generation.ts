import type { Kysely } from "kysely";

// AI generation runs and model calls (filled in by the AI-generation work).
export async function up(_db: Kysely<any>): Promise<void> {}
export async function down(_db: Kysely<any>): Promise<void> {}
