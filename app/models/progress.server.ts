// A trainee's progress: one implementation for the trainee's own page (/practice/progress) and
// the mentor's page about them (/mentor/trainees/:id), so both show the same figures for one
// person. Hit rates come from the tallies maintained at submit and publish (per domain and
// category), the trend from the submitted attempts; every query is scoped to what the viewer may
// see (a trainee sees only themself).
import type { Database } from "~/db/db.server";
import { rankCategories, scoreTrend, type CategoryRate, type ScoreTrend } from "~/domain/stats/progress";
import { ratio } from "~/domain/stats/summary";
import { categoryName } from "./content.server";
import { traineeScope, visibleCohorts, type Viewer } from "./scope.server";

export interface ProgressSummary {
  attempts: number;
  average: number | null;
  /** Mean of the last five minus the mean of the five before them (null until ten attempts). */
  recentChange: number | null;
  hitRate: number | null;
  falsePositiveShare: number | null;
  falseAlarmRate: number | null;
  lastSubmittedAt: string | null;
  awaitingReview: number;
  reviewed: number;
}

export interface Progress {
  summary: ProgressSummary;
  /** Per attempt (up to 60), or per period when there are more. */
  trend: Pick<ScoreTrend, "grouped" | "points">;
  categories: CategoryRate[];
  strongest: CategoryRate[];
  weakest: CategoryRate[];
  /** Categories with enough flaws to rank. */
  ranked: number;
  /** The hit rate every ranked category shares, when they all do (nothing is then strongest or weakest). */
  allEqualRate: number | null;
}

interface SubmittedAttempt {
  id: string;
  submitted_at: string | null;
  final_total: number | null;
  auto_total: number | null;
  domain: string;
  published_at: string | null;
  title: string;
}

async function progressOf(db: Database, viewer: Viewer, traineeId: string): Promise<{ progress: Progress; attempts: SubmittedAttempt[] }> {
  const inScope = (column: string) => traineeScope(db, { viewer, trainee: traineeId }, column);
  const [stats, catRows, attempts] = await Promise.all([
    db.selectFrom("trainee_stats").selectAll().where(inScope("trainee_stats.user_id")).executeTakeFirst(),
    db
      .selectFrom("trainee_category_stats")
      .select(["trainee_category_stats.category", "trainee_category_stats.domain", "trainee_category_stats.flaws", "trainee_category_stats.hits"])
      .where(inScope("trainee_category_stats.user_id"))
      .execute(),
    db
      .selectFrom("attempts")
      .innerJoin("drafts", "drafts.id", "attempts.draft_id")
      .select(["attempts.id", "attempts.submitted_at", "attempts.final_total", "attempts.auto_total", "attempts.domain", "attempts.published_at", "drafts.title"])
      .where("attempts.status", "=", "submitted")
      .where(inScope("attempts.user_id"))
      .orderBy("attempts.submitted_at")
      .execute(),
  ]);
  const ranked = rankCategories(
    catRows.map((c) => ({ category: c.category, domain: c.domain, name: categoryName(c.category, c.domain), flaws: Number(c.flaws), hits: Number(c.hits) })),
  );
  const trend = scoreTrend(attempts.map((a) => ({ at: a.submitted_at!, title: a.title, domain: a.domain, total: a.final_total ?? 0 })));
  return {
    attempts,
    progress: {
      summary: {
        attempts: attempts.length,
        average: trend.average,
        recentChange: trend.recentChange,
        hitRate: stats ? ratio(Number(stats.hits), Number(stats.flaws)) : null,
        falsePositiveShare: stats ? ratio(Number(stats.false_positives), Number(stats.findings)) : null,
        falseAlarmRate: stats ? ratio(Number(stats.false_alarm_lines), Number(stats.non_flaw_lines)) : null,
        lastSubmittedAt: stats?.last_submitted_at ?? null,
        awaitingReview: attempts.filter((a) => !a.published_at).length,
        reviewed: attempts.filter((a) => a.published_at).length,
      },
      trend: { grouped: trend.grouped, points: trend.points },
      ...ranked,
    },
  };
}

/** The signed-in trainee's own progress. */
export async function traineeProgress(db: Database, trainee: Viewer): Promise<Progress> {
  return (await progressOf(db, trainee, trainee.id)).progress;
}

export interface TraineeDetail extends Progress {
  trainee: { id: string; name: string; cohorts: string[] };
  recent: { id: string; at: string; title: string; domain: string; total: number | null; autoTotal: number | null; reviewed: boolean }[];
  feedback: { attemptId: string; title: string; mentor: string; publishedAt: string; feedback: string; total: number | null; autoTotal: number | null }[];
}

/** A trainee's progress as their mentor (or an admin) sees it; null when the viewer may not see them (the route answers 404). */
export async function traineeDetail(db: Database, viewer: Viewer, traineeId: string): Promise<TraineeDetail | null> {
  const inScope = (column: string) => traineeScope(db, { viewer, trainee: traineeId }, column);
  const user = await db.selectFrom("users").select(["users.id", "users.name"]).where(inScope("users.id")).executeTakeFirst();
  if (!user) return null;
  const cohortIds = (await visibleCohorts(db, viewer)).map((c) => c.id);
  const [cohorts, { progress, attempts }, feedback] = await Promise.all([
    cohortIds.length
      ? db
          .selectFrom("cohort_members")
          .innerJoin("cohorts", "cohorts.id", "cohort_members.cohort_id")
          .select("cohorts.name")
          .where("cohort_members.user_id", "=", user.id)
          .where("cohort_members.member_role", "=", "trainee")
          .where("cohorts.id", "in", cohortIds)
          .orderBy("cohorts.name")
          .execute()
      : Promise.resolve([]),
    progressOf(db, viewer, user.id),
    db
      .selectFrom("reviews")
      .innerJoin("attempts", "attempts.id", "reviews.attempt_id")
      .innerJoin("drafts", "drafts.id", "attempts.draft_id")
      .innerJoin("users as m", "m.id", "reviews.mentor_id")
      .select(["reviews.attempt_id", "reviews.feedback", "reviews.published_at", "m.name as mentor", "drafts.title", "attempts.final_total", "attempts.auto_total"])
      .where("reviews.status", "=", "published")
      .where(inScope("attempts.user_id"))
      .orderBy("reviews.published_at", "desc")
      .limit(20)
      .execute(),
  ]);
  return {
    trainee: { id: user.id, name: user.name, cohorts: cohorts.map((c) => c.name) },
    ...progress,
    recent: attempts
      .slice(-15)
      .reverse()
      .map((a) => ({ id: a.id, at: a.submitted_at!, title: a.title, domain: a.domain, total: a.final_total, autoTotal: a.auto_total, reviewed: !!a.published_at })),
    feedback: feedback.map((f) => ({
      attemptId: f.attempt_id,
      title: f.title,
      mentor: f.mentor,
      publishedAt: f.published_at ?? "",
      feedback: f.feedback,
      total: f.final_total,
      autoTotal: f.auto_total,
    })),
  };
}
