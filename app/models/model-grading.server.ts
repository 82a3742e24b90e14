// The model's explanation grade as an organisation's automatic grade (decision 105). A submit
// scores with the offline matcher at once; when the trainee's organisation has model grading
// on, the model then grades each matched explanation in the background, after the submit has
// committed, and the attempt is rescored with those grades. A changed score is a new score
// revision the trainee sees (decision 031). A finding the model cannot grade (timeout, bad
// JSON, refusal, …) keeps the matcher's share, and the breakdown records why.
import type { Database } from "~/db/db.server";
import type { ModelGrading, ScoreBreakdown } from "~/domain/scoring";
import { describeScoreChange } from "~/domain/scoring/changes";
import type { LlmClient } from "~/utils/llm.server";
import { gradeExplanation, gradingClient } from "./ai-grading.server";
import { applyRescore } from "./aggregates.server";
import { toFindings } from "./attempt.server";
import { getDraft } from "./draft.server";
import { matcherLexicon } from "./matcher-overlay.server";
import { recordSuggestion } from "./model-rater.server";
import { modelGradingOn } from "./organisation-settings.server";
import { overridesFrom } from "./review.server";
import { scoreDraftAttempt } from "./scoring.server";

export const MODEL_GRADING_REASON = "model grading";

export type ModelGradingOutcome =
  | { status: "off" | "no-model" | "already" | "not-submitted" }
  | { status: "graded"; grading: ModelGrading; totalBefore: number | null; totalAfter: number; revised: boolean };

/** The model grades a stored breakdown was scored with, to keep them when it is scored again. */
export function storedModelGrading(scoreJson: string | null | undefined): ModelGrading | null {
  if (!scoreJson) return null;
  return (JSON.parse(scoreJson) as ScoreBreakdown).modelGrading ?? null;
}

async function orgOf(db: Database, attemptId: string) {
  return db
    .selectFrom("attempts")
    .innerJoin("users", "users.id", "attempts.user_id")
    .select(["users.org_id", "attempts.status", "attempts.auto_score", "attempts.draft_id"])
    .where("attempts.id", "=", attemptId)
    .executeTakeFirst();
}

/**
 * Grades a submitted attempt's matched explanations with the model and rescores it, when its
 * organisation has model grading on. Safe to call twice: an attempt already graded by this
 * model is left as it is.
 */
export async function gradeAttemptByModel(db: Database, attemptId: string, deps: { llm?: LlmClient | null } = {}): Promise<ModelGradingOutcome> {
  const a = await orgOf(db, attemptId);
  if (!a || a.status !== "submitted" || !a.auto_score) return { status: "not-submitted" };
  if (!(await modelGradingOn(db, a.org_id))) return { status: "off" };
  const llm = deps.llm === undefined ? gradingClient() : deps.llm;
  if (!llm) return { status: "no-model" };
  const auto = JSON.parse(a.auto_score) as ScoreBreakdown;
  if (auto.modelGrading?.model === llm.model) return { status: "already" };
  const draft = await getDraft(db, a.draft_id);
  if (!draft) return { status: "not-submitted" };
  const rows = await db.selectFrom("findings").selectAll().where("attempt_id", "=", attemptId).execute();
  const rowOf = new Map(rows.map((r) => [r.id, r]));
  const keyOf = new Map(draft.answerKey.map((e) => [e.id, e]));

  // The network calls happen here, outside any transaction.
  const grades: Record<string, 0 | 1 | 2 | 3> = {};
  const failures: Record<string, string> = {};
  for (const flaw of auto.flaws) {
    const row = flaw.findingId ? rowOf.get(flaw.findingId) : undefined;
    const entry = keyOf.get(flaw.flawId);
    if (!row || !entry || entry.keyPoints.length === 0) continue;
    const r = await gradeExplanation(
      { explanation: `${row.explanation} ${row.suggested_fix ?? ""}`.trim(), flaw: { explanation: entry.explanation, keyPoints: entry.keyPoints } },
      { llm, db },
    );
    if (r.ok) {
      grades[row.id] = r.grade.grade;
      // The same grade is the model's rating on the calibration page.
      await recordSuggestion(db, row.id, r.grade);
    } else {
      failures[row.id] = r.reason;
    }
  }
  const grading: ModelGrading = { model: llm.model, grades, failures };
  return applyModelGrading(db, attemptId, grading);
}

async function applyModelGrading(db: Database, attemptId: string, grading: ModelGrading): Promise<ModelGradingOutcome> {
  const result = await db.transaction().execute(async (trx) => {
    // Claim the row as a mentor's publish does (decision 022), so the two run in turn.
    const current = await trx.selectFrom("attempts").select("review_version").where("id", "=", attemptId).executeTakeFirstOrThrow();
    await trx.updateTable("attempts").set({ review_version: current.review_version }).where("id", "=", attemptId).execute();
    const attempt = await trx.selectFrom("attempts").selectAll().where("id", "=", attemptId).executeTakeFirstOrThrow();
    // Another run (a retry at start-up, a second instance) applied this model's grades meanwhile.
    if (storedModelGrading(attempt.auto_score)?.model === grading.model) return { status: "already" as const };
    const draft = (await getDraft(trx, attempt.draft_id))!;
    const findings = await trx.selectFrom("findings").selectAll().where("attempt_id", "=", attemptId).orderBy("line_from").orderBy("created_at").execute();
    const lexicon = await matcherLexicon(trx, draft.domain, attempt.user_id);
    const hintsTaken = (JSON.parse(attempt.hints_taken) as { key: string }[]).map((h) => h.key);
    const auto = scoreDraftAttempt(draft, { findings: toFindings(findings), hintsTaken, modelGrading: grading }, lexicon);
    let final = auto;
    if (attempt.published_review_id) {
      const reviewRows = await trx.selectFrom("finding_reviews").select(["finding_id", "verdict", "grade", "unseeded"]).where("review_id", "=", attempt.published_review_id).execute();
      const autoHits = new Set(findings.filter((f) => f.auto_verdict === "hit").map((f) => f.id));
      final = scoreDraftAttempt(draft, { findings: toFindings(findings), hintsTaken, overrides: overridesFrom(reviewRows, autoHits), modelGrading: grading }, lexicon);
    }
    const beforeFinal = JSON.parse(attempt.final_score!) as ScoreBreakdown;
    await trx
      .updateTable("attempts")
      .set({ auto_total: auto.total, auto_score: JSON.stringify(auto), final_total: final.total, final_score: JSON.stringify(final) })
      .where("id", "=", attemptId)
      .execute();
    const revised = auto.total !== attempt.auto_total || final.total !== attempt.final_total;
    if (revised) {
      // The trainee may already have seen the matcher's score: the change is a visible revision.
      const because = describeScoreChange(beforeFinal, final);
      await trx
        .insertInto("score_revisions")
        .values({
          id: crypto.randomUUID(),
          attempt_id: attemptId,
          created_at: new Date().toISOString(),
          reason: `${MODEL_GRADING_REASON}: ${grading.model}`,
          from_config_version: beforeFinal.configVersion,
          to_config_version: final.configVersion,
          from_matcher: beforeFinal.matcherVersion ?? "none",
          to_matcher: final.matcherVersion,
          auto_total_before: attempt.auto_total,
          auto_total_after: auto.total,
          final_total_before: attempt.final_total,
          final_total_after: final.total,
          previous_auto_score: attempt.auto_score,
          previous_final_score: attempt.final_score,
          summary: JSON.stringify(because.length ? because : [`explanations graded by ${grading.model}`]),
        })
        .execute();
      await applyRescore(trx, { id: attempt.id, user_id: attempt.user_id, draft_id: attempt.draft_id, domain: attempt.domain }, beforeFinal, final);
    }
    return { status: "graded" as const, grading, totalBefore: attempt.final_total, totalAfter: final.total, revised };
  });
  return result;
}

const REASON_WORDS: Record<string, string> = {
  timeout: "no answer in time",
  invalid_json: "an unreadable answer",
  invalid_reply: "an answer that was not a grade",
  refusal: "a refusal",
  truncated: "a cut-off answer",
  rate_limited: "too many requests",
  server_error: "a server error",
  network: "no connection",
  http_error: "a request error",
  cancelled: "a cancelled request",
  spend_limit: "the spend limit",
};

/**
 * Who graded the explanations of a breakdown, in the trainee's words, or null when the matcher
 * alone did (as before model grading existed).
 */
export function explanationGraderText(score: ScoreBreakdown, matcher: string): string | null {
  const g = score.modelGrading;
  if (!g) return null;
  const failed = Object.values(g.failures);
  const graded = Object.keys(g.grades).length;
  const why = [...new Set(failed.map((r) => REASON_WORDS[r] ?? r))].join(", ");
  if (graded === 0 && failed.length > 0) return `${matcher}: the model ${g.model} could not grade them (${why})`;
  const by = `the model ${g.model}, your organisation's automatic explanation grade`;
  return failed.length > 0 ? `${by}; ${failed.length} the model could not grade (${why}) were matched with ${matcher}` : by;
}

/** Whether an attempt's explanations are still waiting for the organisation's model. */
export async function modelGradingPending(db: Database, orgId: string, score: ScoreBreakdown): Promise<boolean> {
  if (score.modelGrading || score.cleanControl || !score.flaws.some((f) => f.findingId)) return false;
  return !!gradingClient() && (await modelGradingOn(db, orgId));
}

// Background grading: started after a submit commits, never awaited by the request.
const inFlight = new Set<Promise<unknown>>();

/**
 * After a submit has committed: when the attempt's organisation has model grading on and a model
 * is configured, grades it in the background. Returns at once; the submit never waits for the
 * model.
 */
export async function scheduleModelGrading(db: Database, attemptId: string): Promise<void> {
  const a = await orgOf(db, attemptId);
  if (!a || !gradingClient() || !(await modelGradingOn(db, a.org_id))) return;
  const job: Promise<unknown> = gradeAttemptByModel(db, attemptId)
    .catch((e: unknown) => console.error(`model grading of attempt ${attemptId} failed:`, e))
    .finally(() => inFlight.delete(job));
  inFlight.add(job);
}

/**
 * At start-up: attempts whose background grading never finished because the process stopped
 * (submitted since their organisation's grading was turned on — a re-save of "on" does not
 * move that time — and no model grading stored) are graded
 * now, one after another. Idempotent: a graded attempt is skipped, and a second run writes no
 * second revision. Returns how many were graded.
 */
export async function resumeModelGrading(db: Database, deps: { llm?: LlmClient | null } = {}): Promise<number> {
  const llm = deps.llm === undefined ? gradingClient() : deps.llm;
  if (!llm) return 0;
  const rows = await db
    .selectFrom("attempts")
    .innerJoin("users", "users.id", "attempts.user_id")
    .innerJoin("organisation_settings as s", "s.org_id", "users.org_id")
    .select(["attempts.id", "attempts.auto_score"])
    .where("s.model_grading", "=", 1)
    .where("attempts.status", "=", "submitted")
    // Since grading was turned on, not since the setting was last saved (decision 130).
    .whereRef("attempts.submitted_at", ">=", "s.model_grading_since")
    .orderBy("attempts.submitted_at")
    .execute();
  let graded = 0;
  for (const r of rows) {
    const score = r.auto_score ? (JSON.parse(r.auto_score) as ScoreBreakdown) : null;
    if (!score || score.modelGrading || score.cleanControl || !score.flaws.some((f) => f.findingId)) continue;
    if ((await gradeAttemptByModel(db, r.id, { llm })).status === "graded") graded++;
  }
  return graded;
}

/** Starts {@link resumeModelGrading} in the background (start-up does not wait for the model). */
export function resumeModelGradingInBackground(db: Database): void {
  const job: Promise<unknown> = resumeModelGrading(db)
    .then((n) => {
      if (n > 0) console.log(`Model grading: graded ${n} attempts left pending when the server last stopped.`);
    })
    .catch((e: unknown) => console.error("model grading retry at start-up failed:", e))
    .finally(() => inFlight.delete(job));
  inFlight.add(job);
}

/** Resolves when every background grading started so far has finished (tests, shutdown). */
export async function modelGradingSettled(): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}
