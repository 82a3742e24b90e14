// A published review never changes silently: autosave and group grading leave it as the trainee saw
// it; a change is a new revision that is rescored, audited, published again and marked as revised.
import { afterEach, describe, expect, it } from "vitest";
import { gradeGroup } from "~/models/groups.server";
import { auditTrail, loadSubmittedAttempt, publishedFeedback, publishReview, saveReviewDraft } from "~/models/review.server";
import { reviewDTO } from "~/models/review-view.server";
import { createTestDb, DIALECTS, type TestDb } from "../support/db";
import { smallOrg, submitted } from "../support/org";

const OFF_BY_ONE = { lineFrom: 3, lineTo: 3, category: "off-by-one", explanation: "Off by one: the loop runs n + 1 times, one too many." };
const FALSE_ALARM = { lineFrom: 6, lineTo: 6, category: "off-by-one", explanation: "Returning total here looks suspicious to me." };

describe.each(DIALECTS)("review revisions on %s", (dialect) => {
  let t: TestDb;
  afterEach(async () => {
    await t?.close();
  });

  const traineeView = async (mentor: Parameters<typeof loadSubmittedAttempt>[1], attemptId: string) => {
    const { attempt } = await loadSubmittedAttempt(t.db, mentor, attemptId);
    return { total: attempt.final_total, seen: attempt.feedback_seen_at, feedback: await publishedFeedback(t.db, attempt) };
  };

  it("keeps the published review as the trainee saw it while the mentor edits, and publishes the change as a marked revision", async () => {
    t = await createTestDb(dialect);
    const o = await smallOrg(t.db);
    const a = await submitted(t.db, o.t1.id, o.draftId, [OFF_BY_ONE, FALSE_ALARM]);
    const first = {
      feedback: "Good catch on the loop.",
      findings: [
        { findingId: a.findingIds[0], verdict: null, grade: 3 as const, comment: "Clear.", unseeded: false },
        { findingId: a.findingIds[1], verdict: null, grade: null, comment: "", unseeded: false },
      ],
    };
    const published = await publishReview(t.db, o.mentorA, a.attemptId, first, 0);
    expect(published).toMatchObject({ ok: true, revision: 1, unchanged: false });
    await t.db.updateTable("attempts").set({ feedback_seen_at: new Date().toISOString() }).where("id", "=", a.attemptId).execute();
    const seenByTrainee = await traineeView(o.mentorA, a.attemptId);

    // The review page's autosave after publishing: new feedback, the false alarm now "correct".
    const edit = {
      feedback: "On reflection, the second finding is a real problem too.",
      findings: [
        { findingId: a.findingIds[0], verdict: null, grade: 2 as const, comment: "Clear.", unseeded: false },
        { findingId: a.findingIds[1], verdict: "correct" as const, grade: null, comment: "Fair point.", unseeded: true },
      ],
    };
    await saveReviewDraft(t.db, o.mentorA, a.attemptId, edit);
    const duringEdit = await traineeView(o.mentorA, a.attemptId);
    expect(duringEdit).toEqual(seenByTrainee);
    expect(duringEdit.feedback?.feedback).toBe("Good catch on the loop.");
    expect(duringEdit.feedback?.findings[a.findingIds[0]]?.grade).toBe(3);
    expect(duringEdit.feedback?.revised).toBeNull();

    // The mentor sees their pending revision, not the published one.
    const mentorPage = await reviewDTO(t.db, o.mentorA, a.attemptId);
    expect(mentorPage.mine).toMatchObject({ status: "published", revision: 1, revising: true, feedback: edit.feedback });
    expect(mentorPage.findings.find((f) => f.id === a.findingIds[1])?.mine.verdict).toBe("correct");

    // Publishing again: a new revision, rescored, audited, the trainee notified and the result marked.
    const republished = await publishReview(t.db, o.mentorA, a.attemptId, edit, mentorPage.attempt.version);
    expect(republished).toMatchObject({ ok: true, revision: 2, unchanged: false });
    const after = await traineeView(o.mentorA, a.attemptId);
    expect(after.feedback?.feedback).toBe(edit.feedback);
    expect(after.seen).toBeNull();
    expect(after.total).not.toBe(seenByTrainee.total);
    expect(after.feedback?.revised).toMatchObject({ previousTotal: seenByTrainee.total, total: after.total });
    const trail = await auditTrail(t.db, a.attemptId);
    expect(trail.map((e) => e.action)).toContain("publish revision 2");
    expect(trail.map((e) => e.action)).toContain("revision 2: feedback");
    const revisions = await t.db.selectFrom("review_revisions").select(["revision", "feedback", "total"]).where("attempt_id", "=", a.attemptId).orderBy("revision").execute();
    expect(revisions).toEqual([
      { revision: 1, feedback: "Good catch on the loop.", total: seenByTrainee.total },
      { revision: 2, feedback: edit.feedback, total: after.total },
    ]);

    // Publishing with nothing changed makes no new revision.
    const again = await publishReview(t.db, o.mentorA, a.attemptId, edit, republished.ok ? mentorPage.attempt.version + 1 : 0);
    expect(again).toMatchObject({ ok: true, revision: 2, unchanged: true });
  });

  it("group grading never changes a published review and lists what it left alone", async () => {
    t = await createTestDb(dialect);
    const o = await smallOrg(t.db);
    const a1 = await submitted(t.db, o.t1.id, o.draftId, [OFF_BY_ONE]);
    const a2 = await submitted(t.db, o.t2.id, o.draftId, [OFF_BY_ONE]);
    await publishReview(t.db, o.mentorA, a1.attemptId, { feedback: "Spot on.", findings: [{ findingId: a1.findingIds[0], verdict: null, grade: 3, comment: "", unseeded: false }] }, 0);
    const before = await traineeView(o.mentorA, a1.attemptId);
    const result = await gradeGroup(t.db, o.mentorA, o.draftId, [a1.findingIds[0], a2.findingIds[0]], null, 2);
    expect(result).toEqual({ graded: 1, skipped: [{ trainee: "t1", attemptId: a1.attemptId, findings: 1 }] });
    const after = await traineeView(o.mentorA, a1.attemptId);
    expect(after).toEqual(before);
    expect(after.feedback?.findings[a1.findingIds[0]]?.grade).toBe(3);
    // The unpublished attempt got the grade in the mentor's draft.
    const draftRow = await t.db.selectFrom("finding_reviews").select("grade").where("finding_id", "=", a2.findingIds[0]).executeTakeFirstOrThrow();
    expect(draftRow.grade).toBe(2);
  });

  it("a category the mentor marks wrong after publishing lowers the score only through a new, marked revision", async () => {
    t = await createTestDb(dialect);
    const o = await smallOrg(t.db);
    // The right place and a good explanation, filed under the wrong category.
    const a = await submitted(t.db, o.t1.id, o.draftId, [{ ...OFF_BY_ONE, category: "missing-await" }]);
    const id = a.findingIds[0];
    const verdict = (categoryRight: boolean | null) => ({ feedback: "Right place.", findings: [{ findingId: id, verdict: "correct" as const, grade: null, comment: "", unseeded: false, categoryRight }] });
    // Left to the verdict, "correct" counts the category as right (as before the control existed).
    const first = await publishReview(t.db, o.mentorA, a.attemptId, verdict(null), 0);
    expect(first).toMatchObject({ ok: true, revision: 1 });
    const seen = await traineeView(o.mentorA, a.attemptId);

    await saveReviewDraft(t.db, o.mentorA, a.attemptId, verdict(false));
    expect(await traineeView(o.mentorA, a.attemptId)).toEqual(seen);
    const page = await reviewDTO(t.db, o.mentorA, a.attemptId);
    expect(page.findings[0].mine.category).toBe("wrong");
    expect(page.preview.total).toBeLessThan(seen.total!);
    // The audit trail reaches the page as sentences only.
    expect(page.audit.map((e) => e.sentence)).toContain(`${page.audit[0].actor} counted the category of finding 1 as wrong in revision 2`);
    expect(JSON.stringify(page.audit)).not.toMatch(/"before"|"after"|\\"verdict\\"/);

    const second = await publishReview(t.db, o.mentorA, a.attemptId, verdict(false), page.attempt.version);
    expect(second).toMatchObject({ ok: true, revision: 2 });
    const after = await traineeView(o.mentorA, a.attemptId);
    expect(after.total).toBe(page.preview.total);
    expect(after.feedback?.revised).toMatchObject({ previousTotal: seen.total, total: after.total });
    expect(after.feedback?.findings[id]).toMatchObject({ verdict: "correct", categoryRight: false });
    const stored = await t.db.selectFrom("finding_reviews").select("category_right").where("finding_id", "=", id).executeTakeFirstOrThrow();
    expect(stored.category_right).toBe(0);
    const final = await t.db.selectFrom("attempts").select("final_score").where("id", "=", a.attemptId).executeTakeFirstOrThrow();
    expect(JSON.parse(final.final_score!).flaws.find((f: { findingId: string | null }) => f.findingId === id)).toMatchObject({ status: "wrong-category", detectionCredit: 1 });
  });
});
