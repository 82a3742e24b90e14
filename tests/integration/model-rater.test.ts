import { afterEach, describe, expect, it } from "vitest";
import { gradingCalibration } from "~/models/calibration.server";
import { recordSuggestion } from "~/models/model-rater.server";
import { publishReview } from "~/models/review.server";
import { createTestDb, DIALECTS, type TestDb } from "../support/db";
import { smallOrg, submitted } from "../support/org";

const FOUND = { lineFrom: 3, lineTo: 3, category: "off-by-one", explanation: "Off by one: the loop runs n + 1 times, one too many." };
const DELETION = { lineFrom: 10, lineTo: 10, category: "missing-await", explanation: "The insert is gone, so the row is never saved." };

describe.each(DIALECTS)("model grades in calibration on %s", (dialect) => {
  let t: TestDb;
  afterEach(async () => {
    await t?.close();
  });

  it("compares the model's grade with the mentor's published grade on the same findings, within the mentor's scope", async () => {
    t = await createTestDb(dialect);
    const o = await smallOrg(t.db);
    const a = await submitted(t.db, o.t3.id, o.draftId, [FOUND, DELETION]);
    await recordSuggestion(t.db, a.findingIds[0], { model: "m-1", grade: 3, rationale: "Covers both key points." });
    await recordSuggestion(t.db, a.findingIds[1], { model: "m-1", grade: 1, rationale: "Names the spot only." });
    // A second suggestion for the same finding and model replaces the first.
    await recordSuggestion(t.db, a.findingIds[1], { model: "m-1", grade: 2, rationale: "Says what is wrong." });
    const review = (g0: 0 | 1 | 2 | 3, g1: 0 | 1 | 2 | 3) => ({
      feedback: "",
      findings: [
        { findingId: a.findingIds[0], verdict: null, grade: g0, comment: "", unseeded: false },
        { findingId: a.findingIds[1], verdict: null, grade: g1, comment: "", unseeded: false },
      ],
    });
    // Not published yet: no pairs.
    const before = await gradingCalibration(t.db, { ...o.mentorB }, {});
    expect(before.thirdRater?.overall.n).toBe(0);
    expect((await publishReview(t.db, o.mentorB, a.attemptId, review(3, 1), 0)).ok).toBe(true);
    const c = await gradingCalibration(t.db, { ...o.mentorB }, {});
    expect(c.thirdRater?.name).toBe("Model grade suggestions");
    // Model 3 vs mentor 3 agree, model 2 vs mentor 1 do not: 50 %.
    expect(c.thirdRater?.overall).toMatchObject({ n: 2, percent: 0.5 });
    // The model section honours the page's domain and period filters, like the rest of the page.
    const today = new Date().toISOString().slice(0, 10);
    expect((await gradingCalibration(t.db, { ...o.mentorB }, { domain: "software" })).thirdRater?.overall.n).toBe(2);
    expect((await gradingCalibration(t.db, { ...o.mentorB }, { domain: "finance" })).thirdRater?.overall.n).toBe(0);
    expect((await gradingCalibration(t.db, { ...o.mentorB }, { from: today, to: today })).thirdRater?.overall.n).toBe(2);
    expect((await gradingCalibration(t.db, { ...o.mentorB }, { from: "2020-01-01", to: "2020-01-31" })).thirdRater?.overall.n).toBe(0);
    // mentorA also sees South; a mentor of neither cohort would see nothing — t3 is only in South.
    await t.db.deleteFrom("cohort_members").where("user_id", "=", o.mentorA.id).where("cohort_id", "=", o.cohorts.south).execute();
    expect((await gradingCalibration(t.db, { ...o.mentorA }, {})).thirdRater?.overall.n).toBe(0);
  });
});
