import type { Database } from "~/db/db.server";
import { ConflictError } from "~/domain/errors";
import { mergeTakenHints, type TakenHint } from "~/domain/practice/hints";
import { AttemptNotFound } from "./attempt.server";

export class SubmittedNotDiscardable extends ConflictError {
  constructor() {
    super("This review is already submitted: a submitted review cannot be discarded.");
  }
}

/** What the confirm step tells the trainee before an unfinished review is discarded. */
export interface DiscardNotice {
  findingCount: number;
  hintCount: number;
  /** The program this review is an exercise of, if any (its module does not count it). */
  programName: string | null;
}

async function ownAttempt(db: Database, userId: string, attemptId: string) {
  const attempt = await db.selectFrom("attempts").select(["id", "status", "hints_taken"]).where("id", "=", attemptId).where("user_id", "=", userId).executeTakeFirst();
  if (!attempt) throw new AttemptNotFound();
  if (attempt.status !== "open") throw new SubmittedNotDiscardable();
  return attempt;
}

/** The confirm screen's facts; AttemptNotFound for someone else's attempt, SubmittedNotDiscardable once submitted. */
export async function discardNotice(db: Database, userId: string, attemptId: string): Promise<DiscardNotice> {
  const attempt = await ownAttempt(db, userId, attemptId);
  const [count, program] = await Promise.all([
    db.selectFrom("findings").select((eb) => eb.fn.countAll<number>().as("n")).where("attempt_id", "=", attemptId).executeTakeFirstOrThrow(),
    db
      .selectFrom("program_attempts")
      .innerJoin("programs", "programs.id", "program_attempts.program_id")
      .select("programs.name")
      .where("program_attempts.attempt_id", "=", attemptId)
      .executeTakeFirst(),
  ]);
  return { findingCount: Number(count.n), hintCount: (JSON.parse(attempt.hints_taken) as unknown[]).length, programName: program?.name ?? null };
}

/**
 * Removes an unfinished review: the attempt, its findings and its place in a program module.
 * The hints taken on it are kept for this trainee × draft (discarded_hints): a later review of the
 * same draft starts with them already taken, so discarding never buys back a hint's cost.
 * Only an open attempt of this trainee: a submit that commits first wins and the discard is
 * refused (SubmittedNotDiscardable); a submitted attempt is never touched.
 */
export async function discardAttempt(db: Database, userId: string, attemptId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Claim the row first (as every change to an attempt does): a submit waiting behind this
    // finds the attempt gone; a discard waiting behind a submit finds it closed and is refused.
    const claimed = await trx.updateTable("attempts").set({ updated_at: new Date().toISOString() }).where("id", "=", attemptId).where("user_id", "=", userId).where("status", "=", "open").executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) {
      await ownAttempt(trx, userId, attemptId); // throws the reason
      throw new AttemptNotFound();
    }
    const attempt = await trx.selectFrom("attempts").select(["draft_id", "hints_taken"]).where("id", "=", attemptId).executeTakeFirstOrThrow();
    const hints = JSON.parse(attempt.hints_taken) as TakenHint[];
    if (hints.length) await keepHints(trx, userId, attempt.draft_id, hints);
    await trx.deleteFrom("findings").where("attempt_id", "=", attemptId).execute();
    await trx.deleteFrom("program_attempts").where("attempt_id", "=", attemptId).execute();
    await trx.deleteFrom("attempts").where("id", "=", attemptId).execute();
  });
}

/** Adds a discarded review's hints to what this trainee has taken on the draft (one row per pair). */
async function keepHints(trx: Database, userId: string, draftId: string, hints: TakenHint[]): Promise<void> {
  const now = new Date().toISOString();
  const before = await trx.selectFrom("discarded_hints").select("hints_taken").where("user_id", "=", userId).where("draft_id", "=", draftId).executeTakeFirst();
  const hints_taken = JSON.stringify(mergeTakenHints(before ? (JSON.parse(before.hints_taken) as TakenHint[]) : [], hints));
  if (before) await trx.updateTable("discarded_hints").set({ hints_taken, updated_at: now }).where("user_id", "=", userId).where("draft_id", "=", draftId).execute();
  else await trx.insertInto("discarded_hints").values({ user_id: userId, draft_id: draftId, hints_taken, updated_at: now }).execute();
}
