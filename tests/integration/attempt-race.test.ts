// Every change to an attempt serialises on the attempt row: a finding that was acknowledged is in
// the score, and one that arrives after the submit is refused with "already submitted". Raced on
// both databases; PostgreSQL is where a plain read of the status let findings escape their score.
import { afterEach, describe, expect, it } from "vitest";
import type { ScoreBreakdown } from "~/domain/scoring";
import { addFinding, AttemptClosed, deleteFinding, submitAttempt, updateFinding } from "~/models/attempt.server";
import { createTestDb, DIALECTS, type TestDb } from "../support/db";
import { smallOrg } from "../support/org";

const ROUNDS = 10;
const OPS = 50;

const finding = (i: number) => ({
  lineFrom: 1 + (i % 20),
  lineTo: 1 + (i % 20),
  category: "off-by-one",
  explanation: `The loop runs one time too many (${i}).`,
  confidence: 80,
  suggestedFix: "",
  quote: "",
});

describe.each(DIALECTS)("attempt changes racing a submit on %s", (dialect) => {
  let t: TestDb;
  afterEach(async () => {
    await t?.close();
  });

  it(`scores every acknowledged finding and refuses every later one (${OPS} changes × ${ROUNDS} rounds)`, { timeout: 180_000 }, async () => {
    t = await createTestDb(dialect);
    const org = await smallOrg(t.db);
    let unscored = 0;
    let acknowledged = 0;
    let refused = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const attemptId = crypto.randomUUID();
      const now = new Date().toISOString();
      await t.db
        .insertInto("attempts")
        .values({ id: attemptId, user_id: org.t1.id, draft_id: org.draftId, status: "open", started_at: now, first_flag_at: null, submitted_at: null, hints_taken: "[]", auto_total: null, auto_score: null, final_total: null, final_score: null, domain: "software", updated_at: now, published_review_id: null, published_at: null, feedback_seen_at: null })
        .execute();
      const existing: string[] = [];
      for (let i = 0; i < 20; i++) existing.push(await addFinding(t.db, org.t1.id, attemptId, finding(i)));

      type Outcome = { kind: "add" | "edit" | "delete"; id: string; ok: boolean };
      const ops: Promise<Outcome>[] = [];
      const run = async (kind: Outcome["kind"], fn: () => Promise<string>): Promise<Outcome> => {
        try {
          return { kind, id: await fn(), ok: true };
        } catch (e) {
          if (e instanceof AttemptClosed && e.message.includes("already submitted")) return { kind, id: "", ok: false };
          throw e;
        }
      };
      let submit: Promise<unknown> | undefined;
      for (let i = 0; i < OPS; i++) {
        if (i === OPS / 2) submit = submitAttempt(t.db, org.t1.id, attemptId);
        const k = i % 5;
        if (k < 3) ops.push(run("add", () => addFinding(t.db, org.t1.id, attemptId, finding(100 + i))));
        else if (k === 3) {
          const id = existing[i % existing.length];
          ops.push(run("edit", () => updateFinding(t.db, org.t1.id, attemptId, id, { ...finding(200 + i), explanation: `edited ${i}` }).then(() => id)));
        } else {
          const id = existing[(i + 7) % existing.length];
          ops.push(run("delete", () => deleteFinding(t.db, org.t1.id, attemptId, id).then(() => id)));
        }
      }
      const outcomes = await Promise.all(ops);
      await submit;

      const attempt = await t.db.selectFrom("attempts").selectAll().where("id", "=", attemptId).executeTakeFirstOrThrow();
      expect(attempt.status).toBe("submitted");
      const scored = new Set((JSON.parse(attempt.auto_score!) as ScoreBreakdown).findings.map((f) => f.findingId));
      const stored = await t.db.selectFrom("findings").select(["id", "updated_at", "explanation"]).where("attempt_id", "=", attemptId).execute();
      for (const o of outcomes) {
        if (!o.ok) {
          refused++;
          continue;
        }
        acknowledged++;
        if (o.kind === "add" && !scored.has(o.id)) unscored++;
        if (o.kind === "delete" && scored.has(o.id)) unscored++;
      }
      // Nothing stored on the attempt that its score did not see, and nothing changed after submit.
      for (const f of stored) {
        if (!scored.has(f.id)) unscored++;
        if (f.updated_at > attempt.submitted_at!) unscored++;
      }
      expect(scored.size).toBe(stored.length);
    }
    console.log(`attempt race on ${dialect}: ${ROUNDS} rounds × ${OPS} changes: ${acknowledged} acknowledged, ${refused} refused "already submitted", ${unscored} unscored`);
    expect(unscored).toBe(0);
    expect(acknowledged + refused).toBe(ROUNDS * OPS);
  });
});
