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

/** Trainees join as trainees; mentors and admins join as mentors (an admin may also mentor). */
export async function addCohortMember(db: Database, orgId: string, cohortId: string, userId: string): Promise<void> {
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
}

export async function removeCohortMember(db: Database, orgId: string, cohortId: string, userId: string): Promise<void> {
  const cohort = await db.selectFrom("cohorts").select("id").where("id", "=", cohortId).where("org_id", "=", orgId).executeTakeFirst();
  if (!cohort) throw new CohortError("No such cohort.");
  await db.deleteFrom("cohort_members").where("cohort_id", "=", cohortId).where("user_id", "=", userId).execute();
}
