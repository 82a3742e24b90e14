// Mentor dashboards, calibration and exports on both dialects: who sees what (a mentor only the
// trainees of their cohorts, never another organisation's), and the numbers on a small dataset
// built by hand so every figure below can be checked with pencil and paper.
import crypto from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { FIXTURE_PACK, FIXTURE_SOURCE } from "~/domain/generation/fixture-pack";
import { generateDraft } from "~/domain/generation/generate";
import { gradingCalibration } from "~/models/calibration.server";
import { NotFoundError } from "~/domain/errors";
import { cohortDashboard } from "~/models/cohort-dashboard.server";
import { traineeDetail, traineeProgress } from "~/models/progress.server";
import type { Viewer } from "~/models/scope.server";
import { insertDrafts } from "~/models/draft.server";
import { exportCsvText } from "~/models/export.server";
import { createOrganisation, createUser, type UserDTO } from "~/models/user.server";
import { seedLoad } from "../../scripts/seed-load";
import { createTestDb, DIALECTS, type TestDb } from "../support/db";

const NOW = new Date("2026-03-31T12:00:00.000Z");
const at = (day: number, hour = 10) => new Date(Date.UTC(2026, 2, day, hour)).toISOString();
const INJECTION = '=HYPERLINK("http://evil.example","click")';
const MULTILINE = 'He said "no", then\r\nleft';

describe.each(DIALECTS)("mentor dashboards on %s", (dialect) => {
  let t: TestDb;
  afterEach(async () => {
    await t?.close();
  });

  const viewer = (u: UserDTO): Viewer => ({ id: u.id, role: u.role, orgId: u.orgId });

  async function setup() {
    t = await createTestDb(dialect);
    const db = t.db;
    const org = await createOrganisation(db, "Acme");
    const other = await createOrganisation(db, "Elsewhere Ltd");
    const pw = "pw-1234567890";
    const mk = (orgId: string, email: string, name: string, role: "trainee" | "mentor" | "admin") => createUser(db, { orgId, email, name, role, password: pw });
    const admin = await mk(org, "admin@acme.test", "Ada Admin", "admin");
    const mentorA = await mk(org, "ma@acme.test", "Mira Mentor", "mentor");
    const mentorC = await mk(org, "mc@acme.test", "Carl Mentor", "mentor");
    const mentorB = await mk(org, "mb@acme.test", "Bea Mentor", "mentor");
    const ana = await mk(org, "ana@acme.test", "Ana Trainee", "trainee");
    const bo = await mk(org, "bo@acme.test", "Bo Trainee", "trainee");
    const cy = await mk(org, "cy@acme.test", "Cy Trainee", "trainee");
    const zed = await mk(other, "zed@else.test", "Zed Outsider", "trainee");
    const zedMentor = await mk(other, "zm@else.test", "Zoe Mentor", "mentor");

    const cohort = async (orgId: string, name: string, mentors: UserDTO[], trainees: UserDTO[]) => {
      const id = crypto.randomUUID();
      await db.insertInto("cohorts").values({ id, org_id: orgId, name, created_at: at(1) }).execute();
      for (const [list, role] of [[mentors, "mentor"], [trainees, "trainee"]] as const) {
        for (const u of list) await db.insertInto("cohort_members").values({ cohort_id: id, user_id: u.id, member_role: role, added_at: at(1) }).execute();
      }
      return id;
    };
    const cohortA = await cohort(org, "Alpha", [mentorA, mentorC], [ana, bo]);
    const cohortB = await cohort(org, "Beta", [mentorB], [cy]);
    await cohort(other, "Zeta", [zedMentor], [zed]);

    const d1 = generateDraft(FIXTURE_SOURCE, FIXTURE_PACK, { seed: 7, flawCount: 10, categories: ["off-by-one", "missing-await"] });
    const d2 = generateDraft(FIXTURE_SOURCE, FIXTURE_PACK, { seed: 11, flawCount: 10, categories: ["off-by-one", "missing-await"] });
    const [draft1, draft2] = await insertDrafts(db, [
      { ...d1, domain: "software", title: "Sum the first n" },
      { ...d2, domain: "software", title: "Second draft" },
    ]);

    const attempt = async (user: UserDTO, draftId: string, day: number, total: number, extra: { published_at?: string; published_review_id?: string } = {}) => {
      const id = crypto.randomUUID();
      await db
        .insertInto("attempts")
        .values({
          id,
          user_id: user.id,
          draft_id: draftId,
          status: "submitted",
          started_at: at(day, 9),
          first_flag_at: at(day, 9),
          submitted_at: at(day),
          hints_taken: "[]",
          auto_total: total,
          auto_score: "{}",
          final_total: total,
          final_score: "{}",
          domain: "software",
          updated_at: at(day),
          published_at: extra.published_at ?? null,
          published_review_id: extra.published_review_id ?? null,
        })
        .execute();
      return id;
    };
    const finding = async (attemptId: string, autoVerdict: "hit" | "false-positive", flawCategory: string, explanation = "Off by one: the loop runs n + 1 times.") => {
      const id = crypto.randomUUID();
      await db
        .insertInto("findings")
        .values({
          id,
          attempt_id: attemptId,
          line_from: 3,
          line_to: 3,
          quote: null,
          category: flawCategory,
          explanation,
          confidence: 0.8,
          suggested_fix: null,
          created_at: at(2),
          updated_at: at(2),
          auto_verdict: autoVerdict,
          matched_flaw_id: autoVerdict === "hit" ? "f1" : null,
          flaw_category: flawCategory,
        })
        .execute();
      return id;
    };
    const review = async (attemptId: string, mentor: UserDTO, status: "draft" | "published", publishedAt: string | null, verdicts: [string, "correct" | "partly" | "wrong" | null][], feedback = "Good work.") => {
      const id = crypto.randomUUID();
      await db
        .insertInto("reviews")
        .values({ id, attempt_id: attemptId, mentor_id: mentor.id, status, feedback, based_on_version: 0, created_at: at(3), updated_at: at(3), published_at: publishedAt })
        .execute();
      for (const [findingId, verdict] of verdicts) {
        await db.insertInto("finding_reviews").values({ review_id: id, finding_id: findingId, verdict, grade: null, comment: "", unseeded: 0, updated_at: at(3) }).execute();
      }
      return id;
    };
    const flawResult = (attemptId: string, user: UserDTO, draftId: string, flawId: string, category: string, detected: 0 | 1, day: number) =>
      db.insertInto("flaw_results").values({ attempt_id: attemptId, flaw_id: flawId, user_id: user.id, draft_id: draftId, domain: "software", category, severity: 2, detected, submitted_at: at(day) }).execute();

    // Ana: a1 (published by Mira, 10 h after submission), a3 (open). Bo: a2 (published by Carl, 30 h).
    // Cy (other cohort): c1 open. Zed (other organisation): z1.
    const a1 = await attempt(ana, draft1, 10, 60);
    const a2 = await attempt(bo, draft1, 12, 80);
    const a3 = await attempt(ana, draft2, 20, 70);
    const c1 = await attempt(cy, draft2, 15, 40);
    const z1 = await attempt(zed, draft1, 15, 99);
    // An attempt outside the default 12-week period (before 7 Jan 2026).
    const old = await attempt(ana, draft2, 1, 10);
    await db.updateTable("attempts").set({ submitted_at: "2025-12-01T10:00:00.000Z" }).where("id", "=", old).execute();

    const f1 = await finding(a1, "hit", "off-by-one");
    const f2 = await finding(a1, "hit", "off-by-one");
    const f3 = await finding(a1, "false-positive", "wrong-comparison", INJECTION);
    const f4 = await finding(a1, "hit", "off-by-one", MULTILINE);
    const bFindings = [];
    for (let i = 0; i < 5; i++) bFindings.push(await finding(a2, "hit", "missing-await"));
    const cyFinding = await finding(c1, "hit", "off-by-one", "CYSECRET explanation");
    const zedFinding = await finding(z1, "hit", "off-by-one", "ZEDSECRET explanation");

    // Mira publishes a1: f1 kept (null), f2 partly, f3 no row (kept), f4 wrong.
    const r1 = await review(a1, mentorA, "published", at(10, 20), [
      [f1, null],
      [f2, "partly"],
      [f4, "wrong"],
    ]);
    await db.updateTable("attempts").set({ published_at: at(10, 20), published_review_id: r1 }).where("id", "=", a1).execute();
    // Carl's draft review of a1: f1 correct, f2 partly, f3 correct; f4 untouched.
    await review(a1, mentorC, "draft", null, [
      [f1, "correct"],
      [f2, "partly"],
      [f3, "correct"],
    ]);
    // Carl publishes a2 (Bo): four of five hits only "partly".
    const r2 = await review(a2, mentorC, "published", at(13, 16), [
      [bFindings[0], "partly"],
      [bFindings[1], "partly"],
      [bFindings[2], "partly"],
      [bFindings[3], "partly"],
      [bFindings[4], null],
    ], "Watch the awaits.");
    await db.updateTable("attempts").set({ published_at: at(13, 16), published_review_id: r2 }).where("id", "=", a2).execute();
    // Outside Alpha: Bea publishes Cy's attempt; Zoe publishes Zed's.
    const rc = await review(c1, mentorB, "published", at(16), [[cyFinding, "wrong"]], "CYSECRET feedback");
    await db.updateTable("attempts").set({ published_at: at(16), published_review_id: rc }).where("id", "=", c1).execute();
    const rz = await review(z1, zedMentor, "published", at(16), [[zedFinding, "wrong"]], "ZEDSECRET feedback");
    await db.updateTable("attempts").set({ published_at: at(16), published_review_id: rz }).where("id", "=", z1).execute();

    // Flaw results (the seeded flaws of each attempt): draft1 f1 missed by a1 and a2; draft1 f2
    // found by a1, missed by a2; Cy and Zed miss everything.
    await flawResult(a1, ana, draft1, "f1", "off-by-one", 0, 10);
    await flawResult(a1, ana, draft1, "f2", "missing-await", 1, 10);
    await flawResult(a2, bo, draft1, "f1", "off-by-one", 0, 12);
    await flawResult(a2, bo, draft1, "f2", "missing-await", 0, 12);
    await flawResult(c1, cy, draft2, "f1", "off-by-one", 0, 15);
    await flawResult(z1, zed, draft1, "f2", "missing-await", 0, 15);

    // Maintained tallies (as aggregates.server.ts keeps them).
    const stats = (user: UserDTO, findings: number, fps: number, fal: number, nfl: number) =>
      db
        .insertInto("trainee_stats")
        .values({ user_id: user.id, attempts: 1, total_sum: 50, flaws: 4, hits: 2, false_alarm_lines: fal, non_flaw_lines: nfl, findings, false_positives: fps, last_submitted_at: at(20) })
        .execute();
    await stats(ana, 4, 1, 2, 40);
    await stats(bo, 5, 0, 0, 50);
    await stats(cy, 1, 0, 0, 30);
    await stats(zed, 10, 9, 20, 40);
    const cat = (user: UserDTO, domain: string, category: string, flaws: number, hits: number) => db.insertInto("trainee_category_stats").values({ user_id: user.id, domain, category, flaws, hits }).execute();
    await cat(ana, "software", "off-by-one", 4, 3);
    await cat(ana, "software", "drift-from-brief", 2, 2);
    await cat(ana, "legal", "drift-from-brief", 2, 1);
    await cat(bo, "software", "missing-await", 5, 1);
    await cat(cy, "software", "off-by-one", 3, 0);
    await cat(zed, "software", "off-by-one", 9, 9);

    return { db, admin, mentorA, mentorB, mentorC, ana, bo, cy, zed, cohortA, cohortB, a1, a2, a3, c1, z1, old, draft1 };
  }

  it("shows a mentor only the trainees of their cohorts, in every part of the overview", async () => {
    const s = await setup();
    const d = await cohortDashboard(s.db, viewer(s.mentorA), {}, NOW);
    expect(d.trainees).toBe(2);
    expect(d.heatmap.rows.map((r) => r.name)).toEqual(["Ana Trainee", "Bo Trainee"]);
    expect(d.trend.series.map((r) => r.name)).toEqual(["Ana Trainee", "Bo Trainee"]);
    expect(d.overFlagging.map((r) => r.name).sort()).toEqual(["Ana Trainee", "Bo Trainee"]);
    expect(d.cohorts.map((c) => c.name)).toEqual(["Alpha"]);
    // Reviews per mentor: Alpha's mentors only; open = Ana's a3 and her December attempt (a1, a2 published).
    expect(d.reviews.map((m) => [m.name, m.open]).sort()).toEqual([
      ["Carl Mentor", 2],
      ["Mira Mentor", 2],
    ]);
    const json = JSON.stringify(d);
    for (const secret of ["Cy Trainee", "Zed Outsider", "Bea Mentor", "Zoe Mentor", "ZEDSECRET", "CYSECRET"]) expect(json).not.toContain(secret);

    const b = await cohortDashboard(s.db, viewer(s.mentorB), {}, NOW);
    expect(b.heatmap.rows.map((r) => r.name)).toEqual(["Cy Trainee"]);
    expect(JSON.stringify(b)).not.toContain("Ana Trainee");

    const adm = await cohortDashboard(s.db, viewer(s.admin), {}, NOW);
    expect(adm.heatmap.rows.map((r) => r.name)).toEqual(["Ana Trainee", "Bo Trainee", "Cy Trainee"]);
    expect(JSON.stringify(adm)).not.toContain("Zed Outsider");

    // Naming a cohort or trainee out of sight is "not found", whether or not it exists.
    await expect(cohortDashboard(s.db, viewer(s.mentorA), { cohort: s.cohortB }, NOW)).rejects.toBeInstanceOf(NotFoundError);
    await expect(cohortDashboard(s.db, viewer(s.mentorA), { trainee: s.cy.id }, NOW)).rejects.toBeInstanceOf(NotFoundError);
    await expect(cohortDashboard(s.db, viewer(s.mentorA), { cohort: "no-such-cohort" }, NOW)).rejects.toBeInstanceOf(NotFoundError);
    const narrowed = await cohortDashboard(s.db, viewer(s.admin), { cohort: s.cohortB }, NOW);
    expect(narrowed.heatmap.rows.map((r) => r.name)).toEqual(["Cy Trainee"]);
  });

  it("computes the heatmap, trend, misses, over-flagging and review times from the hand-built data", async () => {
    const s = await setup();
    const d = await cohortDashboard(s.db, viewer(s.mentorA), {}, NOW);
    expect(d.period).toMatchObject({ from: "2026-01-07", to: "2026-03-31", isDefault: true });

    // Heatmap: drift-from-brief merges software 2/2 and legal 2/1 into one column, 4/3.
    const col = (c: string) => d.heatmap.columns.findIndex((x) => x.category === c);
    const ana = d.heatmap.rows.find((r) => r.name === "Ana Trainee")!;
    expect(ana.cells[col("drift-from-brief")]).toEqual({ flaws: 4, hits: 3 });
    expect(ana.cells[col("off-by-one")]).toEqual({ flaws: 4, hits: 3 });
    expect(ana.cells[col("missing-await")]).toBeNull();
    expect(ana.overall).toEqual({ flaws: 8, hits: 6 });
    expect(d.heatmap.columns.find((c) => c.category === "drift-from-brief")?.group).toBe("Across domains");
    const legal = await cohortDashboard(s.db, viewer(s.mentorA), { domain: "legal" }, NOW);
    expect(legal.heatmap.rows.find((r) => r.name === "Ana Trainee")!.cells).toEqual([{ flaws: 2, hits: 1 }]);

    // Trend: three attempts in the period (Ana 60 and 70, Bo 80); the December one is outside.
    expect(d.summary.attempts).toBe(3);
    expect(d.summary.meanScore).toBe(70);
    expect(d.trend.series.find((x) => x.name === "Ana Trainee")!.mean).toBe(65);
    const all = await cohortDashboard(s.db, viewer(s.mentorA), { from: "2025-11-01", to: "2026-03-31" }, NOW);
    expect(all.summary.attempts).toBe(4);

    // Most missed: draft 1's f1 missed 2 of 2, f2 missed 1 of 2 (Cy's and Zed's results do not count).
    expect(d.missedFlaws.map((f) => [f.flawId, f.misses, f.results])).toEqual([
      ["f1", 2, 2],
      ["f2", 1, 2],
    ]);
    expect(d.missedFlaws[0].title).toBe("Sum the first n");
    expect(d.missedCategories.map((c) => [c.category, c.misses, c.flaws])).toEqual([
      ["off-by-one", 2, 2],
      ["missing-await", 1, 2],
    ]);

    // Over-flagging: Ana 1 of 4 findings, 2 of 40 clean lines; Bo none.
    expect(d.overFlagging[0]).toMatchObject({ name: "Ana Trainee", falsePositiveShare: 0.25, falseAlarmRate: 0.05 });

    // Review times: Mira 10 h (a1), Carl 30 h (a2); median over both 20 h.
    expect(d.summary.medianHoursToReview).toBe(20);
    expect(d.reviews.find((m) => m.name === "Mira Mentor")).toMatchObject({ publishedInPeriod: 1, medianHoursToReview: 10, inProgress: 0 });
    expect(d.reviews.find((m) => m.name === "Carl Mentor")).toMatchObject({ publishedInPeriod: 1, medianHoursToReview: 30, inProgress: 0 });
    // Open reviews are counted now, whatever the period: a3 and the December attempt.
    expect(d.summary.open).toBe(2);
  });

  it("opens a trainee's detail only for mentors who may see them", async () => {
    const s = await setup();
    expect(await traineeDetail(s.db, viewer(s.mentorA), s.cy.id)).toBeNull();
    expect(await traineeDetail(s.db, viewer(s.mentorA), s.zed.id)).toBeNull();
    expect(await traineeDetail(s.db, viewer(s.mentorA), "no-such-user")).toBeNull();
    const d = (await traineeDetail(s.db, viewer(s.mentorA), s.ana.id))!;
    expect(d.trainee).toMatchObject({ name: "Ana Trainee", cohorts: ["Alpha"] });
    expect(d.summary).toMatchObject({ attempts: 3, reviewed: 1, awaitingReview: 2, hitRate: 0.5, falsePositiveShare: 0.25 });
    expect(d.feedback).toEqual([expect.objectContaining({ mentor: "Mira Mentor", feedback: "Good work." })]);
    expect(d.trend.points.map((p) => p.value)).toEqual([10, 60, 70]);
    // The trainee's own progress page shows the same figures as their mentor's page about them.
    const own = await traineeProgress(s.db, viewer(s.ana));
    expect(own).toEqual({ summary: d.summary, trend: d.trend, categories: d.categories, strongest: d.strongest, weakest: d.weakest, ranked: d.ranked, allEqualRate: d.allEqualRate });
    expect(own.categories.length).toBeGreaterThan(0);
    expect((await traineeDetail(s.db, viewer(s.admin), s.cy.id))?.trainee.name).toBe("Cy Trainee");
  });

  it("measures agreement between the scorer and mentors, and between mentors", async () => {
    const s = await setup();
    const c = await gradingCalibration(s.db, viewer(s.mentorA), {});
    // a1: auto c c w c vs Mira c p w w (2 of 4); a2: auto c×5 vs Carl p p p p c (1 of 5).
    // All 9: auto correct 8, wrong 1; mentor correct 2, partly 5, wrong 2; agreed 3.
    // p_o = 3/9; p_e = 8/9·2/9 + 1/9·2/9 = 18/81 = 2/9; kappa = (3/9 − 2/9) / (7/9) = 1/7.
    expect(c.autoVsMentor.overall.n).toBe(9);
    expect(c.autoVsMentor.overall.percent).toBeCloseTo(3 / 9, 10);
    expect(c.autoVsMentor.overall.kappa).toBeCloseTo(1 / 7, 10);
    expect(c.autoVsMentor.matrix.counts).toEqual([
      [2, 5, 1],
      [0, 0, 0],
      [0, 0, 1],
    ]);
    // Off-by-one (a1's three hits): c/c, c/p, c/w ⇒ 1 of 3, kappa 0; too few to flag.
    const obo = c.autoVsMentor.categories.find((x) => x.key === "software/off-by-one")!;
    expect(obo).toMatchObject({ n: 3, kappa: 0, flagged: false });
    // Missing await (a2): 1 of 5 agree, kappa 0 on five findings ⇒ flagged for content authors.
    expect(c.autoVsMentor.flagged.map((x) => x.key)).toEqual(["software/missing-await"]);
    expect(c.autoVsMentor.flagged[0].topDisagreement).toBe("automatic correct → mentor partly (4)");

    // Mira (published) vs Carl (draft) on a1: f1 c/c, f2 p/p, f3 w/c; f4 untouched by Carl.
    // p_o = 2/3; p_e = 1/3·2/3 + 1/3·1/3 + 1/3·0 = 1/3; kappa = 1/2.
    expect(c.betweenMentors.overall.n).toBe(3);
    expect(c.betweenMentors.overall.kappa).toBeCloseTo(0.5, 10);
    expect(c.betweenMentors.attempts).toBe(1);

    // Cy's and Zed's reviews never count for Mira.
    const b = await gradingCalibration(s.db, viewer(s.mentorB), {});
    expect(b.autoVsMentor.overall.n).toBe(1);
    const adm = await gradingCalibration(s.db, viewer(s.admin), {});
    expect(adm.autoVsMentor.overall.n).toBe(10);
  });

  it("exports only the viewer's trainees, quoted per RFC 4180 and safe from formula injection", async () => {
    const s = await setup();
    const attempts = await exportCsvText(s.db, viewer(s.mentorA), "attempts", {});
    const lines = attempts.split("\r\n");
    expect(lines[0]).toMatch(/^attempt_id,trainee_id,trainee,cohorts,domain/);
    expect(lines).toHaveLength(1 + 4 + 1); // header, Ana ×3, Bo ×1, final empty string after the last CRLF
    for (const id of [s.a1, s.a2, s.a3, s.old]) expect(attempts).toContain(id);
    for (const id of [s.c1, s.z1]) expect(attempts).not.toContain(id);
    expect(attempts).not.toMatch(/Cy Trainee|Zed Outsider/);

    const findings = await exportCsvText(s.db, viewer(s.mentorA), "findings", {});
    expect(findings).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(findings).toContain(`"He said ""no"", then\r\nleft"`);
    expect(findings).not.toMatch(/CYSECRET|ZEDSECRET/);
    // The published review's verdicts only: Carl's draft "correct" on f3 is not exported.
    const f3 = findings.split("\r\n").find((l) => l.includes("HYPERLINK"))!;
    expect(f3.endsWith(",false-positive,,wrong-comparison,,,,")).toBe(true);
    expect(findings.split("\r\n").filter((l) => l.includes(",partly,")).length).toBe(5); // a1's f2, four of a2

    const reviews = await exportCsvText(s.db, viewer(s.mentorA), "reviews", {});
    expect(reviews).toContain("Mira Mentor,published");
    expect(reviews).toContain("Carl Mentor,published");
    expect(reviews).not.toContain("Carl Mentor,draft"); // another mentor's unfinished draft
    expect(reviews).not.toMatch(/CYSECRET|ZEDSECRET|Bea Mentor/);
    const carls = await exportCsvText(s.db, viewer(s.mentorC), "reviews", {});
    expect(carls).toContain("Carl Mentor,draft");

    // Filters: a trainee out of sight is not found; a period narrows.
    await expect(exportCsvText(s.db, viewer(s.mentorA), "attempts", { trainee: s.cy.id })).rejects.toBeInstanceOf(NotFoundError);
    const march = await exportCsvText(s.db, viewer(s.mentorA), "attempts", { from: "2026-03-11", to: "2026-03-31", trainee: s.ana.id });
    expect(march.split("\r\n").filter(Boolean)).toHaveLength(2);
    expect(march).toContain(s.a3);
  });

  it("seed:load writes the same aggregates the app maintains", async () => {
    t = await createTestDb(dialect);
    const db = t.db;
    const summary = await seedLoad(db, { attempts: 300, traineesPerCohort: 10, attemptsPerTrainee: 15, drafts: 20 }, () => {});
    expect(summary).toMatchObject({ trainees: 20, cohorts: 2, attempts: 300 });
    expect(summary.findings).toBeGreaterThan(600);
    await expect(seedLoad(db, { attempts: 10 }, () => {})).rejects.toThrow(/empty database/);

    const num = (x: unknown) => Number(x ?? 0);
    const fromResults = await db
      .selectFrom("flaw_results")
      .select((eb) => ["user_id", "domain", "category", eb.fn.countAll<number>().as("n"), eb.fn.sum<number>("detected").as("hits")])
      .groupBy(["user_id", "domain", "category"])
      .execute();
    const tallies = await db.selectFrom("trainee_category_stats").selectAll().execute();
    const key = (r: { user_id: string; domain: string; category: string }) => `${r.user_id}/${r.domain}/${r.category}`;
    expect(new Map(tallies.map((r) => [key(r), [num(r.flaws), num(r.hits)]]))).toEqual(new Map(fromResults.map((r) => [key(r), [num(r.n), num(r.hits)]])));

    const perUser = await db
      .selectFrom("attempts")
      .select((eb) => ["user_id", eb.fn.countAll<number>().as("n"), eb.fn.sum<number>("final_total").as("total")])
      .where("status", "=", "submitted")
      .groupBy("user_id")
      .execute();
    const findings = await db
      .selectFrom("findings")
      .innerJoin("attempts", "attempts.id", "findings.attempt_id")
      .select((eb) => ["attempts.user_id", eb.fn.countAll<number>().as("n")])
      .groupBy("attempts.user_id")
      .execute();
    const stats = new Map((await db.selectFrom("trainee_stats").selectAll().execute()).map((r) => [r.user_id, r]));
    // Against the stored final scores, counted here without the app's tally code.
    const scores = await db.selectFrom("attempts").select(["user_id", "final_score"]).where("status", "=", "submitted").execute();
    const fromScores = new Map<string, { flaws: number; hits: number; falsePositives: number }>();
    for (const r of scores) {
      const sc = JSON.parse(r.final_score!) as { flaws: { status: string }[]; falsePositives: string[] };
      const cur = fromScores.get(r.user_id) ?? { flaws: 0, hits: 0, falsePositives: 0 };
      cur.flaws += sc.flaws.length;
      cur.hits += sc.flaws.filter((f) => f.status !== "missed").length;
      cur.falsePositives += sc.falsePositives.length;
      fromScores.set(r.user_id, cur);
    }
    for (const [userId, c] of fromScores) {
      const st = stats.get(userId)!;
      expect({ flaws: num(st.flaws), hits: num(st.hits), falsePositives: num(st.false_positives) }).toEqual(c);
    }
    for (const u of perUser) {
      const st = stats.get(u.user_id)!;
      expect(num(st.attempts)).toBe(num(u.n));
      expect(num(st.total_sum)).toBeCloseTo(num(u.total), 1);
      expect(num(st.findings)).toBe(num(findings.find((f) => f.user_id === u.user_id)?.n));
    }
    const unscored = await db.selectFrom("findings").select("id").where("auto_verdict", "is", null).execute();
    expect(unscored).toHaveLength(0);
    const dangling = await db
      .selectFrom("attempts")
      .leftJoin("reviews", "reviews.id", "attempts.published_review_id")
      .select("attempts.id")
      .where("attempts.published_at", "is not", null)
      .where((eb) => eb.or([eb("reviews.status", "is", null), eb("reviews.status", "!=", "published")]))
      .execute();
    expect(dangling).toHaveLength(0);
  });
});
