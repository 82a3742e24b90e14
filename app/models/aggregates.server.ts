// Incrementally maintained aggregates for the dashboards and progress pages: written in the same
// transaction as submit and publish, so they are never stale and never need a rebuild. What a
// score adds is computed by app/domain/stats/tally.ts; the load generator writes through the
// same functions.
import type { Database } from "~/db/db.server";
import type { ScoreBreakdown } from "~/domain/scoring";
import { findingVerdicts, flawResultRows, TallyBook, type AttemptRef } from "~/domain/stats/tally";

const ROWS_PER_INSERT = 50;

/** Adds a book's tallies to trainee_stats and trainee_category_stats (insert or add). */
export async function writeTallies(trx: Database, book: TallyBook): Promise<void> {
  for (const t of book.trainees.values()) {
    await trx
      .insertInto("trainee_stats")
      .values(t)
      .onConflict((oc) =>
        oc.column("user_id").doUpdateSet((eb) => ({
          attempts: eb("trainee_stats.attempts", "+", t.attempts),
          total_sum: eb("trainee_stats.total_sum", "+", t.total_sum),
          flaws: eb("trainee_stats.flaws", "+", t.flaws),
          hits: eb("trainee_stats.hits", "+", t.hits),
          false_alarm_lines: eb("trainee_stats.false_alarm_lines", "+", t.false_alarm_lines),
          non_flaw_lines: eb("trainee_stats.non_flaw_lines", "+", t.non_flaw_lines),
          findings: eb("trainee_stats.findings", "+", t.findings),
          false_positives: eb("trainee_stats.false_positives", "+", t.false_positives),
          ...(t.last_submitted_at ? { last_submitted_at: t.last_submitted_at } : {}),
        })),
      )
      .execute();
  }
  for (const c of book.categories.values()) {
    if (c.flaws === 0 && c.hits === 0) continue;
    await trx
      .insertInto("trainee_category_stats")
      .values(c)
      .onConflict((oc) =>
        oc.columns(["user_id", "domain", "category"]).doUpdateSet((eb) => ({
          flaws: eb("trainee_category_stats.flaws", "+", c.flaws),
          hits: eb("trainee_category_stats.hits", "+", c.hits),
        })),
      )
      .execute();
  }
}

/** Stores the per-flaw results of submitted attempts. */
export async function writeFlawResults(trx: Database, rows: ReturnType<typeof flawResultRows>): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await trx.insertInto("flaw_results").values(rows.slice(i, i + ROWS_PER_INSERT)).execute();
}

/** At submit: per-flaw results, the automatic verdict of each finding, and the trainee's tallies. */
export async function recordSubmission(trx: Database, attempt: AttemptRef, score: ScoreBreakdown, submittedAt: string): Promise<void> {
  await writeFlawResults(trx, flawResultRows(attempt, score, submittedAt));
  for (const v of findingVerdicts(score)) {
    await trx
      .updateTable("findings")
      .set({ auto_verdict: v.auto_verdict, matched_flaw_id: v.matched_flaw_id, flaw_category: v.flaw_category })
      .where("id", "=", v.findingId)
      .execute();
  }
  await writeTallies(trx, new TallyBook().add(attempt.user_id, attempt.domain, score, 1, submittedAt));
}

/** At publish: replace the previous final score's contribution with the new one. */
export async function applyRescore(trx: Database, attempt: AttemptRef, before: ScoreBreakdown, after: ScoreBreakdown): Promise<void> {
  await writeTallies(trx, new TallyBook().add(attempt.user_id, attempt.domain, before, -1).add(attempt.user_id, attempt.domain, after, 1));
  for (const f of after.flaws) {
    await trx
      .updateTable("flaw_results")
      .set({ detected: f.status === "missed" ? 0 : 1 })
      .where("attempt_id", "=", attempt.id)
      .where("flaw_id", "=", f.flawId)
      .execute();
  }
}
