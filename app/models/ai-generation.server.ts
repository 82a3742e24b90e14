// AI generation runs: a job makes up to N drafts with a model, each one an item that ends
// accepted (a verified draft in the pool) or rejected with a recorded reason. Every model call
// is recorded as it returns. No database transaction is ever open while a model call is in
// flight: each write is a short statement (or insertDrafts' own short transaction) between calls.
import crypto from "node:crypto";
import type { Database } from "~/db/db.server";
import type { GenerationJobsTable, GenerationItemStatus } from "~/db/schema-generation";
import { concreteFor, pickSource } from "~/domain/generation/batch";
import { flawCountFor } from "~/domain/generation/generate";
import { createRng } from "~/domain/generation/prng";
import {
  cleanDraftJsonSchema,
  draftFromProposals,
  draftPrompt,
  draftRepairMessages,
  flawPrompt,
  proposalJsonSchema,
  repairMessages,
  validateCleanDraft,
  type ChatMessage,
} from "~/domain/generation/proposals";
import { lineCount } from "~/domain/text/lines";
import type { Draft, Pack, SourceDoc } from "~/domain/types";
import { describeEndpoint, LlmClient, llmConfigFromEnv, type CallRecord, type JsonResult, type LlmConfig, type LlmFailureReason } from "~/utils/llm.server";
import { packs } from "./content.server";
import { draftPoolCounts, insertDrafts } from "./draft.server";
import { generatorLabel } from "./exercise.server";

export type GenerationMode = "flaws" | "brief";
export const GENERATION_MODES: { id: GenerationMode; label: string; description: string }[] = [
  { id: "flaws", label: "Flaws on a curated source", description: "The model proposes flaw edits for one of the pack's clean documents." },
  { id: "brief", label: "Draft from a brief", description: "The model writes the clean draft for one of the pack's briefs, then proposes flaw edits." },
];

export const GENERATION_LIMITS = { maxCount: 200, maxSpendUsd: 100, defaultSpendUsd: 1, maxConcurrency: 8 } as const;

export interface GenerationRequest {
  domain: string;
  mode: GenerationMode;
  count: number;
  /** 1..5, or null for a spread over 1..5. */
  difficulty: number | null;
  spendLimitUsd: number;
  origin: "admin" | "cli" | "bench" | "test";
  orgId?: string | null;
  createdBy?: string | null;
}

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
  llm: LlmClient;
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

const MAX_FLAW_TOKENS = 4_000;
const MAX_DRAFT_TOKENS = 6_000;
const TRANSPORT: LlmFailureReason[] = ["timeout", "rate_limited", "server_error", "network"];

export const FAILURE_LABELS: Record<string, string> = {
  refusal: "model refused",
  truncated: "reply cut off (length)",
  invalid_json: "malformed JSON",
  invalid_proposal: "edits failed verification",
  invalid_draft: "unusable draft text",
  rate_limited: "rate limited (429)",
  server_error: "model server error",
  timeout: "timed out",
  network: "model server unreachable",
  http_error: "request refused",
  cancelled: "cancelled",
  spend_limit: "spend limit reached",
  error: "internal error",
};

const now = () => new Date().toISOString();

// ---------------------------------------------------------------------------------------------
// Jobs

export async function createGenerationJob(db: Database, req: GenerationRequest, model: string): Promise<string> {
  const id = crypto.randomUUID();
  const at = now();
  await db
    .insertInto("generation_jobs")
    .values({
      id,
      org_id: req.orgId ?? null,
      created_by: req.createdBy ?? null,
      origin: req.origin,
      domain: req.domain,
      mode: req.mode,
      difficulty: req.difficulty,
      model,
      requested: req.count,
      status: "queued",
      accepted: 0,
      rejected: 0,
      calls: 0,
      prompt_tokens: 0,
      completion_tokens: 0,
      spent_usd: 0,
      spend_limit_usd: req.spendLimitUsd,
      cancel_requested: 0,
      stop_reason: null,
      created_at: at,
      started_at: null,
      finished_at: null,
      updated_at: at,
    })
    .execute();
  return id;
}

/** Money already committed plus money promised to calls in flight never exceeds the limit. */
class SpendMeter {
  private reserved = 0;
  constructor(
    readonly limit: number,
    private spent: number,
  ) {}
  tryReserve(usd: number): boolean {
    if (this.spent + this.reserved + usd > this.limit + 1e-12) return false;
    this.reserved += usd;
    return true;
  }
  settle(reserved: number, actual: number) {
    this.reserved = Math.max(0, this.reserved - reserved);
    this.spent += actual;
  }
  get total() {
    return this.spent;
  }
}

interface ItemPlan {
  seq: number;
  source: SourceDoc;
  difficulty: number;
  seed: number;
  flaws: number;
}

type ItemOutcome =
  | { status: "accepted"; draftId: string }
  | { status: "rejected" | "cancelled"; reason: string; detail: string };

/** Jobs running in this process, so a cancel aborts the call in flight at once. */
const running = new Map<string, AbortController>();

export function isJobRunningHere(jobId: string): boolean {
  return running.has(jobId);
}

/**
 * Runs a queued job to the end (done, cancelled, stopped by the spend limit or by repeated
 * transport failures). Safe to await (CLI, tests) or to leave running in the background.
 */
export async function runGenerationJob(db: Database, jobId: string, options: RunOptions): Promise<JobSummary> {
  const job = await db.selectFrom("generation_jobs").selectAll().where("id", "=", jobId).executeTakeFirstOrThrow();
  if (job.status !== "queued") throw new Error(`Generation job ${jobId} is ${job.status}, not queued.`);
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

  await db.updateTable("generation_jobs").set({ status: "running", started_at: now(), updated_at: now() }).where("id", "=", jobId).execute();

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
    const { source, seed } = concreteFor(pickSource(pack, difficulty, rng), Math.floor(rng() * 4294967296));
    const room = Math.max(1, Math.floor(lineCount(source.text) / 6));
    return { seq: ++nextSeq, source, difficulty, seed, flaws: Math.min(flawCountFor(difficulty, rng), room) };
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
      const outcome = await generateItem(db, { jobId, job, item, pack: pack!, contentHash, llm, spend, maxRepairRounds, signal: controller.signal, summary });
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

  try {
    if (!pack) state.stop = { status: "failed", reason: `No content pack for domain "${job.domain}".` };
    else if (!pack.sources.length) state.stop = { status: "failed", reason: `The "${job.domain}" pack has no source documents.` };
    else {
      const n = Math.max(1, Math.min(GENERATION_LIMITS.maxConcurrency, options.concurrency ?? 2, job.requested));
      await Promise.all(Array.from({ length: n }, worker));
    }
  } catch (e) {
    state.stop ??= { status: "failed", reason: `Internal error: ${(e as Error).message}` };
  } finally {
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

interface ItemContext {
  jobId: string;
  job: GenerationJobsTable;
  item: ItemPlan;
  pack: Pack;
  contentHash: string;
  llm: LlmClient;
  spend: SpendMeter;
  maxRepairRounds: number;
  signal: AbortSignal;
  summary: JobSummary;
}

/** Every HTTP attempt: one row, and the job's and item's counters, in one short transaction. */
export async function recordModelCall(db: Database, jobId: string | null, itemId: string | null, call: CallRecord): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("model_calls")
      .values({
        id: crypto.randomUUID(),
        job_id: jobId,
        item_id: itemId,
        purpose: call.purpose,
        model: call.model,
        try_number: call.tryNumber,
        outcome: call.outcome,
        http_status: call.httpStatus,
        finish_reason: call.finishReason,
        request_id: call.requestId,
        error: call.error ? call.error.slice(0, 1000) : null,
        prompt_tokens: call.promptTokens,
        completion_tokens: call.completionTokens,
        latency_ms: call.latencyMs,
        cost_usd: call.costUsd,
        started_at: call.startedAt,
      })
      .execute();
    if (jobId) {
      await trx
        .updateTable("generation_jobs")
        .set((eb) => ({
          calls: eb("calls", "+", 1),
          prompt_tokens: eb("prompt_tokens", "+", call.promptTokens),
          completion_tokens: eb("completion_tokens", "+", call.completionTokens),
          spent_usd: eb("spent_usd", "+", call.costUsd),
          updated_at: now(),
        }))
        .where("id", "=", jobId)
        .execute();
    }
    if (itemId) {
      await trx
        .updateTable("generation_items")
        .set((eb) => ({ calls: eb("calls", "+", 1), cost_usd: eb("cost_usd", "+", call.costUsd) }))
        .where("id", "=", itemId)
        .execute();
    }
  });
}

async function generateItem(db: Database, ctx: ItemContext): Promise<ItemOutcome> {
  const { jobId, job, item, pack, llm, spend, signal } = ctx;
  const itemId = crypto.randomUUID();
  await db
    .insertInto("generation_items")
    .values({
      id: itemId,
      job_id: jobId,
      seq: item.seq,
      source_id: item.source.id,
      source_title: item.source.title,
      difficulty: item.difficulty,
      status: "running",
      draft_id: null,
      rounds: 0,
      calls: 0,
      flaw_count: null,
      dropped_edits: 0,
      failure_reason: null,
      failure_detail: null,
      notes: null,
      cost_usd: 0,
      started_at: now(),
      finished_at: null,
    })
    .execute();

  let rounds = 0;
  const notes: string[] = [];
  const finish = async (outcome: ItemOutcome, extra: { flawCount?: number; dropped?: number } = {}): Promise<ItemOutcome> => {
    await db
      .updateTable("generation_items")
      .set({
        status: outcome.status,
        draft_id: outcome.status === "accepted" ? outcome.draftId : null,
        rounds,
        flaw_count: extra.flawCount ?? null,
        dropped_edits: extra.dropped ?? 0,
        failure_reason: outcome.status === "accepted" ? null : outcome.reason,
        failure_detail: outcome.status === "accepted" ? null : outcome.detail.slice(0, 4000),
        notes: notes.length ? JSON.stringify(notes.slice(0, 50)) : null,
        finished_at: now(),
      })
      .where("id", "=", itemId)
      .execute();
    if (outcome.status !== "cancelled") {
      await db
        .updateTable("generation_jobs")
        .set((eb) => (outcome.status === "accepted" ? { accepted: eb("accepted", "+", 1), updated_at: now() } : { rejected: eb("rejected", "+", 1), updated_at: now() }))
        .where("id", "=", jobId)
        .execute();
    }
    return outcome;
  };

  // One request to the model, with the spend limit and recording wired in.
  const ask = async (purpose: string, messages: ChatMessage[], schemaName: string, schema: Record<string, unknown>, maxTokens: number): Promise<JsonResult> => {
    let pending = 0;
    return llm.completeJson({
      purpose,
      messages,
      schemaName,
      schema,
      maxTokens,
      signal,
      beforeCall: (worst) => {
        if (!spend.tryReserve(worst)) return false;
        pending = worst;
        return true;
      },
      onCall: async (call) => {
        spend.settle(pending, call.costUsd);
        pending = 0;
        ctx.summary.calls++;
        await recordModelCall(db, jobId, itemId, call);
      },
    });
  };

  const failed = (r: Extract<JsonResult, { ok: false }>): ItemOutcome => {
    if (r.reason === "cancelled" || r.reason === "spend_limit") return { status: "cancelled", reason: r.reason, detail: r.reason === "cancelled" ? "Cancelled before this draft was finished." : r.message };
    return { status: "rejected", reason: r.reason, detail: r.message };
  };

  try {
    let source: SourceDoc = item.source;
    if (job.mode === "brief") {
      let messages = draftPrompt({ brief: source.brief, format: source.format, language: source.language, title: source.title });
      let text: { title: string; text: string } | null = null;
      for (let round = 0; ; round++) {
        const r = await ask(round === 0 ? "draft" : "draft-repair", messages, "clean_draft", cleanDraftJsonSchema(), MAX_DRAFT_TOKENS);
        if (!r.ok) {
          if (r.reason === "invalid_json" && round < ctx.maxRepairRounds) {
            messages = [...messages, ...draftRepairMessages(r.raw ?? "", [r.message])];
            continue;
          }
          return await finish(failed(r));
        }
        const v = validateCleanDraft(r.value);
        if (v.ok) {
          text = v;
          break;
        }
        notes.push(...v.errors.map((e) => `draft round ${round + 1}: ${e}`));
        if (round >= ctx.maxRepairRounds) return await finish({ status: "rejected", reason: "invalid_draft", detail: v.errors.join(" ") });
        messages = [...messages, ...draftRepairMessages(r.raw, v.errors)];
      }
      source = { ...source, title: text.title, text: text.text, sites: [] };
    }

    const count = Math.min(item.flaws, Math.max(1, Math.floor(lineCount(source.text) / 6)));
    let messages = flawPrompt({ brief: source.brief, text: source.text, format: source.format, language: source.language, categories: pack.categories, count, difficulty: item.difficulty });
    const schema = proposalJsonSchema(pack.categories.map((c) => c.id));
    for (;;) {
      rounds++;
      const r = await ask(rounds === 1 ? "flaws" : "repair", messages, "flaw_edits", schema, MAX_FLAW_TOKENS);
      if (!r.ok) {
        if (r.reason === "invalid_json" && rounds <= ctx.maxRepairRounds) {
          notes.push(`round ${rounds}: ${r.message}`);
          messages = [...messages, ...repairMessages(r.raw ?? "", [r.message], count)];
          continue;
        }
        return await finish(failed(r));
      }
      const verdict = draftFromProposals(source, pack, r.value, {
        model: llm.model,
        maxEdits: count,
        minEdits: Math.max(1, Math.ceil(count / 2)),
        seed: item.seed,
        difficulty: item.difficulty,
        contentHash: ctx.contentHash,
      });
      if (verdict.ok) {
        notes.push(...verdict.dropped.map((d) => `round ${rounds}, dropped: ${d}`));
        const draft: Draft = verdict.draft;
        // insertDrafts verifies once more and stores in its own short transaction.
        const [draftId] = await insertDrafts(db, [draft]);
        return await finish({ status: "accepted", draftId }, { flawCount: draft.answerKey.length, dropped: verdict.dropped.length });
      }
      notes.push(...verdict.errors.map((e) => `round ${rounds}: ${e}`));
      if (rounds > ctx.maxRepairRounds) {
        const detail = `No usable edits after ${rounds} round${rounds === 1 ? "" : "s"}: ${verdict.errors.slice(0, 4).join(" ")}${verdict.errors.length > 4 ? ` (+${verdict.errors.length - 4} more)` : ""}`;
        return await finish({ status: "rejected", reason: "invalid_proposal", detail });
      }
      messages = [...messages, ...repairMessages(r.raw, verdict.errors, count)];
    }
  } catch (e) {
    return await finish({ status: "rejected", reason: "error", detail: `Internal error: ${(e as Error).message}` });
  }
}

// ---------------------------------------------------------------------------------------------
// Background jobs for the admin page

export class GenerationNotConfigured extends Error {
  constructor() {
    super("No model is configured: set OPENAI_MODEL and OPENAI_API_KEY (or OPENAI_BASE_URL for a local server).");
  }
}

/** Creates a job and runs it in the background of this process; returns its id at once. */
export async function startGenerationJob(db: Database, req: GenerationRequest, options: Partial<RunOptions> & { config?: LlmConfig } = {}): Promise<string> {
  const config = options.config ?? llmConfigFromEnv();
  if (!config && !options.llm) throw new GenerationNotConfigured();
  const llm = options.llm ?? new LlmClient(config!);
  const id = await createGenerationJob(db, req, llm.model);
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

/** A job left running by a process that stopped (no heartbeat for this long) is marked failed. */
const STALE_MS = 10 * 60 * 1000;

async function markInterrupted(db: Database): Promise<void> {
  const cutoff = new Date(Date.now() - STALE_MS).toISOString();
  const stale = await db.selectFrom("generation_jobs").select("id").where("status", "in", ["queued", "running"]).where("updated_at", "<", cutoff).execute();
  const ids = stale.map((s) => s.id).filter((id) => !running.has(id));
  if (!ids.length) return;
  await db
    .updateTable("generation_jobs")
    .set({ status: "failed", stop_reason: "Interrupted: the process running this job stopped.", finished_at: now(), updated_at: now() })
    .where("id", "in", ids)
    .execute();
  await db.updateTable("generation_items").set({ status: "cancelled", failure_reason: "cancelled", failure_detail: "Interrupted.", finished_at: now() }).where("job_id", "in", ids).where("status", "=", "running").execute();
}

export interface GenerationFailureDTO {
  seq: number;
  sourceTitle: string;
  reason: string;
  reasonLabel: string;
  detail: string;
  calls: number;
}

export interface GenerationJobDTO {
  id: string;
  domain: string;
  mode: GenerationMode;
  difficulty: number | null;
  model: string;
  status: GenerationJobsTable["status"];
  active: boolean;
  requested: number;
  accepted: number;
  rejected: number;
  done: number;
  calls: number;
  spentUsd: number;
  spendLimitUsd: number;
  cancelRequested: boolean;
  stopReason: string | null;
  startedBy: string;
  createdAt: string;
  finishedAt: string | null;
  failures: GenerationFailureDTO[];
}

/** Jobs an admin may see: their organisation's and the CLI's, newest first, with failures. */
export async function listGenerationJobs(db: Database, scope: { orgId: string | null }, limit = 15): Promise<GenerationJobDTO[]> {
  await markInterrupted(db);
  let q = db
    .selectFrom("generation_jobs")
    .leftJoin("users", "users.id", "generation_jobs.created_by")
    .selectAll("generation_jobs")
    .select("users.name as creator_name")
    .orderBy("generation_jobs.created_at", "desc")
    .limit(limit);
  if (scope.orgId !== null) q = q.where((eb) => eb.or([eb("generation_jobs.org_id", "=", scope.orgId), eb("generation_jobs.org_id", "is", null)]));
  const jobs = await q.execute();
  const ids = jobs.map((j) => j.id);
  const items = ids.length
    ? await db
        .selectFrom("generation_items")
        .select(["job_id", "seq", "source_title", "failure_reason", "failure_detail", "calls"])
        .where("job_id", "in", ids)
        .where("status", "=", "rejected")
        .orderBy("seq")
        .execute()
    : [];
  return jobs.map((j) => {
    const failures = items
      .filter((i) => i.job_id === j.id)
      .slice(0, 50)
      .map((i) => ({
        seq: i.seq,
        sourceTitle: i.source_title,
        reason: i.failure_reason ?? "error",
        reasonLabel: FAILURE_LABELS[i.failure_reason ?? "error"] ?? (i.failure_reason ?? "error"),
        detail: i.failure_detail ?? "",
        calls: Number(i.calls),
      }));
    return {
      id: j.id,
      domain: j.domain,
      mode: j.mode as GenerationMode,
      difficulty: j.difficulty,
      model: j.model,
      status: j.status,
      active: j.status === "queued" || j.status === "running",
      requested: Number(j.requested),
      accepted: Number(j.accepted),
      rejected: Number(j.rejected),
      done: Number(j.accepted) + Number(j.rejected),
      calls: Number(j.calls),
      spentUsd: Number(j.spent_usd),
      spendLimitUsd: Number(j.spend_limit_usd),
      cancelRequested: Number(j.cancel_requested) === 1,
      stopReason: j.stop_reason,
      startedBy: j.creator_name ?? (j.origin === "cli" ? "command line" : j.origin),
      createdAt: j.created_at,
      finishedAt: j.finished_at,
      failures,
    };
  });
}

export interface PoolRowDTO {
  domain: string;
  generator: string;
  label: string;
  count: number;
}

export async function generationPoolSummary(db: Database): Promise<PoolRowDTO[]> {
  const rows = await draftPoolCounts(db);
  return rows
    .map((r) => ({ ...r, label: generatorLabel(r.generator) }))
    .sort((a, b) => a.domain.localeCompare(b.domain) || a.generator.localeCompare(b.generator));
}

export interface GenerationSetupDTO {
  configured: boolean;
  model: string | null;
  endpoint: string | null;
  priceKnown: boolean;
}

export function generationSetup(): GenerationSetupDTO {
  const c = llmConfigFromEnv();
  return c ? { configured: true, model: c.model, endpoint: describeEndpoint(c), priceKnown: c.pricing.known } : { configured: false, model: null, endpoint: null, priceKnown: false };
}

/** Everything the admin generation page shows. */
export async function generationOverview(db: Database, scope: { orgId: string | null }) {
  const [jobs, pool] = await Promise.all([listGenerationJobs(db, scope), generationPoolSummary(db)]);
  return { setup: generationSetup(), jobs, pool, domains: packs().packs.map((p) => ({ id: p.domain, name: p.name })), modes: GENERATION_MODES, limits: GENERATION_LIMITS };
}
