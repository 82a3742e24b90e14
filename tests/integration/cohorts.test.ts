import { afterEach, describe, expect, it } from "vitest";
import { addCohortMember, bulkAddMembers, CohortError, cohortDeletionImpact, createCohort, deleteCohort, listCohortsWithMembers, previewBulkAdd, removeCohortMember, renameCohort, setCohortDates } from "~/models/cohort.server";
import { createOrganisation, createUser, setUserDisabled } from "~/models/user.server";
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

  it("adds a pasted list only once confirmed, naming each row that cannot be added and why", async () => {
    t = await createTestDb(dialect);
    const o = await smallOrg(t.db);
    const gone = await createUser(t.db, { orgId: o.orgId, email: "gone@acme.test", name: "Gone", role: "trainee", password: "pw-1234567890" });
    await setUserDisabled(t.db, o.orgId, gone.id, true);
    const list = "email\nT3@acme.test\nt1@acme.test\nnobody@acme.test\nnot-an-address\nmentorB@acme.test\nt3@acme.test\ngone@acme.test\n";
    const preview = await previewBulkAdd(t.db, o.orgId, o.cohorts.north, list);
    expect(preview.rows.map((r) => [r.row, r.person ? `adds ${r.person.name} as ${r.person.role}` : r.problem])).toEqual([
      [2, "adds t3 as trainee"],
      [3, "t1 is already in this cohort"],
      [4, "no one in your organisation has this address; invite them first"],
      [5, "“not-an-address” is not an e-mail address"],
      [6, "adds mentorB as mentor"],
      [7, "t3@acme.test is listed twice (first on row 2)"],
      [8, "Gone is disabled"],
    ]);
    // Nothing is added by the preview.
    const north = () => listCohortsWithMembers(t.db, o.orgId).then((cs) => cs.find((c) => c.name === "North")!.members.map((m) => m.name).sort());
    expect(await north()).toEqual(["mentorA", "t1", "t2"]);
    const done = await bulkAddMembers(t.db, o.orgId, o.cohorts.north, ["t3@acme.test", "mentorb@acme.test"]);
    expect(done).toEqual({ added: 2, notice: "Added 2 people." });
    expect(await north()).toEqual(["mentorA", "mentorB", "t1", "t2", "t3"]);
    // Confirming again adds nobody and says why; another organisation's cohort is unknown.
    await expect(bulkAddMembers(t.db, o.orgId, o.cohorts.north, ["t3@acme.test"])).rejects.toThrow("Nobody was added: t3@acme.test: t3 is already in this cohort.");
    const otherOrg = await createOrganisation(t.db, "Other firm");
    await expect(previewBulkAdd(t.db, otherOrg, o.cohorts.north, "t1@acme.test")).rejects.toThrow("No such cohort.");
  });

  it("keeps dates on a cohort and deletes it saying what goes, refusing while a program is assigned", async () => {
    t = await createTestDb(dialect);
    const o = await smallOrg(t.db);
    await setCohortDates(t.db, o.orgId, o.cohorts.north, { startsOn: "2027-03-01", endsOn: "2027-06-30" });
    expect((await listCohortsWithMembers(t.db, o.orgId)).find((c) => c.name === "North")).toMatchObject({ startsOn: "2027-03-01", endsOn: "2027-06-30", programs: [] });
    expect(await cohortDeletionImpact(t.db, o.orgId, o.cohorts.north)).toEqual({ name: "North", trainees: 2, mentors: 1, programs: [], openInvites: 0 });
    expect(await deleteCohort(t.db, o.orgId, o.cohorts.north)).toBe("Deleted “North”. Its 3 members stay in your organisation with all their work.");
    expect((await listCohortsWithMembers(t.db, o.orgId)).map((c) => c.name)).toEqual(["South"]);
    // The people stay in the organisation; mentorA still sees South's trainee but no longer t1.
    expect(await t.db.selectFrom("users").select("name").where("org_id", "=", o.orgId).where("name", "in", ["t1", "t2"]).execute()).toHaveLength(2);
    expect(await canSeeTrainee(t.db, o.mentorA, o.t1.id)).toBe(false);
    expect(await canSeeTrainee(t.db, o.mentorA, o.t3.id)).toBe(true);

    const now = new Date().toISOString();
    await t.db.insertInto("programs").values({ id: "p1", org_id: o.orgId, name: "Onboarding", current_version: 1, created_at: now, updated_at: now }).execute();
    await t.db.insertInto("program_assignments").values({ id: "pa1", program_id: "p1", cohort_id: o.cohorts.south, start_date: "2027-01-01", created_by: o.admin.id, created_at: now }).execute();
    expect((await cohortDeletionImpact(t.db, o.orgId, o.cohorts.south)).programs).toEqual(["Onboarding"]);
    await expect(deleteCohort(t.db, o.orgId, o.cohorts.south)).rejects.toThrow("“South” runs “Onboarding”; unassign it on the Programs page before deleting the cohort.");
    expect((await listCohortsWithMembers(t.db, o.orgId)).map((c) => c.name)).toEqual(["South"]);
  });
});
