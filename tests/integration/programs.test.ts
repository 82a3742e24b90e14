import { afterEach, describe, expect, it } from "vitest";
import type { AnswerKeyEntry } from "~/domain/types";
import { addFinding, submitAttempt } from "~/models/attempt.server";
import { masteryOverview } from "~/models/mastery.server";
import { listNotifications, unreadCount } from "~/models/notification.server";
import { startCategoryPractice, startNextExercise } from "~/models/program-next.server";
import { decideSignOff, getCertificate, programOverview, signOffQueue, SignOffError, traineePrograms } from "~/models/program-progress.server";
import { assignProgram, getProgram, ProgramError, saveProgram } from "~/models/program.server";
import { rawFromSpec } from "~/domain/programs/program";
import { createTestDb, DIALECTS, type TestDb } from "../support/db";
import { smallOrg, submitted } from "../support/org";
import { addCohortMember, removeCohortMember } from "~/models/cohort.server";
import { cohortDashboard } from "~/models/cohort-dashboard.server";
import { prepareExport } from "~/models/export.server";
import { InvalidInputError, NotFoundError } from "~/domain/errors";

const today = new Date().toISOString().slice(0, 10);

/** Submits the trainee's attempt with one finding per flaw of its answer key (a perfect review). */
async function reviewPerfectly(t: TestDb, userId: string, attemptId: string) {
  const row = await t.db.selectFrom("attempts").innerJoin("drafts", "drafts.id", "attempts.draft_id").select(["drafts.answer_key"]).where("attempts.id", "=", attemptId).executeTakeFirstOrThrow();
  for (const f of JSON.parse(row.answer_key) as AnswerKeyEntry[]) {
    await addFinding(t.db, userId, attemptId, { lineFrom: f.lines.from, lineTo: f.lines.to, category: f.category, explanation: f.explanation, confidence: 90, suggestedFix: "", quote: "" });
  }
  await submitAttempt(t.db, userId, attemptId);
}

describe.each(DIALECTS)("programs on %s", (dialect) => {
  let t: TestDb;
  afterEach(async () => {
    await t?.close();
  });

  async function setUp() {
    t = await createTestDb(dialect);
    const o = await smallOrg(t.db);
    const programId = await saveProgram(t.db, o.admin, null, {
      name: "First weeks",
      description: "Code review basics, then loops.",
      modules: [
        { title: "Code review basics", domains: ["software"], difficultyMin: "1", difficultyMax: "3", drafts: "1", minMeanScore: "50", lastN: "1", signOff: true, assigned: o.draftId, dueDays: "7" },
        { title: "Loops", domains: ["software"], focus: "off-by-one", difficultyMin: "1", difficultyMax: "2", drafts: "1", minHitRate: "50", lastN: "1", dueDays: "14" },
      ],
    });
    await assignProgram(t.db, o.admin, programId, o.cohorts.north, today);
    return { o, programId };
  }

  it("a trainee passes module 1 on the assigned draft, a mentor signs off, module 2 unlocks and completing it issues a certificate", async () => {
    const { o, programId } = await setUp();
    let [p] = await traineePrograms(t.db, o.t1.id);
    expect(p.modules.map((m) => m.state)).toEqual(["current", "locked"]);
    expect(await traineePrograms(t.db, o.t3.id)).toEqual([]); // South has no program

    const a1 = await startNextExercise(t.db, o.t1.id, programId);
    expect(await startNextExercise(t.db, o.t1.id, programId)).toBe(a1); // the open one comes back
    expect((await t.db.selectFrom("attempts").select("draft_id").where("id", "=", a1).executeTakeFirstOrThrow()).draft_id).toBe(o.draftId);
    await reviewPerfectly(t, o.t1.id, a1);
    [p] = await traineePrograms(t.db, o.t1.id);
    expect(p.modules.map((m) => m.state)).toEqual(["awaiting-sign-off", "locked"]);
    expect((await masteryOverview(t.db, o.t1.id)).find((m) => m.key === "software/off-by-one")!.percent).toBeGreaterThan(50);

    // mentorB does not mentor North: neither sees nor decides.
    expect(await signOffQueue(t.db, o.mentorB)).toEqual([]);
    const [item] = await signOffQueue(t.db, o.mentorA);
    expect(item).toMatchObject({ trainee: "t1", module: "Code review basics", program: "First weeks" });
    await expect(decideSignOff(t.db, o.mentorB, item.id, "sign-off", "")).rejects.toBeInstanceOf(SignOffError);
    await decideSignOff(t.db, o.mentorA, item.id, "sign-off", "Good start.");
    await expect(decideSignOff(t.db, o.mentorA, item.id, "return", "again")).rejects.toThrow("no longer awaiting sign-off");
    [p] = await traineePrograms(t.db, o.t1.id);
    expect(p.modules.map((m) => m.state)).toEqual(["complete", "current"]);

    // Module 2 focuses on off-by-one: the draft drawn for it contains such a flaw.
    const a2 = await startNextExercise(t.db, o.t1.id, programId);
    const key = (await t.db.selectFrom("attempts").innerJoin("drafts", "drafts.id", "attempts.draft_id").select("drafts.answer_key").where("attempts.id", "=", a2).executeTakeFirstOrThrow()).answer_key;
    expect((JSON.parse(key) as AnswerKeyEntry[]).some((f) => f.category === "off-by-one")).toBe(true);
    await reviewPerfectly(t, o.t1.id, a2);
    [p] = await traineePrograms(t.db, o.t1.id);
    expect(p.modules.map((m) => m.state)).toEqual(["complete", "complete"]);
    const cert = await getCertificate(t.db, p.certificateId!);
    expect(cert).toMatchObject({ trainee: "t1", program: "First weeks", organisation: "Acme" });
    expect(cert!.modules.map((m) => [m.title, m.signedOffBy])).toEqual([["Code review basics", "mentorA"], ["Loops", null]]);
    expect(cert!.modules[1].categories.find((c) => c.category === "off-by-one")!.hitRate).toBe(100);
    expect(await getCertificate(t.db, "0".repeat(32))).toBeNull();
    const notes = await listNotifications(t.db, o.t1.id);
    expect(notes.map((n) => n.kind).sort()).toEqual(["certificate", "sign-off"]);
    expect(await unreadCount(t.db, o.t1.id)).toBe(2);
  });

  it("a returned module is current again with the mentor's note; the overview shows where each trainee stands", async () => {
    const { o, programId } = await setUp();
    const a1 = await startNextExercise(t.db, o.t2.id, programId);
    await reviewPerfectly(t, o.t2.id, a1);
    const [item] = await signOffQueue(t.db, o.mentorA);
    await expect(decideSignOff(t.db, o.mentorA, item.id, "return", "")).rejects.toThrow(/Note: say what/);
    await decideSignOff(t.db, o.mentorA, item.id, "return", "Explain the impact, not only the line.");
    const [p] = await traineePrograms(t.db, o.t2.id);
    expect(p.modules[0]).toMatchObject({ state: "current", completion: { status: "returned", note: "Explain the impact, not only the line." } });
    expect(p.modules[0].rule.submitted).toBe(0); // only drafts after the return count
    expect((await listNotifications(t.db, o.t2.id))[0].title).toMatch(/Returned with a note: Code review basics — Explain the impact/);
    const rows = await programOverview(t.db, o.mentorB);
    expect(rows).toEqual([]); // mentorB mentors only South
    const admin = await programOverview(t.db, o.admin);
    expect(admin.map((r) => [r.trainee, r.module, r.state])).toEqual([["t1", "Code review basics", "current"], ["t2", "Code review basics", "current"]]);
  });

  it("edits are new versions; refuses removing a module with progress and rules that can never pass, naming the field", async () => {
    const { o, programId } = await setUp();
    const a1 = await startNextExercise(t.db, o.t1.id, programId);
    await reviewPerfectly(t, o.t1.id, a1);
    const current = (await getProgram(t.db, o.orgId, programId))!;
    const raw = rawFromSpec(current.spec);
    await expect(saveProgram(t.db, o.admin, programId, { ...raw, modules: raw.modules.slice(1) })).rejects.toThrow("Modules: “Code review basics” cannot be removed — trainees have progress in it.");
    const bad = { ...raw, modules: [{ ...raw.modules[0], minMeanScore: "120" }, raw.modules[1]] };
    const err = await saveProgram(t.db, o.admin, programId, bad).catch((e) => e);
    expect(err).toBeInstanceOf(ProgramError);
    expect((err as ProgramError).errors["modules.0.minMeanScore"]).toMatch(/pass score: 120 is outside 0–100/);
    // Raising the pass score of a module already passed changes nothing that was completed.
    await saveProgram(t.db, o.admin, programId, { ...raw, modules: [{ ...raw.modules[0], title: "Basics (v2)", minMeanScore: "100" }, raw.modules[1]] });
    expect((await getProgram(t.db, o.orgId, programId))!.version).toBe(2);
    const [p] = await traineePrograms(t.db, o.t1.id);
    expect(p.modules[0].state).toBe("awaiting-sign-off");
    const [item] = await signOffQueue(t.db, o.mentorA);
    expect(item.module).toBe("Code review basics");
    await expect(assignProgram(t.db, o.admin, programId, o.cohorts.south, "2026-02-30")).rejects.toThrow("Start date: “2026-02-30” is not a date");
  });

  it("the dashboard and exports narrow to a program and a module: only work done inside it, only its cohorts' trainees", async () => {
    const { o, programId } = await setUp();
    const a1 = await startNextExercise(t.db, o.t1.id, programId);
    await reviewPerfectly(t, o.t1.id, a1);
    await submitted(t.db, o.t1.id, o.draftId, []); // free practice: outside the program
    await submitted(t.db, o.t3.id, o.draftId, []); // South: the program is not assigned there
    const program = (await getProgram(t.db, o.orgId, programId))!;
    const [m1, m2] = program.spec.modules.map((m) => m.key);

    const all = await cohortDashboard(t.db, o.mentorA, { cohort: "all" });
    expect([all.trainees, all.summary.attempts]).toEqual([3, 3]);
    expect(all.programs.map((p) => [p.name, p.modules.map((m) => m.title)])).toEqual([["First weeks", ["Code review basics", "Loops"]]]);

    const inProgram = await cohortDashboard(t.db, o.mentorA, { cohort: "all", program: programId });
    expect([inProgram.trainees, inProgram.summary.attempts]).toEqual([2, 1]); // t1 and t2 (North); t1's one program attempt
    expect(inProgram.summary.meanScore).toBeGreaterThan(90); // the perfect review, not the empty free one
    const hits = inProgram.heatmap.rows.find((r) => r.name === "t1")!;
    expect(hits.cells.some((c) => c !== null && c.flaws > 0 && c.hits === c.flaws)).toBe(true);
    expect((await cohortDashboard(t.db, o.mentorA, { cohort: "all", program: programId, module: m1 })).summary.attempts).toBe(1);
    expect((await cohortDashboard(t.db, o.mentorA, { cohort: "all", program: programId, module: m2 })).summary.attempts).toBe(0);

    const csv = await prepareExport(t.db, o.mentorA, "attempts", { program: programId, module: m1 });
    let text = "";
    for await (const chunk of csv.chunks) text += chunk;
    expect(text.trim().split("\n")).toHaveLength(2); // header + t1's program attempt
    expect(csv.fileName).toContain("first-weeks");

    // mentorB mentors only South, where the program is not assigned: it does not exist for them.
    await expect(cohortDashboard(t.db, o.mentorB, { program: programId })).rejects.toBeInstanceOf(NotFoundError);
    expect((await cohortDashboard(t.db, o.mentorB, {})).programs).toEqual([]);
    const wrongModule = await cohortDashboard(t.db, o.mentorA, { program: programId, module: "not-a-module" }).catch((e) => e);
    expect(wrongModule).toBeInstanceOf(InvalidInputError);
    expect((wrongModule as Error).message).toBe("Invalid filter: that module is not part of First weeks.");
  });

  it("moving a trainee out of and back into a program's cohort says what happens to their work and resets nothing", async () => {
    const { o, programId } = await setUp();
    const a1 = await startNextExercise(t.db, o.t1.id, programId);
    await reviewPerfectly(t, o.t1.id, a1);
    const [item] = await signOffQueue(t.db, o.mentorA);
    await decideSignOff(t.db, o.mentorA, item.id, "sign-off", "");
    expect(await removeCohortMember(t.db, o.orgId, o.cohorts.north, o.t2.id)).toBeNull(); // no work in the program yet
    expect(await removeCohortMember(t.db, o.orgId, o.cohorts.north, o.t1.id)).toBe(
      "t1 left this cohort. Their work in “First weeks” (1 exercise, 1 module complete) is kept, and shows again if they join a cohort running the same program.",
    );
    expect(await traineePrograms(t.db, o.t1.id)).toEqual([]);
    expect(await addCohortMember(t.db, o.orgId, o.cohorts.north, o.t1.id)).toBe("t1 continues where they left off in “First weeks” (1 exercise, 1 module complete).");
    const [p] = await traineePrograms(t.db, o.t1.id);
    expect(p.modules.map((m) => m.state)).toEqual(["complete", "current"]);
  });

  it("'practise this' draws a draft with a flaw of that category", async () => {
    const { o } = await setUp();
    const id = await startCategoryPractice(t.db, o.t3.id, "software/missing-await");
    const key = (await t.db.selectFrom("attempts").innerJoin("drafts", "drafts.id", "attempts.draft_id").select("drafts.answer_key").where("attempts.id", "=", id).executeTakeFirstOrThrow()).answer_key;
    expect((JSON.parse(key) as AnswerKeyEntry[]).some((f) => f.category === "missing-await")).toBe(true);
    await expect(startCategoryPractice(t.db, o.t3.id, "software/nonsense")).rejects.toThrow("Category: “software/nonsense” is not a category");
  });
});
