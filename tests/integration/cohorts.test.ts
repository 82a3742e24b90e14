import { afterEach, describe, expect, it } from "vitest";
import { addCohortMember, CohortError, createCohort, listCohortsWithMembers, removeCohortMember, renameCohort } from "~/models/cohort.server";
import { canSeeTrainee } from "~/models/scope.server";
import { createTestDb, DIALECTS, type TestDb } from "../support/db";
import { smallOrg } from "../support/org";

describe.each(DIALECTS)("cohorts on %s", (dialect) => {
  let t: TestDb;
  afterEach(async () => {
    await t?.close();
  });

  it("creates, renames and refuses duplicate names with a clear message", async () => {
    t = await createTestDb(dialect);
    const o = await smallOrg(t.db);
    const id = await createCohort(t.db, o.orgId, "West");
    await expect(createCohort(t.db, o.orgId, "North")).rejects.toThrow("A cohort called “North” already exists.");
    await expect(renameCohort(t.db, o.orgId, id, "South")).rejects.toBeInstanceOf(CohortError);
    await renameCohort(t.db, o.orgId, id, "West 2");
    expect((await listCohortsWithMembers(t.db, o.orgId)).map((c) => c.name)).toEqual(["North", "South", "West 2"]);
  });

  it("adds trainees as trainees and staff as mentors; membership decides what a mentor sees", async () => {
    t = await createTestDb(dialect);
    const o = await smallOrg(t.db);
    expect(await canSeeTrainee(t.db, o.mentorB, o.t1.id)).toBe(false);
    await addCohortMember(t.db, o.orgId, o.cohorts.north, o.mentorB.id);
    expect(await canSeeTrainee(t.db, o.mentorB, o.t1.id)).toBe(true);
    await expect(addCohortMember(t.db, o.orgId, o.cohorts.north, o.mentorB.id)).rejects.toThrow("mentorB is already in this cohort.");
    const north = (await listCohortsWithMembers(t.db, o.orgId)).find((c) => c.name === "North")!;
    expect(north.members.map((m) => `${m.name}:${m.role}`).sort()).toEqual(["mentorA:mentor", "mentorB:mentor", "t1:trainee", "t2:trainee"]);
    await removeCohortMember(t.db, o.orgId, o.cohorts.north, o.mentorB.id);
    expect(await canSeeTrainee(t.db, o.mentorB, o.t1.id)).toBe(false);
    // Admins see every trainee of the organisation.
    expect(await canSeeTrainee(t.db, o.admin, o.t3.id)).toBe(true);
  });
});
