import crypto from "node:crypto";
import type { Database } from "~/db/db.server";
import type { Selectable } from "kysely";
import type { AttemptsTable as AttemptsRow, FindingsTable } from "~/db/schema";

type AttemptsTable = Selectable<AttemptsRow>;
import { nextHint, type TakenHint } from "~/domain/practice/hints";
import type { FindingInput } from "~/domain/practice/finding-input";
import type { ScoreBreakdown } from "~/domain/scoring";
import { matcherLexicon } from "./matcher-overlay.server";
import { scheduleModelGrading } from "./model-grading.server";
import { scoreDraftAttempt } from "./scoring.server";
import type { Finding } from "~/domain/types";
import { recordSubmission } from "./aggregates.server";
import { chooseDraft, type DrawConstraints, type StartOptions } from "./draft-choice.server";
import { getDraft, type StoredDraft } from "./draft.server";
import { onAttemptScored } from "./program-progress.server";
import { NotFoundError } from "~/domain/errors";

export class AttemptNotFound extends NotFoundError {
  constructor() {
    super("This attempt does not exist or is not yours.");
  }
}
export class AttemptClosed extends Error {
  constructor() {
    super("This attempt is already submitted and can no longer be changed.");
  }
}

/** Opens a new attempt on the draft chosen for the trainee (see chooseDraft). */
export async function startAttempt(db: Database, userId: string, options: StartOptions, random: () => number = Math.random, constraints: DrawConstraints = {}, at?: Date): Promise<string> {
  const { draftId, domain } = await chooseDraft(db, userId, options, random, constraints);
  const id = crypto.randomUUID();
  const now = (at ?? new Date()).toISOString();
  // Hints taken on a discarded review of this draft stay taken and cost the same (decision 113).
  const carried = await db.selectFrom("discarded_hints").select("hints_taken").where("user_id", "=", userId).where("draft_id", "=", draftId).executeTakeFirst();
  await db
    .insertInto("attempts")
    .values({
      id,
      user_id: userId,
      draft_id: draftId,
      status: "open",
      started_at: now,
      first_flag_at: null,
      submitted_at: null,
      hints_taken: carried?.hints_taken ?? "[]",
      auto_total: null,
      auto_score: null,
      final_total: null,
      final_score: null,
      domain,
      updated_at: now,
    })
    .execute();
  return id;
}

export interface AttemptSummary {
  id: string;
  domain: string;
  title: string;
  difficulty: number;
  status: "open" | "submitted";
  startedAt: string;
  submittedAt: string | null;
  total: number | null;
  findingCount: number;
  /** Mentor feedback published and not yet read by the trainee. */
  newFeedback: boolean;
}

export async function listAttemptsForTrainee(db: Database, userId: string, limit = 50): Promise<AttemptSummary[]> {
  const rows = await db
    .selectFrom("attempts")
    .innerJoin("drafts", "drafts.id", "attempts.draft_id")
    .select((eb) => [
      "attempts.id",
      "attempts.domain",
      "drafts.title",
      "drafts.difficulty",
      "attempts.status",
      "attempts.started_at",
      "attempts.submitted_at",
      "attempts.final_total",
      "attempts.published_at",
      "attempts.feedback_seen_at",
      eb.selectFrom("findings").select((e) => e.fn.countAll<number>().as("n")).whereRef("findings.attempt_id", "=", "attempts.id").as("finding_count"),
    ])
    .where("attempts.user_id", "=", userId)
    .orderBy("attempts.started_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    domain: r.domain,
    title: r.title,
    difficulty: r.difficulty,
    status: r.status,
    startedAt: r.started_at,
    submittedAt: r.submitted_at,
    total: r.final_total,
    findingCount: Number(r.finding_count ?? 0),
    newFeedback: r.published_at !== null && r.feedback_seen_at === null,
  }));
}

export interface TraineeAttempt {
  attempt: AttemptsTable;
  draft: StoredDraft;
  findings: FindingsTable[];
  hints: TakenHint[];
}

/** What the exercise page reads of a draft: no clean text, no answer key. */
export type DraftForReading = Pick<StoredDraft, "id" | "domain" | "title" | "format" | "language" | "difficulty" | "brief" | "flawedText" | "generator">;

export interface ExerciseAttempt {
  attempt: AttemptsTable;
  draft: DraftForReading;
  findings: FindingsTable[];
  hints: TakenHint[];
  /** When the trainee last started an earlier attempt on the same clean or flawed text, if ever. */
  reviewedBefore: string | null;
}

/**
 * The trainee's own open-or-submitted attempt with only the readable part of its draft: the
 * answer key is not even loaded on the page that must not show it.
 */
export async function getExerciseForTrainee(db: Database, userId: string, attemptId: string): Promise<ExerciseAttempt> {
  const attempt = await db.selectFrom("attempts").selectAll().where("id", "=", attemptId).where("user_id", "=", userId).executeTakeFirst();
  if (!attempt) throw new AttemptNotFound();
  const [draft, findings] = await Promise.all([
    db
      .selectFrom("drafts")
      .select(["id", "domain", "title", "format", "language", "difficulty", "brief", "flawed_text as flawedText", "generator", "clean_fp", "flawed_fp"])
      .where("id", "=", attempt.draft_id)
      .executeTakeFirst(),
    db.selectFrom("findings").selectAll().where("attempt_id", "=", attemptId).orderBy("line_from").orderBy("created_at").execute(),
  ]);
  if (!draft) throw new AttemptNotFound();
  const { clean_fp, flawed_fp, ...readable } = draft;
  const earlier = await db
    .selectFrom("attempts")
    .innerJoin("drafts", "drafts.id", "attempts.draft_id")
    .select("attempts.started_at")
    .where("attempts.user_id", "=", userId)
    .where("attempts.id", "!=", attemptId)
    .where("attempts.started_at", "<=", attempt.started_at)
    .where((eb) => eb.or([eb("drafts.clean_fp", "in", [clean_fp, flawed_fp]), eb("drafts.flawed_fp", "in", [clean_fp, flawed_fp])]))
    .orderBy("attempts.started_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return {
    attempt,
    draft: { ...readable, format: draft.format as DraftForReading["format"] },
    findings,
    hints: JSON.parse(attempt.hints_taken) as TakenHint[],
    reviewedBefore: earlier?.started_at ?? null,
  };
}

/** The trainee's own attempt, or AttemptNotFound (also for someone else's: never reveal it exists). */
export async function getAttemptForTrainee(db: Database, userId: string, attemptId: string): Promise<TraineeAttempt> {
  const attempt = await db.selectFrom("attempts").selectAll().where("id", "=", attemptId).where("user_id", "=", userId).executeTakeFirst();
  if (!attempt) throw new AttemptNotFound();
  const [draft, findings] = await Promise.all([
    getDraft(db, attempt.draft_id),
    db.selectFrom("findings").selectAll().where("attempt_id", "=", attemptId).orderBy("line_from").orderBy("created_at").execute(),
  ]);
  if (!draft) throw new AttemptNotFound();
  return { attempt, draft, findings, hints: JSON.parse(attempt.hints_taken) as TakenHint[] };
}

/**
 * Every change to an attempt starts by claiming its row with a conditional update (`status =
 * 'open'`): on PostgreSQL the update takes the row lock, so a change and a submit run one after
 * the other, and one that waited for a submit re-reads the status and is refused. On SQLite the
 * same statement makes the transaction a writer at once. A plain read of the status first would
 * let a change commit onto an attempt whose score was already computed.
 */
async function lockOpenAttempt(db: Database, userId: string, attemptId: string, now: string): Promise<AttemptsTable> {
  const res = await db
    .updateTable("attempts")
    .set({ updated_at: now })
    .where("id", "=", attemptId)
    .where("user_id", "=", userId)
    .where("status", "=", "open")
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) {
    const exists = await db.selectFrom("attempts").select("id").where("id", "=", attemptId).where("user_id", "=", userId).executeTakeFirst();
    throw exists ? new AttemptClosed() : new AttemptNotFound();
  }
  return db.selectFrom("attempts").selectAll().where("id", "=", attemptId).executeTakeFirstOrThrow();
}

export async function addFinding(db: Database, userId: string, attemptId: string, input: FindingInput, at?: Date): Promise<string> {
  return db.transaction().execute(async (trx) => {
    // The time is read inside the transaction (when not given), so a change that waited behind a
    // submit is never stamped before it.
    const now = (at ?? new Date()).toISOString();
    const attempt = await lockOpenAttempt(trx, userId, attemptId, now);
    const id = crypto.randomUUID();
    await trx
      .insertInto("findings")
      .values({
        id,
        attempt_id: attemptId,
        line_from: input.lineFrom,
        line_to: input.lineTo,
        quote: input.quote || null,
        category: input.category,
        explanation: input.explanation,
        confidence: input.confidence / 100,
        suggested_fix: input.suggestedFix || null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    if (!attempt.first_flag_at) await trx.updateTable("attempts").set({ first_flag_at: now }).where("id", "=", attemptId).execute();
    return id;
  });
}

export async function updateFinding(db: Database, userId: string, attemptId: string, findingId: string, input: FindingInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    await lockOpenAttempt(trx, userId, attemptId, now);
    const res = await trx
      .updateTable("findings")
      .set({
        line_from: input.lineFrom,
        line_to: input.lineTo,
        category: input.category,
        explanation: input.explanation,
        confidence: input.confidence / 100,
        suggested_fix: input.suggestedFix || null,
        ...(input.quote ? { quote: input.quote } : {}),
        updated_at: now,
      })
      .where("id", "=", findingId)
      .where("attempt_id", "=", attemptId)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AttemptNotFound();
  });
}

/** Deletes one finding and gives back what it said (for "Undo"), or null when it was already gone. */
export async function deleteFinding(db: Database, userId: string, attemptId: string, findingId: string): Promise<FindingInput | null> {
  return db.transaction().execute(async (trx) => {
    await lockOpenAttempt(trx, userId, attemptId, new Date().toISOString());
    const f = await trx.selectFrom("findings").selectAll().where("id", "=", findingId).where("attempt_id", "=", attemptId).executeTakeFirst();
    if (!f) return null;
    await trx.deleteFrom("findings").where("id", "=", findingId).where("attempt_id", "=", attemptId).execute();
    return {
      lineFrom: f.line_from,
      lineTo: f.line_to,
      category: f.category,
      explanation: f.explanation,
      confidence: Math.round(f.confidence * 100),
      suggestedFix: f.suggested_fix ?? "",
      quote: f.quote ?? "",
    };
  });
}

/** Gives the next hint and records it (its cost shows in the score). null when none is left. */
export async function takeHint(db: Database, userId: string, attemptId: string): Promise<TakenHint | null> {
  return db.transaction().execute(async (trx) => {
    const attempt = await lockOpenAttempt(trx, userId, attemptId, new Date().toISOString());
    const draft = await getDraft(trx, attempt.draft_id);
    const findings = await trx.selectFrom("findings").select(["line_from", "line_to"]).where("attempt_id", "=", attemptId).execute();
    const taken = JSON.parse(attempt.hints_taken) as TakenHint[];
    const next = nextHint(draft!.answerKey, findings.map((f) => ({ from: f.line_from, to: f.line_to })), taken);
    if (!next) return null;
    const hint: TakenHint = { ...next, at: new Date().toISOString() };
    const res = await trx
      .updateTable("attempts")
      .set({ hints_taken: JSON.stringify([...taken, hint]), updated_at: hint.at })
      .where("id", "=", attemptId)
      .where("hints_taken", "=", attempt.hints_taken) // another tab took one meanwhile: do not double-charge
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1 ? hint : null;
  });
}

export function toFindings(rows: FindingsTable[]): Finding[] {
  return rows.map((f) => ({
    id: f.id,
    lines: { from: f.line_from, to: f.line_to },
    category: f.category,
    explanation: f.explanation,
    confidence: f.confidence,
    ...(f.suggested_fix ? { suggestedFix: f.suggested_fix } : {}),
  }));
}

/**
 * Scores and closes the attempt in one transaction. Idempotent: a second submit (another tab,
 * a double click) finds it closed and changes nothing.
 */
export async function submitAttempt(db: Database, userId: string, attemptId: string, at?: Date): Promise<{ submittedNow: boolean }> {
  const result = await submitInTransaction(db, userId, attemptId, at);
  // After commit: mastery and program progress follow the new score; the organisation's model,
  // when it grades explanations, grades them in the background (the submit does not wait).
  if (result.submittedNow) {
    await onAttemptScored(db, attemptId, at);
    await scheduleModelGrading(db, attemptId);
  }
  return result;
}

async function submitInTransaction(db: Database, userId: string, attemptId: string, at: Date | undefined): Promise<{ submittedNow: boolean }> {
  return db.transaction().execute(async (trx) => {
    // Claim the row first: changes that committed before are in the findings read below; changes
    // that wait behind this lock find the attempt submitted and are refused.
    let attempt: AttemptsTable;
    try {
      attempt = await lockOpenAttempt(trx, userId, attemptId, (at ?? new Date()).toISOString());
    } catch (e) {
      if (e instanceof AttemptClosed) return { submittedNow: false };
      throw e;
    }
    const draft = await getDraft(trx, attempt.draft_id);
    // Findings in the order review and rescoring read them, so all three score alike.
    const findings = await trx.selectFrom("findings").selectAll().where("attempt_id", "=", attemptId).orderBy("line_from").orderBy("created_at").execute();
    const score: ScoreBreakdown = scoreDraftAttempt(draft!, {
      findings: toFindings(findings),
      hintsTaken: (JSON.parse(attempt.hints_taken) as TakenHint[]).map((h) => h.key),
    }, await matcherLexicon(trx, draft!.domain, attempt.user_id));
    const now = (at ?? new Date()).toISOString();
    const res = await trx
      .updateTable("attempts")
      .set({
        status: "submitted",
        submitted_at: now,
        updated_at: now,
        auto_total: score.total,
        auto_score: JSON.stringify(score),
        final_total: score.total,
        final_score: JSON.stringify(score),
      })
      .where("id", "=", attemptId)
      .where("status", "=", "open")
      .executeTakeFirst();
    const submittedNow = Number(res.numUpdatedRows) === 1;
    if (submittedNow) {
      await recordSubmission(trx, attempt, score, now);
      await trx.updateTable("users").set({ last_active_at: now }).where("id", "=", userId).execute();
    }
    return { submittedNow };
  });
}
