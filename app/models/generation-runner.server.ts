// Runs a generation job: claims it (only one process ever runs a job, see claimGenerationJob),
// plans its items, runs a few at a time within the spend limit, stops on cancel, on the spend
// limit or on repeated transport failures, and records the outcome.
import crypto from "node:crypto";
import type { Database } from "~/db/db.server";
import { ConflictError } from "~/domain/errors";
import type { GenerationItemStatus, GenerationJobsTable } from "~/db/schema-generation";
import { concreteFor, generateBatch, pickSource } from "~/domain/generation/batch";
import { flawCountFor } from "~/domain/generation/generate";
import { createRng } from "~/domain/generation/prng";
import { SpendMeter } from "~/domain/generation/spend-meter";
import { lineCount } from "~/domain/text/lines";
import type { Pack } from "~/domain/types";
import { LlmClient, llmConfigFromEnv, type LlmConfig, type LlmFailureReason } from "~/utils/llm.server";
import { CONTENT_ROOT, packs } from "./content.server";
import { generateItem, type ItemPlan } from "./generation-item.server";
import type { ProofRunners } from "./proof-runner.server";
import { claimGenerationJob, createGenerationJob, failStaleJobs, GENERATION_LIMITS, OFFLINE_ENGINE, OFFLINE_CLEAN_RATE, type GenerationRequest } from "./generation-jobs.server";
import { storeOfflineItem } from "./generation-item.server";

export interface JobProgress {
  jobId: string;
  requested: number;
  done: number;
  accepted: number;
  rejected: number;
  calls: number;
  spentUsd: number;
  last?: { seq: number; status: GenerationItemStatus; reason: string | null };
}

export interface RunOptions {
  /** The model client; not needed for a job of the offline engine. */
  llm?: LlmClient;
  /** Default: the pack of the job's domain from the content folder. */
  pack?: Pack;
  contentHash?: string;
  concurrency?: number;
  /** Repair rounds after the first answer, per model request. Default 2. */
  maxRepairRounds?: number;
  /** A run stops after this many items in a row fail for transport reasons. Default 3. */
  maxConsecutiveFailures?: number;
  signal?: AbortSignal;
  onProgress?: (p: JobProgress) => void;
  /** How often the runner looks for a cancel request made elsewhere (another process). */
  cancelPollMs?: number;
  seed?: number;
  /** Where the sources' check files are (default: the content folder), for the proof of model-written edits. */
  proofRoot?: string;
}

export interface JobSummary {
  jobId: string;
  status: GenerationJobsTable["status"];
  accepted: number;
  rejected: number;
  calls: number;
  spentUsd: number;
  stopReason: string | null;
  draftIds: string[];
}

const TRANSPORT: LlmFailureReason[] = ["timeout", "rate_limited", "server_error", "network"];
const now = () => new Date().toISOString();

/** Jobs running in this process, so a cancel aborts the call in flight at once. */
const running = new Map<string, AbortController>();

/**
 * Runs a queued job to the end (done, cancelled, stopped by the spend limit or by repeated
 * transport failures). Safe to await (CLI, tests) or to leave running in the background.
 */
export async function runGenerationJob(db: Database, jobId: string, options: RunOptions): Promise<JobSummary> {
  const job = await claimGenerationJob(db, jobId);
  if (!job) {
    const row = await db.selectFrom("generation_jobs").select("status").where("id", "=", jobId).executeTakeFirst();
    throw new ConflictError(row ? `Generation job ${jobId} is ${row.status}, not queued: another process has run it or runs it.` : `No generation job ${jobId}.`);
  }
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", onOuterAbort, { once: true });
  running.set(jobId, controller);

  const summary: JobSummary = { jobId, status: "running", accepted: 0, rejected: 0, calls: 0, spentUsd: 0, stopReason: null, draftIds: [] };
  type Stop = { status: "cancelled" | "stopped" | "failed"; reason: string };
  const state: { stop: Stop | null } = { stop: null };
  const halt = (s: Stop) => {
    state.stop ??= s;
    controller.abort(s.reason);
  };
  const llm = options.llm;
  const maxRepairRounds = options.maxRepairRounds ?? 2;
  const maxConsecutive = options.maxConsecutiveFailures ?? 3;
  const loaded = options.pack ? null : packs();
  const pack = options.pack ?? loaded!.packs.find((p) => p.domain === job.domain);
  const contentHash = options.contentHash ?? loaded?.hashes[job.domain] ?? "";
  const spend = new SpendMeter(job.spend_limit_usd, 0);
  const rng = createRng(options.seed ?? crypto.randomInt(2 ** 32));

  // A cancel may come from another process (the CLI's job cancelled on the admin page).
  let polls = 0;
  const poll = setInterval(() => {
    polls++;
    void (async () => {
      try {
        const row = await db.selectFrom("generation_jobs").select("cancel_requested").where("id", "=", jobId).executeTakeFirst();
        if (row && Number(row.cancel_requested) === 1) halt({ status: "cancelled", reason: "Cancelled by an admin." });
        else if (polls % 15 === 0) await db.updateTable("generation_jobs").set({ updated_at: now() }).where("id", "=", jobId).execute();
      } catch {
        /* the next poll tries again */
      }
    })();
  }, options.cancelPollMs ?? 1000);
  poll.unref?.();

  const progress = (last?: JobProgress["last"]) =>
    options.onProgress?.({
      jobId,
      requested: job.requested,
      done: summary.accepted + summary.rejected,
      accepted: summary.accepted,
      rejected: summary.rejected,
      calls: summary.calls,
      spentUsd: spend.total,
      last,
    });

  let nextSeq = 0;
  let consecutiveFailures = 0;
  const plan = (): ItemPlan | null => {
    if (!pack || nextSeq >= job.requested) return null;
    const difficulty = job.difficulty ?? 1 + Math.floor(rng() * 5);
    // A parametric source is instantiated first: the model sees a concrete document.
    const { source, seed, params } = concreteFor(pickSource(pack, difficulty, rng), Math.floor(rng() * 4294967296));
    const room = Math.max(1, Math.floor(lineCount(source.text) / 6));
    return { seq: ++nextSeq, source, params, difficulty, seed, flaws: Math.min(flawCountFor(difficulty, rng), room) };
  };

  const worker = async () => {
    for (;;) {
      if (state.stop || controller.signal.aborted) return;
      const flag = await db.selectFrom("generation_jobs").select("cancel_requested").where("id", "=", jobId).executeTakeFirst();
      if (flag && Number(flag.cancel_requested) === 1) {
        halt({ status: "cancelled", reason: "Cancelled by an admin." });
        return;
      }
      const item = plan();
      if (!item) return;
      if (!llm) throw new Error("A model job needs a model client.");
      const outcome = await generateItem(db, { jobId, job, item, pack: pack!, contentHash, llm, spend, maxRepairRounds, signal: controller.signal, summary, ...(prover ? { prover } : {}) });
      if (outcome.status === "accepted") {
        summary.accepted++;
        summary.draftIds.push(outcome.draftId);
        consecutiveFailures = 0;
      } else if (outcome.status === "rejected") {
        summary.rejected++;
        if (TRANSPORT.includes(outcome.reason as LlmFailureReason)) consecutiveFailures++;
        else consecutiveFailures = 0;
        if (outcome.reason === "http_error") halt({ status: "stopped", reason: `The model server refused the request: ${outcome.detail}` });
        else if (consecutiveFailures >= maxConsecutive) {
          halt({ status: "stopped", reason: `Stopped after ${consecutiveFailures} items in a row failed to reach the model: ${outcome.detail}` });
        }
      } else if (outcome.reason === "spend_limit") {
        halt({ status: "stopped", reason: `Spend limit reached: $${spend.total.toFixed(4)} spent of $${job.spend_limit_usd.toFixed(2)}; another call could exceed it.` });
      } else if (outcome.reason === "cancelled") {
        halt({ status: "cancelled", reason: "Cancelled." }); // keeps an earlier, more specific reason
      }
      progress({ seq: item.seq, status: outcome.status, reason: outcome.status === "accepted" ? null : outcome.reason });
    }
  };

  // The offline engine: the same drafts as `npm run generate` (source spread, seeds, control
  // drafts), one item at a time so the job list shows progress and a cancel stops it between items.
  const offlineWorker = async () => {
    const drafts = generateBatch(pack!, { count: job.requested, seed: options.seed ?? crypto.randomInt(2 ** 32), difficulty: job.difficulty ?? undefined, cleanRate: OFFLINE_CLEAN_RATE, contentHash });
    for (let seq = 1; seq <= job.requested; seq++) {
      const flag = await db.selectFrom("generation_jobs").select("cancel_requested").where("id", "=", jobId).executeTakeFirst();
      if (state.stop || controller.signal.aborted || (flag && Number(flag.cancel_requested) === 1)) {
        halt({ status: "cancelled", reason: "Cancelled by an admin." });
        return;
      }
      const outcome = await storeOfflineItem(db, { jobId, seq, next: () => drafts.next().value ?? null });
      if (outcome.status === "accepted") {
        summary.accepted++;
        summary.draftIds.push(outcome.draftId);
      } else summary.rejected++;
      progress({ seq, status: outcome.status, reason: outcome.status === "accepted" ? null : outcome.reason });
      if (outcome.status === "rejected" && outcome.reason === "error") halt({ status: "failed", reason: outcome.detail });
      // Let requests (the page's progress reads, a cancel) in between drafts.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };

  // Model-written edits in the software and data packs are proven by the sources' checks (loaded
  // only for such a job: the runners bring the TypeScript compiler and the embedded SQL engine).
  let prover: ProofRunners | null = null;
  try {
    const offline = job.model === OFFLINE_ENGINE;
    if (!offline && job.mode === "flaws" && (job.domain === "software" || job.domain === "data")) {
      const { createProofRunners } = await import("./proof-runner.server");
      prover = createProofRunners({ root: options.proofRoot ?? CONTENT_ROOT, seeds: [0] });
    }
    if (!pack) state.stop = { status: "failed", reason: `No content pack for domain "${job.domain}".` };
    else if (!pack.sources.length) state.stop = { status: "failed", reason: `The "${job.domain}" pack has no source documents.` };
    else if (offline) await offlineWorker();
    else {
      const n = Math.max(1, Math.min(GENERATION_LIMITS.maxConcurrency, options.concurrency ?? 2, job.requested));
      await Promise.all(Array.from({ length: n }, worker));
    }
  } catch (e) {
    state.stop ??= { status: "failed", reason: `Internal error: ${(e as Error).message}` };
  } finally {
    await prover?.close();
    clearInterval(poll);
    options.signal?.removeEventListener("abort", onOuterAbort);
    running.delete(jobId);
  }
  const final = state.stop;
  summary.status = final?.status ?? "done";
  summary.stopReason = final?.reason ?? null;
  summary.spentUsd = spend.total;
  await db
    .updateTable("generation_jobs")
    .set({ status: summary.status, stop_reason: summary.stopReason, finished_at: now(), updated_at: now() })
    .where("id", "=", jobId)
    .execute();
  progress();
  return summary;
}

// ---------------------------------------------------------------------------------------------
// Background jobs for the admin page

export class GenerationNotConfigured extends Error {
  constructor() {
    super("No model is configured: set OPENAI_MODEL and OPENAI_API_KEY (or OPENAI_BASE_URL for a local server).");
  }
}

/**
 * Creates a job and runs it in the background of this process; returns its id at once. A job of
 * the offline engine (`engine: "offline"`) needs no model; a model job needs one configured.
 */
export async function startGenerationJob(db: Database, req: GenerationRequest, options: Partial<RunOptions> & { config?: LlmConfig } = {}): Promise<string> {
  let llm: LlmClient | undefined;
  if (req.engine !== "offline") {
    const config = options.config ?? llmConfigFromEnv();
    if (!config && !options.llm) throw new GenerationNotConfigured();
    llm = options.llm ?? new LlmClient(config!);
  }
  await failStaleJobs(db);
  const id = await createGenerationJob(db, req, llm ? llm.model : OFFLINE_ENGINE);
  void runGenerationJob(db, id, { ...options, llm }).catch(async (e) => {
    console.error(`Generation job ${id} failed:`, e);
    await db
      .updateTable("generation_jobs")
      .set({ status: "failed", stop_reason: `Internal error: ${(e as Error).message}`, finished_at: now(), updated_at: now() })
      .where("id", "=", id)
      .execute()
      .catch(() => undefined);
  });
  return id;
}

/** Asks a running job to stop: the call in flight is aborted, unfinished items are cancelled. */
export async function cancelGenerationJob(db: Database, jobId: string, scope: { orgId: string | null }): Promise<boolean> {
  const q = db
    .updateTable("generation_jobs")
    .set({ cancel_requested: 1, updated_at: now() })
    .where("id", "=", jobId)
    .where("status", "in", ["queued", "running"]);
  const res = await (scope.orgId === null ? q : q.where((eb) => eb.or([eb("org_id", "=", scope.orgId), eb("org_id", "is", null)]))).executeTakeFirst();
  const ok = Number(res.numUpdatedRows) === 1;
  if (ok) running.get(jobId)?.abort("Cancelled by an admin.");
  return ok;
}

