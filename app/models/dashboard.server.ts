// Mentor dashboards: the cohort overview and one trainee's detail. Every query is scoped to the
// trainees the viewer may see (visibleTraineeIds), narrowed by the filters. Hit rates and
// over-flagging come from the incrementally maintained tallies (trainee_category_stats,
// trainee_stats: written in the submit/publish transaction, never stale); trends, misses and
// review times from indexed scans of the selected period. Returns DTOs only: no rows, and of
// the answer key only what a mentor may see of submitted attempts.
import { sql, type ExpressionBuilder } from "kysely";
import type { Database } from "~/db/db.server";
import type { AnswerKeyEntry } from "~/domain/types";
import { parseFilters, periodBounds, type Filters } from "~/domain/stats/filters";
import { MIN_FLAWS_FOR_RANKING } from "~/domain/stats/progress";
import { median, ratio } from "~/domain/stats/summary";
import { foldTrend, makeBuckets, type Bucket } from "~/domain/stats/trend";
import { packs } from "./content.server";
import { visibleCohorts, visibleTraineeIds } from "./scope.server";
import type { UserDTO } from "./user.server";

export type Viewer = Pick<UserDTO, "id" | "role" | "orgId">;

/** A filter names something the viewer may not see (or that does not exist): answer 404. */
export class FilterNotFound extends Error {}
/** A filter value is well-formed but unknown (e.g. a domain without a pack): answer 400. */
export class FilterInvalid extends Error {}

/** `cohort=all`: every cohort in view, even when that is many trainees. */
export const ALL_COHORTS = "all";
/** Above this many trainees in view and no cohort chosen, the overview opens on the first cohort. */
export const LARGE_SCOPE_TRAINEES = 60;

/** Without from/to the dashboards show the last twelve weeks, today included. */
export const DEFAULT_PERIOD_DAYS = 84;
/** A flaw needs this many results before it can rank among the most missed. */
export const MIN_RESULTS_PER_FLAW = 5;
export const MIN_FLAWS_PER_CATEGORY = 10;

// ---------------------------------------------------------------------------------------------
// Scope

export interface Scope {
  viewer: Viewer;
  cohort?: string;
  trainee?: string;
  domain?: string;
  /** Inclusive days shown. */
  from: string;
  to: string;
  /** Half-open ISO bounds of the period. */
  start: string;
  end: string;
  defaultPeriod: boolean;
}

export interface Option {
  id: string;
  name: string;
}

export function domainOptions(): Option[] {
  return packs().packs.map((p) => ({ id: p.domain, name: p.name.replace(/\s*\(.*\)$/, "") }));
}

function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Checks the filters against what the viewer may see: an unknown or foreign cohort or trainee
 * is "not found" (the answer does not reveal whether it exists).
 */
export async function resolveScope(db: Database, viewer: Viewer, filters: Filters, now = new Date()): Promise<{ scope: Scope; cohorts: Option[] }> {
  const cohorts = await visibleCohorts(db, viewer);
  if (filters.cohort === ALL_COHORTS) filters = { ...filters, cohort: undefined };
  if (filters.cohort && !cohorts.some((c) => c.id === filters.cohort)) throw new FilterNotFound("No such cohort.");
  if (filters.domain && !packs().packs.some((p) => p.domain === filters.domain)) throw new FilterInvalid(`Unknown domain "${filters.domain}".`);
  if (filters.trainee) {
    const ok = await db.selectFrom("users").select("id").where("id", "=", filters.trainee).where("id", "in", visibleTraineeIds(db, viewer)).executeTakeFirst();
    if (!ok) throw new FilterNotFound("No such trainee.");
  }
  const defaultPeriod = !filters.from && !filters.to;
  const to = filters.to ?? today(now);
  const from = filters.from ?? new Date(Date.parse(`${to}T00:00:00.000Z`) - (DEFAULT_PERIOD_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  const { start, end } = periodBounds({ from, to }) as { start: string; end: string };
  return {
    scope: { viewer, cohort: filters.cohort, trainee: filters.trainee, domain: filters.domain, from, to, start, end, defaultPeriod },
    cohorts: cohorts.map((c) => ({ id: c.id, name: c.name })),
  };
}

/**
 * `column IN (trainees the viewer may see) [AND IN (the cohort's trainees)] [AND = trainee]`.
 * Every dashboard and export query goes through this.
 */
export function traineeScope(db: Database, scope: Pick<Scope, "viewer" | "cohort" | "trainee">, column: string) {
  // Kysely cannot type a column name chosen at run time; the callers pass literal columns.
  return <D, TB extends keyof D>(eb: ExpressionBuilder<D, TB>) => {
    const col = sql.ref(column);
    const parts = [eb(col, "in", visibleTraineeIds(db, scope.viewer))];
    if (scope.cohort) {
      parts.push(
        eb(col, "in", db.selectFrom("cohort_members").select("cohort_members.user_id").where("cohort_members.cohort_id", "=", scope.cohort).where("cohort_members.member_role", "=", "trainee"))
      );
    }
    if (scope.trainee) parts.push(eb(col, "=", scope.trainee));
    return eb.and(parts);
  };
}

// ---------------------------------------------------------------------------------------------
// Names

interface CategoryInfo {
  name: string;
  domains: string[];
}

/** Category names by id; an id used by several packs (drift-from-brief) is one category. */
function categoryInfo(): Map<string, CategoryInfo> {
  const out = new Map<string, CategoryInfo>();
  for (const p of packs().packs) {
    for (const c of p.categories) {
      const cur = out.get(c.id);
      if (cur) cur.domains.push(p.domain);
      else out.set(c.id, { name: c.name, domains: [p.domain] });
    }
  }
  return out;
}

function domainName(domain: string): string {
  return domainOptions().find((d) => d.id === domain)?.name ?? domain;
}

// ---------------------------------------------------------------------------------------------
// Cohort overview

export interface HeatmapColumn {
  category: string;
  name: string;
  /** Domain heading the column sits under: a domain's name, or "Across domains". */
  group: string;
}

export interface HeatCell {
  flaws: number;
  hits: number;
}

export interface HeatmapRow {
  traineeId: string;
  name: string;
  cells: (HeatCell | null)[];
  overall: HeatCell;
}

export interface TrendSeries {
  traineeId: string;
  name: string;
  attempts: number;
  values: (number | null)[];
  /** Mean of the period, attempt-weighted. */
  mean: number | null;
}

export interface MissedFlaw {
  draftId: string;
  title: string;
  domain: string;
  flawId: string;
  category: string;
  categoryName: string;
  severity: number | null;
  lines: string;
  explanation: string;
  /** Drafts this flaw site was seeded into (lines are those of the first). */
  drafts: number;
  results: number;
  misses: number;
  missRate: number;
}

export interface MissedCategory {
  category: string;
  domain: string;
  name: string;
  flaws: number;
  misses: number;
  missRate: number;
}

export interface OverFlagging {
  traineeId: string;
  name: string;
  findings: number;
  falsePositives: number;
  /** Share of the trainee's findings that matched no flaw. */
  falsePositiveShare: number | null;
  /** False-alarm lines ÷ lines without a flaw (signal detection). */
  falseAlarmRate: number | null;
}

export interface MentorReviews {
  mentorId: string;
  name: string;
  /** Submitted, unpublished attempts of trainees in this mentor's cohorts (within the viewer's scope). */
  open: number;
  oldestOpenAt: string | null;
  inProgress: number;
  publishedInPeriod: number;
  medianHoursToReview: number | null;
}

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

const shortDay = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
function bucketLabel(b: Bucket): string {
  const s = shortDay.format(new Date(`${b.start}T00:00:00Z`));
  return b.days === 1 ? s : `${s} – ${shortDay.format(new Date(`${b.end}T00:00:00Z`))}`;
}

const hoursBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 3_600_000;

export async function cohortDashboard(
  db: Database,
  viewer: Viewer,
  filters: Filters,
  now = new Date(),
): Promise<CohortDashboard & { cohorts: Option[]; domains: Option[]; filters: Filters; autoCohort: Option | null }> {
  const { scope, cohorts } = await resolveScope(db, viewer, filters, now);
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
  const domain = scope.domain;

  const trainees = await db.selectFrom("users").select(["users.id", "users.name"]).where(inScope("users.id")).orderBy("users.name").orderBy("users.id").execute();
  const base = {
    autoCohort,
    cohorts,
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
          .$if(!!domain, (q) => q.where("attempts.domain", "=", domain!))
          .groupBy("reviews.mentor_id")
          .execute(),
  ]);

  // Heatmap: columns are the categories with data, grouped "across domains" first, then per domain.
  const info = categoryInfo();
  const present = new Set(heat.map((h) => h.category));
  const groupOf = (category: string) => {
    const ds = (info.get(category)?.domains ?? []).filter((d) => !domain || d === domain);
    return ds.length > 1 ? "Across domains" : domainName(ds[0] ?? "");
  };
  const groupOrder = ["Across domains", ...domainOptions().map((d) => d.name)];
  const columns: HeatmapColumn[] = [...present]
    .map((category) => ({ category, name: info.get(category)?.name ?? category, group: groupOf(category) }))
    .sort((a, b) => groupOrder.indexOf(a.group) - groupOrder.indexOf(b.group) || a.name.localeCompare(b.name));
  const colIndex = new Map(columns.map((c, i) => [c.category, i]));
  const rowsById = new Map<string, HeatmapRow>(trainees.map((t) => [t.id, { traineeId: t.id, name: t.name, cells: columns.map(() => null), overall: { flaws: 0, hits: 0 } }]));
  for (const h of heat) {
    const row = rowsById.get(h.user_id);
    if (!row) continue;
    const flaws = Number(h.flaws);
    const hits = Number(h.hits);
    if (flaws <= 0) continue;
    row.cells[colIndex.get(h.category)!] = { flaws, hits };
    row.overall.flaws += flaws;
    row.overall.hits += hits;
  }

  // Trend per trainee and for everyone in view.
  const buckets = makeBuckets(scope.from, scope.to);
  const folded = foldTrend(
    trendRows.map((r) => ({ key: r.user_id, day: r.day, n: Number(r.n), sum: Number(r.total ?? 0) })),
    buckets
  );
  const series: TrendSeries[] = trainees.map((t) => {
    const values = folded.byKey.get(t.id) ?? buckets.map(() => ({ n: 0, mean: null }));
    const n = values.reduce((s, v) => s + v.n, 0);
    const sum = values.reduce((s, v) => s + (v.mean ?? 0) * v.n, 0);
    return { traineeId: t.id, name: t.name, attempts: n, values: values.map((v) => (v.mean === null ? null : round1(v.mean))), mean: n ? round1(sum / n) : null };
  });
  const periodAttempts = folded.overall.reduce((s, v) => s + v.n, 0);
  const periodSum = folded.overall.reduce((s, v) => s + (v.mean ?? 0) * v.n, 0);

  // Most missed flaws in the period. A flaw site seeded into several drafts of one source is one
  // flaw: results merge across those drafts.
  const flaws = flawRows.map((r) => ({ draftId: r.draft_id, flawId: r.flaw_id, domain: r.domain, category: r.category, results: Number(r.n), hits: Number(r.hits) }));
  const meta = await draftMeta(db, [...new Set(flaws.map((f) => f.draftId))]);
  const bySite = new Map<string, { draftId: string; flawId: string; domain: string; category: string; results: number; hits: number; drafts: Set<string> }>();
  for (const f of flaws) {
    const site = meta.get(f.draftId)?.flaws.get(f.flawId)?.site ?? `${f.draftId}#${f.flawId}`;
    const cur = bySite.get(site) ?? { ...f, results: 0, hits: 0, drafts: new Set<string>() };
    cur.results += f.results;
    cur.hits += f.hits;
    cur.drafts.add(f.draftId);
    bySite.set(site, cur);
  }
  const sites = [...bySite.values()];
  const enough = sites.filter((f) => f.results >= MIN_RESULTS_PER_FLAW);
  const missedFlaws: MissedFlaw[] = (enough.length ? enough : sites)
    .map((f) => ({ ...f, misses: f.results - f.hits, missRate: (f.results - f.hits) / f.results }))
    .filter((f) => f.misses > 0)
    .sort((a, b) => b.missRate - a.missRate || b.misses - a.misses || a.draftId.localeCompare(b.draftId) || a.flawId.localeCompare(b.flawId))
    .slice(0, 10)
    .map((f) => {
      const d = meta.get(f.draftId);
      const e = d?.flaws.get(f.flawId);
      return {
        draftId: f.draftId,
        title: d?.title ?? "",
        domain: f.domain,
        flawId: f.flawId,
        category: f.category,
        categoryName: info.get(f.category)?.name ?? f.category,
        severity: e?.severity ?? null,
        lines: e ? (e.lines.from === e.lines.to ? `line ${e.lines.from}` : `lines ${e.lines.from}–${e.lines.to}`) : "",
        explanation: e ? clip(e.explanation, 220) : "",
        drafts: f.drafts.size,
        results: f.results,
        misses: f.misses,
        missRate: f.missRate,
      };
    });
  const byCategory = new Map<string, MissedCategory>();
  for (const f of flaws) {
    const key = `${f.domain}/${f.category}`;
    const c = byCategory.get(key) ?? { category: f.category, domain: f.domain, name: `${info.get(f.category)?.name ?? f.category} (${domainName(f.domain)})`, flaws: 0, misses: 0, missRate: 0 };
    c.flaws += f.results;
    c.misses += f.results - f.hits;
    byCategory.set(key, c);
  }
  const cats = [...byCategory.values()].map((c) => ({ ...c, missRate: c.misses / c.flaws }));
  const catsEnough = cats.filter((c) => c.flaws >= MIN_FLAWS_PER_CATEGORY);
  const missedCategories = (catsEnough.length ? catsEnough : cats)
    .filter((c) => c.misses > 0)
    .sort((a, b) => b.missRate - a.missRate || b.misses - a.misses || a.name.localeCompare(b.name))
    .slice(0, 8);

  // Over-flagging from the maintained tallies (all time, all domains).
  const overFlagging: OverFlagging[] = stats
    .filter((s) => names.has(s.user_id) && Number(s.findings) > 0)
    .map((s) => ({
      traineeId: s.user_id,
      name: names.get(s.user_id)!,
      findings: Number(s.findings),
      falsePositives: Number(s.false_positives),
      falsePositiveShare: ratio(Number(s.false_positives), Number(s.findings)),
      falseAlarmRate: ratio(Number(s.false_alarm_lines), Number(s.non_flaw_lines)),
    }))
    .sort((a, b) => (b.falsePositiveShare ?? 0) - (a.falsePositiveShare ?? 0) || a.name.localeCompare(b.name));

  // Reviews per mentor.
  const openBy = new Map(openRows.map((r) => [r.user_id, { n: Number(r.n), oldest: r.oldest as string | null }]));
  const mentors = new Map<string, { name: string; trainees: Set<string> }>();
  for (const r of mentorRows) {
    const m = mentors.get(r.mentor_id) ?? { name: r.name, trainees: new Set<string>() };
    m.trainees.add(r.trainee_id);
    mentors.set(r.mentor_id, m);
  }
  const durations = new Map<string, number[]>();
  for (const p of published) {
    if (!p.submitted_at || !p.published_at) continue;
    const list = durations.get(p.mentor_id) ?? [];
    list.push(hoursBetween(p.submitted_at, p.published_at));
    durations.set(p.mentor_id, list);
  }
  const progressBy = new Map(inProgress.map((r) => [r.mentor_id, Number(r.n)]));
  // Someone who published here but no longer mentors a cohort in view still shows up.
  const strangers = [...new Set([...durations.keys(), ...progressBy.keys()])].filter((id) => !mentors.has(id));
  if (strangers.length) {
    for (const u of await db.selectFrom("users").select(["users.id", "users.name"]).where("users.id", "in", strangers).where("users.org_id", "=", viewer.orgId).execute()) {
      mentors.set(u.id, { name: u.name, trainees: new Set() });
    }
  }
  const reviews: MentorReviews[] = [...mentors.entries()]
    .map(([mentorId, m]) => {
      let open = 0;
      let oldest: string | null = null;
      for (const t of m.trainees) {
        const o = openBy.get(t);
        if (!o) continue;
        open += o.n;
        if (o.oldest && (!oldest || o.oldest < oldest)) oldest = o.oldest;
      }
      const d = durations.get(mentorId) ?? [];
      const med = median(d);
      return { mentorId, name: m.name, open, oldestOpenAt: oldest, inProgress: progressBy.get(mentorId) ?? 0, publishedInPeriod: d.length, medianHoursToReview: med === null ? null : round1(med) };
    })
    .sort((a, b) => b.open - a.open || a.name.localeCompare(b.name));
  let open = 0;
  let oldestOpenAt: string | null = null;
  for (const o of openBy.values()) {
    open += o.n;
    if (o.oldest && (!oldestOpenAt || o.oldest < oldestOpenAt)) oldestOpenAt = o.oldest;
  }
  const allDurations = published.filter((p) => p.submitted_at && p.published_at).map((p) => hoursBetween(p.submitted_at!, p.published_at!));
  const med = median(allDurations);

  return {
    ...base,
    trainees: trainees.length,
    summary: {
      attempts: periodAttempts,
      meanScore: periodAttempts ? round1(periodSum / periodAttempts) : null,
      open,
      oldestOpenAt,
      publishedInPeriod: allDurations.length,
      medianHoursToReview: med === null ? null : round1(med),
    },
    heatmap: { columns, rows: [...rowsById.values()] },
    trend: { buckets: buckets.map((b) => ({ ...b, label: bucketLabel(b) })), overall: folded.overall.map((v) => (v.mean === null ? null : round1(v.mean))), series },
    missedFlaws,
    missedCategories,
    overFlagging,
    reviews,
  };
}

/** Hit rate per trainee and category from the maintained tallies; shared category ids merge across domains. */
export function heatmapQuery(db: Database, scope: Pick<Scope, "viewer" | "cohort" | "trainee" | "domain">) {
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
export function missedFlawsQuery(db: Database, scope: Pick<Scope, "viewer" | "cohort" | "trainee" | "domain" | "start" | "end">) {
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
    .$if(!!scope.domain, (q) => q.where("flaw_results.domain", "=", scope.domain!))
    .groupBy(["flaw_results.draft_id", "flaw_results.flaw_id", "flaw_results.domain", "flaw_results.category"]);
}

interface DraftMeta {
  title: string;
  flaws: Map<string, { site: string; severity: number; lines: { from: number; to: number }; explanation: string }>;
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

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s;
}

// ---------------------------------------------------------------------------------------------
// Trainee detail

export interface TraineeDetail {
  trainee: { id: string; name: string; cohorts: string[] };
  summary: {
    attempts: number;
    average: number | null;
    hitRate: number | null;
    falsePositiveShare: number | null;
    falseAlarmRate: number | null;
    lastSubmittedAt: string | null;
    awaitingReview: number;
    reviewed: number;
  };
  /** Per attempt (up to 60), or per week when there are more. */
  trend: { grouped: boolean; points: { label: string; value: number; n: number }[] };
  recent: { id: string; at: string; title: string; domain: string; total: number | null; autoTotal: number | null; reviewed: boolean }[];
  categories: { category: string; domain: string; name: string; flaws: number; hits: number; rate: number }[];
  strongest: { name: string; rate: number; flaws: number }[];
  weakest: { name: string; rate: number; flaws: number }[];
  feedback: { attemptId: string; title: string; mentor: string; publishedAt: string; feedback: string; total: number | null; autoTotal: number | null }[];
}

const TREND_POINTS = 60;

/** null when the viewer may not see this trainee (the route answers 404). */
export async function traineeDetail(db: Database, viewer: Viewer, traineeId: string): Promise<TraineeDetail | null> {
  const scope = { viewer, trainee: traineeId };
  const inScope = (column: string) => traineeScope(db, scope, column);
  const user = await db.selectFrom("users").select(["users.id", "users.name"]).where(inScope("users.id")).executeTakeFirst();
  if (!user) return null;
  const cohortIds = (await visibleCohorts(db, viewer)).map((c) => c.id);
  const [cohorts, stats, catRows, attempts, feedback] = await Promise.all([
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

  const info = categoryInfo();
  const categories = catRows
    .filter((c) => Number(c.flaws) > 0)
    .map((c) => ({
      category: c.category,
      domain: c.domain,
      name: `${info.get(c.category)?.name ?? c.category} (${domainName(c.domain)})`,
      flaws: Number(c.flaws),
      hits: Number(c.hits),
      rate: Number(c.hits) / Number(c.flaws),
    }))
    .sort((a, b) => b.rate - a.rate || b.flaws - a.flaws || a.name.localeCompare(b.name));
  const ranked = categories.filter((c) => c.flaws >= MIN_FLAWS_FOR_RANKING);
  const k = Math.min(3, Math.floor(ranked.length / 2));
  const brief = (c: (typeof categories)[number]) => ({ name: c.name, rate: c.rate, flaws: c.flaws });

  let trend: TraineeDetail["trend"];
  if (attempts.length <= TREND_POINTS) {
    trend = { grouped: false, points: attempts.map((a) => ({ label: `${a.submitted_at!.slice(0, 10)} · ${a.title}`, value: a.final_total ?? 0, n: 1 })) };
  } else {
    const first = attempts[0].submitted_at!.slice(0, 10);
    const last = attempts[attempts.length - 1].submitted_at!.slice(0, 10);
    const buckets = makeBuckets(first, last, 40);
    const folded = foldTrend(
      attempts.map((a) => ({ key: "t", day: a.submitted_at!.slice(0, 10), n: 1, sum: a.final_total ?? 0 })),
      buckets
    ).overall;
    trend = {
      grouped: true,
      points: buckets.flatMap((b, i) => (folded[i].mean === null ? [] : [{ label: `${bucketLabel(b)} (${folded[i].n} attempts)`, value: round1(folded[i].mean!), n: folded[i].n }])),
    };
  }
  const totals = attempts.map((a) => a.final_total ?? 0);
  return {
    trainee: { id: user.id, name: user.name, cohorts: cohorts.map((c) => c.name) },
    summary: {
      attempts: attempts.length,
      average: totals.length ? round1(totals.reduce((s, x) => s + x, 0) / totals.length) : null,
      hitRate: stats ? ratio(Number(stats.hits), Number(stats.flaws)) : null,
      falsePositiveShare: stats ? ratio(Number(stats.false_positives), Number(stats.findings)) : null,
      falseAlarmRate: stats ? ratio(Number(stats.false_alarm_lines), Number(stats.non_flaw_lines)) : null,
      lastSubmittedAt: stats?.last_submitted_at ?? null,
      awaitingReview: attempts.filter((a) => !a.published_at).length,
      reviewed: attempts.filter((a) => a.published_at).length,
    },
    trend,
    recent: attempts
      .slice(-15)
      .reverse()
      .map((a) => ({ id: a.id, at: a.submitted_at!, title: a.title, domain: a.domain, total: a.final_total, autoTotal: a.auto_total, reviewed: !!a.published_at })),
    categories,
    strongest: ranked.slice(0, k).map(brief),
    weakest: k ? ranked.slice(-k).reverse().map(brief) : [],
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

// ---------------------------------------------------------------------------------------------
// For the routes: query string → filters, model errors → HTTP answers.

/** The filters from the request's query string, or a 400 response naming the problem. */
export function filtersFromRequest(request: Request): Filters {
  const parsed = parseFilters(new URL(request.url).searchParams);
  if (!parsed.ok) throw new Response(parsed.message, { status: 400, statusText: "Bad Request" });
  return parsed.filters;
}

/** Runs a dashboard call; a filter naming something out of sight is 404, an unknown value 400. */
export async function withFilterErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof FilterNotFound) throw new Response(e.message, { status: 404, statusText: "Not Found" });
    if (e instanceof FilterInvalid) throw new Response(`Invalid filter: ${e.message}`, { status: 400, statusText: "Bad Request" });
    throw e;
  }
}
