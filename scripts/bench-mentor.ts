// Mentor dashboards and review queue at volume, for `npm run bench -- --only mentor`.
// Builds the 100k-attempt load database once (data/load.db, or BENCH_LOAD_DB) and reuses it
// while it is complete, then measures in this process:
//  - the cohort dashboard loader's one call (cohortDashboard) for a mentor of one 50-trainee
//    cohort, and the review queue (listQueue), as p50/p99 over 30 runs after warm-up;
//  - the dashboard's main aggregate (hit rate per trainee × category) through Kysely against the
//    same aggregate as hand-written SQL on a better-sqlite3 statement, measured alternately in the
//    same run, as a ratio of medians (and the heaviest aggregate, flaws missed in the period).
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { createDatabase, databaseKind, migrateToLatest, type Database } from "~/db/db.server";
import { quantile } from "~/domain/stats/summary";
import { cohortDashboard, heatmapQuery, missedFlawsQuery } from "~/models/cohort-dashboard.server";
import { resolveScope } from "~/models/scope.server";
import { listQueue } from "~/models/review-queue.server";
import { DEFAULT_LOAD_DATABASE_URL, isCompleteLoad, seedLoad } from "./seed-load";

const ATTEMPTS = 100_000;
const RUNS = 30;
const WARMUP = 3;
/** Indexes the dashboard queries are planned around (see docs/dashboards.md). */
const EXPECTED_INDEXES = ["attempts_trend_idx", "attempts_reviews_idx", "flaw_results_missed_idx", "findings_calibration_idx"];

async function timed(fn: () => Promise<unknown>, runs = RUNS): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

const ms = (x: number | null) => (x === null ? "—" : `${x.toFixed(1)} ms`);
const p50p99 = (xs: number[]) => `${ms(quantile(xs, 0.5))} / ${ms(quantile(xs, 0.99))}`;
const goal = (ok: boolean, text: string) => `   goal ${text} ${ok ? "✓" : "✗"}`;

async function loadDatabase(url: string): Promise<Database> {
  const db = createDatabase(url);
  await migrateToLatest(db);
  if (await isCompleteLoad(db, ATTEMPTS)) return db;
  if (databaseKind(url) !== "sqlite") throw new Error(`${url} is not a complete ${ATTEMPTS}-attempt load; fill it with npm run seed:load first.`);
  await db.destroy();
  const file = path.resolve(url.replace(/^(file|sqlite):/, ""));
  console.log(`  building the ${ATTEMPTS.toLocaleString("en-US")}-attempt load database in ${file} (once; about a minute) …`);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const fresh = createDatabase(url);
  await migrateToLatest(fresh);
  await seedLoad(fresh, { attempts: ATTEMPTS }, (line) => console.log(`  ${line}`));
  return fresh;
}

export async function benchMentor(): Promise<Record<string, number | string>> {
  const url = process.env.BENCH_LOAD_DB || DEFAULT_LOAD_DATABASE_URL;
  const db = await loadDatabase(url);
  const out: Record<string, number | string> = {};
  try {
    const counts = await db
      .selectFrom("attempts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const findings = await db
      .selectFrom("findings")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    out["load: attempts / findings"] = `${Number(counts.n).toLocaleString("en-US")} / ${Number(findings.n).toLocaleString("en-US")}`;

    const mentor = await db.selectFrom("users").select(["id", "role", "org_id", "name"]).where("email", "=", "mentor1@load.test").executeTakeFirstOrThrow();
    const viewer = { id: mentor.id, role: mentor.role, orgId: mentor.org_id, name: mentor.name };
    const lead = await db.selectFrom("users").select(["id", "role", "org_id", "name"]).where("email", "=", "lead-mentor@load.test").executeTakeFirstOrThrow();
    const leadViewer = { id: lead.id, role: lead.role, orgId: lead.org_id, name: lead.name };

    if (databaseKind(url) === "sqlite") {
      const raw = new SQLite(path.resolve(url.replace(/^(file|sqlite):/, "")), { readonly: true });
      const have = new Set((raw.prepare("select name from sqlite_master where type = 'index'").all() as { name: string }[]).map((r) => r.name));
      const missing = EXPECTED_INDEXES.filter((i) => !have.has(i));
      out["indexes the dashboard is planned around"] = missing.length ? `missing: ${missing.join(", ")}` : "present";
      raw.close();
    }

    // 1. Dashboard loader (cohort of 50 trainees, default period of 12 weeks).
    const dash = await timed(() => cohortDashboard(db, viewer, {}));
    const dashP99 = quantile(dash, 0.99)!;
    out["cohort dashboard, mentor of 50 trainees: p50 / p99"] = `${p50p99(dash)}${goal(dashP99 <= 100, "≤ 100 ms")}`;
    const dashLead = await timed(() => cohortDashboard(db, leadViewer, { cohort: "all" }), 10);
    out["  … two cohorts at once (100 trainees): p50 / p99"] = p50p99(dashLead);

    // 2. The review queue.
    const queue = await timed(() => listQueue(db, viewer, { tab: "todo" }));
    const qP99 = quantile(queue, 0.99)!;
    out["review queue (to do, oldest first), same mentor: p50 / p99"] = `${p50p99(queue)}${goal(qP99 <= 100, "≤ 100 ms")}`;

    // 3. Kysely vs the driver, on the same aggregate, alternating so both see the same cache.
    if (databaseKind(url) === "sqlite") {
      const { scope } = await resolveScope(db, viewer, {});
      const raw = new SQLite(path.resolve(url.replace(/^(file|sqlite):/, "")), { readonly: true });
      const visible = `select cm.user_id from cohort_members cm join cohort_members mine on mine.cohort_id = cm.cohort_id
        where mine.user_id = ? and mine.member_role = 'mentor' and cm.member_role = 'trainee'`;
      const heatRaw = raw.prepare(`select user_id, category, sum(flaws) as flaws, sum(hits) as hits
        from trainee_category_stats where user_id in (${visible}) group by user_id, category`);
      const missedRaw = raw.prepare(`select draft_id, flaw_id, domain, category, count(*) as n, sum(detected) as hits
        from flaw_results where submitted_at >= ? and submitted_at < ? and user_id in (${visible})
        group by draft_id, flaw_id, domain, category`);
      const compare = async (name: string, viaKysely: () => Promise<unknown[]>, viaDriver: () => unknown[]) => {
        const a = (await viaKysely()).length;
        const b = viaDriver().length;
        if (a !== b) throw new Error(`${name}: Kysely returned ${a} rows, the driver ${b}`);
        const k: number[] = [];
        const d: number[] = [];
        for (let i = 0; i < WARMUP + RUNS; i++) {
          let t0 = performance.now();
          await viaKysely();
          const tk = performance.now() - t0;
          t0 = performance.now();
          viaDriver();
          const td = performance.now() - t0;
          if (i >= WARMUP) {
            k.push(tk);
            d.push(td);
          }
        }
        const ratio = quantile(k, 0.5)! / quantile(d, 0.5)!;
        return { k, d, ratio, rows: a };
      };
      const heat = await compare("heatmap", () => heatmapQuery(db, scope).execute(), () => heatRaw.all(viewer.id));
      out[`main aggregate (hit rate, ${heat.rows.toLocaleString("en-US")} trainee × category rows): Kysely p50 / p99`] = p50p99(heat.k);
      out["  … same SQL on better-sqlite3 directly: p50 / p99"] = p50p99(heat.d);
      out["  … Kysely ÷ driver (medians)"] = `${heat.ratio.toFixed(2)}×${goal(heat.ratio <= 1.5, "≤ 1.5×")}`;
      const missed = await compare("missed", () => missedFlawsQuery(db, scope).execute(), () => missedRaw.all(scope.start, scope.end, viewer.id));
      out["heaviest aggregate (flaws missed, 12 weeks): Kysely ÷ driver"] = `${missed.ratio.toFixed(2)}× (${ms(quantile(missed.k, 0.5))} vs ${ms(quantile(missed.d, 0.5))})`;
      raw.close();
    }
  } finally {
    await db.destroy();
  }
  return out;
}
