import { afterEach, describe, expect, it } from "vitest";
import { gradeGroup } from "~/models/groups.server";
import { listQueue } from "~/models/review-queue.server";
import { auditTrail, loadSubmittedAttempt, publishedFeedback, publishReview, ReviewNotFound, saveReviewDraft } from "~/models/review.server";
import { createTestDb, DIALECTS, type TestDb } from "../support/db";
import { smallOrg, submitted } from "../support/org";

const OFF_BY_ONE = { lineFrom: 3, lineTo: 3, category: "off-by-one", explanation: "Off by one: the loop runs n + 1 times, one too many." };
const FALSE_ALARM = { lineFrom: 6, lineTo: 6, category: "off-by-one", explanation: "Returning total here looks suspicious to me." };

describe.each(DIALECTS)("mentor reviews on %s", (dialect) => {
  let t: TestDb;
  afterEach(async () => {
    await t?.close();
  });

  it("scopes every mentor to the trainees of the cohorts they mentor", async () => {
    t = await createTestDb(dialect);
    const o = await smallOrg(t.db);
    const a1 = await submitted(t.db, o.t1.id, o.draftId, [OFF_BY_ONE]);
    const a3 = await submitted(t.db, o.t3.id, o.draftId, [OFF_BY_ONE]);
    await expect(loadSubmittedAttempt(t.db, o.mentorB, a1.attemptId)).rejects.toBeInstanceOf(ReviewNotFound);
    await expect(saveReviewDraft(t.db, o.mentorB, a1.attemptId, { feedback: "x", findings: [] })).rejects.toBeInstanceOf(ReviewNotFound);
    expect((await loadSubmittedAttempt(t.db, o.mentorB, a3.attemptId)).attempt.id).toBe(a3.attemptId);
    const qA = await listQueue(t.db, o.mentorA, { tab: "todo" });
    const qB = await listQueue(t.db, o.mentorB, { tab: "todo" });
    expect(qA.rows.map((r) => r.id).sort()).toEqual([a1.attemptId, a3.attemptId].sort());
    expect(qB.rows.map((r) => r.id)).toEqual([a3.attemptId]);
    expect(qB.counts).toEqual({ todo: 1, mine: 0, all: 1 });
    expect((await listQueue(t.db, o.mentorA, { tab: "todo", cohort: o.cohorts.north })).rows.map((r) => r.id)).toEqual([a1.attemptId]);
  });

  it("rescores on publish from the mentor's verdicts, keeps both scores, audits every change and updates the aggregates", async () => {
    t = await createTestDb(dialect);
    const o = await smallOrg(t.db);
    const a = await submitted(t.db, o.t1.id, o.draftId, [OFF_BY_ONE, FALSE_ALARM]);
    const before = await t.db.selectFrom("attempts").select(["auto_total", "final_total"]).where("id", "=", a.attemptId).executeTakeFirstOrThrow();
    // Auto: flaw 1 (sev 2 of 5) found; the false alarm at 0.9 costs 0.5 × 0.81 = 0.405 of
    // precision → 45×0.4 + 20×0.595 + 10 + 25 = 64.9.
    expect(before).toEqual({ auto_total: 64.9, final_total: 64.9 });
    const input = {
      feedback: "Good catch on the loop; the second one is not a flaw.",
      findings: [
        { findingId: a.findingIds[0], verdict: null, grade: 2 as const, comment: "Say why it matters.", unseeded: false },
        { findingId: a.findingIds[1], verdict: "wrong" as const, grade: null, comment: "", unseeded: false },
      ],
    };
    const res = await publishReview(t.db, o.mentorA, a.attemptId, input, 0);
    // Explanation 2/3 instead of 1: 45×0.4 + 20×0.595 + 10 + 25×2/3 = 56.6.
    expect(res).toEqual({ ok: true, total: 56.6, autoTotal: 64.9, revision: 1, unchanged: false });
    const after = await t.db.selectFrom("attempts").select(["auto_total", "final_total", "review_version"]).where("id", "=", a.attemptId).executeTakeFirstOrThrow();
    expect(after).toEqual({ auto_total: 64.9, final_total: 56.6, review_version: 1 });
    const trail = await auditTrail(t.db, a.attemptId);
    expect(trail.map((e) => e.action).sort()).toEqual(["comment", "feedback", "grade", "override", "publish"]);
    expect(trail.find((e) => e.action === "publish")).toMatchObject({ before: JSON.stringify({ total: 64.9 }), after: JSON.stringify({ total: 56.6 }), actor: "mentorA" });
    const stats = await t.db.selectFrom("trainee_stats").selectAll().where("user_id", "=", o.t1.id).executeTakeFirstOrThrow();
    expect(stats).toMatchObject({ attempts: 1, total_sum: 56.6, flaws: 2, hits: 1 });
    const fb = await publishedFeedback(t.db, (await loadSubmittedAttempt(t.db, o.mentorA, a.attemptId)).attempt);
    expect(fb?.feedback).toBe(input.feedback);
    expect(fb?.findings[a.findingIds[0]]).toEqual({ verdict: null, grade: 2, comment: "Say why it matters.", unseeded: false, categoryRight: null });
  });

  it("never loses a concurrent publish silently: the second mentor gets a conflict and keeps their draft", async () => {
    t = await createTestDb(dialect);
    const o = await smallOrg(t.db);
    const a = await submitted(t.db, o.t3.id, o.draftId, [OFF_BY_ONE, FALSE_ALARM]);
    const mine = (grade: 0 | 3, feedback: string) => ({ feedback, findings: [{ findingId: a.findingIds[0], verdict: null, grade, comment: "", unseeded: false }] });
    // Both mentors opened the attempt at version 0.
    const [first, second] = await Promise.all([
      publishReview(t.db, o.mentorA, a.attemptId, mine(3, "from A"), 0),
      publishReview(t.db, o.mentorB, a.attemptId, mine(0, "from B"), 0),
    ]);
    const results = [first, second];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const lost = results.find((r) => !r.ok)!;
    expect(lost.ok).toBe(false);
    expect(!lost.ok && lost.conflict.by).toMatch(/mentor[AB]/);
    // Both drafts are saved; exactly one is published.
    const reviews = await t.db.selectFrom("reviews").select(["mentor_id", "status", "feedback"]).where("attempt_id", "=", a.attemptId).execute();
    expect(reviews.map((r) => r.feedback).sort()).toEqual(["from A", "from B"]);
    expect(reviews.filter((r) => r.status === "published")).toHaveLength(1);
    // Knowingly publishing over it (with the current version) works.
    const loser = first.ok ? o.mentorB : o.mentorA;
    const again = await publishReview(t.db, loser, a.attemptId, mine(first.ok ? 0 : 3, first.ok ? "from B" : "from A"), 1);
    expect(again.ok).toBe(true);
  });

  it("grades a whole explanation group across attempts into each attempt's review draft", async () => {
    t = await createTestDb(dialect);
    const o = await smallOrg(t.db);
    const a1 = await submitted(t.db, o.t1.id, o.draftId, [OFF_BY_ONE]);
    const a2 = await submitted(t.db, o.t2.id, o.draftId, [OFF_BY_ONE]);
    const a3 = await submitted(t.db, o.t3.id, o.draftId, [OFF_BY_ONE]);
    // mentorB sees only t3: grading all three ids touches only a3.
    const n = await gradeGroup(t.db, o.mentorB, o.draftId, [a1.findingIds[0], a2.findingIds[0], a3.findingIds[0]], "correct", 3);
    expect(n).toEqual({ graded: 1, skipped: [] });
    const rows = await t.db.selectFrom("finding_reviews").select(["finding_id", "verdict", "grade"]).execute();
    expect(rows).toEqual([{ finding_id: a3.findingIds[0], verdict: "correct", grade: 3 }]);
    expect((await gradeGroup(t.db, o.mentorA, o.draftId, [a1.findingIds[0], a2.findingIds[0]], null, 1)).graded).toBe(2);
  });
});
