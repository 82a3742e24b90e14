// Who may see whose work, enforced in the query: a mentor sees the trainees of the cohorts they
// mentor; an admin sees every trainee of their organisation; a trainee sees only themself.
// Every model that reads trainees' work scopes it with these helpers; the dashboards, the
// calibration page and the exports narrow it further with the filters (resolveScope).
import { sql, type ExpressionBuilder } from "kysely";
import type { Database } from "~/db/db.server";
import { InvalidInputError, NotFoundError } from "~/domain/errors";
import { periodBounds, type Filters } from "~/domain/stats/filters";
import { domainOptions, type Option } from "./content.server";
import type { UserDTO } from "./user.server";

/** The acting user, as far as scoping needs to know them. */
export type Viewer = Pick<UserDTO, "id" | "role" | "orgId">;

/** A subquery of the trainee ids `viewer` may see; use it as `where("user_id", "in", visibleTraineeIds(db, viewer))`. */
export function visibleTraineeIds(db: Database, viewer: Viewer) {
  if (viewer.role === "admin") {
    return db.selectFrom("users").select("users.id as user_id").where("users.org_id", "=", viewer.orgId).where("users.role", "=", "trainee");
  }
  if (viewer.role === "mentor") {
    return db
      .selectFrom("cohort_members as cm")
      .innerJoin("cohort_members as mine", "mine.cohort_id", "cm.cohort_id")
      .select("cm.user_id as user_id")
      .where("mine.user_id", "=", viewer.id)
      .where("mine.member_role", "=", "mentor")
      .where("cm.member_role", "=", "trainee");
  }
  return db.selectFrom("users").select("users.id as user_id").where("users.id", "=", viewer.id);
}

/** Cohorts the viewer may filter by: all of the organisation for admins, their own for mentors. */
export async function visibleCohorts(db: Database, viewer: Viewer) {
  let q = db.selectFrom("cohorts").select(["cohorts.id", "cohorts.name"]).where("cohorts.org_id", "=", viewer.orgId);
  if (viewer.role !== "admin") {
    q = q.where("cohorts.id", "in", db.selectFrom("cohort_members").select("cohort_id").where("user_id", "=", viewer.id).where("member_role", "=", "mentor"));
  }
  return q.orderBy("cohorts.name").execute();
}

export async function canSeeTrainee(db: Database, viewer: Viewer, traineeId: string): Promise<boolean> {
  const row = await db.selectFrom("users").select("id").where("id", "=", traineeId).where("id", "in", visibleTraineeIds(db, viewer)).executeTakeFirst();
  return !!row;
}

// ---------------------------------------------------------------------------------------------
// Filtered scope: the dashboards, calibration and exports.

/** `cohort=all`: every cohort in view, even when that is many trainees. */
export const ALL_COHORTS = "all";
/** Without from/to the dashboards show the last twelve weeks, today included. */
export const DEFAULT_PERIOD_DAYS = 84;

export interface Scope {
  viewer: Viewer;
  cohort?: string;
  trainee?: string;
  /** Only the trainees of the cohorts the program is assigned to, and only work done inside it. */
  program?: string;
  /** A module key of `program`: only work done inside that module. */
  module?: string;
  domain?: string;
  /** Inclusive days shown. */
  from: string;
  to: string;
  /** Half-open ISO bounds of the period. */
  start: string;
  end: string;
  defaultPeriod: boolean;
}

/**
 * Checks the filters against what the viewer may see: an unknown or foreign cohort or trainee
 * is NotFoundError (the answer does not reveal whether it exists), an unknown domain
 * InvalidInputError naming the field.
 */
export async function resolveScope(
  db: Database,
  viewer: Viewer,
  filters: Filters,
  now = new Date(),
): Promise<{ scope: Scope; cohorts: Option[]; programs: ProgramOption[] }> {
  const cohorts = await visibleCohorts(db, viewer);
  const programs = await visiblePrograms(db, viewer, cohorts.map((c) => c.id));
  const program = filters.program ? programs.find((p) => p.id === filters.program) : undefined;
  if (filters.program && !program) throw new NotFoundError("No such program.");
  if (filters.module && !program?.modules.some((m) => m.key === filters.module)) {
    throw new InvalidInputError("module", `Invalid filter: that module is not part of ${program?.name ?? "the program"}.`);
  }
  if (filters.cohort === ALL_COHORTS) filters = { ...filters, cohort: undefined };
  if (filters.cohort && !cohorts.some((c) => c.id === filters.cohort)) throw new NotFoundError("No such cohort.");
  if (filters.domain && !domainOptions().some((d) => d.id === filters.domain)) throw new InvalidInputError("domain", `Invalid filter: unknown domain "${filters.domain}".`);
  if (filters.trainee && !(await canSeeTrainee(db, viewer, filters.trainee))) throw new NotFoundError("No such trainee.");
  const defaultPeriod = !filters.from && !filters.to;
  const to = filters.to ?? now.toISOString().slice(0, 10);
  const from = filters.from ?? new Date(Date.parse(`${to}T00:00:00.000Z`) - (DEFAULT_PERIOD_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  const { start, end } = periodBounds({ from, to }) as { start: string; end: string };
  return {
    scope: { viewer, cohort: filters.cohort, trainee: filters.trainee, program: filters.program, module: filters.module, domain: filters.domain, from, to, start, end, defaultPeriod },
    cohorts: cohorts.map((c) => ({ id: c.id, name: c.name })),
    programs,
  };
}

/** A program the viewer may filter by, with its modules (current version) in order. */
export interface ProgramOption extends Option {
  modules: { key: string; title: string }[];
}

/** Programs assigned to a cohort the viewer sees (an admin: every program of the organisation). */
export async function visiblePrograms(db: Database, viewer: Viewer, cohortIds: string[]): Promise<ProgramOption[]> {
  if (viewer.role !== "admin" && !cohortIds.length) return [];
  const rows = await db
    .selectFrom("programs")
    .innerJoin("program_versions", (j) => j.onRef("program_versions.program_id", "=", "programs.id").onRef("program_versions.version", "=", "programs.current_version"))
    .select(["programs.id", "programs.name", "program_versions.spec"])
    .where("programs.org_id", "=", viewer.orgId)
    .$if(viewer.role !== "admin", (q) =>
      q.where("programs.id", "in", db.selectFrom("program_assignments").select("program_assignments.program_id").where("program_assignments.cohort_id", "in", cohortIds)),
    )
    .orderBy("programs.name")
    .orderBy("programs.id")
    .execute();
  return rows.map((r) => {
    const spec = JSON.parse(r.spec) as { modules: { key: string; title: string }[] };
    return { id: r.id, name: r.name, modules: spec.modules.map((m) => ({ key: m.key, title: m.title })) };
  });
}

/**
 * `column IN (trainees the viewer may see) [AND IN (the cohort's trainees)] [AND = trainee]`.
 * Every dashboard, progress, calibration and export query goes through this.
 */
export function traineeScope(db: Database, scope: Pick<Scope, "viewer" | "cohort" | "trainee" | "program">, column: string) {
  // Kysely cannot type a column name chosen at run time; the callers pass literal columns.
  return <D, TB extends keyof D>(eb: ExpressionBuilder<D, TB>) => {
    const col = sql.ref(column);
    const parts = [eb(col, "in", visibleTraineeIds(db, scope.viewer))];
    if (scope.cohort) {
      parts.push(
        eb(col, "in", db.selectFrom("cohort_members").select("cohort_members.user_id").where("cohort_members.cohort_id", "=", scope.cohort).where("cohort_members.member_role", "=", "trainee")),
      );
    }
    if (scope.trainee) parts.push(eb(col, "=", scope.trainee));
    if (scope.program) {
      parts.push(
        eb(
          col,
          "in",
          db
            .selectFrom("cohort_members")
            .innerJoin("program_assignments", "program_assignments.cohort_id", "cohort_members.cohort_id")
            .select("cohort_members.user_id")
            .where("program_assignments.program_id", "=", scope.program)
            .where("cohort_members.member_role", "=", "trainee"),
        ),
      );
    }
    return eb.and(parts);
  };
}

/**
 * `column IN (attempts done inside the program [module])` when a program is chosen, else true.
 * Attempt-level figures (scores, trends, misses, review times, exports) go through this.
 */
export function programWork(db: Database, scope: Pick<Scope, "program" | "module">, attemptColumn: string) {
  return <D, TB extends keyof D>(eb: ExpressionBuilder<D, TB>) => {
    if (!scope.program) return eb.and([]);
    return eb(
      sql.ref(attemptColumn),
      "in",
      db
        .selectFrom("program_attempts")
        .select("program_attempts.attempt_id")
        .where("program_attempts.program_id", "=", scope.program)
        .$if(!!scope.module, (q) => q.where("program_attempts.module_key", "=", scope.module!)),
    );
  };
}

export type InScope = (column: string) => ReturnType<typeof traineeScope>;
