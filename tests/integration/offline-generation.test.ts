// Batches of the offline seeding engine started like model batches (the admin page's "Start batch"
// with engine "offline"), on SQLite and PostgreSQL: no model is needed, the job list shows the
// engine and the same progress counts, the drafts are the ones `npm run generate` makes for the
// same seed, a draft already in the pool is not stored twice, and a cancel stops the batch.
import { afterEach, describe, expect, it } from "vitest";
import { generateBatch } from "~/domain/generation/batch";
import { verifyDraft } from "~/domain/verification/verify";
import { packs } from "~/models/content.server";
import { draftFingerprint, rowToDraft } from "~/models/draft.server";
import { createGenerationJob, listGenerationJobs, OFFLINE_CLEAN_RATE, OFFLINE_ENGINE, type GenerationRequest } from "~/models/generation-jobs.server";
import { cancelGenerationJob, runGenerationJob, startGenerationJob } from "~/models/generation-runner.server";
import { createTestDb, DIALECTS, type TestDb } from "../support/db";

const REQUEST: GenerationRequest = { engine: "offline", domain: "finance", mode: "flaws", count: 6, difficulty: 2, spendLimitUsd: 0, origin: "test" };

describe.each(DIALECTS)("offline generation batches on %s", (dialect) => {
  let t: TestDb;
  afterEach(async () => {
    await t?.close();
  });

  async function finished(jobId: string) {
    for (let i = 0; i < 600; i++) {
      const [job] = (await listGenerationJobs(t.db, { orgId: null })).filter((j) => j.id === jobId);
      if (job && !job.active) return job;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("the batch did not finish");
  }

  it("starts without any model configured, stores verified offline drafts and lists the batch with its engine and progress", async () => {
    t = await createTestDb(dialect);
    // An empty model configuration: a model batch is refused, an offline one is not.
    await expect(startGenerationJob(t.db, { ...REQUEST, engine: "model" }, { config: undefined, llm: undefined })).rejects.toThrow(/No model is configured/);
    const jobId = await startGenerationJob(t.db, REQUEST);
    const job = await finished(jobId);
    expect(job).toMatchObject({ status: "done", engine: "offline", engineLabel: "Offline seeding engine", requested: 6, done: 6, calls: 0, spentUsd: 0 });
    const drafts = await t.db.selectFrom("drafts").selectAll().execute();
    expect(drafts.length).toBe(job.accepted);
    expect(job.accepted + job.rejected).toBe(6);
    for (const d of drafts) {
      expect(d.generator).toBe("offline");
      expect(d.domain).toBe("finance");
      expect(verifyDraft(rowToDraft(d))).toEqual({ ok: true });
    }
    const items = await t.db.selectFrom("generation_items").selectAll().where("job_id", "=", jobId).orderBy("seq").execute();
    expect(items.map((i) => i.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(items.filter((i) => i.status === "accepted").map((i) => i.draft_id).sort()).toEqual(drafts.map((d) => d.id).sort());
    expect(await t.db.selectFrom("model_calls").select("id").execute()).toEqual([]);
  });

  it("gives the drafts the command line gives for the same seed; running the seed again adds nothing and says why", async () => {
    t = await createTestDb(dialect);
    const loaded = packs();
    const pack = loaded.packs.find((p) => p.domain === "finance")!;
    const cli = [...generateBatch(pack, { count: 6, seed: 7, difficulty: 2, cleanRate: OFFLINE_CLEAN_RATE, contentHash: loaded.hashes.finance })];

    const first = await createGenerationJob(t.db, REQUEST, OFFLINE_ENGINE);
    const a = await runGenerationJob(t.db, first, { seed: 7 });
    expect(a).toMatchObject({ status: "done", calls: 0 });
    const stored = await t.db.selectFrom("drafts").select(["fingerprint"]).execute();
    expect(stored.map((d) => d.fingerprint).sort()).toEqual([...new Set(cli.map(draftFingerprint))].sort());

    const again = await createGenerationJob(t.db, REQUEST, OFFLINE_ENGINE);
    const b = await runGenerationJob(t.db, again, { seed: 7 });
    expect(b).toMatchObject({ status: "done", accepted: 0, rejected: 6 });
    expect(await t.db.selectFrom("drafts").select("id").execute()).toHaveLength(stored.length);
    const [dto] = (await listGenerationJobs(t.db, { orgId: null })).filter((j) => j.id === again);
    expect(dto.failures).toHaveLength(6);
    expect(dto.failures[0]).toMatchObject({ reason: "duplicate", reasonLabel: "already in the pool" });
    expect(dto.failures[0].detail).toMatch(/^The same draft of ".+" is already in the pool\.$/);
  });

  it("a cancel stops an offline batch between drafts; every item is finished and counted", async () => {
    t = await createTestDb(dialect);
    const jobId = await createGenerationJob(t.db, { ...REQUEST, count: 200, difficulty: null }, OFFLINE_ENGINE);
    let asked = false;
    const summary = await runGenerationJob(t.db, jobId, {
      onProgress: (p) => {
        if (p.done === 2 && !asked) {
          asked = true;
          void cancelGenerationJob(t.db, jobId, { orgId: null });
        }
      },
    });
    expect(summary.status).toBe("cancelled");
    const [dto] = await listGenerationJobs(t.db, { orgId: null });
    expect(dto).toMatchObject({ status: "cancelled", active: false, engine: "offline" });
    expect(dto.done).toBeGreaterThanOrEqual(2);
    expect(dto.done).toBeLessThan(200);
    const items = await t.db.selectFrom("generation_items").select(["status"]).where("job_id", "=", jobId).execute();
    expect(items).toHaveLength(dto.done);
    expect(items.every((i) => i.status === "accepted" || i.status === "rejected")).toBe(true);
  });
});
