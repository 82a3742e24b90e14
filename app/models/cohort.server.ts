import crypto from "node:crypto";
import type { Database } from "~/db/db.server";

export class CohortError extends Error {}

export async function listCohortsWithMembers(db: Database, orgId: string) {
  const cohorts = await db.selectFrom("cohorts").select(["id", "name", "created_at"]).where("org_id", "=", orgId).orderBy("name").execute();
  const members = cohorts.length
    ? await db
        .selectFrom("cohort_members")
        .innerJoin("users", "users.id", "cohort_members.user_id")
        .select(["cohort_members.cohort_id", "cohort_members.member_role", "users.id", "users.name", "users.email", "users.last_active_at", "users.disabled_at"])
        .where("cohort_members.cohort_id", "in", cohorts.map((c) => c.id))
        .orderBy("cohort_members.member_role")
        .orderBy("users.name")
        .execute()
    : [];
  return cohorts.map((c) => ({
    id: c.id,
    name: c.name,
    members: members
      .filter((m) => m.cohort_id === c.id)
      .map((m) => ({ id: m.id, name: m.name, email: m.email, role: m.member_role, lastActive: m.last_active_at, disabled: m.disabled_at !== null })),
  }));
}

export async function createCohort(db: Database, orgId: string, name: string): Promise<string> {
  const taken = await db.selectFrom("cohorts").select("id").where("org_id", "=", orgId).where("name", "=", name).executeTakeFirst();
  if (taken) throw new CohortError(`A cohort called “${name}” already exists.`);
  const id = crypto.randomUUID();
  await db.insertInto("cohorts").values({ id, org_id: orgId, name, created_at: new Date().toISOString() }).execute();
  return id;
}

export async function renameCohort(db: Database, orgId: string, cohortId: string, name: string): Promise<void> {
  const taken = await db.selectFrom("cohorts").select("id").where("org_id", "=", orgId).where("name", "=", name).where("id", "!=", cohortId).executeTakeFirst();
  if (taken) throw new CohortError(`A cohort called “${name}” already exists.`);
  const res = await db.updateTable("cohorts").set({ name }).where("id", "=", cohortId).where("org_id", "=", orgId).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new CohortError("No such cohort.");
}

/**
 * Programs of the cohort in which the trainee has work (program attempts or module results), with
 * how many modules they completed: what an admin must hear about before or after moving them.
 * Progress is keyed by trainee × program, never by cohort, so it is kept either way.
 */
async function programWorkInCohort(db: Database, cohortId: string, userId: string): Promise<{ name: string; attempts: number; complete: number }[]> {
  const programs = await db
    .selectFrom("program_assignments")
    .innerJoin("programs", "programs.id", "program_assignments.program_id")
    .select(["programs.id", "programs.name"])
    .where("program_assignments.cohort_id", "=", cohortId)
    .orderBy("programs.name")
    .execute();
  const out = [];
  for (const p of programs) {
    const [a, c] = await Promise.all([
      db.selectFrom("program_attempts").select((eb) => eb.fn.countAll<number>().as("n")).where("user_id", "=", userId).where("program_id", "=", p.id).executeTakeFirstOrThrow(),
      db.selectFrom("module_completions").select((eb) => eb.fn.countAll<number>().as("n")).where("user_id", "=", userId).where("program_id", "=", p.id).where("status", "=", "complete").executeTakeFirstOrThrow(),
    ]);
    if (Number(a.n) > 0 || Number(c.n) > 0) out.push({ name: p.name, attempts: Number(a.n), complete: Number(c.n) });
  }
  return out;
}

const workText = (w: { name: string; attempts: number; complete: number }) =>
  `“${w.name}” (${w.attempts} exercise${w.attempts === 1 ? "" : "s"}, ${w.complete} module${w.complete === 1 ? "" : "s"} complete)`;

/**
 * Trainees join as trainees; mentors and admins join as mentors (an admin may also mentor).
 * Returns a notice when a trainee joins a cohort running a program they already have work in.
 */
export async function addCohortMember(db: Database, orgId: string, cohortId: string, userId: string): Promise<string | null> {
  const [cohort, user] = await Promise.all([
    db.selectFrom("cohorts").select("id").where("id", "=", cohortId).where("org_id", "=", orgId).executeTakeFirst(),
    db.selectFrom("users").select(["id", "role", "name"]).where("id", "=", userId).where("org_id", "=", orgId).executeTakeFirst(),
  ]);
  if (!cohort) throw new CohortError("No such cohort.");
  if (!user) throw new CohortError("Choose a person from your organisation.");
  const already = await db.selectFrom("cohort_members").select("user_id").where("cohort_id", "=", cohortId).where("user_id", "=", userId).executeTakeFirst();
  if (already) throw new CohortError(`${user.name} is already in this cohort.`);
  await db
    .insertInto("cohort_members")
    .values({ cohort_id: cohortId, user_id: userId, member_role: user.role === "trainee" ? "trainee" : "mentor", added_at: new Date().toISOString() })
    .execute();
  if (user.role !== "trainee") return null;
  const work = await programWorkInCohort(db, cohortId, userId);
  return work.length ? `${user.name} continues where they left off in ${work.map(workText).join(" and ")}.` : null;
}

/**
 * Removes a member. Returns a notice when the trainee has work in a program of this cohort: it is
 * kept (nothing is reset) and shows again when they join a cohort running the same program.
 */
export async function removeCohortMember(db: Database, orgId: string, cohortId: string, userId: string): Promise<string | null> {
  const cohort = await db.selectFrom("cohorts").select("id").where("id", "=", cohortId).where("org_id", "=", orgId).executeTakeFirst();
  if (!cohort) throw new CohortError("No such cohort.");
  const user = await db.selectFrom("users").select(["name", "role"]).where("id", "=", userId).where("org_id", "=", orgId).executeTakeFirst();
  const work = user?.role === "trainee" ? await programWorkInCohort(db, cohortId, userId) : [];
  await db.deleteFrom("cohort_members").where("cohort_id", "=", cohortId).where("user_id", "=", userId).execute();
  if (!user || !work.length) return null;
  return `${user.name} left this cohort. Their work in ${work.map(workText).join(" and ")} is kept, and shows again if they join a cohort running the same program.`;
}
