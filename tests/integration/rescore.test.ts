import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { ScoreBreakdown } from "~/domain/scoring";
import { rescoreStoredAttempts, scoreRevisions } from "~/models/rescore.server";
import { createTestDb, DIALECTS, type TestDb } from "../support/db";
import { smallOrg, submitted } from "../support/org";

const OFF_BY_ONE = { lineFrom: 3, lineTo: 3, category: "off-by-one", explanation: "Off by one: the loop runs n + 1 times, one too many." };
const FALSE_ALARM = { lineFrom: 6, lineTo: 6, category: "off-by-one", explanation: "Returning total here looks suspicious to me." };

/** Makes a stored attempt look scored by version 1 with the old total, as before the upgrade. */
async function asVersion1(t: TestDb, attemptId: string, oldTotal: number, oldPrecision: number) {
  const row = await t.db.selectFrom("attempts").select(["auto_score", "user_id"]).where("id", "=", attemptId).executeTakeFirstOrThrow();
  const now = JSON.parse(row.auto_score!) as ScoreBreakdown;
  const old = { ...now, configVersion: 1, total: oldTotal, components: { ...now.components, precision: oldPrecision } } as Partial<ScoreBreakdown>;
  delete old.matcherVersion;
  const json = JSON.stringify(old);
  await t.db.updateTable("attempts").set({ auto_score: json, final_score: json, auto_total: oldTotal, final_total: oldTotal }).where("id", "=", attemptId).execute();
  return row.user_id;
}

describe.each(DIALECTS)("rescoring stored attempts on %s", (dialect) => {
  let t: TestDb;
  afterEach(async () => {
    await t?.close();
  });

  it("rescores in resumable batches, records a visible revision with the old breakdown, and keeps the aggregates consistent", async () => {
    t = await createTestDb(dialect);
    const o = await smallOrg(t.db);
    const a = await submitted(t.db, o.t1.id, o.draftId, [OFF_BY_ONE, FALSE_ALARM]);
    const b = await submitted(t.db, o.t1.id, o.draftId, [OFF_BY_ONE]);
    const current = await t.db.selectFrom("attempts").select(["id", "final_total"]).where("id", "in", [a.attemptId, b.attemptId]).execute();
    const totalNow = new Map(current.map((r) => [r.id, r.final_total!]));
    // Version 1 gave the attempt with a confident false alarm 63 (precision share 0.5).
    await asVersion1(t, a.attemptId, 63, 0.5);
    await asVersion1(t, b.attemptId, totalNow.get(b.attemptId)!, 1);
    // The aggregates hold what the trainee saw: shift them to the old totals as well.
    await t.db.updateTable("trainee_stats").set((eb) => ({ total_sum: eb("total_sum", "+", 63 - totalNow.get(a.attemptId)!) })).where("user_id", "=", o.t1.id).execute();

    // A run that stops after one batch leaves one attempt rescored and the other untouched.
    const first = await rescoreStoredAttempts(t.db, { reason: "test", batchSize: 1, maxBatches: 1 });
    expect(first).toMatchObject({ scanned: 1, finished: false });
    const second = await rescoreStoredAttempts(t.db, { reason: "test", batchSize: 1 });
    expect(second.finished).toBe(true);
    expect(first.scanned + second.scanned).toBe(2);
    // Only the attempt whose grade changed gets a revision: the other keeps its total and
    // breakdown under version 2, so nothing it shows changes (its stored version does).
    expect(first.changed + second.changed).toBe(1);
    expect(await scoreRevisions(t.db, b.attemptId)).toEqual([]);
    // The printed distribution counts both rescored attempts: 63 → 64.9 up, the other unchanged.
    const runs = [first.distribution, second.distribution];
    const sum = (k: "count" | "unchanged" | "up" | "down") => runs.reduce((n, d) => n + d[k], 0);
    expect([sum("count"), sum("unchanged"), sum("up"), sum("down")]).toEqual([2, 1, 1, 0]);
    // A finished run does nothing when started again.
    expect(await rescoreStoredAttempts(t.db, { reason: "test" })).toMatchObject({ scanned: 0, changed: 0, finished: true });

    const rows = await t.db.selectFrom("attempts").select(["id", "final_total", "final_score"]).where("id", "in", [a.attemptId, b.attemptId]).execute();
    for (const r of rows) {
      expect(r.final_total).toBe(totalNow.get(r.id));
      expect((JSON.parse(r.final_score!) as ScoreBreakdown).configVersion).toBe(2);
    }
    const [rev] = await scoreRevisions(t.db, a.attemptId);
    expect(rev).toMatchObject({ fromVersion: 1, toVersion: 2, before: 63, after: 64.9 });
    expect(rev.because.join(" ")).toMatch(/false alarm now costs by its confidence/);
    const stored = await t.db.selectFrom("score_revisions").select(["previous_final_score"]).where("attempt_id", "=", a.attemptId).executeTakeFirstOrThrow();
    expect((JSON.parse(stored.previous_final_score!) as ScoreBreakdown).configVersion).toBe(1);
    const stats = await t.db.selectFrom("trainee_stats").select("total_sum").where("user_id", "=", o.t1.id).executeTakeFirstOrThrow();
    expect(Number(stats.total_sum)).toBeCloseTo(totalNow.get(a.attemptId)! + totalNow.get(b.attemptId)!, 6);
  }, 120_000);
});

describe("npm run rescore -- --dry-run", () => {
  let t: TestDb;
  afterEach(async () => {
    await t?.close();
  });

  const rescoreCli = (args: string[]) =>
    spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/rescore.ts", ...args], { encoding: "utf8", timeout: 180_000 });

  it("prints the distribution of a rescore on a throwaway copy and leaves the database as it was", async () => {
    t = await createTestDb("sqlite");
    const o = await smallOrg(t.db);
    const a = await submitted(t.db, o.t1.id, o.draftId, [OFF_BY_ONE, FALSE_ALARM]);
    await asVersion1(t, a.attemptId, 63, 0.5);
    const run = rescoreCli(["--dry-run", "--database", t.url]);
    expect(run.status, run.stderr).toBe(0);
    // 63 → 64.9 under the current rules (the same attempt as above), counted and printed.
    expect(run.stdout).toContain("1 attempt: unchanged 0 (0.0 %), up 1 (100.0 %), down 0 (0.0 %); change mean +1.90, median +1.9, range +1.9 … +1.9");
    expect(run.stdout).toContain("by size (points): down 0.1–5 0, 5.1–15 0, 15.1–30 0, > 30 0; up 0.1–5 1, 5.1–15 0, 15.1–30 0, > 30 0");
    expect(run.stdout).toContain("pass mark 70: 0 (0.0 %) now below it, 0 (0.0 %) now at or above it");
    // The database itself: the old total and version, no revision, no finished run.
    const row = await t.db.selectFrom("attempts").select(["final_total", "final_score"]).where("id", "=", a.attemptId).executeTakeFirstOrThrow();
    expect(row.final_total).toBe(63);
    expect((JSON.parse(row.final_score!) as ScoreBreakdown).configVersion).toBe(1);
    expect(await scoreRevisions(t.db, a.attemptId)).toEqual([]);
    expect(await t.db.selectFrom("rescore_runs").selectAll().execute()).toEqual([]);
    // The copy is gone.
    expect(fs.readdirSync("data").filter((f) => f.startsWith("rescore-dry-run-"))).toEqual([]);
  }, 240_000);

  it("refuses a dry run on PostgreSQL with a message, changing nothing", () => {
    const run = rescoreCli(["--dry-run", "--database", "postgres://127.0.0.1:1/none"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--dry-run copies a SQLite database; for PostgreSQL, restore a copy and rescore that/);
  }, 240_000);
});
