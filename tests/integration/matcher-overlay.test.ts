import { Migrator } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { migrateToLatest } from "~/db/db.server";
import { migrationProvider } from "~/db/migrations/index";
import type { ScoreBreakdown } from "~/domain/scoring";
import { getAttemptForTrainee } from "~/models/attempt.server";
import { decidePhraseChange, matcherProposals, overlayHistory } from "~/models/matcher-overlay.server";
import { rescoreStoredAttempts, scoreRevisions } from "~/models/rescore.server";
import { resultsDTO } from "~/models/results.server";
import { publishReview } from "~/models/review.server";
import { createOrganisation, createUser } from "~/models/user.server";
import { createTestDb, DIALECTS, type TestDb } from "../support/db";
import { smallOrg, submitted } from "../support/org";

// The fixture draft's off-by-one flaw sits on line 3; its key point "One iteration too many" has
// the phrases "one too many", "n + 1", "off by one" and "<=".
const KEY_POINT = "One iteration too many";
const PARAPHRASE = "Beyond the end: the loop reads a slot past the requested count.";

async function explanationShare(t: TestDb, attemptId: string, column: "auto_score" | "final_score") {
  const row = await t.db.selectFrom("attempts").select([column]).where("id", "=", attemptId).executeTakeFirstOrThrow();
  const s = JSON.parse(row[column]!) as ScoreBreakdown;
  return { matcher: s.matcherVersion, covered: s.flaws.find((f) => f.findingId !== null)?.keyPointsCovered };
}

describe.each(DIALECTS)("mentors teach the matcher on %s", (dialect) => {
  let t: TestDb;
  afterEach(async () => {
    await t?.close();
  });

  it("turns a grade-3 explanation the matcher missed into a proposal; accepting it rescores with a visible revision naming the taught version", async () => {
    t = await createTestDb(dialect);
    const o = await smallOrg(t.db);
    const graded = await submitted(t.db, o.t1.id, o.draftId, [{ lineFrom: 3, lineTo: 3, category: "off-by-one", explanation: PARAPHRASE }]);
    const other = await submitted(t.db, o.t2.id, o.draftId, [{ lineFrom: 3, lineTo: 3, category: "off-by-one", explanation: "It reads beyond the end of the array." }]);
    expect((await explanationShare(t, other.attemptId, "auto_score")).covered).toEqual([false]);
    const before = await t.db.selectFrom("attempts").select("final_total").where("id", "=", other.attemptId).executeTakeFirstOrThrow();

    // The mentor grades the paraphrase 3 / 3; the matcher had credited none of it.
    const input = { feedback: "Good.", findings: [{ findingId: graded.findingIds[0], verdict: "correct" as const, grade: 3 as const, comment: "", unseeded: false }] };
    expect((await publishReview(t.db, o.mentorA, graded.attemptId, input, 0)).ok).toBe(true);

    const proposals = await matcherProposals(t.db, o.admin);
    expect(proposals).toEqual([
      { domain: "software", domainName: expect.any(String), keyPoint: KEY_POINT, kind: "add", phrase: "Beyond the end", evidence: [{ explanation: PARAPHRASE, grade: 3, matcherPercent: 0 }] },
    ]);
    // Another organisation's admin sees no proposal from these grades.
    const otherOrg = await createOrganisation(t.db, "Elsewhere");
    const otherAdmin = await createUser(t.db, { orgId: otherOrg, email: "admin@elsewhere.test", name: "Other admin", role: "admin", password: "pw-1234567890" });
    expect(await matcherProposals(t.db, otherAdmin)).toEqual([]);

    // Retiring the phrase the model explanation relies on ("n + 1") is refused, naming the key point.
    const refused = await decidePhraseChange(t.db, o.admin, { domain: "software", keyPoint: KEY_POINT, kind: "retire", phrase: "n + 1", decision: "accept" });
    expect(refused).toEqual({ ok: false, error: expect.stringContaining(`Key point “${KEY_POINT}” would no longer be matched by its own model explanation`) });
    expect(await t.db.selectFrom("matcher_overlays").selectAll().execute()).toEqual([]);

    const accepted = await decidePhraseChange(t.db, o.admin, { domain: "software", keyPoint: KEY_POINT, kind: "add", phrase: proposals[0].phrase, decision: "accept", evidence: JSON.stringify(proposals[0].evidence) });
    expect(accepted).toEqual({ ok: true, version: 1 });
    const run = await rescoreStoredAttempts(t.db, { reason: "test" });
    expect(run.finished).toBe(true);
    expect(run.changed).toBe(2);

    // The unreviewed attempt now earns the key point; the trainee sees why and with which version.
    const now = await explanationShare(t, other.attemptId, "final_score");
    expect(now).toEqual({ matcher: expect.stringMatching(/\+overlay:software@1$/), covered: [true] });
    const after = await t.db.selectFrom("attempts").select("final_total").where("id", "=", other.attemptId).executeTakeFirstOrThrow();
    expect(after.final_total!).toBeGreaterThan(before.final_total!);
    const [rev] = await scoreRevisions(t.db, other.attemptId);
    expect(rev).toMatchObject({ before: before.final_total, after: after.final_total, matcher: expect.stringMatching(/mentor-taught version 1/) });
    expect(rev.because.join(" ")).toMatch(/phrases that mentors' grades taught/);
    const results = resultsDTO(await getAttemptForTrainee(t.db, o.t2.id, other.attemptId));
    expect(results.score.matcher).toMatch(/mentor-taught version 1/);

    // The mentor's grade still decides the reviewed attempt's explanation share; a revision is kept.
    expect((await scoreRevisions(t.db, graded.attemptId)).length).toBe(1);
    // The proposal is met, so it is no longer shown; new submissions score with the taught version.
    expect(await matcherProposals(t.db, o.admin)).toEqual([]);
    const fresh = await submitted(t.db, o.t3.id, o.draftId, [{ lineFrom: 3, lineTo: 3, category: "off-by-one", explanation: "Goes beyond the end." }]);
    expect(await explanationShare(t, fresh.attemptId, "auto_score")).toEqual({ matcher: expect.stringMatching(/@1$/), covered: [true] });
    // A finished rescore with nothing new is a no-op.
    expect(await rescoreStoredAttempts(t.db, { reason: "test" })).toMatchObject({ changed: 0, finished: true });
  }, 120_000);

  it("one organisation's accepted overlay never changes another organisation's scores", async () => {
    t = await createTestDb(dialect);
    const o = await smallOrg(t.db);
    const otherOrg = await createOrganisation(t.db, "Elsewhere");
    const mk = (name: string, role: "admin" | "trainee") => createUser(t.db, { orgId: otherOrg, email: `${name}@elsewhere.test`, name, role, password: "pw-1234567890" });
    const [bAdmin, bTrainee] = [await mk("badmin", "admin"), await mk("btrainee", "trainee")];
    // Both firms' trainees write the same paraphrase the matcher misses.
    const graded = await submitted(t.db, o.t1.id, o.draftId, [{ lineFrom: 3, lineTo: 3, category: "off-by-one", explanation: PARAPHRASE }]);
    const theirs = await submitted(t.db, bTrainee.id, o.draftId, [{ lineFrom: 3, lineTo: 3, category: "off-by-one", explanation: "It reads beyond the end of the array." }]);
    const before = await t.db.selectFrom("attempts").select(["final_total", "final_score"]).where("id", "=", theirs.attemptId).executeTakeFirstOrThrow();

    // Organisation A's mentor grades, A's admin accepts the phrase, and the rescore runs.
    await publishReview(t.db, o.mentorA, graded.attemptId, { feedback: "", findings: [{ findingId: graded.findingIds[0], verdict: "correct", grade: 3, comment: "", unseeded: false }] }, 0);
    const [p] = await matcherProposals(t.db, o.admin);
    expect(await decidePhraseChange(t.db, o.admin, { domain: "software", keyPoint: KEY_POINT, kind: "add", phrase: p.phrase, decision: "accept" })).toEqual({ ok: true, version: 1 });
    await rescoreStoredAttempts(t.db, { reason: "test" });

    // Organisation B's stored score, its revisions and its new submissions are untouched.
    const after = await t.db.selectFrom("attempts").select(["final_total", "final_score"]).where("id", "=", theirs.attemptId).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    expect(await scoreRevisions(t.db, theirs.attemptId)).toEqual([]);
    const fresh = await submitted(t.db, bTrainee.id, o.draftId, [{ lineFrom: 3, lineTo: 3, category: "off-by-one", explanation: "Goes beyond the end." }]);
    const freshShare = await explanationShare(t, fresh.attemptId, "auto_score");
    expect(freshShare.covered).toEqual([false]);
    expect(freshShare.matcher).not.toMatch(/overlay/);
    // B's admin sees neither A's proposals nor A's overlay history; A's fresh attempts use A's phrase.
    expect(await overlayHistory(t.db, bAdmin)).toEqual([]);
    expect((await overlayHistory(t.db, o.admin)).map((h) => h.version)).toEqual([1]);
    const aFresh = await submitted(t.db, o.t3.id, o.draftId, [{ lineFrom: 3, lineTo: 3, category: "off-by-one", explanation: "Goes beyond the end." }]);
    expect((await explanationShare(t, aFresh.attemptId, "auto_score")).covered).toEqual([true]);

    // B accepting its own change gets B's first version (numbered per organisation, decision 136)
    // and leaves A's overlay as it was.
    expect(await decidePhraseChange(t.db, bAdmin, { domain: "software", keyPoint: KEY_POINT, kind: "add", phrase: "beyond the array", decision: "accept" })).toEqual({ ok: true, version: 1 });
    await rescoreStoredAttempts(t.db, { reason: "test" });
    expect((await explanationShare(t, theirs.attemptId, "final_score")).matcher).toMatch(/\+overlay:software@1$/);
    expect((await explanationShare(t, aFresh.attemptId, "final_score")).matcher).toMatch(/\+overlay:software@1$/);
  }, 240_000);

  it("numbers versions per organisation: each firm's first overlay is version 1 and scores only that firm's attempts", async () => {
    t = await createTestDb(dialect);
    const o = await smallOrg(t.db);
    const otherOrg = await createOrganisation(t.db, "Elsewhere");
    const mk = (name: string, role: "admin" | "trainee") => createUser(t.db, { orgId: otherOrg, email: `${name}@elsewhere.test`, name, role, password: "pw-1234567890" });
    const [bAdmin, bTrainee, bTrainee2] = [await mk("badmin", "admin"), await mk("btrainee", "trainee"), await mk("btrainee2", "trainee")];
    const A_PHRASE = "Beyond the end";
    const B_PHRASE = "past the last element";
    const line3 = (explanation: string) => [{ lineFrom: 3, lineTo: 3, category: "off-by-one", explanation }];
    // Stored before either firm teaches the matcher: neither phrase is credited yet.
    const aStored = await submitted(t.db, o.t2.id, o.draftId, line3("It reads beyond the end of the array."));
    const bStored = await submitted(t.db, bTrainee.id, o.draftId, line3("It reads past the last element of the array."));
    const bOther = await submitted(t.db, bTrainee2.id, o.draftId, line3("It reads beyond the end of the array."));
    for (const a of [aStored, bStored, bOther]) expect((await explanationShare(t, a.attemptId, "auto_score")).covered).toEqual([false]);
    const bBefore = await t.db.selectFrom("attempts").select("final_total").where("id", "=", bStored.attemptId).executeTakeFirstOrThrow();

    // Each firm's admin accepts a different phrase for the same key point: both are version 1.
    expect(await decidePhraseChange(t.db, o.admin, { domain: "software", keyPoint: KEY_POINT, kind: "add", phrase: A_PHRASE, decision: "accept" })).toEqual({ ok: true, version: 1 });
    expect(await decidePhraseChange(t.db, bAdmin, { domain: "software", keyPoint: KEY_POINT, kind: "add", phrase: B_PHRASE, decision: "accept" })).toEqual({ ok: true, version: 1 });
    expect((await overlayHistory(t.db, o.admin)).map((h) => h.version)).toEqual([1]);
    expect((await overlayHistory(t.db, bAdmin)).map((h) => h.version)).toEqual([1]);
    const run = await rescoreStoredAttempts(t.db, { reason: "test" });
    expect(run.finished).toBe(true);

    // Each stored attempt is rescored with its own firm's version 1, never the other firm's.
    expect(await explanationShare(t, aStored.attemptId, "final_score")).toEqual({ matcher: expect.stringMatching(/\+overlay:software@1$/), covered: [true] });
    expect(await explanationShare(t, bStored.attemptId, "final_score")).toEqual({ matcher: expect.stringMatching(/\+overlay:software@1$/), covered: [true] });
    expect(await explanationShare(t, bOther.attemptId, "final_score")).toEqual({ matcher: expect.stringMatching(/\+overlay:software@1$/), covered: [false] });
    // The rescore names the version the trainee's own firm accepted; an unchanged grade gets no revision.
    const [rev] = await scoreRevisions(t.db, bStored.attemptId);
    expect(rev).toMatchObject({ before: bBefore.final_total, matcher: expect.stringMatching(/mentor-taught version 1/) });
    expect(await scoreRevisions(t.db, bOther.attemptId)).toEqual([]);
    expect(resultsDTO(await getAttemptForTrainee(t.db, bTrainee.id, bStored.attemptId)).score.matcher).toMatch(/mentor-taught version 1/);

    // New submissions too: A's phrase scores in A only, B's in B only.
    const fresh = async (userId: string, text: string) => (await explanationShare(t, (await submitted(t.db, userId, o.draftId, line3(text))).attemptId, "auto_score")).covered;
    expect(await fresh(bTrainee.id, "Goes beyond the end.")).toEqual([false]);
    expect(await fresh(bTrainee2.id, "Reads past the last element.")).toEqual([true]);
    expect(await fresh(o.t3.id, "Reads past the last element.")).toEqual([false]);
    expect(await fresh(o.t1.id, "Goes beyond the end.")).toEqual([true]);

    // Each firm's next version follows its own latest.
    expect(await decidePhraseChange(t.db, bAdmin, { domain: "software", keyPoint: KEY_POINT, kind: "add", phrase: "after the final element", decision: "accept" })).toEqual({ ok: true, version: 2 });
    expect((await overlayHistory(t.db, o.admin)).map((h) => h.version)).toEqual([1]);
  }, 240_000);

  it("migration 0022 keeps the versions already numbered and continues each organisation from its own latest", async () => {
    t = await createTestDb(dialect, { migrate: false });
    const migrator = new Migrator({ db: t.db, provider: migrationProvider, allowUnorderedMigrations: true });
    const { error } = await migrator.migrateTo("0021_model_grading_since");
    expect(error).toBeUndefined();
    const o = await smallOrg(t.db);
    const otherOrg = await createOrganisation(t.db, "Elsewhere");
    const bAdmin = await createUser(t.db, { orgId: otherOrg, email: "badmin@elsewhere.test", name: "B admin", role: "admin", password: "pw-1234567890" });
    const thirdOrg = await createOrganisation(t.db, "Third");
    const cAdmin = await createUser(t.db, { orgId: thirdOrg, email: "cadmin@third.test", name: "C admin", role: "admin", password: "pw-1234567890" });
    // Before 0022 versions were numbered per pack across organisations: A has 1 and 3, B has 2;
    // version 4's admin was deleted before 0019, so it belongs to no organisation.
    const overlay = (phrase: string) => JSON.stringify({ add: { [KEY_POINT]: [phrase] }, retire: {} });
    const at = "2026-01-01T00:00:00.000Z";
    await t.db
      .insertInto("matcher_overlays")
      .values([
        { domain: "software", version: 1, overlay: overlay("beyond the end"), created_at: at, created_by: o.admin.id, org_id: o.orgId },
        { domain: "software", version: 2, overlay: overlay("past the last element"), created_at: at, created_by: bAdmin.id, org_id: otherOrg },
        { domain: "software", version: 3, overlay: overlay("after the final element"), created_at: at, created_by: o.admin.id, org_id: o.orgId },
        { domain: "software", version: 4, overlay: overlay("one slot too far"), created_at: at, created_by: null, org_id: null as unknown as string },
      ])
      .execute();
    expect(await migrateToLatest(t.db)).toEqual(["0022_overlay_versions_per_org"]);

    const rows = await t.db.selectFrom("matcher_overlays").select(["org_id", "version", "overlay"]).orderBy("version").execute();
    expect(rows.map((r) => [r.org_id, r.version])).toEqual([
      [o.orgId, 1],
      [otherOrg, 2],
      [o.orgId, 3],
    ]);
    expect(rows[1].overlay).toBe(overlay("past the last element"));
    // B's stored attempts keep scoring with B's version 2; new versions follow each firm's latest.
    const b = await submitted(t.db, (await createUser(t.db, { orgId: otherOrg, email: "bt@elsewhere.test", name: "B trainee", role: "trainee", password: "pw-1234567890" })).id, o.draftId, [{ lineFrom: 3, lineTo: 3, category: "off-by-one", explanation: "Reads past the last element." }]);
    expect(await explanationShare(t, b.attemptId, "auto_score")).toEqual({ matcher: expect.stringMatching(/\+overlay:software@2$/), covered: [true] });
    expect(await decidePhraseChange(t.db, bAdmin, { domain: "software", keyPoint: KEY_POINT, kind: "add", phrase: "beyond the array", decision: "accept" })).toEqual({ ok: true, version: 3 });
    expect(await decidePhraseChange(t.db, o.admin, { domain: "software", keyPoint: KEY_POINT, kind: "add", phrase: "beyond the array", decision: "accept" })).toEqual({ ok: true, version: 4 });
    expect(await decidePhraseChange(t.db, cAdmin, { domain: "software", keyPoint: KEY_POINT, kind: "add", phrase: "beyond the array", decision: "accept" })).toEqual({ ok: true, version: 1 });
    // The same version twice in one organisation is still refused by the key.
    await expect(t.db.insertInto("matcher_overlays").values({ domain: "software", version: 1, overlay: overlay("x y"), created_at: at, created_by: cAdmin.id, org_id: thirdOrg }).execute()).rejects.toThrow();
  }, 240_000);

  it("a rejected proposal is recorded and not proposed again; bad input names what is wrong", async () => {
    t = await createTestDb(dialect);
    const o = await smallOrg(t.db);
    const a = await submitted(t.db, o.t1.id, o.draftId, [{ lineFrom: 3, lineTo: 3, category: "off-by-one", explanation: PARAPHRASE }]);
    await publishReview(t.db, o.mentorA, a.attemptId, { feedback: "", findings: [{ findingId: a.findingIds[0], verdict: "correct", grade: 3, comment: "", unseeded: false }] }, 0);
    const [p] = await matcherProposals(t.db, o.admin);
    expect(await decidePhraseChange(t.db, o.admin, { domain: "software", keyPoint: KEY_POINT, kind: "add", phrase: p.phrase, decision: "reject" })).toEqual({ ok: true, version: null });
    expect(await matcherProposals(t.db, o.admin)).toEqual([]);
    expect(await decidePhraseChange(t.db, o.admin, { domain: "software", keyPoint: "No such point", kind: "add", phrase: "x y", decision: "accept" })).toEqual({ ok: false, error: expect.stringContaining("has no key point “No such point”") });
    expect(await decidePhraseChange(t.db, o.admin, { domain: "software", keyPoint: KEY_POINT, kind: "add", phrase: "  ", decision: "accept" })).toMatchObject({ ok: false, error: expect.stringMatching(/phrase is empty/) });
    expect(await decidePhraseChange(t.db, o.admin, { domain: "nope", keyPoint: KEY_POINT, kind: "add", phrase: "x", decision: "accept" })).toMatchObject({ ok: false, error: "There is no pack “nope”." });
  }, 120_000);
});
