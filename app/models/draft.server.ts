import crypto from "node:crypto";
import type { Database } from "~/db/db.server";
import type { DraftsTable } from "~/db/schema";
import { contentHash } from "~/domain/content/hash";
import { DraftVerificationError } from "~/domain/generation/batch";
import type { AnswerKeyEntry, Draft, DocFormat } from "~/domain/types";
import { verifyDraft } from "~/domain/verification/verify";

export interface StoredDraft extends Draft {
  id: string;
  createdAt: string;
}

/** A document's identity for "has this trainee read it": its text, not the source or seed. */
export function textFingerprint(text: string): string {
  return crypto.createHash("sha256").update(text, "utf8").digest("hex");
}

/** Same generator, source, seed, difficulty and content ⇒ same draft: stored once. */
export function draftFingerprint(d: Draft): string {
  return contentHash([d.generator, d.domain, d.sourceId, String(d.difficulty), String(d.seed), d.contentHash, d.flawedText]);
}

/**
 * Stores drafts after verifying each one again: an unverified answer key is never stored.
 * Returns the ids (existing ids for drafts already in the pool).
 */
export async function insertDrafts(db: Database, drafts: Draft[]): Promise<string[]> {
  const rows: DraftsTable[] = drafts.map((d) => {
    const verdict = verifyDraft(d);
    if (!verdict.ok) throw new DraftVerificationError(d, verdict.problems);
    return {
      id: crypto.randomUUID(),
      domain: d.domain,
      source_id: d.sourceId,
      title: d.title,
      format: d.format,
      language: d.language,
      difficulty: d.difficulty,
      brief: d.brief,
      clean_text: d.cleanText,
      flawed_text: d.flawedText,
      answer_key: JSON.stringify(d.answerKey),
      flaw_count: d.answerKey.length,
      generator: d.generator,
      seed: d.seed,
      key_version: d.keyVersion,
      content_hash: d.contentHash,
      fingerprint: draftFingerprint(d),
      clean_fp: textFingerprint(d.cleanText),
      flawed_fp: textFingerprint(d.flawedText),
      created_at: new Date().toISOString(),
    };
  });
  if (!rows.length) return [];
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 200) {
      await trx.insertInto("drafts").values(rows.slice(i, i + 200)).onConflict((oc) => oc.column("fingerprint").doNothing()).execute();
    }
  });
  const found = await db.selectFrom("drafts").select(["id", "fingerprint"]).where("fingerprint", "in", rows.map((r) => r.fingerprint)).execute();
  const byFp = new Map(found.map((r) => [r.fingerprint, r.id]));
  return rows.map((r) => byFp.get(r.fingerprint)!);
}

export function rowToDraft(row: DraftsTable): StoredDraft {
  return {
    id: row.id,
    domain: row.domain,
    sourceId: row.source_id,
    title: row.title,
    format: row.format as DocFormat,
    language: row.language,
    difficulty: row.difficulty,
    brief: row.brief,
    cleanText: row.clean_text,
    flawedText: row.flawed_text,
    answerKey: JSON.parse(row.answer_key) as AnswerKeyEntry[],
    generator: row.generator,
    seed: Number(row.seed),
    keyVersion: row.key_version,
    contentHash: row.content_hash,
    createdAt: row.created_at,
  };
}

/** Server-side only: the full draft including its answer key. */
export async function getDraft(db: Database, id: string): Promise<StoredDraft | null> {
  const row = await db.selectFrom("drafts").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? rowToDraft(row) : null;
}

export async function draftPoolCounts(db: Database) {
  const rows = await db
    .selectFrom("drafts")
    .select(["domain", "generator", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy(["domain", "generator"])
    .execute();
  return rows.map((r) => ({ domain: r.domain, generator: r.generator, count: Number(r.n) }));
}
