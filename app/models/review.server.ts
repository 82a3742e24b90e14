// Mentor review of a submitted attempt: per-finding verdicts, rubric grades, comments, unseeded
// finds and overall feedback; drafts save as the mentor works, publish rescores the attempt.
// Every change is recorded in the audit trail.
import crypto from "node:crypto";
import type { Selectable } from "kysely";
import type { Database } from "~/db/db.server";
import type { FindingReviewsTable } from "~/db/schema-reviews";
import { scoreAttempt, type MentorOverride, type ScoreBreakdown } from "~/domain/scoring";
import { applyRescore } from "./aggregates.server";
import { toFindings } from "./attempt.server";
import { getDraft, type StoredDraft } from "./draft.server";
import { visibleTraineeIds } from "./scope.server";
import { notify } from "./notification.server";
import { onAttemptScored } from "./program-progress.server";
import type { UserDTO } from "./user.server";

export class ReviewNotFound extends Error {
  constructor() {
    super("No such submitted attempt among your trainees.");
  }
}

export type Viewer = Pick<UserDTO, "id" | "role" | "orgId" | "name">;

export interface FindingReviewInput {
  findingId: string;
  verdict: "correct" | "partly" | "wrong" | null;
  grade: 0 | 1 | 2 | 3 | null;
  comment: string;
  unseeded: boolean;
}

export interface ReviewInput {
  feedback: string;
  findings: FindingReviewInput[];
}

export async function loadSubmittedAttempt(db: Database, viewer: Viewer, attemptId: string) {
  const attempt = await db
    .selectFrom("attempts")
    .innerJoin("users", "users.id", "attempts.user_id")
    .selectAll("attempts")
    .select(["users.name as trainee_name", "users.email as trainee_email"])
    .where("attempts.id", "=", attemptId)
    .where("attempts.status", "=", "submitted")
    .where("attempts.user_id", "in", visibleTraineeIds(db, viewer))
    .executeTakeFirst();
  if (!attempt) throw new ReviewNotFound();
  const [draft, findings] = await Promise.all([
    getDraft(db, attempt.draft_id),
    db.selectFrom("findings").selectAll().where("attempt_id", "=", attemptId).orderBy("line_from").orderBy("created_at").execute(),
  ]);
  return { attempt, draft: draft as StoredDraft, findings };
}

/** Overrides for the scoring engine from a review's per-finding rows. */
export function overridesFrom(rows: Pick<Selectable<FindingReviewsTable>, "finding_id" | "verdict" | "grade" | "unseeded">[], autoHits: Set<string>): Record<string, MentorOverride> {
  const out: Record<string, MentorOverride> = {};
  for (const r of rows) {
    const verdict = r.verdict ?? (r.grade !== null || r.unseeded ? (autoHits.has(r.finding_id) || r.unseeded ? "correct" : null) : null);
    if (!verdict) continue;
    out[r.finding_id] = {
      verdict,
      ...(r.grade !== null ? { explanationGrade: r.grade as 0 | 1 | 2 | 3 } : {}),
      ...(r.unseeded ? { unseeded: true } : {}),
    };
  }
  return out;
}

export function rescore(draft: StoredDraft, findings: Parameters<typeof toFindings>[0], hintsTaken: string, overrides: Record<string, MentorOverride>): ScoreBreakdown {
  return scoreAttempt({
    flawedText: draft.flawedText,
    answerKey: draft.answerKey,
    findings: toFindings(findings),
    hintsTaken: (JSON.parse(hintsTaken) as { key: string }[]).map((h) => h.key),
    overrides,
  });
}

async function myReview(db: Database, attemptId: string, mentorId: string) {
  return db.selectFrom("reviews").selectAll().where("attempt_id", "=", attemptId).where("mentor_id", "=", mentorId).executeTakeFirst();
}

/** Saves the mentor's review draft (creating it), auditing every changed field. */
export async function saveReviewDraft(db: Database, viewer: Viewer, attemptId: string, input: ReviewInput, basedOnVersion?: number): Promise<string> {
  const { findings } = await loadSubmittedAttempt(db, viewer, attemptId);
  const valid = new Set(findings.map((f) => f.id));
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    let review = await myReview(trx, attemptId, viewer.id);
    if (!review) {
      const attempt = await trx.selectFrom("attempts").select("review_version").where("id", "=", attemptId).executeTakeFirstOrThrow();
      review = {
        id: crypto.randomUUID(),
        attempt_id: attemptId,
        mentor_id: viewer.id,
        status: "draft",
        feedback: "",
        based_on_version: basedOnVersion ?? attempt.review_version,
        created_at: now,
        updated_at: now,
        published_at: null,
      };
      await trx.insertInto("reviews").values(review).execute();
    }
    const audit = (action: string, findingId: string | null, before: unknown, after: unknown) =>
      trx
        .insertInto("audit_events")
        .values({ id: crypto.randomUUID(), attempt_id: attemptId, actor_id: viewer.id, action, finding_id: findingId, before: JSON.stringify(before), after: JSON.stringify(after), at: now })
        .execute();
    if (input.feedback !== review.feedback) await audit("feedback", null, review.feedback, input.feedback);
    await trx
      .updateTable("reviews")
      .set({ feedback: input.feedback, updated_at: now, ...(basedOnVersion !== undefined ? { based_on_version: basedOnVersion } : {}) })
      .where("id", "=", review.id)
      .execute();
    const existing = new Map((await trx.selectFrom("finding_reviews").selectAll().where("review_id", "=", review.id).execute()).map((r) => [r.finding_id, r]));
    for (const f of input.findings) {
      if (!valid.has(f.findingId)) continue;
      const prev = existing.get(f.findingId);
      const next = { verdict: f.verdict, grade: f.grade, comment: f.comment, unseeded: f.unseeded ? 1 : 0 };
      const before = prev ? { verdict: prev.verdict, grade: prev.grade, comment: prev.comment, unseeded: prev.unseeded } : { verdict: null, grade: null, comment: "", unseeded: 0 };
      if (JSON.stringify(before) === JSON.stringify(next)) continue;
      if (before.verdict !== next.verdict || before.unseeded !== next.unseeded) await audit("override", f.findingId, { verdict: before.verdict, unseeded: !!before.unseeded }, { verdict: next.verdict, unseeded: !!next.unseeded });
      if (before.grade !== next.grade) await audit("grade", f.findingId, before.grade, next.grade);
      if (before.comment !== next.comment) await audit("comment", f.findingId, before.comment, next.comment);
      await trx
        .insertInto("finding_reviews")
        .values({ review_id: review.id, finding_id: f.findingId, ...next, updated_at: now })
        .onConflict((oc) => oc.columns(["review_id", "finding_id"]).doUpdateSet({ ...next, updated_at: now }))
        .execute();
    }
    return review.id;
  });
}

export type PublishResult =
  | { ok: true; total: number; autoTotal: number }
  | { ok: false; conflict: { by: string; at: string; total: number } };

/**
 * Publishes the mentor's review: rescored from their verdicts, the attempt's final score and
 * feedback change for the trainee. If another mentor published after this mentor's review was
 * based (a concurrent publish), nothing is overwritten: the caller gets the conflict, and the
 * mentor's own draft stays saved.
 */
export async function publishReview(db: Database, viewer: Viewer, attemptId: string, input: ReviewInput, expectedVersion: number): Promise<PublishResult> {
  await saveReviewDraft(db, viewer, attemptId, input);
  const { draft, findings } = await loadSubmittedAttempt(db, viewer, attemptId);
  const result = await publishInTransaction(db, viewer, attemptId, draft, findings, expectedVersion);
  if (result.ok) {
    // After commit: the mentor's verdicts replace the auto score's evidence in mastery and progress.
    await onAttemptScored(db, attemptId);
    const a = await db.selectFrom("attempts").innerJoin("drafts", "drafts.id", "attempts.draft_id").select(["attempts.user_id", "drafts.title", "attempts.review_version"]).where("attempts.id", "=", attemptId).executeTakeFirstOrThrow();
    await notify(db, a.user_id, { kind: "feedback", title: `New mentor feedback: ${a.title}`, link: `/practice/results/${attemptId}`, dedupeKey: `feedback:${attemptId}:${a.review_version}` });
  }
  return result;
}

async function publishInTransaction(db: Database, viewer: Viewer, attemptId: string, draft: Awaited<ReturnType<typeof loadSubmittedAttempt>>["draft"], findings: Awaited<ReturnType<typeof loadSubmittedAttempt>>["findings"], expectedVersion: number): Promise<PublishResult> {
  return db.transaction().execute(async (trx) => {
    const attempt = await trx.selectFrom("attempts").selectAll().where("id", "=", attemptId).executeTakeFirstOrThrow();
    if (attempt.review_version !== expectedVersion) return { ok: false, conflict: await conflictInfo(trx, attemptId) } as const;
    const review = (await myReview(trx, attemptId, viewer.id))!;
    const rows = await trx.selectFrom("finding_reviews").selectAll().where("review_id", "=", review.id).execute();
    const autoHits = new Set(findings.filter((f) => f.auto_verdict === "hit").map((f) => f.id));
    const before = JSON.parse(attempt.final_score!) as ScoreBreakdown;
    const after = rescore(draft, findings, attempt.hints_taken, overridesFrom(rows, autoHits));
    const now = new Date().toISOString();
    const res = await trx
      .updateTable("attempts")
      .set({
        final_total: after.total,
        final_score: JSON.stringify(after),
        published_review_id: review.id,
        published_at: now,
        review_version: expectedVersion + 1,
        feedback_seen_at: null,
        updated_at: now,
      })
      .where("id", "=", attemptId)
      .where("review_version", "=", expectedVersion)
      .executeTakeFirst();
    // Another publish committed between our read and this write (PostgreSQL re-checks the row).
    if (Number(res.numUpdatedRows) !== 1) return { ok: false, conflict: await conflictInfo(trx, attemptId) } as const;
    await trx.updateTable("reviews").set({ status: "published", published_at: now, updated_at: now, based_on_version: expectedVersion + 1 }).where("id", "=", review.id).execute();
    await applyRescore(trx, { id: attempt.id, user_id: attempt.user_id, draft_id: attempt.draft_id, domain: attempt.domain }, before, after);
    await trx
      .insertInto("audit_events")
      .values({ id: crypto.randomUUID(), attempt_id: attemptId, actor_id: viewer.id, action: "publish", finding_id: null, before: JSON.stringify({ total: before.total }), after: JSON.stringify({ total: after.total }), at: now })
      .execute();
    return { ok: true, total: after.total, autoTotal: attempt.auto_total ?? after.total } as const;
  });
}

/** Who published the attempt's current review, for the conflict message. */
async function conflictInfo(db: Database, attemptId: string) {
  const row = await db
    .selectFrom("attempts")
    .leftJoin("reviews", "reviews.id", "attempts.published_review_id")
    .leftJoin("users", "users.id", "reviews.mentor_id")
    .select(["users.name", "attempts.published_at", "attempts.final_total"])
    .where("attempts.id", "=", attemptId)
    .executeTakeFirstOrThrow();
  return { by: row.name ?? "another mentor", at: row.published_at ?? "", total: row.final_total ?? 0 };
}

export async function auditTrail(db: Database, attemptId: string) {
  return db
    .selectFrom("audit_events")
    .innerJoin("users", "users.id", "audit_events.actor_id")
    .select(["audit_events.id", "audit_events.action", "audit_events.finding_id", "audit_events.before", "audit_events.after", "audit_events.at", "users.name as actor"])
    .where("audit_events.attempt_id", "=", attemptId)
    .orderBy("audit_events.at", "desc")
    .limit(200)
    .execute();
}

export async function reviewsOfAttempt(db: Database, attemptId: string) {
  const reviews = await db
    .selectFrom("reviews")
    .innerJoin("users", "users.id", "reviews.mentor_id")
    .select(["reviews.id", "reviews.mentor_id", "reviews.status", "reviews.feedback", "reviews.based_on_version", "reviews.updated_at", "reviews.published_at", "users.name as mentor_name"])
    .where("reviews.attempt_id", "=", attemptId)
    .execute();
  const rows = reviews.length ? await db.selectFrom("finding_reviews").selectAll().where("review_id", "in", reviews.map((r) => r.id)).execute() : [];
  return reviews.map((r) => ({ ...r, findings: rows.filter((x) => x.review_id === r.id) }));
}

/** The mentor's saved review as publishable input (used to publish over a conflict). */
export async function savedReviewInput(db: Database, viewer: Viewer, attemptId: string): Promise<ReviewInput | null> {
  const review = await myReview(db, attemptId, viewer.id);
  if (!review) return null;
  const rows = await db.selectFrom("finding_reviews").selectAll().where("review_id", "=", review.id).execute();
  return {
    feedback: review.feedback,
    findings: rows.map((r) => ({ findingId: r.finding_id, verdict: r.verdict, grade: r.grade as 0 | 1 | 2 | 3 | null, comment: r.comment, unseeded: !!r.unseeded })),
  };
}

/** The published review of a trainee's own attempt, as the trainee may see it. */
export async function publishedFeedback(db: Database, attempt: { id: string; published_review_id: string | null }) {
  if (!attempt.published_review_id) return null;
  const review = await db
    .selectFrom("reviews")
    .innerJoin("users", "users.id", "reviews.mentor_id")
    .select(["reviews.id", "reviews.feedback", "reviews.published_at", "users.name as mentor"])
    .where("reviews.id", "=", attempt.published_review_id)
    .where("reviews.attempt_id", "=", attempt.id)
    .executeTakeFirst();
  if (!review) return null;
  const rows = await db.selectFrom("finding_reviews").select(["finding_id", "verdict", "grade", "comment", "unseeded"]).where("review_id", "=", review.id).execute();
  return {
    mentor: review.mentor,
    feedback: review.feedback,
    publishedAt: review.published_at,
    findings: Object.fromEntries(rows.map((r) => [r.finding_id, { verdict: r.verdict, grade: r.grade, comment: r.comment, unseeded: !!r.unseeded }])),
  };
}

export async function markFeedbackSeen(db: Database, userId: string, attemptId: string): Promise<void> {
  await db
    .updateTable("attempts")
    .set({ feedback_seen_at: new Date().toISOString() })
    .where("id", "=", attemptId)
    .where("user_id", "=", userId)
    .where("published_at", "is not", null)
    .execute();
}
