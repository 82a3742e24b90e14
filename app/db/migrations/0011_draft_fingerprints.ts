import crypto from "node:crypto";
import type { Kysely } from "kysely";

// No repeats for a trainee: every draft carries a fingerprint of its clean text and of its flawed
// text (SHA-256, hex), so a draw can skip any document the trainee has already reviewed, whatever
// source or seed produced it. Existing drafts are backfilled here. Frozen in time: the hash is
// written out here rather than imported, and must stay equal to textFingerprint in
// app/models/draft.server.ts.

const fingerprint = (text: string) => crypto.createHash("sha256").update(text, "utf8").digest("hex");

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("drafts").addColumn("clean_fp", "text", (c) => c.notNull().defaultTo("")).execute();
  await db.schema.alterTable("drafts").addColumn("flawed_fp", "text", (c) => c.notNull().defaultTo("")).execute();
  for (;;) {
    const rows = await db.selectFrom("drafts").select(["id", "clean_text", "flawed_text"]).where("clean_fp", "=", "").limit(500).execute();
    if (!rows.length) break;
    for (const r of rows) {
      await db
        .updateTable("drafts")
        .set({ clean_fp: fingerprint(r.clean_text as string), flawed_fp: fingerprint(r.flawed_text as string) })
        .where("id", "=", r.id)
        .execute();
    }
  }
  await db.schema.createIndex("drafts_clean_fp").on("drafts").columns(["clean_fp"]).execute();
  await db.schema.createIndex("drafts_flawed_fp").on("drafts").columns(["flawed_fp"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("drafts_flawed_fp").execute();
  await db.schema.dropIndex("drafts_clean_fp").execute();
  await db.schema.alterTable("drafts").dropColumn("flawed_fp").execute();
  await db.schema.alterTable("drafts").dropColumn("clean_fp").execute();
}
