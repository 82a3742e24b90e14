import { afterEach, describe, expect, it } from "vitest";
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

    // B accepting its own change gets the pack's next version and leaves A's overlay as it was.
    expect(await decidePhraseChange(t.db, bAdmin, { domain: "software", keyPoint: KEY_POINT, kind: "add", phrase: "beyond the array", decision: "accept" })).toEqual({ ok: true, version: 2 });
    await rescoreStoredAttempts(t.db, { reason: "test" });
    expect((await explanationShare(t, theirs.attemptId, "final_score")).matcher).toMatch(/\+overlay:software@2$/);
    expect((await explanationShare(t, aFresh.attemptId, "final_score")).matcher).toMatch(/\+overlay:software@1$/);
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
