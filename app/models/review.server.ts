// Mentor review of a submitted attempt: per-finding verdicts, rubric grades, comments, unseeded
// finds and overall feedback; drafts save as the mentor works, publish rescores the attempt.
// Every change is recorded in the audit trail.
import crypto from "node:crypto";
import type { Selectable } from "kysely";
import type { Database } from "~/db/db.server";
import type { FindingReviewsTable } from "~/db/schema-reviews";
import { NotFoundError } from "~/domain/errors";
import type { MentorOverride, ScoreBreakdown } from "~/domain/scoring";
import type { Lexicon } from "~/domain/text/concepts";
import { matcherLexicon } from "./matcher-overlay.server";
import { storedModelGrading } from "./model-grading.server";
import { scoreDraftAttempt } from "./scoring.server";
import { applyRescore } from "./aggregates.server";
import { toFindings } from "./attempt.server";
import { getDraft, type StoredDraft } from "./draft.server";
import { visibleTraineeIds, type Viewer } from "./scope.server";
import { notify } from "./notification.server";
import { onAttemptScored } from "./program-progress.server";

export class ReviewNotFound extends NotFoundError {
  constructor() {
    super("This attempt does not exist or is not one of your trainees'.");
  }
}

export interface FindingReviewInput {
  findingId: string;
  verdict: "correct" | "partly" | "wrong" | null;
  grade: 0 | 1 | 2 | 3 | null;
  comment: string;
  unseeded: boolean;
  /** The mentor's category judgement; null (or absent, in revisions kept before it existed) leaves it to the verdict. */
  categoryRight?: boolean | null;
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
export function overridesFrom(rows: (Pick<Selectable<FindingReviewsTable>, "finding_id" | "verdict" | "grade" | "unseeded"> & { category_right?: number | null })[], autoHits: Set<string>): Record<string, MentorOverride> {
  const out: Record<string, MentorOverride> = {};
  for (const r of rows) {
    // A grade or a category judgement on an automatically matched finding confirms the match.
    const judged = r.grade !== null || r.unseeded || (r.category_right ?? null) !== null;
    const verdict = r.verdict ?? (judged ? (autoHits.has(r.finding_id) || r.unseeded ? "correct" : null) : null);
    if (!verdict) continue;
    out[r.finding_id] = {
      verdict,
      ...(r.grade !== null ? { explanationGrade: r.grade as 0 | 1 | 2 | 3 } : {}),
      ...(r.unseeded ? { unseeded: true } : {}),
      ...(r.category_right !== null && r.category_right !== undefined ? { categoryRight: r.category_right === 1 } : {}),
    };
  }
  return out;
}

/** `autoScore`: the stored automatic breakdown, whose model grades (if any) the mentor's score keeps. */
export function rescore(draft: StoredDraft, findings: Parameters<typeof toFindings>[0], hintsTaken: string, overrides: Record<string, MentorOverride>, lexicon: Lexicon, autoScore: string | null): ScoreBreakdown {
  return scoreDraftAttempt(draft, {
    findings: toFindings(findings),
    hintsTaken: (JSON.parse(hintsTaken) as { key: string }[]).map((h) => h.key),
    overrides,
    modelGrading: storedModelGrading(autoScore),
  }, lexicon);
}

async function myReview(db: Database, attemptId: string, mentorId: string) {
  return db.selectFrom("reviews").selectAll().where("attempt_id", "=", attemptId).where("mentor_id", "=", mentorId).executeTakeFirst();
}

type FindingReviewRow = Pick<Selectable<FindingReviewsTable>, "finding_id" | "verdict" | "grade" | "comment" | "unseeded" | "category_right">;

const categoryOf = (v: number | null): boolean | null => (v === null ? null : v === 1);
const categoryColumn = (v: boolean | null | undefined): number | null => (v === null || v === undefined ? null : v ? 1 : 0);

/** A review's per-finding rows as input: the shape the pending revision is kept in. */
function rowsToInput(feedback: string, rows: FindingReviewRow[]): ReviewInput {
  return {
    feedback,
    findings: rows.map((r) => ({ findingId: r.finding_id, verdict: r.verdict, grade: r.grade as FindingReviewInput["grade"], comment: r.comment, unseeded: !!r.unseeded, categoryRight: categoryOf(r.category_right) })),
  };
}

/** The same review content in one canonical form (empty entries dropped, sorted) for comparison. */
function canonical(input: ReviewInput): string {
  const findings = input.findings
    .filter((f) => f.verdict !== null || f.grade !== null || f.comment !== "" || f.unseeded || (f.categoryRight ?? null) !== null)
    .map((f) => ({ findingId: f.findingId, verdict: f.verdict, grade: f.grade, comment: f.comment, unseeded: !!f.unseeded, categoryRight: f.categoryRight ?? null }))
    .sort((a, b) => (a.findingId < b.findingId ? -1 : a.findingId > b.findingId ? 1 : 0));
  return JSON.stringify({ feedback: input.feedback, findings });
}

/** `base` with the entries of `change` laid over it (entries not named in `change` are kept). */
function merge(base: ReviewInput, change: ReviewInput, valid: Set<string>): ReviewInput {
  const byId = new Map(base.findings.map((f) => [f.findingId, f]));
  for (const f of change.findings) if (valid.has(f.findingId)) byId.set(f.findingId, { ...f, unseeded: !!f.unseeded, categoryRight: f.categoryRight ?? null });
  return { feedback: change.feedback, findings: [...byId.values()] };
}

/** A review's pending revision, if the mentor has started one after publishing. */
export function pendingRevision(review: { pending: string | null }): ReviewInput | null {
  return review.pending ? (JSON.parse(review.pending) as ReviewInput) : null;
}

/**
 * Saves the mentor's review (creating it), auditing every changed field. A published review is
 * never touched: changes to it go into a pending next revision that the trainee sees only once it
 * is published again.
 */
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
        revision: 0,
        pending: null,
      };
      await trx.insertInto("reviews").values(review).execute();
    }
    const reviewId = review.id;
    const audit = (action: string, findingId: string | null, before: unknown, after: unknown) =>
      trx
        .insertInto("audit_events")
        .values({ id: crypto.randomUUID(), attempt_id: attemptId, actor_id: viewer.id, action, finding_id: findingId, before: JSON.stringify(before), after: JSON.stringify(after), at: now })
        .execute();
    const auditChanges = async (prev: ReviewInput, next: ReviewInput, prefix: string) => {
      if (next.feedback !== prev.feedback) await audit(`${prefix}feedback`, null, prev.feedback, next.feedback);
      const before = new Map(prev.findings.map((f) => [f.findingId, f]));
      for (const f of next.findings) {
        const b = before.get(f.findingId) ?? { verdict: null, grade: null, comment: "", unseeded: false, categoryRight: null };
        if (b.verdict !== f.verdict || !!b.unseeded !== !!f.unseeded) await audit(`${prefix}override`, f.findingId, { verdict: b.verdict, unseeded: !!b.unseeded }, { verdict: f.verdict, unseeded: !!f.unseeded });
        if ((b.categoryRight ?? null) !== (f.categoryRight ?? null)) await audit(`${prefix}category`, f.findingId, b.categoryRight ?? null, f.categoryRight ?? null);
        if (b.grade !== f.grade) await audit(`${prefix}grade`, f.findingId, b.grade, f.grade);
        if (b.comment !== f.comment) await audit(`${prefix}comment`, f.findingId, b.comment, f.comment);
      }
    };
    const rows = await trx.selectFrom("finding_reviews").selectAll().where("review_id", "=", reviewId).execute();

    if (review.status === "published") {
      const published = rowsToInput(review.feedback, rows);
      const prev = pendingRevision(review) ?? published;
      const next = merge(prev, input, valid);
      if (canonical(next) === canonical(prev)) return reviewId;
      await auditChanges(prev, next, `revision ${review.revision + 1}: `);
      // Back to exactly what is published: there is no new revision to publish.
      const pending = canonical(next) === canonical(published) ? null : JSON.stringify(next);
      await trx
        .updateTable("reviews")
        .set({ pending, updated_at: now, ...(basedOnVersion !== undefined ? { based_on_version: basedOnVersion } : {}) })
        .where("id", "=", reviewId)
        .where("status", "=", "published")
        .execute();
      return reviewId;
    }

    const prev = rowsToInput(review.feedback, rows);
    const next = merge(prev, input, valid);
    await auditChanges(prev, next, "");
    await trx
      .updateTable("reviews")
      .set({ feedback: next.feedback, updated_at: now, ...(basedOnVersion !== undefined ? { based_on_version: basedOnVersion } : {}) })
      .where("id", "=", reviewId)
      .execute();
    await writeFindingRows(trx, reviewId, prev, next, now);
    return reviewId;
  });
}

/** Writes the per-finding rows that differ between two versions of a review. */
async function writeFindingRows(db: Database, reviewId: string, prev: ReviewInput, next: ReviewInput, now: string) {
  const before = new Map(prev.findings.map((f) => [f.findingId, f]));
  for (const f of next.findings) {
    const b = before.get(f.findingId);
    const values = { verdict: f.verdict, grade: f.grade, comment: f.comment, unseeded: f.unseeded ? 1 : 0, category_right: categoryColumn(f.categoryRight) };
    if (b && b.verdict === f.verdict && b.grade === f.grade && b.comment === f.comment && !!b.unseeded === !!f.unseeded && (b.categoryRight ?? null) === (f.categoryRight ?? null)) continue;
    await db
      .insertInto("finding_reviews")
      .values({ review_id: reviewId, finding_id: f.findingId, ...values, updated_at: now })
      .onConflict((oc) => oc.columns(["review_id", "finding_id"]).doUpdateSet({ ...values, updated_at: now }))
      .execute();
  }
}

export type PublishResult =
  | { ok: true; total: number; autoTotal: number; revision: number; unchanged: boolean }
  | { ok: false; conflict: { by: string; at: string; total: number } };

/**
 * Publishes the mentor's review as a new revision: rescored from their verdicts, the attempt's
 * final score and feedback change for the trainee, who is notified (the feedback shows as new, and
 * a revision after the first is marked as revised). Each published revision is kept unchanged in
 * review_revisions. If another mentor published after this mentor's review was based (a concurrent
 * publish), nothing is overwritten: the caller gets the conflict, and the mentor's own draft stays
 * saved.
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
    // Claim the attempt row first (conditional update) so publishes of one attempt run in turn.
    const claimed = await trx.updateTable("attempts").set({ review_version: expectedVersion }).where("id", "=", attemptId).where("review_version", "=", expectedVersion).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return { ok: false, conflict: await conflictInfo(trx, attemptId) } as const;
    const attempt = await trx.selectFrom("attempts").selectAll().where("id", "=", attemptId).executeTakeFirstOrThrow();
    const review = (await myReview(trx, attemptId, viewer.id))!;
    const now = new Date().toISOString();
    const pending = pendingRevision(review);
    if (review.status === "published" && !pending && attempt.published_review_id === review.id) {
      // Nothing changed since this mentor's last publish: no new revision.
      return { ok: true, total: attempt.final_total ?? 0, autoTotal: attempt.auto_total ?? 0, revision: review.revision, unchanged: true } as const;
    }
    if (pending) {
      const current = await trx.selectFrom("finding_reviews").selectAll().where("review_id", "=", review.id).execute();
      await writeFindingRows(trx, review.id, rowsToInput(review.feedback, current), pending, now);
      await trx.updateTable("reviews").set({ feedback: pending.feedback }).where("id", "=", review.id).execute();
    }
    const rows = await trx.selectFrom("finding_reviews").selectAll().where("review_id", "=", review.id).execute();
    const autoHits = new Set(findings.filter((f) => f.auto_verdict === "hit").map((f) => f.id));
    const before = JSON.parse(attempt.final_score!) as ScoreBreakdown;
    const after = rescore(draft, findings, attempt.hints_taken, overridesFrom(rows, autoHits), await matcherLexicon(trx, draft.domain, attempt.user_id), attempt.auto_score);
    const revision = review.revision + 1;
    await trx
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
      .execute();
    await trx
      .updateTable("reviews")
      .set({ status: "published", published_at: now, updated_at: now, based_on_version: expectedVersion + 1, revision, pending: null })
      .where("id", "=", review.id)
      .execute();
    const feedback = pending ? pending.feedback : review.feedback;
    await trx
      .insertInto("review_revisions")
      .values({
        id: crypto.randomUUID(),
        review_id: review.id,
        attempt_id: attemptId,
        mentor_id: viewer.id,
        revision,
        feedback,
        findings: JSON.stringify(rowsToInput(feedback, rows).findings),
        total_before: attempt.published_at ? before.total : null,
        total: after.total,
        published_at: now,
      })
      .execute();
    await applyRescore(trx, { id: attempt.id, user_id: attempt.user_id, draft_id: attempt.draft_id, domain: attempt.domain }, before, after);
    await trx
      .insertInto("audit_events")
      .values({ id: crypto.randomUUID(), attempt_id: attemptId, actor_id: viewer.id, action: revision > 1 ? `publish revision ${revision}` : "publish", finding_id: null, before: JSON.stringify({ total: before.total }), after: JSON.stringify({ total: after.total }), at: now })
      .execute();
    return { ok: true, total: after.total, autoTotal: attempt.auto_total ?? after.total, revision, unchanged: false } as const;
  });
}

/** Who published the attempt's current review, for the conflict message. */
async function conflictInfo(db: Database, attemptId: string) {
  const row = await db
    .selectFrom("attempts")
    .where("attempts.id", "=", attemptId)
    .leftJoin("reviews", "reviews.id", "attempts.published_review_id")
    .leftJoin("users", "users.id", "reviews.mentor_id")
    .select(["users.name", "attempts.published_at", "attempts.final_total"])
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
    .select(["reviews.id", "reviews.mentor_id", "reviews.status", "reviews.feedback", "reviews.based_on_version", "reviews.updated_at", "reviews.published_at", "reviews.revision", "reviews.pending", "users.name as mentor_name"])
    .where("reviews.attempt_id", "=", attemptId)
    .execute();
  const rows = reviews.length ? await db.selectFrom("finding_reviews").selectAll().where("review_id", "in", reviews.map((r) => r.id)).execute() : [];
  return reviews.map((r) => ({ ...r, findings: rows.filter((x) => x.review_id === r.id) }));
}

/** The mentor's saved review as publishable input (used to publish over a conflict). */
export async function savedReviewInput(db: Database, viewer: Viewer, attemptId: string): Promise<ReviewInput | null> {
  const review = await myReview(db, attemptId, viewer.id);
  if (!review) return null;
  const pending = pendingRevision(review);
  if (pending) return pending;
  const rows = await db.selectFrom("finding_reviews").selectAll().where("review_id", "=", review.id).execute();
  return rowsToInput(review.feedback, rows);
}

/** The published review of a trainee's own attempt, as the trainee may see it. */
export async function publishedFeedback(db: Database, attempt: { id: string; published_review_id: string | null }) {
  if (!attempt.published_review_id) return null;
  const review = await db
    .selectFrom("reviews")
    .innerJoin("users", "users.id", "reviews.mentor_id")
    .select(["reviews.id", "reviews.feedback", "reviews.published_at", "reviews.revision", "users.name as mentor"])
    .where("reviews.id", "=", attempt.published_review_id)
    .where("reviews.attempt_id", "=", attempt.id)
    .executeTakeFirst();
  if (!review) return null;
  const [rows, revisions] = await Promise.all([
    db.selectFrom("finding_reviews").select(["finding_id", "verdict", "grade", "comment", "unseeded", "category_right"]).where("review_id", "=", review.id).execute(),
    db.selectFrom("review_revisions").select(["revision", "total", "total_before", "published_at"]).where("attempt_id", "=", attempt.id).orderBy("published_at", "asc").execute(),
  ]);
  const latest = revisions.at(-1);
  return {
    mentor: review.mentor,
    feedback: review.feedback,
    publishedAt: review.published_at,
    /** The published revision of this review; after the first, the trainee's result was revised. */
    revision: review.revision,
    revised: review.revision > 1 ? { previousTotal: latest?.total_before ?? null, total: latest?.total ?? null, at: latest?.published_at ?? null } : null,
    findings: Object.fromEntries(rows.map((r) => [r.finding_id, { verdict: r.verdict, grade: r.grade, comment: r.comment, unseeded: !!r.unseeded, categoryRight: categoryOf(r.category_right) }])),
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
