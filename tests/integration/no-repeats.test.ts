// No repeats for a trainee (issue 9): drafts are fingerprinted by their text, a draw skips any
// clean or flawed text the trainee has reviewed, and a repeat that cannot be avoided is shown.
import { afterEach, describe, expect, it } from "vitest";
import { migrateDown, migrateToLatest } from "~/db/db.server";
import { FIXTURE_PACK, FIXTURE_SOURCE } from "~/domain/generation/fixture-pack";
import { generateDraft } from "~/domain/generation/generate";
import { sourcesFor } from "~/domain/generation/batch";
import { createRng } from "~/domain/generation/prng";
import { packFor } from "~/models/content.server";
import { getExerciseForTrainee, startAttempt, submitAttempt } from "~/models/attempt.server";
import { exerciseDTO } from "~/models/exercise.server";
import { seedDraftPool } from "~/models/draft-pool.server";
import { insertDrafts, textFingerprint } from "~/models/draft.server";
import { createOrganisation, createUser } from "~/models/user.server";
import { createTestDb, DIALECTS, type TestDb } from "../support/db";

describe.each(DIALECTS)("no repeats for a trainee on %s", (dialect) => {
  let t: TestDb;
  afterEach(async () => {
    await t?.close();
  });

  async function trainee(email = "ana@example.com") {
    const org = await createOrganisation(t.db, `Org ${email}`);
    return createUser(t.db, { orgId: org, email, name: "Ana", role: "trainee", password: "pw-1234567890" });
  }

  it("20 legal drafts at difficulty 3, started and submitted: no clean or flawed text twice, sources spread", async () => {
    t = await createTestDb(dialect);
    await seedDraftPool(t.db, 4);
    const ana = await trainee();
    const random = createRng(2026);
    const drafts = [];
    for (let i = 0; i < 20; i++) {
      const attemptId = await startAttempt(t.db, ana.id, { domain: "legal", difficulty: 3 }, random);
      const exercise = await getExerciseForTrainee(t.db, ana.id, attemptId);
      expect(exerciseDTO(exercise).draft.reviewedOn).toBeNull();
      await submitAttempt(t.db, ana.id, attemptId);
      drafts.push(await t.db.selectFrom("drafts").select(["clean_text", "flawed_text", "source_id", "difficulty"]).where("id", "=", exercise.draft.id).executeTakeFirstOrThrow());
    }
    expect(new Set(drafts.map((d) => d.clean_text)).size).toBe(20);
    expect(new Set(drafts.map((d) => d.flawed_text)).size).toBe(20);
    // A clean control never reuses a text whose flawed version was reviewed, nor the other way round.
    const clean = new Set(drafts.map((d) => d.clean_text));
    expect(drafts.filter((d) => d.flawed_text !== d.clean_text && clean.has(d.flawed_text))).toEqual([]);
    expect(drafts.every((d) => d.difficulty === 3)).toBe(true);
    // Least-seen sources first: every source reaching the difficulty comes once before any comes back.
    const k = Math.min(20, sourcesFor(packFor("legal")!.sources, 3).length);
    expect(new Set(drafts.slice(0, k).map((d) => d.source_id)).size).toBe(k);
  }, 180_000);

  it("says when the trainee reviewed a document before, only when it comes back", async () => {
    t = await createTestDb(dialect);
    const ana = await trainee();
    const ben = await trainee("ben@example.com");
    const [draftId] = await insertDrafts(t.db, [{ ...generateDraft(FIXTURE_SOURCE, FIXTURE_PACK, { seed: 3, flawCount: 1 }), domain: "software" }]);
    const first = await startAttempt(t.db, ana.id, { domain: "software", difficulty: 2 }, Math.random, { draftId });
    expect(exerciseDTO(await getExerciseForTrainee(t.db, ana.id, first)).draft.reviewedOn).toBeNull();
    await submitAttempt(t.db, ana.id, first);
    const again = await startAttempt(t.db, ana.id, { domain: "software", difficulty: 2 }, Math.random, { draftId });
    const shown = exerciseDTO(await getExerciseForTrainee(t.db, ana.id, again)).draft.reviewedOn;
    const started = (await t.db.selectFrom("attempts").select("started_at").where("id", "=", first).executeTakeFirstOrThrow()).started_at;
    expect(shown).toBe(new Date(started).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }));
    // Another trainee's review of the same draft is not theirs to be told about.
    const bens = await startAttempt(t.db, ben.id, { domain: "software", difficulty: 2 }, Math.random, { draftId });
    expect(exerciseDTO(await getExerciseForTrainee(t.db, ben.id, bens)).draft.reviewedOn).toBeNull();
  });

  it("migration 0011 backfills the text fingerprints of drafts stored before it", async () => {
    t = await createTestDb(dialect);
    const draft = generateDraft(FIXTURE_SOURCE, FIXTURE_PACK, { seed: 5, flawCount: 1 });
    const [id] = await insertDrafts(t.db, [draft]);
    // Undo migrations down to and including 0011 (later ones first), then migrate up again.
    let undone: string | null;
    do undone = await migrateDown(t.db);
    while (undone && undone !== "0011_draft_fingerprints");
    expect(undone).toBe("0011_draft_fingerprints");
    await migrateToLatest(t.db);
    const row = await t.db.selectFrom("drafts").select(["clean_fp", "flawed_fp"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ clean_fp: textFingerprint(draft.cleanText), flawed_fp: textFingerprint(draft.flawedText) });
    expect(row.clean_fp).not.toBe(row.flawed_fp);
  });
});
