// Runs a data source's SQL checks on embedded PostgreSQL (PGlite, PostgreSQL in WebAssembly): one
// engine per proof run, in a worker thread so a statement that never ends is stopped by a
// wall-clock limit; the public schema (and any other schema a document made) is dropped before
// each run. Decision: docs/decisions/065-proof-runners.md.
import { Worker } from "node:worker_threads";
import { releaseWorker, requestOnce } from "./worker-request.server";

export interface SqlJob {
  setup: string;
  /** The document, one statement at a time (as psql sends a script). */
  document: { sql: string; line: number }[];
  checks: { name: string; sql?: string }[];
}

export interface SqlRows {
  columns: string[];
  rows: unknown[][];
}

export interface SqlRun {
  setupError?: string;
  documentError?: string;
  /** Result of the document's last statement (null when it returns no rows description). */
  last?: SqlRows | null;
  checks: { name: string; rows?: SqlRows; error?: string }[];
  /** The run was stopped (time or memory limit, engine crash). */
  fatal?: string;
}

const WORKER_SOURCE = String.raw`
const { parentPort } = require("node:worker_threads");
// Dates, times, intervals, JSON and int8 as PostgreSQL prints them, so expected cells are the text a reader sees.
const TEXT_TYPES = [20, 114, 1082, 1083, 1114, 1184, 1186, 1266, 3802];
const parsers = Object.fromEntries(TEXT_TYPES.map((t) => [t, (v) => v]));
let pg = null;
async function engine() {
  if (pg) return pg;
  const { PGlite } = require("@electric-sql/pglite");
  pg = new PGlite();
  await pg.waitReady;
  await pg.exec("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'; SET extra_float_digits = 0;");
  return pg;
}
// Start the engine at once and say so: the host's time limit counts runs, not the WebAssembly start.
engine().then(() => parentPort.postMessage({ ready: true }), (e) => parentPort.postMessage({ ready: true, startError: msg(e) }));
function msg(e) { return String((e && e.message) || e); }
function rows(r) { return r && r.fields && r.fields.length ? { columns: r.fields.map((f) => f.name), rows: r.rows } : null; }
async function reset(db) {
  try { await db.exec("ROLLBACK"); } catch {}
  await db.exec("RESET ALL; SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'; SET extra_float_digits = 0;");
  const schemas = await db.query("SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'");
  let sql = "";
  for (const r of schemas.rows) sql += "DROP SCHEMA " + JSON.stringify(r.nspname) + " CASCADE;";
  await db.exec(sql + "CREATE SCHEMA public;");
}
parentPort.on("message", async (job) => {
  const out = { id: job.id, checks: [] };
  try {
    const db = await engine();
    await reset(db);
    try { await db.exec(job.setup); } catch (e) { out.setupError = msg(e); parentPort.postMessage(out); return; }
    out.last = null;
    for (const st of job.document) {
      try {
        const res = await db.query(st.sql, [], { rowMode: "array", parsers });
        out.last = rows(res);
      } catch (e) {
        out.documentError = "line " + st.line + ": " + msg(e);
        try { await db.exec("ROLLBACK"); } catch {}
        break;
      }
    }
    if (!out.documentError) {
      try { await db.exec("ROLLBACK"); } catch {}
      for (const c of job.checks) {
        if (!c.sql) { out.checks.push({ name: c.name, rows: out.last || { columns: [], rows: [] } }); continue; }
        try {
          const r = await db.query(c.sql, [], { rowMode: "array", parsers });
          out.checks.push({ name: c.name, rows: rows(r) || { columns: [], rows: [] } });
        } catch (e) {
          out.checks.push({ name: c.name, error: msg(e) });
        }
      }
    }
  } catch (e) {
    out.fatal = "the SQL engine failed: " + msg(e);
  }
  parentPort.postMessage(out);
});
`;

export interface SqlLimits {
  /** Wall-clock limit of one run (setup, document and checks, not the engine's start); the engine restarts after it. */
  timeoutMs: number;
  memoryMb: number;
}

export const DEFAULT_SQL_LIMITS: SqlLimits = { timeoutMs: 30_000, memoryMb: 512 };

/** One embedded engine for a whole proof run; a run that exceeds a limit restarts it. */
export class SqlEngine {
  private worker: Worker | null = null;
  private ready: Promise<void> = Promise.resolve();
  private seq = 0;
  constructor(private readonly limits: SqlLimits = DEFAULT_SQL_LIMITS) {}

  async run(job: SqlJob, timeoutMs = this.limits.timeoutMs): Promise<SqlRun> {
    if (!this.worker) {
      const w = new Worker(WORKER_SOURCE, { eval: true, resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb }, env: {}, stdout: true, stderr: true });
      this.worker = w;
      this.ready = new Promise((resolve) => {
        const done = () => {
          w.off("message", onReady);
          resolve();
        };
        const onReady = (m: { ready?: boolean }) => m.ready && done();
        w.on("message", onReady);
        w.once("error", done);
        w.once("exit", done);
      });
    }
    const worker = this.worker;
    // Held while a run is in flight (so the process waits for it), released when idle.
    worker.ref();
    await this.ready;
    const id = ++this.seq;
    const outcome = await requestOnce<SqlRun & { id: number }>(worker, { id, ...job }, timeoutMs);
    let run: SqlRun;
    if (outcome.kind === "reply") {
      const { id: _id, ...reply } = outcome.message;
      run = reply;
    } else if (outcome.kind === "out-of-memory") run = { checks: [], fatal: `stopped: it used more than the ${this.limits.memoryMb} MB memory limit` };
    else if (outcome.kind === "error") run = { checks: [], fatal: `stopped: the SQL engine failed (${outcome.message})` };
    else if (outcome.kind === "exit") run = { checks: [], fatal: `stopped: the SQL engine exited (code ${outcome.code})` };
    else run = { checks: [], fatal: `stopped: still running after ${Math.round(timeoutMs / 1000)} s (time limit)` };
    // A run the engine itself reports as fatal also restarts it.
    releaseWorker(worker, outcome.kind !== "reply" || Boolean(run.fatal), () => {
      if (this.worker === worker) this.worker = null;
    });
    return run;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
