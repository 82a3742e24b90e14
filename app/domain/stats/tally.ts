// What a scored attempt adds to the maintained aggregates: the per-flaw results, the automatic
// verdict of each finding, and the trainee's running tallies (overall and per domain and
// category). One implementation for a real submit, a mentor's publish (minus the old score, plus
// the new) and the load generator, which writes a whole batch at once.
import type { ScoreBreakdown } from "~/domain/scoring";

export interface AttemptRef {
  id: string;
  user_id: string;
  draft_id: string;
  domain: string;
}

export interface TraineeTally {
  user_id: string;
  attempts: number;
  total_sum: number;
  flaws: number;
  hits: number;
  false_alarm_lines: number;
  non_flaw_lines: number;
  findings: number;
  false_positives: number;
  /** The latest submission counted, or null when only rescores were counted. */
  last_submitted_at: string | null;
}

export interface CategoryTally {
  user_id: string;
  domain: string;
  category: string;
  flaws: number;
  hits: number;
}

const detected = (f: ScoreBreakdown["flaws"][number]) => f.status !== "missed";

/** One row per seeded flaw: whether the trainee detected it. */
export function flawResultRows(attempt: AttemptRef, score: ScoreBreakdown, submittedAt: string) {
  return score.flaws.map((f) => ({
    attempt_id: attempt.id,
    flaw_id: f.flawId,
    user_id: attempt.user_id,
    draft_id: attempt.draft_id,
    domain: attempt.domain,
    category: f.category,
    severity: f.severity,
    detected: detected(f) ? 1 : 0,
    submitted_at: submittedAt,
  }));
}

/** The automatic verdict stored on each finding, and the category it counts under (the matched flaw's, else the trainee's). */
export function findingVerdicts(score: ScoreBreakdown) {
  const flawCategory = new Map(score.flaws.map((f) => [f.flawId, f.category]));
  return score.findings.map((f) => ({
    findingId: f.findingId,
    auto_verdict: f.autoVerdict,
    matched_flaw_id: f.autoFlawId,
    flaw_category: f.autoFlawId ? flawCategory.get(f.autoFlawId)! : f.category,
  }));
}

/** Running tallies of any number of scores, added (+1) or taken back (−1). */
export class TallyBook {
  readonly trainees = new Map<string, TraineeTally>();
  readonly categories = new Map<string, CategoryTally>();

  /**
   * `submittedAt` counts a new submission (attempts + 1, last submitted); without it the score
   * only replaces an earlier one's figures (a rescore).
   */
  add(userId: string, domain: string, score: ScoreBreakdown, sign: 1 | -1, submittedAt?: string): this {
    const t = this.trainees.get(userId) ?? {
      user_id: userId,
      attempts: 0,
      total_sum: 0,
      flaws: 0,
      hits: 0,
      false_alarm_lines: 0,
      non_flaw_lines: 0,
      findings: 0,
      false_positives: 0,
      last_submitted_at: null,
    };
    if (submittedAt) {
      t.attempts++;
      if (!t.last_submitted_at || submittedAt > t.last_submitted_at) t.last_submitted_at = submittedAt;
    }
    t.total_sum += sign * score.total;
    t.flaws += sign * score.flaws.length;
    t.hits += sign * score.flaws.filter(detected).length;
    t.false_alarm_lines += sign * score.signal.falseAlarmLines;
    t.non_flaw_lines += sign * score.signal.nonFlawLines;
    t.findings += sign * score.findings.length;
    t.false_positives += sign * score.falsePositives.length;
    this.trainees.set(userId, t);
    for (const f of score.flaws) {
      const key = `${userId}\u0000${domain}\u0000${f.category}`;
      const c = this.categories.get(key) ?? { user_id: userId, domain, category: f.category, flaws: 0, hits: 0 };
      c.flaws += sign;
      if (detected(f)) c.hits += sign;
      this.categories.set(key, c);
    }
    return this;
  }
}
