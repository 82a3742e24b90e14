// Runs a TypeScript check module against one document text, isolated: a worker thread with a
// memory limit and a wall-clock limit (the host terminates it), and inside it a fresh vm context
// per run with no require, process, fetch, file system, host timers or host objects (see
// proof-sandbox-context.server.ts). Decision: docs/decisions/065-proof-runners.md.
import ts from "typescript";
import { Worker } from "node:worker_threads";
import { CONTEXT_PRELUDE } from "./proof-sandbox-context.server";
import { HOST_HASH } from "./proof-sandbox-hash.server";
import { releaseWorker, requestOnce, type WorkerOutcome } from "./worker-request.server";

export interface CheckResult {
  name: string;
  ok: boolean;
  message: string;
}

/** One run: every check of the suite against one text; `fatal` when the run itself was stopped. */
export interface SandboxRun {
  results: CheckResult[];
  /** The check module failed to load (threw, imported a value, declared no test). */
  loadError?: string;
  /** The run was stopped: time limit, memory limit, or the worker died. */
  fatal?: string;
  /** The document (or a file of it) does not compile: the checks ran, but saw only a SyntaxError. */
  compileError?: string;
}

export interface SandboxLimits {
  /** Wall-clock limit of one run (all checks against one text). */
  timeoutMs: number;
  /** Heap limit of the worker. */
  memoryMb: number;
}

export const DEFAULT_LIMITS: SandboxLimits = { timeoutMs: 20_000, memoryMb: 128 };

/** TypeScript → CommonJS with the project's own compiler; syntax errors are reported, not guessed around. */
export function transpile(source: string, fileName: string): { js: string; error?: string } {
  const out = ts.transpileModule(source, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, isolatedModules: true, sourceMap: false },
  });
  const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (!errors.length) return { js: out.outputText };
  const d = errors[0];
  const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : undefined;
  return { js: out.outputText, error: `${fileName}${line ? `:${line}` : ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}` };
}

// The worker: evaluates the prelude, the document and the check in a fresh context per job and
// answers with plain data. It hands the context nothing but strings.
const WORKER_SOURCE = String.raw`
const { parentPort } = require("node:worker_threads");
const vm = require("node:vm");
const PRELUDE = require("node:worker_threads").workerData.prelude;
// A document may leave a promise rejected and unawaited (a missing await is a classic flaw): that
// must not end the worker; the checks observe what the caller sees.
process.on("unhandledRejection", () => {});
const tick = () => new Promise((r) => setImmediate(r));
${HOST_HASH}
function str(x) { return typeof x === "string" ? x : ""; }
parentPort.on("message", async (job) => {
  const ctx = vm.createContext(Object.create(null), { codeGeneration: { strings: false, wasm: false }, name: "check" });
  const opts = { timeout: job.syncTimeoutMs };
  let compileError = "";
  try {
    vm.runInContext(PRELUDE, ctx, opts);
    vm.runInContext("__redline.setHash", ctx, opts)(hostHash);
    // The document, and for a pull request the other files it changes, each by name.
    const docs = [{ name: "", js: job.docJs, error: job.docError }].concat(job.files || []);
    for (const d of docs) {
      const name = JSON.stringify(d.name);
      if (d.unavailable) {
        vm.runInContext("__redline.setDocument(function () { throw new Error(" + JSON.stringify(d.unavailable) + "); }, " + name + ")", ctx, opts);
        continue;
      }
      if (d.error) {
        compileError = compileError || d.error;
        vm.runInContext("__redline.setDocument(function () { throw new SyntaxError(" + JSON.stringify("the document does not compile: " + d.error) + "); }, " + name + ")", ctx, opts);
        continue;
      }
      try {
        vm.runInContext("__redline.setDocument(function (exports, require, module) {\n" + d.js + "\n}, " + name + ")", ctx, { ...opts, filename: d.name || "document.js" });
      } catch (e) {
        const m = (d.name ? d.name + ": " : "") + String(e && e.message);
        compileError = compileError || m;
        vm.runInContext("__redline.setDocument(function () { throw new SyntaxError(" + JSON.stringify("the document does not compile: " + m) + "); }, " + name + ")", ctx, opts);
      }
    }
    vm.runInContext("__redline.start(" + JSON.stringify(job.paramsJson) + ", function (exports, require, module) {\n" + job.checkJs + "\n})", ctx, { ...opts, filename: "check.js" });
  } catch (e) {
    parentPort.postMessage({ id: job.id, results: [], loadError: String(e && e.message) });
    return;
  }
  let last = "";
  for (;;) {
    await tick();
    let state;
    try {
      state = JSON.parse(str(vm.runInContext("__redline.poll()", ctx, opts)));
    } catch (e) {
      parentPort.postMessage({ id: job.id, results: [], loadError: "the check broke the sandbox's bookkeeping: " + String(e && e.message) });
      return;
    }
    if (state.done) {
      const results = Array.isArray(state.results) ? state.results.map((r) => ({ name: str(r.name), ok: r.ok === true, message: str(r.message) })) : [];
      parentPort.postMessage({ id: job.id, results, loadError: state.loadError ? str(state.loadError) : undefined, compileError: compileError || undefined });
      return;
    }
    const now = state.current + "/" + state.count;
    if (now === last) {
      try { vm.runInContext("__redline.abandon()", ctx, opts); } catch (e) { /* reported by the next poll */ }
      last = "";
    } else last = now;
  }
});
`;

/** A further file a check can load by name (`load(modules, "src/routes/x.test.ts")`): a pull request's other post-images. */
export interface JobFile {
  name: string;
  js: string;
  /** Why it does not compile. */
  error?: string;
  /** Why it cannot be loaded at all (e.g. not rebuildable from the diff); not a compile error. */
  unavailable?: string;
}

interface Job {
  docJs: string;
  docError?: string;
  files?: JobFile[];
  checkJs: string;
  paramsJson: string;
}

/**
 * A worker that runs jobs one at a time. A run that exceeds the time or memory limit terminates
 * the worker; the next run starts a new one, so the rest of the proof continues.
 */
export class CheckSandbox {
  private worker: Worker | null = null;
  private online: Promise<void> = Promise.resolve();
  private seq = 0;
  constructor(private readonly limits: SandboxLimits = DEFAULT_LIMITS) {}

  private spawn(): Worker {
    const w = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { prelude: CONTEXT_PRELUDE },
      resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb, maxYoungGenerationSizeMb: Math.max(8, Math.round(this.limits.memoryMb / 8)), stackSizeMb: 4 },
      stdout: true,
      stderr: true,
      env: {},
    });
    // The time limit counts the checks, not the worker's start (slow on a loaded machine).
    this.online = new Promise((resolve) => {
      w.once("online", () => resolve());
      w.once("error", () => resolve());
      w.once("exit", () => resolve());
    });
    return w;
  }

  async run(job: Job): Promise<SandboxRun> {
    const worker = (this.worker ??= this.spawn());
    // Held while a run is in flight (so the process waits for it), released when idle.
    worker.ref();
    await this.online;
    const id = ++this.seq;
    const outcome = await requestOnce<{ id: number; results: CheckResult[]; loadError?: string; compileError?: string }>(worker, { id, ...job, syncTimeoutMs: Math.min(this.limits.timeoutMs, 5000) }, this.limits.timeoutMs);
    const run: SandboxRun =
      outcome.kind === "reply"
        ? {
            results: outcome.message.results,
            ...(outcome.message.loadError ? { loadError: outcome.message.loadError } : {}),
            ...(outcome.message.compileError ? { compileError: outcome.message.compileError } : {}),
          }
        : { results: [], fatal: this.fatal(outcome) };
    releaseWorker(worker, outcome.kind !== "reply", () => {
      if (this.worker === worker) this.worker = null;
    });
    return run;
  }

  private fatal(outcome: Exclude<WorkerOutcome<unknown>, { kind: "reply" }>): string {
    if (outcome.kind === "out-of-memory") return `stopped: it used more than the ${this.limits.memoryMb} MB memory limit`;
    if (outcome.kind === "error") return `stopped: the sandbox failed (${outcome.message})`;
    if (outcome.kind === "exit") return `stopped: the sandbox exited (code ${outcome.code})`;
    return `stopped: still running after ${Math.round(this.limits.timeoutMs / 1000)} s (time limit)`;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
