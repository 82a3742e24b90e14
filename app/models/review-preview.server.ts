// The score a mentor's (unsaved) verdicts would give, and what publishing them would show the
// trainee: for the live score preview and the publish confirmation. Writes nothing.
import type { Database } from "~/db/db.server";
import { publishSummary, verdictCounts, type VerdictCounts } from "~/domain/review/publish-summary";
import { matcherLexicon } from "./matcher-overlay.server";
import { loadSubmittedAttempt, overridesFrom, rescore, type ReviewInput } from "./review.server";
import type { Viewer } from "./scope.server";

export interface ReviewPreview {
  total: number;
  autoTotal: number;
  counts: VerdictCounts;
  /** The confirmation's sentences: score change, verdict counts, written feedback, revision. */
  summary: string[];
}

export async function previewReview(db: Database, viewer: Viewer, attemptId: string, input: ReviewInput): Promise<ReviewPreview> {
  const { attempt, draft, findings } = await loadSubmittedAttempt(db, viewer, attemptId);
  const valid = new Set(findings.map((f) => f.id));
  const rows = input.findings
    .filter((f) => valid.has(f.findingId))
    .map((f) => ({ finding_id: f.findingId, verdict: f.verdict, grade: f.grade, unseeded: f.unseeded ? 1 : 0, category_right: f.categoryRight === null || f.categoryRight === undefined ? null : f.categoryRight ? 1 : 0 }));
  const autoHits = new Set(findings.filter((f) => f.auto_verdict === "hit").map((f) => f.id));
  const score = rescore(draft, findings, attempt.hints_taken, overridesFrom(rows, autoHits), await matcherLexicon(db, draft.domain, attempt.user_id), attempt.auto_score);
  const mine = await db.selectFrom("reviews").select("revision").where("attempt_id", "=", attemptId).where("mentor_id", "=", viewer.id).executeTakeFirst();
  const autoTotal = attempt.auto_total ?? score.total;
  const counts = verdictCounts(input.findings.filter((f) => valid.has(f.findingId)));
  const shownIsAutomatic = attempt.published_review_id === null;
  return {
    total: score.total,
    autoTotal,
    counts,
    summary: publishSummary({
      shownTotal: shownIsAutomatic ? autoTotal : (attempt.final_total ?? autoTotal),
      shownIsAutomatic,
      total: score.total,
      counts,
      hasFeedback: input.feedback.trim() !== "",
      revision: (mine?.revision ?? 0) + 1,
    }),
  };
}
