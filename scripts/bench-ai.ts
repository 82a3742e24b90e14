// AI generation figures against the local fake model server (never a real model): model calls
// per accepted draft with a realistic share of bad first answers, the app's own time per draft
// (prompting, validation, verification, storage — model time excluded) and throughput with N
// concurrent generations. Called by `npm run bench`; runs alone with `npx tsx scripts/bench-ai.ts`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createDatabase, migrateToLatest, type Database } from "~/db/db.server";
import { createRng } from "~/domain/generation/prng";
import { createGenerationJob } from "~/models/generation-jobs.server";
import { runGenerationJob } from "~/models/generation-runner.server";
import { loadContent } from "~/models/content.server";
import { LlmClient, makeLlmConfig } from "~/utils/llm.server";
import { categoriesOf, documentOf, goodEdits, isRepair, startFakeOpenAI, wantedOf, type FakeHandler, type FakeOpenAI, type FakeReply } from "../tests/support/fake-openai";

/**
 * First answers: 75 % good; 15 % with one hallucinated edit among those asked for (the app drops it, no
 * repair call); 10 % unusable (malformed JSON, or every original invented), which costs one
 * repair round. 25 % of first answers are bad in all.
 */
const firstAnswers = { total: 0, partial: 0, unusable: 0 };

function realisticModel(seed: number, latencyMs: number, share = { partial: 0.15, unusable: 0.1 }): FakeHandler {
  const rng = createRng(seed);
  return (req) => {
    const doc = documentOf(req);
    const cats = categoriesOf(req);
    const good = goodEdits(doc, cats, wantedOf(req));
    const r = isRepair(req) ? 1 : rng();
    if (!isRepair(req)) {
      firstAnswers.total++;
      if (r < share.unusable) firstAnswers.unusable++;
      else if (r < share.unusable + share.partial && good.edits.length >= 2) firstAnswers.partial++;
    }
    let reply: FakeReply;
    if (r < share.unusable) {
      reply =
        rng() < 0.5
          ? { type: "text", content: JSON.stringify(good).slice(0, 200) }
          : { type: "json", value: { edits: good.edits.map((e) => ({ ...e, original: `${e.original} // invented` })) } };
    } else if (r < share.unusable + share.partial && good.edits.length >= 2) {
      const edits = [...good.edits];
      edits[1] = { ...edits[1], original: "text that is not in the document" };
      reply = { type: "json", value: { edits } };
    } else {
      reply = { type: "json", value: good };
    }
    return latencyMs ? { type: "delay", ms: latencyMs, then: reply } : reply;
  };
}

async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-bench-ai-"));
  const db = createDatabase(`file:${path.join(dir, "bench.db")}`);
  try {
    await migrateToLatest(db);
    return await fn(db);
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchAi(): Promise<Record<string, number | string>> {
  const { packs, hashes } = loadContent("content");
  const usable = packs.filter((p) => p.sources.length);
  const fake: FakeOpenAI = await startFakeOpenAI();
  const llm = new LlmClient(makeLlmConfig({ model: "fake-model", baseURL: fake.baseURL, timeoutMs: 10_000, maxRetries: 2, backoffMs: 5, maxBackoffMs: 100 }));
  const run = (db: Database, domain: string, count: number, concurrency: number) =>
    createGenerationJob(db, { domain, mode: "flaws", count, difficulty: null, spendLimitUsd: 1_000, origin: "bench" }, llm.model).then((id) =>
      runGenerationJob(db, id, { llm, pack: usable.find((p) => p.domain === domain)!, contentHash: hashes[domain], concurrency, seed: 7 }),
    );
  try {
    // 1. Calls per accepted draft and app-side time, instant model, one generation at a time.
    const perDomain = 50;
    const quality = await withDb(async (db) => {
      Object.assign(firstAnswers, { total: 0, partial: 0, unusable: 0 });
      fake.use(realisticModel(1, 0));
      let accepted = 0;
      let calls = 0;
      let wall = 0;
      for (const pack of usable) {
        const t0 = performance.now();
        const s = await run(db, pack.domain, perDomain, 1);
        wall += performance.now() - t0;
        accepted += s.accepted;
        calls += s.calls;
      }
      const rows = await db.selectFrom("model_calls").select((eb) => [eb.fn.sum<number>("latency_ms").as("ms"), eb.fn.countAll<number>().as("n")]).executeTakeFirstOrThrow();
      return { accepted, calls, wall, callMs: Number(rows.ms), recorded: Number(rows.n), ...firstAnswers };
    });
    const worst = await withDb(async (db) => {
      fake.use(realisticModel(2, 0, { partial: 0, unusable: 0.25 }));
      let accepted = 0;
      let calls = 0;
      for (const pack of usable) {
        const s = await run(db, pack.domain, perDomain, 1);
        accepted += s.accepted;
        calls += s.calls;
      }
      return { accepted, calls };
    });

    // 2. Throughput with N concurrent generations against a model answering in 100 ms.
    const latency = 100;
    const throughput: Record<number, number> = {};
    for (const n of [1, 4, 8]) {
      throughput[n] = await withDb(async (db) => {
        fake.use(realisticModel(3, latency));
        const count = n * 8;
        const t0 = performance.now();
        const s = await run(db, usable[0].domain, count, n);
        return s.accepted / ((performance.now() - t0) / 1000);
      });
    }

    const callsPerDraft = quality.calls / quality.accepted;
    return {
      [`accepted drafts (${usable.length}×${perDomain}, 25 % bad first answers)`]: quality.accepted,
      "  first answers partly bad (salvaged, no extra call)": `${((100 * quality.partial) / quality.total).toFixed(1)} %`,
      "  first answers unusable (one repair round)": `${((100 * quality.unusable) / quality.total).toFixed(1)} %`,
      "model calls per accepted draft (goal ≤ 1.2)": callsPerDraft,
      "  goal ≤ 1.2 met": callsPerDraft <= 1.2 ? "yes" : "NO",
      "  same if every bad first answer needed a repair": worst.calls / worst.accepted,
      "app-side ms per draft, model time excluded": (quality.wall - quality.callMs) / quality.accepted,
      "ms per call: SDK + loopback HTTP, instant model": quality.callMs / quality.recorded,
      [`drafts/s, 1 at a time (model latency ${latency} ms)`]: throughput[1],
      "drafts/s, 4 concurrent generations": throughput[4],
      "drafts/s, 8 concurrent generations": throughput[8],
      "speed-up 8 vs 1 concurrent": throughput[8] / throughput[1],
    };
  } finally {
    await fake.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  for (const [k, v] of Object.entries(await benchAi())) console.log(`${k.padEnd(80)} ${typeof v === "number" ? v.toFixed(2) : v}`);
}
