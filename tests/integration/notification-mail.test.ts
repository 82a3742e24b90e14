// Email copies of notifications (issue 12 item 6): with SMTP settings a mentor's publish reaches
// the trainee's mailbox on a real SMTP server on 127.0.0.1; without them nothing is sent, and a
// mail server that is down never fails the mentor's action.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mailsSettled } from "~/models/notification-mail.server";
import { publishReview } from "~/models/review.server";
import { createTestDb, DIALECTS, type TestDb } from "../support/db";
import { setSmtp, startSmtp, type TestSmtp } from "../support/smtp";
import { smallOrg, submitted } from "../support/org";

const OFF_BY_ONE = { lineFrom: 3, lineTo: 3, category: "off-by-one", explanation: "Off by one: the loop runs n + 1 times, one too many." };

const review = (findingId: string) => ({ feedback: "Good catch on the loop.", findings: [{ findingId, verdict: null, grade: 3 as const, comment: "", unseeded: false }] });

describe.each(DIALECTS)("notification emails on %s", (dialect) => {
  let t: TestDb;
  let smtp: TestSmtp;
  beforeEach(async () => {
    smtp = await startSmtp();
  });
  afterEach(async () => {
    setSmtp(null);
    await t?.close();
    await smtp.close();
  });

  it("a mentor publishes: the trainee alone gets a mail naming the exercise with a link, and no answer key", async () => {
    setSmtp(smtp.port, "http://127.0.0.1:3999/"); // a trailing slash: the links still have one slash
    t = await createTestDb(dialect);
    const o = await smallOrg(t.db);
    const a = await submitted(t.db, o.t1.id, o.draftId, [OFF_BY_ONE]);
    await submitted(t.db, o.t2.id, o.draftId, [OFF_BY_ONE]);
    await publishReview(t.db, o.mentorA, a.attemptId, review(a.findingIds[0]), 0);
    await mailsSettled();
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail.to).toEqual(["t1@acme.test"]);
    const title = (await t.db.selectFrom("drafts").select("title").where("id", "=", o.draftId).executeTakeFirstOrThrow()).title;
    const body = mail.data;
    expect(body).toContain(`New mentor feedback: ${title}`);
    expect(body).toContain(`http://127.0.0.1:3999/practice/results/${a.attemptId}`);
    // Nothing of the answer key, the mentor's verdicts or another trainee.
    const key = (await t.db.selectFrom("drafts").select("answer_key").where("id", "=", o.draftId).executeTakeFirstOrThrow()).answer_key;
    for (const flaw of JSON.parse(key) as { explanation: string }[]) expect(body).not.toContain(flaw.explanation.slice(0, 40));
    expect(body).not.toContain("Good catch on the loop");
    expect(body).not.toContain("t2@acme.test");
    // The in-app notification is there as before.
    const inApp = await t.db.selectFrom("notifications").select("title").where("user_id", "=", o.t1.id).execute();
    expect(inApp.map((n) => n.title)).toEqual([`New mentor feedback: ${title}`]);
  });

  it("without SMTP settings nothing is sent and the publish works as before", async () => {
    setSmtp(null);
    t = await createTestDb(dialect);
    const o = await smallOrg(t.db);
    const a = await submitted(t.db, o.t1.id, o.draftId, [OFF_BY_ONE]);
    const res = await publishReview(t.db, o.mentorA, a.attemptId, review(a.findingIds[0]), 0);
    expect(res).toMatchObject({ ok: true });
    await mailsSettled();
    expect(smtp.received).toEqual([]);
    expect(await t.db.selectFrom("notifications").select("kind").where("user_id", "=", o.t1.id).execute()).toEqual([{ kind: "feedback" }]);
  });

  it("a mail server that is down does not fail the publish; the in-app notification stays", async () => {
    const down = await startSmtp();
    await down.close(); // a port on 127.0.0.1 where nothing listens any more
    setSmtp(down.port);
    t = await createTestDb(dialect);
    const o = await smallOrg(t.db);
    const a = await submitted(t.db, o.t1.id, o.draftId, [OFF_BY_ONE]);
    const res = await publishReview(t.db, o.mentorA, a.attemptId, review(a.findingIds[0]), 0);
    expect(res).toMatchObject({ ok: true });
    await mailsSettled();
    expect(await t.db.selectFrom("notifications").select("kind").where("user_id", "=", o.t1.id).execute()).toEqual([{ kind: "feedback" }]);
  });
});
