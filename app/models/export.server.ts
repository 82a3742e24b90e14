// CSV exports of attempts, findings and reviews for mentors and admins: the dashboard's filters,
// the same scoping (traineeScope), streamed page by page: the ids of the attempts in scope are
// read once, then each page of rows by id, so 100k attempts' rows never sit in memory. Only submitted attempts are exported; of the answer key, only what a
// mentor sees of a submitted attempt (which flaw a finding matched and its category), never the
// key's text, explanations or hints.
import type { Database } from "~/db/db.server";
import { csvFileName, csvRow, type CsvValue } from "~/domain/stats/csv";
import type { Filters } from "~/domain/stats/filters";
import { programWork, resolveScope, traineeScope, type Scope, type Viewer } from "./scope.server";

export const EXPORT_KINDS = ["attempts", "findings", "reviews"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

const PAGE = 1000;

export interface PreparedExport {
  fileName: string;
  /** CSV text in chunks: the header first, then a chunk per page of rows. */
  chunks: AsyncGenerator<string>;
}

interface AttemptRef {
  id: string;
  user_id: string;
  submitted_at: string | null;
}

/**
 * Checks the filters (throws FilterNotFound / FilterInvalid like the dashboard) and returns the
 * file name and a generator of CSV chunks.
 */
export async function prepareExport(db: Database, viewer: Viewer, kind: ExportKind, filters: Filters): Promise<PreparedExport> {
  const { scope, cohorts, programs } = await resolveScope(db, viewer, filters);
  const bounded = { from: filters.from, to: filters.to };
  const cohortName = cohorts.find((c) => c.id === scope.cohort)?.name;
  const program = programs.find((p) => p.id === scope.program);
  const moduleTitle = program?.modules.find((m) => m.key === scope.module)?.title;
  const fileName = csvFileName(["redline", kind, cohortName, program?.name, moduleTitle, scope.domain, filters.from && `from-${filters.from}`, filters.to && `to-${filters.to}`]);
  const generator = kind === "attempts" ? attemptsCsv : kind === "findings" ? findingsCsv : reviewsCsv;
  return { fileName, chunks: generator(db, scope, bounded, cohorts.map((c) => c.id)) };
}

/**
 * Submitted attempts in scope, oldest first, a page at a time. The ids come from one indexed
 * query (a few MB even for 100k attempts); each page then reads its rows by id.
 */
async function* attemptPages(db: Database, scope: Scope, period: Pick<Filters, "from" | "to">): AsyncGenerator<AttemptRef[]> {
  const all: AttemptRef[] = await db
    .selectFrom("attempts")
    .select(["attempts.id", "attempts.user_id", "attempts.submitted_at"])
    .where("attempts.status", "=", "submitted")
    .where(traineeScope(db, scope, "attempts.user_id"))
    .where(programWork(db, scope, "attempts.id"))
    .$if(!!scope.domain, (q) => q.where("attempts.domain", "=", scope.domain!))
    .$if(!!period.from, (q) => q.where("attempts.submitted_at", ">=", scope.start))
    .$if(!!period.to, (q) => q.where("attempts.submitted_at", "<", scope.end))
    .orderBy("attempts.submitted_at")
    .orderBy("attempts.id")
    .execute();
  for (let i = 0; i < all.length; i += PAGE) yield all.slice(i, i + PAGE);
}

/** Trainee names and the cohorts (of those the viewer sees) each belongs to. */
async function people(db: Database, scope: Scope, cohortIds: string[]) {
  const users = await db.selectFrom("users").select(["users.id", "users.name"]).where(traineeScope(db, scope, "users.id")).execute();
  const memberships = cohortIds.length
    ? await db
        .selectFrom("cohort_members")
        .innerJoin("cohorts", "cohorts.id", "cohort_members.cohort_id")
        .select(["cohort_members.user_id", "cohorts.name"])
        .where("cohort_members.member_role", "=", "trainee")
        .where("cohorts.id", "in", cohortIds)
        .where(traineeScope(db, scope, "cohort_members.user_id"))
        .orderBy("cohorts.name")
        .execute()
    : [];
  const cohortsOf = new Map<string, string[]>();
  for (const m of memberships) cohortsOf.set(m.user_id, [...(cohortsOf.get(m.user_id) ?? []), m.name]);
  return new Map(users.map((u) => [u.id, { name: u.name, cohorts: (cohortsOf.get(u.id) ?? []).join("; ") }]));
}

const rows = (xs: CsvValue[][]) => xs.map(csvRow).join("");
const hours = (from: string | null, to: string | null) => (from && to ? Math.round(((Date.parse(to) - Date.parse(from)) / 3_600_000) * 10) / 10 : null);

async function* attemptsCsv(db: Database, scope: Scope, period: Pick<Filters, "from" | "to">, cohortIds: string[]): AsyncGenerator<string> {
  yield csvRow(["attempt_id", "trainee_id", "trainee", "cohorts", "domain", "draft_id", "draft_title", "difficulty", "seeded_flaws", "findings", "started_at", "submitted_at", "auto_total", "final_total", "published_at", "reviewed_by"]);
  const who = await people(db, scope, cohortIds);
  for await (const page of attemptPages(db, scope, period)) {
    const details = await db
      .selectFrom("attempts")
      .innerJoin("drafts", "drafts.id", "attempts.draft_id")
      .leftJoin("reviews", "reviews.id", "attempts.published_review_id")
      .leftJoin("users as m", "m.id", "reviews.mentor_id")
      .select((eb) => [
        "attempts.id",
        "attempts.user_id",
        "attempts.domain",
        "attempts.draft_id",
        "drafts.title",
        "drafts.difficulty",
        "drafts.flaw_count",
        "attempts.started_at",
        "attempts.submitted_at",
        "attempts.auto_total",
        "attempts.final_total",
        "attempts.published_at",
        "m.name as mentor",
        eb.selectFrom("findings").select((e) => e.fn.countAll<number>().as("n")).whereRef("findings.attempt_id", "=", "attempts.id").as("findings"),
      ])
      .where("attempts.id", "in", page.map((a) => a.id))
      .where(traineeScope(db, scope, "attempts.user_id"))
      .execute();
    const byId = new Map(details.map((d) => [d.id, d]));
    yield rows(
      page.flatMap((a) => {
        const d = byId.get(a.id);
        if (!d) return [];
        const p = who.get(d.user_id);
        return [[d.id, d.user_id, p?.name, p?.cohorts, d.domain, d.draft_id, d.title, d.difficulty, d.flaw_count, Number(d.findings ?? 0), d.started_at, d.submitted_at, d.auto_total, d.final_total, d.published_at, d.mentor]];
      }),
    );
  }
}

async function* findingsCsv(db: Database, scope: Scope, period: Pick<Filters, "from" | "to">, cohortIds: string[]): AsyncGenerator<string> {
  yield csvRow([
    "finding_id",
    "attempt_id",
    "trainee_id",
    "trainee",
    "cohorts",
    "domain",
    "draft_title",
    "submitted_at",
    "line_from",
    "line_to",
    "category",
    "confidence",
    "explanation",
    "suggested_fix",
    "auto_verdict",
    "matched_flaw_id",
    "flaw_category",
    "mentor_verdict",
    "mentor_grade",
    "mentor_comment",
    "unseeded",
  ]);
  const who = await people(db, scope, cohortIds);
  for await (const page of attemptPages(db, scope, period)) {
    const found = await db
      .selectFrom("findings")
      .innerJoin("attempts", "attempts.id", "findings.attempt_id")
      .innerJoin("drafts", "drafts.id", "attempts.draft_id")
      // The published review's judgement of each finding (a draft review is not the mentor's word yet).
      .leftJoin("finding_reviews", (j) => j.onRef("finding_reviews.review_id", "=", "attempts.published_review_id").onRef("finding_reviews.finding_id", "=", "findings.id"))
      .select([
        "findings.id",
        "findings.attempt_id",
        "attempts.user_id",
        "attempts.domain",
        "drafts.title",
        "attempts.submitted_at",
        "findings.line_from",
        "findings.line_to",
        "findings.category",
        "findings.confidence",
        "findings.explanation",
        "findings.suggested_fix",
        "findings.auto_verdict",
        "findings.matched_flaw_id",
        "findings.flaw_category",
        "finding_reviews.verdict",
        "finding_reviews.grade",
        "finding_reviews.comment",
        "finding_reviews.unseeded",
      ])
      .where("findings.attempt_id", "in", page.map((a) => a.id))
      .where("attempts.status", "=", "submitted")
      .where(traineeScope(db, scope, "attempts.user_id"))
      .orderBy("attempts.submitted_at")
      .orderBy("findings.attempt_id")
      .orderBy("findings.line_from")
      .orderBy("findings.id")
      .execute();
    yield rows(
      found.map((f) => {
        const p = who.get(f.user_id);
        return [
          f.id,
          f.attempt_id,
          f.user_id,
          p?.name,
          p?.cohorts,
          f.domain,
          f.title,
          f.submitted_at,
          f.line_from,
          f.line_to,
          f.category,
          f.confidence,
          f.explanation,
          f.suggested_fix,
          f.auto_verdict,
          f.matched_flaw_id,
          f.flaw_category,
          f.verdict,
          f.grade,
          f.comment,
          f.unseeded === null ? null : Number(f.unseeded),
        ];
      }),
    );
  }
}

async function* reviewsCsv(db: Database, scope: Scope, period: Pick<Filters, "from" | "to">, cohortIds: string[]): AsyncGenerator<string> {
  yield csvRow(["review_id", "attempt_id", "trainee_id", "trainee", "cohorts", "domain", "draft_title", "submitted_at", "mentor", "status", "created_at", "published_at", "hours_to_publish", "verdict_overrides", "mean_grade", "auto_total", "final_total", "feedback"]);
  const who = await people(db, scope, cohortIds);
  for await (const page of attemptPages(db, scope, period)) {
    const reviews = await db
      .selectFrom("reviews")
      .innerJoin("attempts", "attempts.id", "reviews.attempt_id")
      .innerJoin("drafts", "drafts.id", "attempts.draft_id")
      .innerJoin("users as m", "m.id", "reviews.mentor_id")
      .select((eb) => [
        "reviews.id",
        "reviews.attempt_id",
        "attempts.user_id",
        "attempts.domain",
        "drafts.title",
        "attempts.submitted_at",
        "m.name as mentor",
        "reviews.status",
        "reviews.created_at",
        "reviews.published_at",
        "attempts.auto_total",
        "attempts.final_total",
        "reviews.feedback",
        eb
          .selectFrom("finding_reviews")
          .select((e) => e.fn.countAll<number>().as("n"))
          .whereRef("finding_reviews.review_id", "=", "reviews.id")
          .where("finding_reviews.verdict", "is not", null)
          .as("overrides"),
        eb
          .selectFrom("finding_reviews")
          .select((e) => e.fn.avg<number>("finding_reviews.grade").as("g"))
          .whereRef("finding_reviews.review_id", "=", "reviews.id")
          .as("mean_grade"),
      ])
      .where("reviews.attempt_id", "in", page.map((a) => a.id))
      // Published reviews, and the viewer's own drafts: another mentor's unfinished draft is theirs.
      .where((eb) => eb.or([eb("reviews.status", "=", "published"), eb("reviews.mentor_id", "=", scope.viewer.id)]))
      .where(traineeScope(db, scope, "attempts.user_id"))
      .orderBy("attempts.submitted_at")
      .orderBy("reviews.attempt_id")
      .orderBy("reviews.created_at")
      .execute();
    yield rows(
      reviews.map((r) => {
        const p = who.get(r.user_id);
        const grade = r.mean_grade === null || r.mean_grade === undefined ? null : Math.round(Number(r.mean_grade) * 100) / 100;
        return [r.id, r.attempt_id, r.user_id, p?.name, p?.cohorts, r.domain, r.title, r.submitted_at, r.mentor, r.status, r.created_at, r.published_at, hours(r.submitted_at, r.published_at), Number(r.overrides ?? 0), grade, r.auto_total, r.final_total, r.feedback];
      }),
    );
  }
}

/** Whole export as one string (tests and small exports). */
export async function exportCsvText(db: Database, viewer: Viewer, kind: ExportKind, filters: Filters): Promise<string> {
  const { chunks } = await prepareExport(db, viewer, kind, filters);
  let out = "";
  for await (const c of chunks) out += c;
  return out;
}
