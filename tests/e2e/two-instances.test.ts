// Two app processes on one PostgreSQL database, as behind a load balancer: a trainee signs in on
// one, starts, flags and submits on the other, and reads the result on the first; the sign-in limit
// is one limit across both. (That two instances never run one generation job twice is shown by the
// claim race in tests/integration/ai-generation.test.ts, "claims a job once".)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "~/db/db.server";
import { startApp, type RunningApp } from "../support/app";
import { createTestDb, type TestDb } from "../support/db";
import { Client } from "../support/http";

let pg: TestDb;
let a: RunningApp;
let b: RunningApp;
let db: Database;

beforeAll(async () => {
  pg = await createTestDb("postgres", { migrate: false });
  // The first instance migrates and seeds the demo; the second finds it ready.
  a = await startApp({ DATABASE_URL: pg.url });
  b = await startApp({ DATABASE_URL: pg.url });
  db = createDatabase(pg.url);
}, 180_000);

afterAll(async () => {
  await db?.destroy();
  await a?.stop();
  await b?.stop();
  await pg?.close();
});

describe("two instances on one PostgreSQL database", () => {
  it("carries a trainee's session and work from one instance to the other", async () => {
    const onA = await new Client(a.url).signIn("trainee1@redline.test");
    const onB = new Client(b.url);
    for (const [name, value] of onA.jar) onB.jar.set(name, value);

    const start = await onB.post("/practice", { domain: "software", difficulty: "surprise" });
    expect(start.status).toBe(302);
    const attemptId = start.location!.split("/").pop()!;
    const attempt = await db.selectFrom("attempts").innerJoin("drafts", "drafts.id", "attempts.draft_id").select(["drafts.answer_key"]).where("attempts.id", "=", attemptId).executeTakeFirstOrThrow();
    // About one draft in ten is a flawless control; then the finding is a (scored) false alarm on line 1.
    const flaw = (JSON.parse(attempt.answer_key) as { lines: { from: number; to: number }; category: string }[])[0] ?? { lines: { from: 1, to: 1 }, category: "off-by-one" };
    const add = await onB.post(`/practice/attempts/${attemptId}`, {
      intent: "add",
      lineFrom: String(flaw.lines.from),
      lineTo: String(flaw.lines.to),
      category: flaw.category,
      confidence: "80",
      explanation: "This line is where the draft goes wrong: it breaks the brief.",
      suggestedFix: "",
    });
    expect(add.status, add.body.slice(0, 300)).toBe(302);
    expect((await onA.get(`/practice/attempts/${attemptId}`)).body).toContain("This line is where the draft goes wrong");
    expect((await onB.post(`/practice/attempts/${attemptId}`, { intent: "submit" })).status).toBe(302);

    const results = await onA.get(`/practice/results/${attemptId}`);
    expect(results.status).toBe(200);
    const stored = await db.selectFrom("attempts").select(["status", "auto_total"]).where("id", "=", attemptId).executeTakeFirstOrThrow();
    expect(stored.status).toBe("submitted");
    // Scored on submit, with the finding added on the other instance in the score.
    expect(stored.auto_total).not.toBeNull();
    expect(Number(stored.auto_total)).toBeGreaterThan(0);
  });

  it("counts failed sign-ins on both instances against one limit", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await new Client(i % 2 ? b.url : a.url).post("/login", { email: "trainee2@redline.test", password: `wrong-${i}` })).status);
    expect(statuses).toEqual(Array(10).fill(400));
    // The eleventh try, with the right password, on either instance: refused until the window passes.
    for (const app of [a, b]) {
      const r = await new Client(app.url).post("/login", { email: "trainee2@redline.test", password: "redline-demo" });
      expect(r.status, app.url).toBe(429);
      expect(r.body).toContain("Too many failed sign-in attempts");
    }
  });
});
