import { afterEach, describe, expect, it } from "vitest";
import { seedDemoOrganisation } from "~/models/demo.server";
import { seedDemoHistory } from "~/models/demo-history.server";
import { seedDraftPool } from "~/models/draft-pool.server";
import { traineePrograms } from "~/models/program-progress.server";
import { createTestDb, type TestDb } from "../support/db";

describe("demo data", () => {
  let t: TestDb;
  afterEach(async () => {
    await t?.close();
  });

  it("seeds 1 admin, 2 mentors, 2 cohorts, 8 trainees, a draft pool for every domain and a practice history", async () => {
    t = await createTestDb("sqlite");
    await seedDemoOrganisation(t.db);
    const roles = await t.db.selectFrom("users").select(["role", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("role").orderBy("role").execute();
    expect(roles.map((r) => [r.role, Number(r.n)])).toEqual([["admin", 1], ["mentor", 2], ["trainee", 8]]);
    expect(await t.db.selectFrom("cohorts").select("name").orderBy("name").execute()).toHaveLength(2);
    expect(await seedDraftPool(t.db, 2)).toBe(40);
    const pool = await t.db.selectFrom("drafts").select(["domain", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("domain").orderBy("domain").execute();
    expect(pool.map((p) => p.domain)).toEqual(["data", "finance", "legal", "software"]);
    expect(await seedDemoHistory(t.db, 3)).toBe(24);
    const stats = await t.db.selectFrom("trainee_stats").innerJoin("users", "users.id", "trainee_stats.user_id").select(["trainee_stats.attempts", "users.email"]).execute();
    expect(stats).toHaveLength(8);
    // trainee1 also worked through part of the demo program (3 program exercises).
    expect(stats.every((s) => s.attempts === (s.email === "trainee1@redline.test" ? 6 : 3))).toBe(true);
    const trainee1 = await t.db.selectFrom("users").select("id").where("email", "=", "trainee1@redline.test").executeTakeFirstOrThrow();
    const [program] = await traineePrograms(t.db, trainee1.id);
    expect(program.name).toBe("Analyst onboarding");
    expect(program.modules.map((m) => m.state)).toEqual(["complete", "current", "locked"]);
    expect(program.modules[1].dueAt).not.toBeNull();
    expect(program.modules[1].rule.submitted).toBe(1);
  }, 120_000);
});
