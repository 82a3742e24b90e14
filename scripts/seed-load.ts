// npm run seed:load -- --attempts 100000 [--database URL] [options]
// A realistic volume for the mentor dashboards and the review queue: cohorts of 50 trainees,
// their mentors, a few hundred verified drafts from the real packs, submitted attempts with
// findings scored by the real scoring engine, a share of them reviewed and published by a
// mentor (with verdict overrides and rubric grades), and the dashboard aggregates written by the
// app's own code (flaw_results, trainee_stats, trainee_category_stats from each attempt's final
// score). Writes in batched transactions; a progress bar on a terminal. The simulated trainee
// and mentor behaviour lives in lib/load-attempt.ts.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createDatabase, databaseKind, migrateToLatest, type Database } from "~/db/db.server";
import type { Insertable } from "kysely";
import type { DB } from "~/db/schema";
import { generateBatch } from "~/domain/generation/batch";
import { createRng } from "~/domain/generation/prng";
import { flawResultRows, TallyBook } from "~/domain/stats/tally";
import { writeFlawResults, writeTallies } from "~/models/aggregates.server";
import { packs } from "~/models/content.server";
import { insertDrafts } from "~/models/draft.server";
import { hashPassword } from "~/utils/password.server";
import { FIRST, gaussian, iso, LAST, pick, simulateAttempt, type LoadedDraft, type LoadWorld, type Trainee } from "./lib/load-attempt";
import { intArg, parseCli, usageError } from "./lib/cli";
import { progress } from "./lib/progress";

export const DEFAULT_LOAD_DATABASE_URL = "file:data/load.db";
export const LOAD_PASSWORD = "redline-demo";
/** Marks a finished load (written last), so a half-written database is never reused. */
export const LOAD_MARKER_KEY = "load_seed";

export interface LoadOptions {
  attempts: number;
  traineesPerCohort: number;
  /** Drafts across all domains (split evenly). */
  drafts: number;
  seed: number;
  /** Days of activity, ending now. */
  days: number;
  /** Share of attempts older than ten days that a mentor has reviewed and published. */
  reviewedShare: number;
  /** Attempts per trainee, which decides the number of cohorts. */
  attemptsPerTrainee: number;
}

export const DEFAULT_LOAD_OPTIONS: LoadOptions = {
  attempts: 100_000,
  traineesPerCohort: 50,
  drafts: 400,
  seed: 20260501,
  days: 180,
  reviewedShare: 0.35,
  attemptsPerTrainee: 500,
};

export interface LoadSummary {
  cohorts: number;
  trainees: number;
  mentors: number;
  drafts: number;
  attempts: number;
  findings: number;
  flawResults: number;
  publishedReviews: number;
  draftReviews: number;
  seconds: number;
  accounts: { role: string; email: string; note: string }[];
}

/** Rows per INSERT: stays below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
function chunks<T>(rows: T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(30_000 / columns));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

async function isEmpty(db: Database): Promise<boolean> {
  return !(await db.selectFrom("users").select("id").limit(1).executeTakeFirst());
}

export async function isCompleteLoad(db: Database, attempts: number): Promise<boolean> {
  try {
    const row = await db.selectFrom("settings").select("value").where("key", "=", LOAD_MARKER_KEY).executeTakeFirst();
    if (!row) return false;
    const marker = JSON.parse(row.value) as { attempts?: number };
    return marker.attempts === attempts;
  } catch {
    return false;
  }
}

/** Fills an empty, migrated database. Deterministic for a given seed, apart from timestamps. */
export async function seedLoad(db: Database, options: Partial<LoadOptions> = {}, log: (line: string) => void = console.log): Promise<LoadSummary> {
  const o = { ...DEFAULT_LOAD_OPTIONS, ...options };
  const t0 = Date.now();
  if (!(await isEmpty(db))) throw new Error("The database already has users. seed:load fills an empty database only: choose another --database or use --reset.");
  const rng = createRng(o.seed);
  const now = Date.now();
  const dayMs = 86_400_000;

  // People ------------------------------------------------------------------------------------
  const traineeCount = Math.max(o.traineesPerCohort, Math.round(o.attempts / o.attemptsPerTrainee / o.traineesPerCohort) * o.traineesPerCohort);
  const cohortCount = Math.ceil(traineeCount / o.traineesPerCohort);
  const passwordHash = await hashPassword(LOAD_PASSWORD); // one slow KDF run, shared by every load account
  const orgId = crypto.randomUUID();
  const createdAt = iso(now - (o.days + 30) * dayMs);
  await db.insertInto("organisations").values({ id: orgId, name: "Load test organisation", created_at: createdAt }).execute();
  const users: {
    id: string;
    org_id: string;
    email: string;
    name: string;
    role: "trainee" | "mentor" | "admin";
    password_hash: string;
    disabled_at: null;
    created_at: string;
    last_active_at: null;
  }[] = [];
  const person = (email: string, name: string, role: "trainee" | "mentor" | "admin") => {
    const id = crypto.randomUUID();
    users.push({ id, org_id: orgId, email, name, role, password_hash: passwordHash, disabled_at: null, created_at: createdAt, last_active_at: null });
    return id;
  };
  person("admin@load.test", "Alex Admin (load)", "admin");
  // Distinct names (two "Wen García"s in one cohort would only confuse the screens).
  const names = FIRST.flatMap((f) => LAST.map((l) => `${f} ${l}`));
  for (let i = names.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [names[i], names[j]] = [names[j], names[i]];
  }
  let nameNo = 0;
  const nextName = () => {
    const n = names[nameNo % names.length];
    const round = Math.floor(nameNo++ / names.length);
    return round ? `${n} ${round + 1}` : n;
  };
  const cohorts = Array.from({ length: cohortCount }, (_, c) => ({
    id: crypto.randomUUID(),
    name: `Load cohort ${c + 1}`,
    start: now - o.days * dayMs + Math.floor((c * o.days * 0.5) / Math.max(1, cohortCount)) * dayMs,
  }));
  // One mentor per cohort, and a lead mentor for the first two cohorts (so scopes overlap).
  const mentors = cohorts.map((_, c) => ({ id: person(`mentor${c + 1}@load.test`, `${nextName()} (mentor ${c + 1})`, "mentor"), cohorts: [c] }));
  mentors.push({ id: person("lead-mentor@load.test", "Lead Mentor (load)", "mentor"), cohorts: cohortCount > 1 ? [0, 1] : [0] });
  const loaded = packs();
  const domains = loaded.packs.map((p) => p.domain);
  const trainees: Trainee[] = [];
  for (let i = 0; i < traineeCount; i++) {
    const c = Math.floor(i / o.traineesPerCohort);
    const affinity = new Map<string, number>();
    for (const p of loaded.packs) for (const cat of p.categories) affinity.set(`${p.domain}/${cat.id}`, gaussian(rng) * 0.6);
    trainees.push({
      id: person(`trainee${String(i + 1).padStart(3, "0")}@load.test`, nextName(), "trainee"),
      cohort: c,
      skill: 0.35 + gaussian(rng) * 0.6,
      falseAlarms: Math.exp(gaussian(rng) * 0.6) * 1.75,
      affinity,
      domain: pick(rng, domains),
      start: cohorts[c].start + Math.floor(rng() * 7) * dayMs,
    });
  }
  for (const chunk of chunks(users, 9)) await db.insertInto("users").values(chunk).execute();
  await db
    .insertInto("cohorts")
    .values(cohorts.map((c) => ({ id: c.id, org_id: orgId, name: c.name, created_at: iso(c.start) })))
    .execute();
  const members = [
    ...trainees.map((t) => ({ cohort_id: cohorts[t.cohort].id, user_id: t.id, member_role: "trainee" as const, added_at: iso(t.start) })),
    ...mentors.flatMap((m) => m.cohorts.map((c) => ({ cohort_id: cohorts[c].id, user_id: m.id, member_role: "mentor" as const, added_at: iso(cohorts[c].start) }))),
  ];
  for (const chunk of chunks(members, 4)) await db.insertInto("cohort_members").values(chunk).execute();
  log(`${traineeCount} trainees in ${cohortCount} cohorts, ${mentors.length} mentors`);

  // Drafts ------------------------------------------------------------------------------------
  const perDomain = Math.max(1, Math.round(o.drafts / domains.length));
  const pool = new Map<string, LoadedDraft[]>();
  for (const pack of loaded.packs) {
    const drafts = [...generateBatch(pack, { count: perDomain, seed: o.seed, cleanRate: 0.08, contentHash: loaded.hashes[pack.domain] })];
    const ids = await insertDrafts(db, drafts);
    pool.set(
      pack.domain,
      drafts.map((d, i) => ({ id: ids[i], draft: d, lines: Math.max(1, d.flawedText.split("\n").length - (d.flawedText.endsWith("\n") ? 1 : 0)), categories: pack.categories }))
    );
  }
  const draftCount = [...pool.values()].reduce((s, xs) => s + xs.length, 0);
  log(`${draftCount} verified drafts from the ${domains.join(", ")} packs`);

  // Categories the automatic scorer grades poorly (mentors often say "partly"): two per domain.
  const hardToGrade = new Set<string>();
  for (const p of loaded.packs) {
    const cats = [...p.categories].sort((a, b) => a.id.localeCompare(b.id));
    hardToGrade.add(`${p.domain}/${cats[o.seed % cats.length].id}`);
    hardToGrade.add(`${p.domain}/${cats[(o.seed + 5) % cats.length].id}`);
  }

  // Attempt schedule: each trainee's share, spread over their active days, in time order.
  const perTrainee = trainees.map(() => 0);
  for (let i = 0; i < o.attempts; i++) perTrainee[i % traineeCount]++;
  type Planned = { trainee: Trainee; at: number; progress: number };
  const plan: Planned[] = [];
  trainees.forEach((t, ti) => {
    const span = Math.max(dayMs, now - dayMs / 2 - t.start);
    const times = Array.from({ length: perTrainee[ti] }, () => {
      let at = t.start + rng() * span;
      // Fewer attempts at weekends.
      const wd = new Date(at).getUTCDay();
      if ((wd === 0 || wd === 6) && rng() < 0.7) at -= 2 * dayMs;
      return Math.max(t.start, Math.min(now - 60_000, at));
    }).sort((a, b) => a - b);
    times.forEach((at, k) => plan.push({ trainee: t, at, progress: times.length > 1 ? k / (times.length - 1) : 0 }));
  });
  plan.sort((a, b) => a.at - b.at);

  // The dashboard aggregates, through the same code as a real submission (domain/stats/tally.ts,
  // models/aggregates.server.ts), accumulated over the whole load and written at the end.
  const tallies = new TallyBook();
  const world: LoadWorld = { rng, now, domains, pool, mentors, hardToGrade, reviewedShare: o.reviewedShare };

  const bar = progress("attempts", o.attempts);
  let findingsTotal = 0;
  let flawResultsTotal = 0;
  let published = 0;
  let draftReviews = 0;
  const BATCH = 1000;
  for (let b = 0; b < plan.length; b += BATCH) {
    const attempts: Insertable<DB["attempts"]>[] = [];
    const findings: Insertable<DB["findings"]>[] = [];
    const flawResults: ReturnType<typeof flawResultRows> = [];
    const reviews: Insertable<DB["reviews"]>[] = [];
    const findingReviews: Insertable<DB["finding_reviews"]>[] = [];
    for (const p of plan.slice(b, b + BATCH)) {
      const s = simulateAttempt(world, p);
      attempts.push(s.attempt);
      findings.push(...s.findings);
      reviews.push(...s.reviews);
      findingReviews.push(...s.findingReviews);
      flawResults.push(...flawResultRows(s.ref, s.final, s.submittedAt));
      tallies.add(s.ref.user_id, s.ref.domain, s.final, 1, s.submittedAt);
      if (s.published) published++;
      draftReviews += s.draftReviews;
    }
    await db.transaction().execute(async (trx) => {
      for (const c of chunks(attempts, 20)) await trx.insertInto("attempts").values(c).execute();
      for (const c of chunks(findings, 14)) await trx.insertInto("findings").values(c).execute();
      await writeFlawResults(trx, flawResults);
      for (const c of chunks(reviews, 9)) await trx.insertInto("reviews").values(c).execute();
      for (const c of chunks(findingReviews, 7)) await trx.insertInto("finding_reviews").values(c).execute();
    });
    findingsTotal += findings.length;
    flawResultsTotal += flawResults.length;
    bar.tick(Math.min(plan.length, b + BATCH), `${findingsTotal.toLocaleString("en-US")} findings`);
  }
  bar.end(`${o.attempts.toLocaleString("en-US")} attempts, ${findingsTotal.toLocaleString("en-US")} findings, ${published.toLocaleString("en-US")} published reviews`);

  await db.transaction().execute(async (trx) => {
    await writeTallies(trx, tallies);
    await trx
      .insertInto("settings")
      .values({ key: LOAD_MARKER_KEY, value: JSON.stringify({ attempts: o.attempts, seed: o.seed, completedAt: new Date().toISOString() }) })
      .execute();
  });
  const accounts = [
    { role: "admin", email: "admin@load.test", note: "the whole organisation" },
    { role: "mentor", email: "mentor1@load.test", note: `cohort 1 (${o.traineesPerCohort} trainees)` },
    { role: "mentor", email: "lead-mentor@load.test", note: cohortCount > 1 ? "cohorts 1 and 2" : "cohort 1" },
    { role: "trainee", email: "trainee001@load.test", note: "cohort 1" },
  ];
  return {
    cohorts: cohortCount,
    trainees: traineeCount,
    mentors: mentors.length,
    drafts: draftCount,
    attempts: o.attempts,
    findings: findingsTotal,
    flawResults: flawResultsTotal,
    publishedReviews: published,
    draftReviews,
    seconds: (Date.now() - t0) / 1000,
    accounts,
  };
}

// ---------------------------------------------------------------------------------------------
// CLI

const USAGE = `Usage: npm run seed:load -- [--attempts N] [--database URL] [options]

Fills an EMPTY database with a realistic volume for the mentor dashboards and queue.

  --attempts N              submitted attempts to create (default 100000; 1..2000000)
  --database URL            file:PATH (SQLite) or postgres://… (default: ${DEFAULT_LOAD_DATABASE_URL},
                            a separate file, so your data/redline.db is never touched;
                            DATABASE_URL is NOT used unless you pass it here)
  --reset                   delete the SQLite file first (SQLite only)
  --trainees-per-cohort N   default 50
  --attempts-per-trainee N  decides the number of trainees (default 500: 100k ⇒ 200 trainees, 4 cohorts)
  --drafts N                drafts across the four packs (default 400)
  --seed S                  random seed (default ${DEFAULT_LOAD_OPTIONS.seed})

Every load account's password is "${LOAD_PASSWORD}" (admin@load.test, mentor1@load.test, …).`;

function fail(message: string): never {
  return usageError(message, USAGE);
}
const int = (name: string, raw: string | undefined, min: number, max: number, fallback: number) => intArg(name, raw, min, max, fallback, USAGE);

async function main() {
  const values = parseCli(
    {
      options: {
        attempts: { type: "string" },
        database: { type: "string" },
        reset: { type: "boolean" },
        "trainees-per-cohort": { type: "string" },
        "attempts-per-trainee": { type: "string" },
        drafts: { type: "string" },
        seed: { type: "string" },

        help: { type: "boolean", short: "h" },
      },
      strict: true,
    },
    USAGE
  );
  const options: LoadOptions = {
    ...DEFAULT_LOAD_OPTIONS,
    attempts: int("attempts", values.attempts, 1, 2_000_000, DEFAULT_LOAD_OPTIONS.attempts),
    traineesPerCohort: int("trainees-per-cohort", values["trainees-per-cohort"], 1, 1000, DEFAULT_LOAD_OPTIONS.traineesPerCohort),
    attemptsPerTrainee: int("attempts-per-trainee", values["attempts-per-trainee"], 1, 100_000, DEFAULT_LOAD_OPTIONS.attemptsPerTrainee),
    drafts: int("drafts", values.drafts, 4, 20_000, DEFAULT_LOAD_OPTIONS.drafts),
    seed: int("seed", values.seed, 0, 2 ** 31 - 1, DEFAULT_LOAD_OPTIONS.seed),
  };
  const url = values.database ?? DEFAULT_LOAD_DATABASE_URL;
  if (!/^(file:|sqlite:|postgres(ql)?:\/\/)/.test(url)) fail(`--database must start with file:, sqlite: or postgres:// (got "${url}").`);
  if (values.reset) {
    if (databaseKind(url) !== "sqlite") fail("--reset only deletes SQLite files; empty a PostgreSQL database yourself.");
    const file = path.resolve(url.replace(/^(file|sqlite):/, ""));
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  }
  console.log(`seed:load → ${url.replace(/\/\/[^@/]*@/, "//…@")} (${options.attempts.toLocaleString("en-US")} attempts)`);
  const db = createDatabase(url);
  try {
    await migrateToLatest(db);
    const s = await seedLoad(db, options);
    console.log(
      `Done in ${s.seconds.toFixed(1)} s: ${s.cohorts} cohorts, ${s.trainees} trainees, ${s.mentors} mentors, ${s.drafts} drafts, ` +
        `${s.attempts.toLocaleString("en-US")} attempts, ${s.findings.toLocaleString("en-US")} findings, ${s.flawResults.toLocaleString("en-US")} flaw results, ` +
        `${s.publishedReviews.toLocaleString("en-US")} published and ${s.draftReviews.toLocaleString("en-US")} draft reviews.`
    );
    console.log(`Sign in with password "${LOAD_PASSWORD}":`);
    for (const a of s.accounts) console.log(`  ${a.role.padEnd(8)} ${a.email.padEnd(24)} ${a.note}`);
    console.log(`Serve it: DATABASE_URL=${url} npm run serve`);
  } catch (e) {
    console.error(`seed:load failed: ${(e as Error).message}`);
    process.exitCode = 1;
  } finally {
    await db.destroy();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
