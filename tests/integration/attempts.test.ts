import { afterEach, describe, expect, it } from "vitest";
import { generateDraft } from "~/domain/generation/generate";
import { FIXTURE_PACK, FIXTURE_SOURCE } from "~/domain/generation/fixture-pack";
import {
  addFinding,
  AttemptClosed,
  AttemptNotFound,
  deleteFinding,
  getAttemptForTrainee,
  startAttempt,
  submitAttempt,
  takeHint,
  updateFinding,
} from "~/models/attempt.server";
import { getDraft, insertDrafts } from "~/models/draft.server";
import { createTestDb, DIALECTS, type TestDb } from "../support/db";
import { openAttempt, twoTrainees } from "../support/org";

const finding = (lineFrom: number, lineTo: number, category = "off-by-one", explanation = "The loop runs one too many times, n + 1 iterations.") => ({
  lineFrom,
  lineTo,
  category,
  explanation,
  confidence: 90,
  suggestedFix: "",
  quote: "",
});

describe.each(DIALECTS)("attempts on %s", (dialect) => {
  let t: TestDb;
  afterEach(async () => {
    await t?.close();
  });

  async function setup() {
    t = await createTestDb(dialect);
    const { ana, bob, draftId } = await twoTrainees(t.db);
    return { ana, bob, attemptId: await openAttempt(t.db, ana.id, draftId), draftId };
  }

  it("stores drafts once and gives back the same key", async () => {
    const { draftId } = await setup();
    const stored = await getDraft(t.db, draftId);
    expect(stored?.answerKey.map((e) => e.category)).toEqual(["off-by-one", "missing-await"]);
    const again = await insertDrafts(t.db, [{ ...generateDraft(FIXTURE_SOURCE, FIXTURE_PACK, { seed: 7, flawCount: 10, categories: ["off-by-one", "missing-await"] }), domain: "software" }]);
    expect(again).toEqual([draftId]);
  });

  it("refuses to store a draft whose key does not verify", async () => {
    await setup();
    const d = generateDraft(FIXTURE_SOURCE, FIXTURE_PACK, { seed: 8, flawCount: 1 });
    await expect(insertDrafts(t.db, [{ ...d, flawedText: d.flawedText + "// extra\n" }])).rejects.toThrow(/failed verification/);
    expect(await t.db.selectFrom("drafts").select("id").execute()).toHaveLength(1);
  });

  it("saves, edits and deletes findings, records the first flag, and scores on submit", async () => {
    const { ana, attemptId } = await setup();
    const f1 = await addFinding(t.db, ana.id, attemptId, finding(3, 3));
    const f2 = await addFinding(t.db, ana.id, attemptId, finding(7, 7, "wrong-operator", "Something about the closing brace here."));
    await updateFinding(t.db, ana.id, attemptId, f1, finding(3, 3, "off-by-one", "Off by one: the loop runs n + 1 times, one too many."));
    await deleteFinding(t.db, ana.id, attemptId, f2);
    const before = await getAttemptForTrainee(t.db, ana.id, attemptId);
    expect(before.findings.map((f) => f.id)).toEqual([f1]);
    expect(before.attempt.first_flag_at).not.toBeNull();

    expect(await submitAttempt(t.db, ana.id, attemptId)).toEqual({ submittedNow: true });
    const after = await getAttemptForTrainee(t.db, ana.id, attemptId);
    expect(after.attempt.status).toBe("submitted");
    // One of two flaws found (severity 2 of 2 + 3), right category, full key point: 45×0.4 + 20 + 10 + 25 = 73.
    expect(after.attempt.final_total).toBe(73);
  });

  it("never creates a second result: a second submit (another tab) changes nothing", async () => {
    const { ana, attemptId } = await setup();
    await addFinding(t.db, ana.id, attemptId, finding(3, 3));
    const results = await Promise.all([submitAttempt(t.db, ana.id, attemptId), submitAttempt(t.db, ana.id, attemptId)]);
    expect(results.filter((r) => r.submittedNow)).toHaveLength(1);
    const first = (await getAttemptForTrainee(t.db, ana.id, attemptId)).attempt;
    expect(await submitAttempt(t.db, ana.id, attemptId)).toEqual({ submittedNow: false });
    expect((await getAttemptForTrainee(t.db, ana.id, attemptId)).attempt.submitted_at).toBe(first.submitted_at);
  });

  it("refuses changes after submission and hides the attempt from other trainees", async () => {
    const { ana, bob, attemptId } = await setup();
    await expect(getAttemptForTrainee(t.db, bob.id, attemptId)).rejects.toBeInstanceOf(AttemptNotFound);
    await expect(addFinding(t.db, bob.id, attemptId, finding(3, 3))).rejects.toBeInstanceOf(AttemptNotFound);
    await expect(submitAttempt(t.db, bob.id, attemptId)).rejects.toBeInstanceOf(AttemptNotFound);
    await submitAttempt(t.db, ana.id, attemptId);
    await expect(addFinding(t.db, ana.id, attemptId, finding(3, 3))).rejects.toBeInstanceOf(AttemptClosed);
    await expect(takeHint(t.db, ana.id, attemptId)).rejects.toBeInstanceOf(AttemptClosed);
  });

  it("gives hints for unfound flaws first and charges them in the score", async () => {
    const { ana, attemptId } = await setup();
    const h1 = await takeHint(t.db, ana.id, attemptId);
    expect(h1?.key).toBe("f1");
    expect(h1?.text).toBe("Count the iterations for n = 1.");
    const h2 = await takeHint(t.db, ana.id, attemptId);
    expect(h2?.key).toBe("generic:1"); // f2 (the deletion) has no hint
    await addFinding(t.db, ana.id, attemptId, finding(3, 3));
    await submitAttempt(t.db, ana.id, attemptId);
    expect((await getAttemptForTrainee(t.db, ana.id, attemptId)).attempt.final_total).toBe(63); // 73 − 2 × 5
  });

  it("starts an attempt from the pool and never repeats a draft the trainee has seen", async () => {
    const { ana } = await setup();
    const seen = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const id = await startAttempt(t.db, ana.id, { domain: "legal", difficulty: 2 });
      const a = await getAttemptForTrainee(t.db, ana.id, id);
      expect(a.draft.domain).toBe("legal");
      expect(seen.has(a.draft.id)).toBe(false);
      seen.add(a.draft.id);
    }
  });
});
