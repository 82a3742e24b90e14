// Who may see whose work, enforced in the query: a mentor sees the trainees of the cohorts they
// mentor; an admin sees every trainee of their organisation; a trainee sees only themself.
import type { Database } from "~/db/db.server";
import type { UserDTO } from "./user.server";

/** A subquery of the trainee ids `viewer` may see; use it as `where("user_id", "in", visibleTraineeIds(db, viewer))`. */
export function visibleTraineeIds(db: Database, viewer: Pick<UserDTO, "id" | "role" | "orgId">) {
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
export async function visibleCohorts(db: Database, viewer: Pick<UserDTO, "id" | "role" | "orgId">) {
  let q = db.selectFrom("cohorts").select(["cohorts.id", "cohorts.name"]).where("cohorts.org_id", "=", viewer.orgId);
  if (viewer.role !== "admin") {
    q = q.where("cohorts.id", "in", db.selectFrom("cohort_members").select("cohort_id").where("user_id", "=", viewer.id).where("member_role", "=", "mentor"));
  }
  return q.orderBy("cohorts.name").execute();
}

export async function canSeeTrainee(db: Database, viewer: Pick<UserDTO, "id" | "role" | "orgId">, traineeId: string): Promise<boolean> {
  const row = await db.selectFrom("users").select("id").where("id", "=", traineeId).where("id", "in", visibleTraineeIds(db, viewer)).executeTakeFirst();
  return !!row;
}
