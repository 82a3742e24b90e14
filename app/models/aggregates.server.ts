// Incrementally maintained aggregates for the dashboards: written in the same transaction as
// submit and publish, so they are never stale and never need a rebuild.
import type { Database } from "~/db/db.server";
import type { ScoreBreakdown } from "~/domain/scoring";

interface AttemptRef {
  id: string;
  user_id: string;
  draft_id: string;
  domain: string;
}

function tally(score: ScoreBreakdown) {
  const perCategory = new Map<string, { flaws: number; hits: number }>();
  for (const f of score.flaws) {
    const c = perCategory.get(f.category) ?? { flaws: 0, hits: 0 };
    c.flaws++;
    if (f.status !== "missed") c.hits++;
    perCategory.set(f.category, c);
  }
  return {
    total: score.total,
    flaws: score.flaws.length,
    hits: score.flaws.filter((f) => f.status !== "missed").length,
    falseAlarmLines: score.signal.falseAlarmLines,
    nonFlawLines: score.signal.nonFlawLines,
    findings: score.findings.length,
    falsePositives: score.falsePositives.length,
    perCategory,
  };
}

async function addToStats(trx: Database, userId: string, domain: string, score: ScoreBreakdown, sign: 1 | -1, attempts: 0 | 1, at: string | null) {
  const t = tally(score);
  await trx
    .insertInto("trainee_stats")
    .values({
      user_id: userId,
      attempts,
      total_sum: sign * t.total,
      flaws: sign * t.flaws,
      hits: sign * t.hits,
      false_alarm_lines: sign * t.falseAlarmLines,
      non_flaw_lines: sign * t.nonFlawLines,
      findings: sign * t.findings,
      false_positives: sign * t.falsePositives,
      last_submitted_at: at,
    })
    .onConflict((oc) =>
      oc.column("user_id").doUpdateSet((eb) => ({
        attempts: eb("trainee_stats.attempts", "+", attempts),
        total_sum: eb("trainee_stats.total_sum", "+", sign * t.total),
        flaws: eb("trainee_stats.flaws", "+", sign * t.flaws),
        hits: eb("trainee_stats.hits", "+", sign * t.hits),
        false_alarm_lines: eb("trainee_stats.false_alarm_lines", "+", sign * t.falseAlarmLines),
        non_flaw_lines: eb("trainee_stats.non_flaw_lines", "+", sign * t.nonFlawLines),
        findings: eb("trainee_stats.findings", "+", sign * t.findings),
        false_positives: eb("trainee_stats.false_positives", "+", sign * t.falsePositives),
        ...(at ? { last_submitted_at: at } : {}),
      })),
    )
    .execute();
  for (const [category, c] of t.perCategory) {
    await trx
      .insertInto("trainee_category_stats")
      .values({ user_id: userId, domain, category, flaws: sign * c.flaws, hits: sign * c.hits })
      .onConflict((oc) =>
        oc.columns(["user_id", "domain", "category"]).doUpdateSet((eb) => ({
          flaws: eb("trainee_category_stats.flaws", "+", sign * c.flaws),
          hits: eb("trainee_category_stats.hits", "+", sign * c.hits),
        })),
      )
      .execute();
  }
}

/** At submit: per-flaw results, the automatic verdict of each finding, and the trainee's tallies. */
export async function recordSubmission(trx: Database, attempt: AttemptRef, score: ScoreBreakdown, submittedAt: string): Promise<void> {
  if (score.flaws.length) {
    await trx
      .insertInto("flaw_results")
      .values(
        score.flaws.map((f) => ({
          attempt_id: attempt.id,
          flaw_id: f.flawId,
          user_id: attempt.user_id,
          draft_id: attempt.draft_id,
          domain: attempt.domain,
          category: f.category,
          severity: f.severity,
          detected: f.status === "missed" ? 0 : 1,
          submitted_at: submittedAt,
        })),
      )
      .execute();
  }
  const flawCategory = new Map(score.flaws.map((f) => [f.flawId, f.category]));
  for (const f of score.findings) {
    await trx
      .updateTable("findings")
      .set({ auto_verdict: f.autoVerdict, matched_flaw_id: f.autoFlawId, flaw_category: f.autoFlawId ? flawCategory.get(f.autoFlawId)! : f.category })
      .where("id", "=", f.findingId)
      .execute();
  }
  await addToStats(trx, attempt.user_id, attempt.domain, score, 1, 1, submittedAt);
}

/** At publish: replace the previous final score's contribution with the new one. */
export async function applyRescore(trx: Database, attempt: AttemptRef, before: ScoreBreakdown, after: ScoreBreakdown): Promise<void> {
  await addToStats(trx, attempt.user_id, attempt.domain, before, -1, 0, null);
  await addToStats(trx, attempt.user_id, attempt.domain, after, 1, 0, null);
  for (const f of after.flaws) {
    await trx
      .updateTable("flaw_results")
      .set({ detected: f.status === "missed" ? 0 : 1 })
      .where("attempt_id", "=", attempt.id)
      .where("flaw_id", "=", f.flawId)
      .execute();
  }
}
