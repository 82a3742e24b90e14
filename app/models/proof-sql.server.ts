// Runs a data source's SQL checks on embedded PostgreSQL (PGlite, PostgreSQL in WebAssembly): one
// engine per proof run, in a worker thread so a statement that never ends is stopped by a
// wall-clock limit; the public schema (and any other schema a document made) is dropped before
// each run. Decision: docs/decisions/065-proof-runners.md.
import { Worker } from "node:worker_threads";
import type { SqlStatement } from "~/domain/proof/sql-split";
import { releaseWorker, requestOnce } from "./worker-request.server";

export interface SqlJob {
  setup: string;
  /** The document, one statement at a time (as psql sends a script). */
  document: SqlStatement[];
  /** Keep the document's last result (the last statement that returned columns) as a temporary table of this name. */
  resultTable?: string;
  checks: { name: string; sql?: string }[];
}

export interface SqlRows {
  columns: string[];
  rows: unknown[][];
}

export interface SqlRun {
  setupError?: string;
  documentError?: string;
  /** The document's last result: of the last statement that returned columns (null when none did). */
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
  await db.exec("RESET ALL; DISCARD TEMP; SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'; SET extra_float_digits = 0;");
  const schemas = await db.query("SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'");
  let sql = "";
  for (const r of schemas.rows) sql += "DROP SCHEMA " + JSON.stringify(r.nspname) + " CASCADE;";
  await db.exec(sql + "CREATE SCHEMA public;");
}
// A value as a SQL literal (the types that are not kept as text come back as JS values).
function literal(v) {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v instanceof Date) return literal(v.toISOString());
  if (Array.isArray(v)) return literal("{" + v.map((x) => (x === null ? "NULL" : JSON.stringify(typeof x === "object" ? JSON.stringify(x) : String(x)))).join(",") + "}");
  if (typeof v === "object") return literal(JSON.stringify(v));
  return "'" + String(v).replace(/'/g, "''") + "'";
}
// The document's last result (the last statement that returned columns, as psql prints it), kept
// as a temporary table with the same column names and types, so checks can query it. Built from
// the returned rows: the document runs exactly as written, READ ONLY transactions included.
async function keepResult(db, table, fields, data) {
  const types = (await db.query("SELECT " + fields.map((f) => "format_type(" + Number(f.dataTypeID) + ", NULL)").join(", "), [], { rowMode: "array" })).rows[0];
  const seen = new Map();
  const cols = fields.map((f, i) => {
    const n = seen.get(f.name) || 0;
    seen.set(f.name, n + 1);
    return JSON.stringify(n ? f.name + "_" + (n + 1) : f.name) + " " + types[i];
  });
  await db.exec("CREATE TEMP TABLE " + JSON.stringify(table) + " (" + cols.join(", ") + ")");
  if (data.length) await db.exec("INSERT INTO " + JSON.stringify(table) + " VALUES " + data.map((r) => "(" + r.map((v, i) => literal(v) + "::" + types[i]).join(", ") + ")").join(", "));
}
parentPort.on("message", async (job) => {
  const out = { id: job.id, checks: [] };
  try {
    const db = await engine();
    await reset(db);
    try { await db.exec(job.setup); } catch (e) { out.setupError = msg(e); parentPort.postMessage(out); return; }
    out.last = null;
    let lastFields = null;
    for (let k = 0; k < job.document.length; k++) {
      const st = job.document[k];
      try {
        if (st.unsupported) throw new Error("the psql meta-command " + st.unsupported + " is not supported by the proof runner");
        const res = await db.query(st.sql, [], { rowMode: "array", parsers });
        if (res.fields && res.fields.length) { out.last = rows(res); lastFields = res.fields; }
        if (st.gexec) {
          // psql \gexec: every non-null cell of the result, row by row, is sent as a statement.
          for (const row of res.rows) for (const cell of row) {
            if (cell === null || cell === undefined) continue;
            try {
              const r = await db.query(String(cell), [], { rowMode: "array", parsers });
              if (r.fields && r.fields.length) { out.last = rows(r); lastFields = r.fields; }
            }
            catch (e) { throw new Error("\\gexec statement \"" + String(cell) + "\": " + msg(e)); }
          }
        }
      } catch (e) {
        out.documentError = "line " + st.line + ": " + msg(e);
        try { await db.exec("ROLLBACK"); } catch {}
        break;
      }
    }
    if (!out.documentError) {
      try { await db.exec("ROLLBACK"); } catch {}
      if (job.resultTable && lastFields) {
        try { await keepResult(db, job.resultTable, lastFields, out.last.rows); }
        catch (e) { out.setupError = "keeping the document's result as table " + job.resultTable + " failed: " + msg(e); parentPort.postMessage(out); return; }
      }
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
