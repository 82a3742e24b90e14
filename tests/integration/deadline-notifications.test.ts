// "Due soon" and "overdue" as stored notifications (issue 12, decision 123): the sweep stores one
// per trainee × module × kind, they count as unread, and with SMTP settings exactly one mail per
// event reaches a real SMTP server on 127.0.0.1 — even when the sweep runs twice, and when two
// server instances (two connections to the same database) sweep at the same time.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDatabase } from "~/db/db.server";
import { mailsSettled } from "~/models/notification-mail.server";
import { notificationsPage, sweepDeadlines } from "~/models/notification-deadlines.server";
import { listNotifications, markAllRead, unreadCount } from "~/models/notification.server";
import { assignProgram, saveProgram } from "~/models/program.server";
import { createTestDb, DIALECTS, type TestDb } from "../support/db";
import { setSmtp, startSmtp, type TestSmtp } from "../support/smtp";
import { smallOrg } from "../support/org";

const DAY = 86_400_000;

describe.each(DIALECTS)("deadline notifications on %s", (dialect) => {
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

  /** North (t1, t2) started ten days ago: module 1 was due after 7 days (overdue), module 2 is due tomorrow. */
  async function setUp() {
    t = await createTestDb(dialect);
    const o = await smallOrg(t.db);
    const programId = await saveProgram(t.db, o.admin, null, {
      name: "First weeks",
      modules: [
        { title: "Code review basics", domains: ["software"], difficultyMin: "1", difficultyMax: "3", drafts: "1", minMeanScore: "50", lastN: "1", dueDays: "7" },
        { title: "Loops", domains: ["software"], difficultyMin: "1", difficultyMax: "2", drafts: "1", minMeanScore: "50", lastN: "1", dueDays: "11" },
      ],
    });
    await assignProgram(t.db, o.admin, programId, o.cohorts.north, new Date(Date.now() - 10 * DAY).toISOString().slice(0, 10));
    return o;
  }

  it("stores one overdue and one due-soon notification per trainee, unread, and mails each exactly once even when swept twice and by two instances", async () => {
    setSmtp(smtp.port);
    const o = await setUp();
    const other = createDatabase(t.url); // a second server instance on the same database
    try {
      await Promise.all([sweepDeadlines(t.db), sweepDeadlines(other)]);
      await sweepDeadlines(t.db);
      await mailsSettled();
    } finally {
      await other.destroy();
    }
    for (const u of [o.t1, o.t2]) {
      const notes = await listNotifications(t.db, u.id);
      expect(notes.map((n) => n.kind).sort()).toEqual(["due-soon", "overdue"]);
      expect(notes.find((n) => n.kind === "overdue")!.title).toMatch(/^Overdue: Code review basics \(First weeks\), due \d{4}-\d{2}-\d{2}$/);
      expect(notes.find((n) => n.kind === "due-soon")!.title).toMatch(/^Due soon: Loops \(First weeks\), due /);
      expect(await unreadCount(t.db, u.id)).toBe(2);
    }
    // t3 is in South, which has no program: nothing.
    expect(await listNotifications(t.db, o.t3.id)).toEqual([]);
    expect(smtp.received.map((m) => m.to.join()).sort()).toEqual(["t1@acme.test", "t1@acme.test", "t2@acme.test", "t2@acme.test"]);
    const toT1 = smtp.received.filter((m) => m.to[0] === "t1@acme.test").map((m) => m.data);
    expect(toT1.some((d) => d.includes("Overdue: Code review basics (First weeks)"))).toBe(true);
    expect(toT1.some((d) => d.includes("Due soon: Loops (First weeks)"))).toBe(true);
    expect(toT1.every((d) => d.includes("http://127.0.0.1:3999/practice") && !d.includes("t2@acme.test"))).toBe(true);
  });

  it("a module still due later is not notified; once it is due soon, the next sweep notifies it once", async () => {
    setSmtp(null);
    const o = await setUp();
    const fiveDaysAgo = new Date(Date.now() - 5 * DAY);
    // Five days ago module 1 (due in two days then) was due soon and module 2 was not.
    await sweepDeadlines(t.db, fiveDaysAgo);
    expect((await listNotifications(t.db, o.t1.id)).map((n) => n.kind)).toEqual(["due-soon"]);
    await sweepDeadlines(t.db);
    await sweepDeadlines(t.db);
    const kinds = (await listNotifications(t.db, o.t1.id)).map((n) => n.kind).sort();
    expect(kinds).toEqual(["due-soon", "due-soon", "overdue"]);
    await mailsSettled();
    expect(smtp.received).toEqual([]); // no SMTP settings: in the app only
  });
  it("the notifications page shows each deadline once: live before the sweep, the stored record after it", async () => {
    setSmtp(null);
    const o = await setUp();
    const t1 = { id: o.t1.id, role: "trainee" };
    const deadlines = (p: Awaited<ReturnType<typeof notificationsPage>>) => p.items.map((i) => [i.title.replace(/, due .*/, ""), i.current, i.unread]);
    // Before any sweep: both deadlines, from the program as it stands, not counted unread.
    let page = await notificationsPage(t.db, t1);
    expect(deadlines(page).sort()).toEqual([
      ["Due soon: Loops (First weeks)", "due-soon", false],
      ["Overdue: Code review basics (First weeks)", "overdue", false],
    ]);
    expect(page.unread).toBe(0);
    expect(await listNotifications(t.db, o.t1.id)).toEqual([]); // reading the page stores nothing
    // After the sweep: the same two events, once each, now the stored unread notifications.
    await sweepDeadlines(t.db);
    page = await notificationsPage(t.db, t1);
    expect(deadlines(page).sort()).toEqual([
      ["Due soon: Loops (First weeks)", "due-soon", true],
      ["Overdue: Code review basics (First weeks)", "overdue", true],
    ]);
    expect(page.unread).toBe(2);
    expect(page.items.every((i) => i.createdAt !== null && !("dedupeKey" in i))).toBe(true);
    await markAllRead(t.db, o.t1.id);
    page = await notificationsPage(t.db, t1);
    expect(page.items).toHaveLength(2);
    expect(page.unread).toBe(0);
    // A mentor has no deadlines of their own; t3's cohort has no program.
    expect((await notificationsPage(t.db, { id: o.mentorA.id, role: "mentor" })).items).toEqual([]);
    expect((await notificationsPage(t.db, { id: o.t3.id, role: "trainee" })).items).toEqual([]);
  });
});
