// Model grading as an organisation's automatic explanation grade (decision 105), over real HTTP
// against the fake model server, on both databases: off by default; when on, the submit does not
// wait for the model, the model's grades then become the automatic explanation grade as a
// visible score revision, the mentor still overrides, the model's failures fall back to the
// matcher with the reason recorded, and calibration compares model and mentor within the page's
// filters.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ScoreBreakdown } from "~/domain/scoring";
import { InvalidInputError } from "~/domain/errors";
import { getAttemptForTrainee } from "~/models/attempt.server";
import { gradingCalibration } from "~/models/calibration.server";
import { gradeAttemptByModel, modelGradingSettled, resumeModelGrading } from "~/models/model-grading.server";
import { organisationSettings, setModelGrading } from "~/models/organisation-settings.server";
import { scoreRevisions } from "~/models/rescore.server";
import { resultsDTO } from "~/models/results.server";
import { publishReview } from "~/models/review.server";
import { LlmClient, makeLlmConfig } from "~/utils/llm.server";
import { createTestDb, DIALECTS, type TestDb } from "../support/db";
import { schemaName, startFakeOpenAI, type FakeOpenAI, type FakeReply } from "../support/fake-openai";
import { smallOrg, submitted } from "../support/org";

const FOUND = { lineFrom: 3, lineTo: 3, category: "off-by-one", explanation: "Off by one: the loop runs n + 1 times, one too many." };
const DELETION = { lineFrom: 10, lineTo: 10, category: "missing-await", explanation: "The insert is gone, so the row is never saved." };
const MODEL = "fake-grader";

const grade = (g: 0 | 1 | 2 | 3): FakeReply => ({ type: "json", value: { coveredKeyPoints: [], grade: g, rationale: `Grade ${g}.` } });

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
  // The server's configured model, as OPENAI_* configure it in production.
  process.env.OPENAI_BASE_URL = fake.baseURL;
  process.env.OPENAI_MODEL = MODEL;
});
afterAll(async () => {
  await fake?.close();
});

const stored = async (t: TestDb, attemptId: string) => {
  const a = await t.db.selectFrom("attempts").selectAll().where("id", "=", attemptId).executeTakeFirstOrThrow();
  return { auto: JSON.parse(a.auto_score!) as ScoreBreakdown, final: JSON.parse(a.final_score!) as ScoreBreakdown, autoTotal: a.auto_total, finalTotal: a.final_total, submittedAt: a.submitted_at! };
};

describe.each(DIALECTS)("model grading as the automatic grade on %s", (dialect) => {
  let t: TestDb;
  afterEach(async () => {
    await modelGradingSettled();
    await t?.close();
  });

  /** Grading on and an attempt submitted; the model holds its first answer until released. */
  const submittedWhileModelHolds = async () => {
    t = await createTestDb(dialect);
    const o = await smallOrg(t.db);
    await setModelGrading(t.db, { id: o.admin.id, orgId: o.orgId }, true, MODEL);
    fake.use([{ type: "hold", then: grade(1) }, grade(1)]);
    const a = await submitted(t.db, o.t3.id, o.draftId, [FOUND, DELETION]);
    await fake.waitForHeld(1);
    return { o, a };
  };

  it("is off by default: the matcher grades and the model is not asked", async () => {
    t = await createTestDb(dialect);
    const o = await smallOrg(t.db);
    fake.use(() => grade(1));
    expect((await organisationSettings(t.db, o.orgId, MODEL)).modelGrading).toBe(false);
    const a = await submitted(t.db, o.t1.id, o.draftId, [FOUND, DELETION]);
    await modelGradingSettled();
    expect(fake.requests).toHaveLength(0);
    const s = await stored(t, a.attemptId);
    expect(s.auto.modelGrading).toBeNull();
    expect(s.auto.flaws.filter((f) => f.findingId).map((f) => f.explanationGradedBy)).toEqual(["matcher", "matcher"]);
  });

  it("cannot be turned on without a configured model, and says so", async () => {
    t = await createTestDb(dialect);
    const o = await smallOrg(t.db);
    const admin = { id: o.admin.id, orgId: o.orgId };
    await expect(setModelGrading(t.db, admin, true, null)).rejects.toThrow(InvalidInputError);
    await expect(setModelGrading(t.db, admin, true, null)).rejects.toThrow(/no model is configured/);
    expect((await organisationSettings(t.db, o.orgId, null)).modelGrading).toBe(false);
  });

  it("when on: the submit does not wait for the model; its grades then become the automatic grade, visibly, and the mentor still overrides", async () => {
    // The model holds its first answer until released: the submit must finish regardless.
    const { o, a } = await submittedWhileModelHolds();
    const early = await stored(t, a.attemptId);
    expect(early.auto.modelGrading).toBeNull();
    const matcherTotal = early.autoTotal!;
    // Before the model answers, the results page says the grading is under way.
    const before = resultsDTO(await getAttemptForTrainee(t.db, o.t3.id, a.attemptId));
    expect(before.score.explanationGrader).toBeNull();

    fake.release();
    await modelGradingSettled();
    expect(fake.requests.every((r) => schemaName(r) === "grade")).toBe(true);
    expect(fake.requests).toHaveLength(2);
    const s = await stored(t, a.attemptId);
    expect(s.auto.modelGrading).toEqual({ model: MODEL, grades: { [a.findingIds[0]]: 1, [a.findingIds[1]]: 1 }, failures: {} });
    expect(s.auto.flaws.filter((f) => f.findingId).map((f) => [f.explanationGradedBy, f.explanationScore])).toEqual([
      ["model", 1 / 3],
      ["model", 1 / 3],
    ]);
    expect(s.autoTotal).toBeLessThan(matcherTotal);
    expect(s.finalTotal).toBe(s.autoTotal);

    // The trainee sees who graded, and the change as a revision naming the model.
    const after = resultsDTO(await getAttemptForTrainee(t.db, o.t3.id, a.attemptId));
    expect(after.score.total).toBe(s.autoTotal);
    expect(after.score.explanationGrader).toBe(`the model ${MODEL}, your organisation's automatic explanation grade`);
    const revisions = await scoreRevisions(t.db, a.attemptId);
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({ model: MODEL, before: matcherTotal, after: s.autoTotal });
    expect(revisions[0].because.join(" ")).toMatch(/graded by the model fake-grader/);

    // Grading again changes nothing: no second revision, no second request.
    fake.use(() => grade(3));
    expect((await gradeAttemptByModel(t.db, a.attemptId)).status).toBe("already");
    expect(fake.requests).toHaveLength(0);
    expect(await scoreRevisions(t.db, a.attemptId)).toHaveLength(1);

    // The mentor grades only the first explanation: theirs wins there, the model's stays on the other.
    const review = {
      feedback: "",
      findings: [
        { findingId: a.findingIds[0], verdict: null, grade: 3 as const, comment: "", unseeded: false },
        { findingId: a.findingIds[1], verdict: null, grade: null, comment: "", unseeded: false },
      ],
    };
    expect((await publishReview(t.db, o.mentorB, a.attemptId, review, 0)).ok).toBe(true);
    const published = await stored(t, a.attemptId);
    expect(published.final.flaws.filter((f) => f.findingId).map((f) => f.explanationGradedBy)).toEqual(["mentor", "model"]);
    expect(published.final.components.explanation).toBeCloseTo((1 + 1 / 3) / 2, 12);

    // Calibration: the model's grades against the mentor's, within the page's filters.
    const c = await gradingCalibration(t.db, { ...o.mentorB }, {});
    expect(c.thirdRater?.overall).toMatchObject({ n: 1, percent: 0 });
    const today = new Date().toISOString().slice(0, 10);
    expect((await gradingCalibration(t.db, { ...o.mentorB }, { domain: "software", from: today, to: today })).thirdRater?.overall.n).toBe(1);
    expect((await gradingCalibration(t.db, { ...o.mentorB }, { domain: "finance" })).thirdRater?.overall.n).toBe(0);
    expect((await gradingCalibration(t.db, { ...o.mentorB }, { from: "2020-01-01", to: "2020-01-31" })).thirdRater?.overall.n).toBe(0);
  });

  it("after a restart, grading left pending is done once (also after the setting was re-saved): no duplicate revision on a second start", async () => {
    // The model holds its answer; the row as it stands now is what a stopped process leaves.
    const { o, a } = await submittedWhileModelHolds();
    const left = await t.db.selectFrom("attempts").select(["auto_score", "auto_total", "final_score", "final_total"]).where("id", "=", a.attemptId).executeTakeFirstOrThrow();
    fake.release();
    await modelGradingSettled();
    // Put the database back as the stop left it: the matcher's grade, no revision.
    await t.db.updateTable("attempts").set(left).where("id", "=", a.attemptId).execute();
    await t.db.deleteFrom("score_revisions").where("attempt_id", "=", a.attemptId).execute();
    expect((await stored(t, a.attemptId)).auto.modelGrading).toBeNull();
    // Before the restart an admin saves "on" again: the setting's save time moves, the time
    // grading was turned on does not, so the attempt is still pending for the sweep.
    await new Promise((r) => setTimeout(r, 5));
    const resaved = await setModelGrading(t.db, { id: o.admin.id, orgId: o.orgId }, true, MODEL);
    expect(resaved.updatedAt! > (await stored(t, a.attemptId)).submittedAt).toBe(true);
    fake.use(() => grade(1));
    // The next start grades it, visibly.
    expect(await resumeModelGrading(t.db)).toBe(1);
    const s = await stored(t, a.attemptId);
    expect(s.auto.modelGrading).toMatchObject({ model: MODEL, failures: {} });
    expect(await scoreRevisions(t.db, a.attemptId)).toHaveLength(1);
    // A second start finds nothing pending and asks the model nothing more.
    const asked = fake.requests.length;
    expect(await resumeModelGrading(t.db)).toBe(0);
    expect(fake.requests).toHaveLength(asked);
    expect(await scoreRevisions(t.db, a.attemptId)).toHaveLength(1);
    // A retry racing a finished grading (a second instance) writes no second revision either.
    expect((await gradeAttemptByModel(t.db, a.attemptId)).status).toBe("already");
  });

  it("falls back to the matcher when the model answers badly or refuses, and records why", async () => {
    t = await createTestDb(dialect);
    const o = await smallOrg(t.db);
    await setModelGrading(t.db, { id: o.admin.id, orgId: o.orgId }, true, MODEL);
    fake.use((req) =>
      JSON.stringify(req.body.messages).includes("insert is gone") ? { type: "refusal", refusal: "I can't help with that." } : { type: "text", content: "{grade: three" },
    );
    const a = await submitted(t.db, o.t1.id, o.draftId, [FOUND, DELETION]);
    const matcherTotal = (await stored(t, a.attemptId)).autoTotal;
    await modelGradingSettled();
    const s = await stored(t, a.attemptId);
    expect(s.auto.modelGrading).toEqual({ model: MODEL, grades: {}, failures: { [a.findingIds[0]]: "invalid_json", [a.findingIds[1]]: "refusal" } });
    expect(s.auto.flaws.filter((f) => f.findingId).map((f) => f.explanationGradedBy)).toEqual(["matcher", "matcher"]);
    // The score stays the matcher's: no revision.
    expect(s.autoTotal).toBe(matcherTotal);
    expect(await scoreRevisions(t.db, a.attemptId)).toHaveLength(0);
    const r = resultsDTO(await getAttemptForTrainee(t.db, o.t1.id, a.attemptId));
    expect(r.score.explanationGrader).toMatch(/could not grade them \(an unreadable answer, a refusal\)/);
  });

  it("falls back to the matcher when the model does not answer in time", async () => {
    t = await createTestDb(dialect);
    const o = await smallOrg(t.db);
    // Submitted while model grading is off; turned on afterwards and graded with a short timeout.
    const a = await submitted(t.db, o.t2.id, o.draftId, [FOUND]);
    await setModelGrading(t.db, { id: o.admin.id, orgId: o.orgId }, true, MODEL);
    fake.use(() => ({ type: "hang" }));
    const slow = new LlmClient(makeLlmConfig({ model: "slow-grader", baseURL: fake.baseURL, timeoutMs: 300, maxRetries: 0 }));
    const outcome = await gradeAttemptByModel(t.db, a.attemptId, { llm: slow });
    expect(outcome).toMatchObject({ status: "graded", revised: false, grading: { model: "slow-grader", grades: {}, failures: { [a.findingIds[0]]: "timeout" } } });
    expect((await stored(t, a.attemptId)).auto.flaws.find((f) => f.findingId)?.explanationGradedBy).toBe("matcher");
  });
});
