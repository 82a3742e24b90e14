// npm run generate -- --domain legal --count 50 [--seed S] [--difficulty N] [--clean-rate R] [--json FILE]
// npm run generate -- --generator openai --domain legal --count 10 [--mode flaws|brief] [--spend-limit USD]
// Generates verified drafts with the offline engine (default) or a model, and stores them in the
// database (or, offline only, writes JSON). A model run is a recorded generation job: every call,
// its cost estimate and every failure reason end up in the database, as from the admin page.
import fs from "node:fs";
import path from "node:path";
import { db, migrateToLatest } from "~/db/db.server";
import { generateBatch } from "~/domain/generation/batch";
import type { Draft } from "~/domain/types";
import { createGenerationJob, FAILURE_LABELS, GENERATION_LIMITS, listGenerationJobs, type GenerationMode } from "~/models/generation-jobs.server";
import { runGenerationJob } from "~/models/generation-runner.server";
import { packs } from "~/models/content.server";
import { insertDrafts } from "~/models/draft.server";
import { describeEndpoint, LlmClient, llmConfigFromEnv, type LlmConfig } from "~/utils/llm.server";
import { parseCli, usageError } from "./lib/cli";
import { progress } from "./lib/progress";

const USAGE = `Usage: npm run generate -- --domain DOMAIN --count N [options]

  --domain D        software | data | legal | finance | all
  --count N         drafts to generate per domain (1..100000; 1..${GENERATION_LIMITS.maxCount * 5} with openai)
  --seed S          base seed (integer, default: random); same seed ⇒ same drafts (offline)
  --difficulty N    1..5 (default: spread over 1..5)
  --clean-rate R    share of zero-flaw control drafts, 0..1 (default 0.1; offline only)
  --generator G     offline (default) | openai (needs OPENAI_MODEL and OPENAI_API_KEY or OPENAI_BASE_URL)
  --json FILE       write the drafts to FILE as a JSON array instead of the database (offline only)

  With --generator openai:
  --mode M          flaws (default: the model seeds flaws in a curated source)
                    | brief (the model writes the draft for a source's brief, then seeds flaws)
  --spend-limit USD stop before the estimated spend of this run could exceed USD (default 1.00)
  --concurrency N   model requests in flight at once, 1..${GENERATION_LIMITS.maxConcurrency} (default 2)`;

function fail(message: string): never {
  return usageError(message, USAGE);
}

const values = parseCli(
  {
    options: {
      domain: { type: "string" },
      count: { type: "string" },
      seed: { type: "string" },
      difficulty: { type: "string" },
      "clean-rate": { type: "string" },
      generator: { type: "string", default: "offline" },
      json: { type: "string" },
      mode: { type: "string" },
      "spend-limit": { type: "string" },
      concurrency: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  },
  USAGE
);

const loaded = packs();
const domains = loaded.packs.map((p) => p.domain);
if (!values.domain) fail("Missing --domain.");
if (values.domain !== "all" && !domains.includes(values.domain)) fail(`Unknown domain "${values.domain}". Choose one of: ${domains.join(", ")}, all.`);
if (values.generator !== "offline" && values.generator !== "openai") fail(`Unknown --generator "${values.generator}". Choose offline or openai.`);
const useModel = values.generator === "openai";
const maxCount = useModel ? GENERATION_LIMITS.maxCount * 5 : 100_000;
const count = Number(values.count);
if (!values.count || !Number.isInteger(count) || count < 1 || count > maxCount) fail(`--count must be a whole number from 1 to ${maxCount} (got "${values.count ?? ""}").`);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 32) : Number(values.seed);
if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) fail(`--seed must be a whole number from 0 to 4294967295 (got "${values.seed}").`);
const difficulty = values.difficulty === undefined ? undefined : Number(values.difficulty);
if (difficulty !== undefined && (!Number.isInteger(difficulty) || difficulty < 1 || difficulty > 5)) fail(`--difficulty must be 1, 2, 3, 4 or 5 (got "${values.difficulty}").`);
const cleanRate = values["clean-rate"] === undefined ? 0.1 : Number(values["clean-rate"]);
if (!(cleanRate >= 0 && cleanRate <= 1)) fail(`--clean-rate must be a number from 0 to 1 (got "${values["clean-rate"]}").`);
if (!useModel) {
  for (const flag of ["mode", "spend-limit", "concurrency"] as const) {
    if (values[flag] !== undefined) fail(`--${flag} applies to --generator openai only.`);
  }
} else {
  if (values.json) fail("--json is for the offline engine only; model drafts are stored in the database with their generation record.");
  if (values["clean-rate"] !== undefined) fail("--clean-rate is for the offline engine only; model drafts always carry flaws.");
}
const mode = (values.mode ?? "flaws") as GenerationMode;
if (mode !== "flaws" && mode !== "brief") fail(`--mode must be flaws or brief (got "${values.mode}").`);
const spendLimit = values["spend-limit"] === undefined ? GENERATION_LIMITS.defaultSpendUsd : Number(values["spend-limit"]);
if (!(spendLimit > 0 && spendLimit <= 10_000)) fail(`--spend-limit must be an amount in US dollars above 0, e.g. 2.50 (got "${values["spend-limit"]}").`);
const concurrency = values.concurrency === undefined ? 2 : Number(values.concurrency);
if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > GENERATION_LIMITS.maxConcurrency) {
  fail(`--concurrency must be a whole number from 1 to ${GENERATION_LIMITS.maxConcurrency} (got "${values.concurrency}").`);
}
let llmConfig: LlmConfig | null = null;
if (useModel) {
  try {
    llmConfig = llmConfigFromEnv();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  if (!llmConfig) {
    fail(
      "--generator openai needs a model: set OPENAI_MODEL and OPENAI_API_KEY (api.openai.com), or OPENAI_MODEL and OPENAI_BASE_URL " +
        "for a local OpenAI-compatible server, e.g.\n  OPENAI_BASE_URL=http://127.0.0.1:11434/v1 OPENAI_MODEL=llama3.1 npm run generate -- --generator openai --domain legal --count 5"
    );
  }
}
if (loaded.problems.length) {
  console.error(`The content packs have ${loaded.problems.length} problem(s); run npm run content:check.`);
  process.exit(1);
}

const domainArg: string = values.domain;
const seedGiven = values.seed !== undefined;
if (useModel) process.exit(await generateWithModel(llmConfig!));

const chosen = loaded.packs.filter((p) => values.domain === "all" || p.domain === values.domain);
const all: Draft[] = [];
const bar = progress("generate", count * chosen.length);
let done = 0;
for (const pack of chosen) {
  for (const draft of generateBatch(pack, { count, seed, difficulty, cleanRate, contentHash: loaded.hashes[pack.domain] })) {
    all.push(draft);
    bar.tick(++done, pack.domain);
  }
}

if (values.json) {
  const file = path.resolve(values.json);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(all, null, 2));
  bar.end(`Wrote ${all.length} verified drafts to ${values.json} (seed ${seed})`);
} else {
  const database = db();
  await migrateToLatest(database);
  const ids = await insertDrafts(database, all);
  await database.destroy();
  bar.end(`Stored ${new Set(ids).size} verified drafts (seed ${seed})`);
}

/** One recorded generation job per domain; Ctrl-C cancels cleanly (the call in flight is aborted). */
async function generateWithModel(config: LlmConfig): Promise<number> {
  const database = db();
  await migrateToLatest(database);
  const llm = new LlmClient(config);
  const controller = new AbortController();
  process.once("SIGINT", () => {
    console.error("\nCancelling: the call in flight is aborted, finished drafts stay in the pool…");
    controller.abort("Cancelled from the command line.");
  });
  const chosen = loaded.packs.filter((p) => domainArg === "all" || p.domain === domainArg);
  console.log(
    `Generating with ${config.model} at ${describeEndpoint(config)} (mode ${mode}, spend limit $${spendLimit.toFixed(2)} per domain${
      config.pricing.known ? "" : ", price not in the table: estimated high"
    })`
  );
  const bar = progress("generate", count * chosen.length);
  let base = 0;
  let accepted = 0;
  let code = 0;
  for (const pack of chosen) {
    if (controller.signal.aborted) break;
    const jobId = await createGenerationJob(database, { domain: pack.domain, mode, count, difficulty: difficulty ?? null, spendLimitUsd: spendLimit, origin: "cli" }, config.model);
    const summary = await runGenerationJob(database, jobId, {
      llm,
      pack,
      contentHash: loaded.hashes[pack.domain],
      concurrency,
      signal: controller.signal,
      seed: seedGiven ? seed : undefined,
      onProgress: (p) => p.last && bar.tick(base + p.done, `${pack.domain}: ${p.accepted} ok, ${p.rejected} failed, $${p.spentUsd.toFixed(4)}`),
    });
    base += count;
    accepted += summary.accepted;
    const [job] = (await listGenerationJobs(database, { orgId: null }, 50)).filter((j) => j.id === jobId);
    console.log(
      `\n${pack.domain}: ${summary.status} — ${summary.accepted} accepted, ${summary.rejected} rejected, ${summary.calls} model calls, $${summary.spentUsd.toFixed(4)} estimated`
    );
    if (summary.stopReason) console.log(`  ${summary.stopReason}`);
    for (const f of job?.failures ?? []) console.log(`  draft ${f.seq} (${f.sourceTitle}): ${FAILURE_LABELS[f.reason] ?? f.reason} — ${f.detail}`);
    if (summary.status === "failed") code = 1;
  }
  await database.destroy();
  bar.end(`Stored ${accepted} verified model-written drafts`);
  return accepted === 0 ? 1 : code;
}
