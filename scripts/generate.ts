// npm run generate -- --domain legal --count 50 [--seed S] [--difficulty N] [--clean-rate R] [--json FILE]
// Generates verified drafts with the offline engine and stores them in the database (or writes JSON).
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { db, migrateToLatest } from "~/db/db.server";
import { generateBatch } from "~/domain/generation/batch";
import type { Draft } from "~/domain/types";
import { packs } from "~/models/content.server";
import { insertDrafts } from "~/models/draft.server";
import { progress } from "./lib/progress";

const USAGE = `Usage: npm run generate -- --domain DOMAIN --count N [options]

  --domain D        software | data | legal | finance | all
  --count N         drafts to generate per domain (1..100000)
  --seed S          base seed (integer, default: random); same seed ⇒ same drafts
  --difficulty N    1..5 (default: spread over 1..5)
  --clean-rate R    share of zero-flaw control drafts, 0..1 (default 0.1)
  --generator G     offline (default)
  --json FILE       write the drafts to FILE as a JSON array instead of the database`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      domain: { type: "string" },
      count: { type: "string" },
      seed: { type: "string" },
      difficulty: { type: "string" },
      "clean-rate": { type: "string" },
      generator: { type: "string", default: "offline" },
      json: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  }));
} catch (e) {
  fail((e as Error).message);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const loaded = packs();
const domains = loaded.packs.map((p) => p.domain);
if (!values.domain) fail("Missing --domain.");
if (values.domain !== "all" && !domains.includes(values.domain)) fail(`Unknown domain "${values.domain}". Choose one of: ${domains.join(", ")}, all.`);
const count = Number(values.count);
if (!values.count || !Number.isInteger(count) || count < 1 || count > 100_000) fail(`--count must be a whole number from 1 to 100000 (got "${values.count ?? ""}").`);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 32) : Number(values.seed);
if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) fail(`--seed must be a whole number from 0 to 4294967295 (got "${values.seed}").`);
const difficulty = values.difficulty === undefined ? undefined : Number(values.difficulty);
if (difficulty !== undefined && (!Number.isInteger(difficulty) || difficulty < 1 || difficulty > 5)) fail(`--difficulty must be 1, 2, 3, 4 or 5 (got "${values.difficulty}").`);
const cleanRate = values["clean-rate"] === undefined ? 0.1 : Number(values["clean-rate"]);
if (!(cleanRate >= 0 && cleanRate <= 1)) fail(`--clean-rate must be a number from 0 to 1 (got "${values["clean-rate"]}").`);
if (values.generator !== "offline") fail(`--generator "${values.generator}" is not available here; use offline.`);
if (loaded.problems.length) {
  console.error(`The content packs have ${loaded.problems.length} problem(s); run npm run content:check.`);
  process.exit(1);
}

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
