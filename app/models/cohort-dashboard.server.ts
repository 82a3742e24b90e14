// The mentor's cohort overview. Every query is scoped to the trainees the viewer may see
// (traineeScope), narrowed by the filters. Hit rates and over-flagging come from the
// incrementally maintained tallies (trainee_category_stats, trainee_stats: written in the
// submit/publish transaction, never stale); trends, misses and review times from indexed scans of
// the selected period. The figures are computed by app/domain/stats/overview.ts. Returns DTOs
// only: no rows, and of the answer key only what a mentor may see of submitted attempts.
import { sql } from "kysely";
import type { Database } from "~/db/db.server";
import type { Filters } from "~/domain/stats/filters";
import {
  buildHeatmap,
  cohortTrend,
  mostMissedCategories,
  mostMissedFlaws,
  overFlagging,
  reviewsPerMentor,
  type FlawFacts,
  type HeatmapColumn,
  type HeatmapRow,
  type MentorReviews,
  type MissedCategory,
  type MissedFlaw,
  type OverFlagging,
  type TrendSeries,
} from "~/domain/stats/overview";
import { makeBuckets, type Bucket } from "~/domain/stats/trend";
import type { AnswerKeyEntry } from "~/domain/types";
import { categoryInfo, categoryName, domainOptions, type Option } from "./content.server";
import { programWork, resolveScope, traineeScope, type ProgramOption, type Scope, type Viewer } from "./scope.server";

/** Above this many trainees in view and no cohort chosen, the overview opens on the first cohort. */
export const LARGE_SCOPE_TRAINEES = 60;

export interface CohortDashboard {
  period: { from: string; to: string; isDefault: boolean; days: number };
  trainees: number;
  summary: { attempts: number; meanScore: number | null; open: number; oldestOpenAt: string | null; publishedInPeriod: number; medianHoursToReview: number | null };
  heatmap: { columns: HeatmapColumn[]; rows: HeatmapRow[] };
  trend: { buckets: (Bucket & { label: string })[]; overall: (number | null)[]; series: TrendSeries[] };
  missedFlaws: MissedFlaw[];
  missedCategories: MissedCategory[];
  overFlagging: OverFlagging[];
  reviews: MentorReviews[];
}

export async function cohortDashboard(
  db: Database,
  viewer: Viewer,
  filters: Filters,
  now = new Date(),
): Promise<CohortDashboard & { cohorts: Option[]; domains: Option[]; programs: ProgramOption[]; filters: Filters; autoCohort: Option | null }> {
  const { scope, cohorts, programs } = await resolveScope(db, viewer, filters, now);
  // A heatmap of hundreds of trainees helps nobody and costs the most: with several cohorts in
  // view and no choice made, open on the first cohort (the page says so and offers "all").
  let autoCohort: Option | null = null;
  if (!filters.cohort && !filters.trainee && cohorts.length > 1) {
    const row = await db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where(traineeScope(db, scope, "users.id"))
      .executeTakeFirst();
    if (Number(row?.n ?? 0) > LARGE_SCOPE_TRAINEES) {
      autoCohort = cohorts[0];
      scope.cohort = cohorts[0].id;
    }
  }
  const inScope = (column: string) => traineeScope(db, scope, column);
  const inProgram = (attemptColumn: string) => programWork(db, scope, attemptColumn);
  const domain = scope.domain;

  const trainees = await db.selectFrom("users").select(["users.id", "users.name"]).where(inScope("users.id")).orderBy("users.name").orderBy("users.id").execute();
  const base = {
    autoCohort,
    cohorts,
    programs,
    domains: domainOptions(),
    filters: { ...filters, ...(autoCohort ? { cohort: autoCohort.id } : {}), from: scope.from, to: scope.to },
    period: { from: scope.from, to: scope.to, isDefault: scope.defaultPeriod, days: Math.round((Date.parse(scope.end) - Date.parse(scope.start)) / 86_400_000) },
  };
  if (!trainees.length) {
    return {
      ...base,
      trainees: 0,
      summary: { attempts: 0, meanScore: null, open: 0, oldestOpenAt: null, publishedInPeriod: 0, medianHoursToReview: null },
      heatmap: { columns: [], rows: [] },
      trend: { buckets: [], overall: [], series: [] },
      missedFlaws: [],
      missedCategories: [],
      overFlagging: [],
      reviews: [],
    };
  }
  const names = new Map(trainees.map((t) => [t.id, t.name]));
  const mentorCohorts = scope.cohort ? [scope.cohort] : cohorts.map((c) => c.id);
  const mentorRows = await (mentorCohorts.length === 0
    ? Promise.resolve([] as { mentor_id: string; name: string; trainee_id: string }[])
    : db
        .selectFrom("cohort_members as m")
        .innerJoin("cohort_members as t", (j) => j.onRef("t.cohort_id", "=", "m.cohort_id").on("t.member_role", "=", "trainee"))
        .innerJoin("users as u", "u.id", "m.user_id")
        .select(["m.user_id as mentor_id", "u.name", "t.user_id as trainee_id"])
        .where("m.member_role", "=", "mentor")
        .where("m.cohort_id", "in", mentorCohorts)
        .where(inScope("t.user_id"))
        .execute());
  const mentorIds = [...new Set(mentorRows.map((r) => r.mentor_id))];

  const [heat, stats, trendRows, flawRows, openRows, published, inProgress] = await Promise.all([
    heatmapQuery(db, scope).execute(),
    db.selectFrom("trainee_stats").select(["user_id", "findings", "false_positives", "false_alarm_lines", "non_flaw_lines"]).where(inScope("trainee_stats.user_id")).execute(),
    db
      .selectFrom("attempts")
      .select((eb) => [
        "attempts.user_id",
        sql<string>`substr(${sql.ref("attempts.submitted_at")}, 1, 10)`.as("day"),
        eb.fn.countAll<number>().as("n"),
        eb.fn.sum<number>("attempts.final_total").as("total"),
      ])
      .where("attempts.status", "=", "submitted")
      .where("attempts.submitted_at", ">=", scope.start)
      .where("attempts.submitted_at", "<", scope.end)
      .where(inScope("attempts.user_id"))
      .where(inProgram("attempts.id"))
      .$if(!!domain, (q) => q.where("attempts.domain", "=", domain!))
      .groupBy(["attempts.user_id", sql`substr(${sql.ref("attempts.submitted_at")}, 1, 10)`])
      .execute(),
    missedFlawsQuery(db, scope).execute(),
    db
      .selectFrom("attempts")
      .select((eb) => ["attempts.user_id", eb.fn.countAll<number>().as("n"), eb.fn.min("attempts.submitted_at").as("oldest")])
      .where("attempts.status", "=", "submitted")
      .where("attempts.published_at", "is", null)
      .where(inScope("attempts.user_id"))
      .where(inProgram("attempts.id"))
      .$if(!!domain, (q) => q.where("attempts.domain", "=", domain!))
      .groupBy("attempts.user_id")
      .execute(),
    // Times to review: attempts of trainees in scope published in the period, with the mentor
    // whose review was published.
    db
      .selectFrom("attempts")
      .innerJoin("reviews", "reviews.id", "attempts.published_review_id")
      .select(["reviews.mentor_id", "attempts.submitted_at", "attempts.published_at"])
      .where("attempts.status", "=", "submitted")
      .where("attempts.published_at", ">=", scope.start)
      .where("attempts.published_at", "<", scope.end)
      .where(inScope("attempts.user_id"))
      .where(inProgram("attempts.id"))
      .$if(!!domain, (q) => q.where("attempts.domain", "=", domain!))
      .execute(),
    // Draft reviews of open attempts, by the mentors in view. CROSS JOIN makes SQLite start from
    // the few draft reviews (an inner join lets it start from every open attempt); PostgreSQL
    // plans it as the same inner join.
    mentorIds.length === 0
      ? Promise.resolve([] as { mentor_id: string; n: number }[])
      : db
          .selectFrom("reviews")
          .crossJoin("attempts")
          .whereRef("attempts.id", "=", "reviews.attempt_id")
          .select((eb) => ["reviews.mentor_id", eb.fn.countAll<number>().as("n")])
          .where("reviews.mentor_id", "in", mentorIds)
          .where("reviews.status", "=", "draft")
          .where("attempts.published_at", "is", null)
          .where(inScope("attempts.user_id"))
          .where(inProgram("attempts.id"))
          .$if(!!domain, (q) => q.where("attempts.domain", "=", domain!))
          .groupBy("reviews.mentor_id")
          .execute(),
  ]);

  const info = categoryInfo();
  const heatmap = buildHeatmap(
    trainees,
    heat.map((h) => ({ user_id: h.user_id, category: h.category, flaws: Number(h.flaws), hits: Number(h.hits) })),
    info,
    domainOptions(),
    domain,
  );
  const trend = cohortTrend(
    trainees,
    trendRows.map((r) => ({ key: r.user_id, day: r.day, n: Number(r.n), sum: Number(r.total ?? 0) })),
    makeBuckets(scope.from, scope.to),
  );

  const flaws = flawRows.map((r) => ({ draftId: r.draft_id, flawId: r.flaw_id, domain: r.domain, category: r.category, results: Number(r.n), hits: Number(r.hits) }));
  const meta = await draftMeta(db, [...new Set(flaws.map((f) => f.draftId))]);

  const mentors = new Map<string, { name: string; trainees: Set<string> }>();
  for (const r of mentorRows) {
    const m = mentors.get(r.mentor_id) ?? { name: r.name, trainees: new Set<string>() };
    m.trainees.add(r.trainee_id);
    mentors.set(r.mentor_id, m);
  }
  // Someone who published here but no longer mentors a cohort in view still shows up.
  const strangers = [...new Set([...published.map((p) => p.mentor_id), ...inProgress.map((r) => r.mentor_id)])].filter((id) => !mentors.has(id));
  if (strangers.length) {
    for (const u of await db.selectFrom("users").select(["users.id", "users.name"]).where("users.id", "in", strangers).where("users.org_id", "=", viewer.orgId).execute()) {
      mentors.set(u.id, { name: u.name, trainees: new Set() });
    }
  }
  const { reviews, summary } = reviewsPerMentor(
    mentors,
    new Map(openRows.map((r) => [r.user_id, { n: Number(r.n), oldest: r.oldest as string | null }])),
    published,
    new Map(inProgress.map((r) => [r.mentor_id, Number(r.n)])),
  );

  return {
    ...base,
    trainees: trainees.length,
    summary: { attempts: trend.attempts, meanScore: trend.meanScore, ...summary },
    heatmap,
    trend: { buckets: trend.buckets, overall: trend.overall, series: trend.series },
    missedFlaws: mostMissedFlaws(flaws, meta, (c) => info.get(c)?.name ?? c),
    missedCategories: mostMissedCategories(flaws, categoryName),
    overFlagging: overFlagging(
      stats.map((s) => ({ user_id: s.user_id, findings: Number(s.findings), false_positives: Number(s.false_positives), false_alarm_lines: Number(s.false_alarm_lines), non_flaw_lines: Number(s.non_flaw_lines) })),
      names,
    ),
    reviews,
  };
}

/**
 * Hit rate per trainee and category from the maintained tallies; shared category ids merge across
 * domains. With a program chosen, from the results of the attempts done inside it instead.
 */
export function heatmapQuery(db: Database, scope: Pick<Scope, "viewer" | "cohort" | "trainee" | "domain" | "program" | "module">) {
  if (scope.program) {
    return db
      .selectFrom("flaw_results")
      .select((eb) => [
        "flaw_results.user_id",
        "flaw_results.category",
        eb.fn.countAll<number>().as("flaws"),
        eb.fn.sum<number>("flaw_results.detected").as("hits"),
      ])
      .where(traineeScope(db, scope, "flaw_results.user_id"))
      .where(programWork(db, scope, "flaw_results.attempt_id"))
      .$if(!!scope.domain, (q) => q.where("flaw_results.domain", "=", scope.domain!))
      .groupBy(["flaw_results.user_id", "flaw_results.category"]);
  }
  return db
    .selectFrom("trainee_category_stats")
    .select((eb) => [
      "trainee_category_stats.user_id",
      "trainee_category_stats.category",
      eb.fn.sum<number>("trainee_category_stats.flaws").as("flaws"),
      eb.fn.sum<number>("trainee_category_stats.hits").as("hits"),
    ])
    .where(traineeScope(db, scope, "trainee_category_stats.user_id"))
    .$if(!!scope.domain, (q) => q.where("trainee_category_stats.domain", "=", scope.domain!))
    .groupBy(["trainee_category_stats.user_id", "trainee_category_stats.category"]);
}

/** Results per seeded flaw in the period: how often each was detected. */
export function missedFlawsQuery(db: Database, scope: Pick<Scope, "viewer" | "cohort" | "trainee" | "domain" | "program" | "module" | "start" | "end">) {
  return db
    .selectFrom("flaw_results")
    .select((eb) => [
      "flaw_results.draft_id",
      "flaw_results.flaw_id",
      "flaw_results.domain",
      "flaw_results.category",
      eb.fn.countAll<number>().as("n"),
      eb.fn.sum<number>("flaw_results.detected").as("hits"),
    ])
    .where("flaw_results.submitted_at", ">=", scope.start)
    .where("flaw_results.submitted_at", "<", scope.end)
    .where(traineeScope(db, scope, "flaw_results.user_id"))
    .where(programWork(db, scope, "flaw_results.attempt_id"))
    .$if(!!scope.domain, (q) => q.where("flaw_results.domain", "=", scope.domain!))
    .groupBy(["flaw_results.draft_id", "flaw_results.flaw_id", "flaw_results.domain", "flaw_results.category"]);
}

interface DraftMeta {
  title: string;
  flaws: Map<string, FlawFacts>;
}

/**
 * Title and per-flaw facts of drafts. Drafts are immutable once stored, so what was read once
 * stays true: a bounded in-process map saves re-reading and re-parsing answer keys.
 */
const draftMetaCache = new Map<string, DraftMeta>();
const DRAFT_META_CACHE_MAX = 5000;

async function draftMeta(db: Database, ids: string[]): Promise<Map<string, DraftMeta>> {
  const missing = ids.filter((id) => !draftMetaCache.has(id));
  for (let i = 0; i < missing.length; i += 500) {
    const rows = await db
      .selectFrom("drafts")
      .select(["drafts.id", "drafts.title", "drafts.source_id", "drafts.answer_key"])
      .where("drafts.id", "in", missing.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      if (draftMetaCache.size >= DRAFT_META_CACHE_MAX) draftMetaCache.delete(draftMetaCache.keys().next().value!);
      const key = JSON.parse(r.answer_key) as AnswerKeyEntry[];
      draftMetaCache.set(r.id, {
        title: r.title,
        flaws: new Map(
          key.map((e) => {
            const o = e.origin;
            // The same authored site (or operator at the same place) in another draft of the same source is the same flaw.
            const site =
              o.kind === "site" ? `${r.source_id}#site:${o.siteId}:${o.variant}` : o.kind === "operator" ? `${r.source_id}#op:${o.operatorId}@${e.cleanSpan.start}` : `${r.id}#${e.id}`;
            return [e.id, { site, severity: e.severity, lines: e.lines, explanation: e.explanation }];
          }),
        ),
      });
    }
  }
  return new Map(ids.flatMap((id) => (draftMetaCache.has(id) ? [[id, draftMetaCache.get(id)!] as const] : [])));
}
