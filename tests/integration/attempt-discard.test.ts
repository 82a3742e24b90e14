import { afterEach, describe, expect, it } from "vitest";
import { addFinding, AttemptNotFound, deleteFinding, getAttemptForTrainee, startAttempt, submitAttempt, takeHint } from "~/models/attempt.server";
import { discardAttempt, discardNotice, SubmittedNotDiscardable } from "~/models/attempt-discard.server";
import { createTestDb, DIALECTS, type TestDb } from "../support/db";
import { openAttempt, twoTrainees } from "../support/org";

const finding = (lineFrom: number, explanation: string, suggestedFix = "") => ({ lineFrom, lineTo: lineFrom, category: "off-by-one", explanation, confidence: 70, suggestedFix, quote: "for (let i = 0; i <= n; i++)" });

describe.each(DIALECTS)("discarding a review and undoing a deleted finding on %s", (dialect) => {
  let t: TestDb;
  afterEach(async () => {
    await t?.close();
  });

  async function setup() {
    t = await createTestDb(dialect);
    const { org, ana, bob, draftId } = await twoTrainees(t.db);
    return { org, ana, bob, draftId, open: (userId: string) => openAttempt(t.db, userId, draftId) };
  }

  it("removes the trainee's own open attempt with its findings, hints and program place, and says so first", async () => {
    const { org, ana, open } = await setup();
    const attemptId = await open(ana.id);
    await addFinding(t.db, ana.id, attemptId, finding(3, "The loop runs one time too many."));
    await addFinding(t.db, ana.id, attemptId, finding(5, "The result is not awaited here."));
    await takeHint(t.db, ana.id, attemptId);
    const now = new Date().toISOString();
    await t.db.insertInto("programs").values({ id: "p1", org_id: org, name: "Onboarding 2026", current_version: 1, created_at: now, updated_at: now }).execute();
    await t.db.insertInto("program_attempts").values({ attempt_id: attemptId, user_id: ana.id, program_id: "p1", module_key: "m1", version: 1, created_at: now }).execute();

    expect(await discardNotice(t.db, ana.id, attemptId)).toEqual({ findingCount: 2, hintCount: 1, programName: "Onboarding 2026" });
    await discardAttempt(t.db, ana.id, attemptId);

    await expect(getAttemptForTrainee(t.db, ana.id, attemptId)).rejects.toBeInstanceOf(AttemptNotFound);
    expect(await t.db.selectFrom("findings").select("id").where("attempt_id", "=", attemptId).execute()).toEqual([]);
    expect(await t.db.selectFrom("program_attempts").select("attempt_id").execute()).toEqual([]);
  });

  it("refuses another trainee's attempt (as if it did not exist) and a submitted one, and changes neither", async () => {
    const { ana, bob, open } = await setup();
    const anas = await open(ana.id);
    await addFinding(t.db, ana.id, anas, finding(3, "The loop runs one time too many."));
    await expect(discardNotice(t.db, bob.id, anas)).rejects.toBeInstanceOf(AttemptNotFound);
    await expect(discardAttempt(t.db, bob.id, anas)).rejects.toBeInstanceOf(AttemptNotFound);
    expect((await getAttemptForTrainee(t.db, ana.id, anas)).findings).toHaveLength(1);

    await submitAttempt(t.db, ana.id, anas);
    await expect(discardNotice(t.db, ana.id, anas)).rejects.toBeInstanceOf(SubmittedNotDiscardable);
    await expect(discardAttempt(t.db, ana.id, anas)).rejects.toThrow("a submitted review cannot be discarded");
    const after = await getAttemptForTrainee(t.db, ana.id, anas);
    expect(after.attempt.status).toBe("submitted");
    expect(after.findings).toHaveLength(1);
  });

  it("gives back a deleted finding's words so Undo adds the same finding again", async () => {
    const { ana, open } = await setup();
    const attemptId = await open(ana.id);
    const id = await addFinding(t.db, ana.id, attemptId, finding(3, "The loop runs one time too many.", "Use i < n."));
    const gone = await deleteFinding(t.db, ana.id, attemptId, id);
    expect(gone).toEqual(finding(3, "The loop runs one time too many.", "Use i < n."));
    expect(await deleteFinding(t.db, ana.id, attemptId, id)).toBeNull();
    await addFinding(t.db, ana.id, attemptId, gone!);
    const back = (await getAttemptForTrainee(t.db, ana.id, attemptId)).findings;
    expect(back.map((f) => [f.line_from, f.explanation, f.suggested_fix, f.quote, f.confidence])).toEqual([[3, "The loop runs one time too many.", "Use i < n.", "for (let i = 0; i <= n; i++)", 0.7]]);
  });
  it("keeps the hints taken on a discarded review: the same draft again starts with them taken and costing the same", async () => {
    const { ana, bob, draftId, open } = await setup();
    const again = (userId: string) => startAttempt(t.db, userId, { domain: "software", difficulty: 2 }, Math.random, { draftId });
    const first = await open(ana.id);
    const hint = await takeHint(t.db, ana.id, first);
    expect(hint).not.toBeNull();
    await discardAttempt(t.db, ana.id, first);

    // Ana gets the same draft back: the hint is already taken, with its text and time.
    const second = await again(ana.id);
    expect((await getAttemptForTrainee(t.db, ana.id, second)).hints).toEqual([hint]);
    // The next hint is a new one, not the same hint a second time.
    const next = await takeHint(t.db, ana.id, second);
    expect(next?.key).not.toBe(hint!.key);
    // Discarding again keeps both; a third review starts with both.
    await discardAttempt(t.db, ana.id, second);
    const third = await again(ana.id);
    expect((await getAttemptForTrainee(t.db, ana.id, third)).hints.map((h) => h.key)).toEqual([hint!.key, next!.key]);
    await submitAttempt(t.db, ana.id, third);
    const scored = await getAttemptForTrainee(t.db, ana.id, third);
    const breakdown = JSON.parse(scored.attempt.auto_score!) as { hints: { taken: number; penalty: number }; total: number; totalBeforeHints: number };
    expect(breakdown.hints.taken).toBe(2);
    expect(breakdown.hints.penalty).toBeGreaterThan(0);

    // Bob's review of the same draft is not charged for Ana's hints.
    const bobs = await again(bob.id);
    expect((await getAttemptForTrainee(t.db, bob.id, bobs)).hints).toEqual([]);
  });

  it("records nothing for a discarded review without hints", async () => {
    const { ana, draftId, open } = await setup();
    await discardAttempt(t.db, ana.id, await open(ana.id));
    expect(await t.db.selectFrom("discarded_hints").selectAll().execute()).toEqual([]);
    const back = await startAttempt(t.db, ana.id, { domain: "software", difficulty: 2 }, Math.random, { draftId });
    expect((await getAttemptForTrainee(t.db, ana.id, back)).hints).toEqual([]);
  });
});
