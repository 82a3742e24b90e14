// Generation jobs as stored: creating, claiming, cancelling and listing them for the admin page
// and the CLI. A job is claimed by one conditional UPDATE, so two app instances never run one job.
import crypto from "node:crypto";
import type { Database } from "~/db/db.server";
import type { GenerationJobsTable } from "~/db/schema-generation";
import { describeEndpoint, llmConfigFromEnv } from "~/utils/llm.server";
import { packs } from "./content.server";
import { draftPoolCounts } from "./draft.server";
import { generatorLabel } from "./exercise.server";

export type GenerationMode = "flaws" | "brief";
export const GENERATION_MODES: { id: GenerationMode; label: string; description: string }[] = [
  {
    id: "flaws",
    label: "Flaws on a curated source",
    description:
      "The model proposes flaw edits for one of the pack's clean documents. In the software and data packs each edit must change the outcome of the source's checks (an edit that changes nothing observable goes back to the model); every edit must be visible.",
  },
  {
    id: "brief",
    label: "Draft from a brief",
    description:
      "The model writes the clean draft for one of the pack's briefs, then proposes flaw edits. A written draft has no checks, so its edits are only held to the visible-change rule; its label says so.",
  },
];

export const GENERATION_LIMITS = { maxCount: 200, maxSpendUsd: 100, defaultSpendUsd: 1, maxConcurrency: 8 } as const;

/** What a job of the offline seeding engine stores as its model (drafts say `generator: "offline"` too). */
export const OFFLINE_ENGINE = "offline";
/** Share of zero-flaw control drafts in an offline batch: the same default as `npm run generate`. */
export const OFFLINE_CLEAN_RATE = 0.1;
export type GenerationEngine = "offline" | "model";

/** The engine of a stored job, in the page's words. */
export function engineLabel(model: string): string {
  return model === OFFLINE_ENGINE ? "Offline seeding engine" : `Model ${model}`;
}

export interface GenerationRequest {
  domain: string;
  mode: GenerationMode;
  count: number;
  /** 1..5, or null for a spread over 1..5. */
  difficulty: number | null;
  spendLimitUsd: number;
  origin: "admin" | "cli" | "bench" | "test";
  /** Default "model". The offline engine needs no model, spends nothing and writes "flaws" drafts only. */
  engine?: GenerationEngine;
  orgId?: string | null;
  createdBy?: string | null;
}





export const FAILURE_LABELS: Record<string, string> = {
  refusal: "model refused",
  truncated: "reply cut off (length)",
  invalid_json: "malformed JSON",
  invalid_proposal: "edits failed verification",
  not_observable: "edits change nothing observable",
  invalid_draft: "unusable draft text",
  rate_limited: "rate limited (429)",
  server_error: "model server error",
  timeout: "timed out",
  network: "model server unreachable",
  http_error: "request refused",
  cancelled: "cancelled",
  spend_limit: "spend limit reached",
  error: "internal error",
  duplicate: "already in the pool",
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


/**
 * Claims a queued job for the calling process: one conditional UPDATE (`… WHERE status =
 * 'queued'`), atomic on SQLite and on PostgreSQL (a second UPDATE waits for the first's row lock,
 * then finds the status changed), so of two instances exactly one runs the job. Returns the
 * claimed job, or null when it was not queued (already claimed, finished or unknown).
 */
export async function claimGenerationJob(db: Database, jobId: string): Promise<GenerationJobsTable | null> {
  const at = now();
  const res = await db.updateTable("generation_jobs").set({ status: "running", started_at: at, updated_at: at }).where("id", "=", jobId).where("status", "=", "queued").executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return null;
  return db.selectFrom("generation_jobs").selectAll().where("id", "=", jobId).executeTakeFirstOrThrow();
}

/** A job whose runner has not written a heartbeat (every ~15 s) for this long has lost its process. */
const STALE_MS = 10 * 60 * 1000;
const INTERRUPTED = "Interrupted: the process running this job stopped.";

function isStale(job: { status: string; updated_at: string }, at: number): boolean {
  return (job.status === "queued" || job.status === "running") && Date.parse(job.updated_at) < at - STALE_MS;
}

/**
 * Records jobs that lost their process as failed. Called when a job is started or cancelled
 * (POST), never on a GET: the list shows such jobs as interrupted without writing.
 */
export async function failStaleJobs(db: Database, at = Date.now()): Promise<void> {
  const cutoff = new Date(at - STALE_MS).toISOString();
  const stale = await db.selectFrom("generation_jobs").select("id").where("status", "in", ["queued", "running"]).where("updated_at", "<", cutoff).execute();
  const ids = stale.map((s) => s.id);
  if (!ids.length) return;
  await db
    .updateTable("generation_jobs")
    .set({ status: "failed", stop_reason: INTERRUPTED, finished_at: now(), updated_at: now() })
    .where("id", "in", ids)
    .where("status", "in", ["queued", "running"])
    .where("updated_at", "<", cutoff)
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
  engine: GenerationEngine;
  /** "Offline seeding engine" or "Model gpt-4o-mini". */
  engineLabel: string;
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
  const at = Date.now();
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
    const stale = isStale(j, at);
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
      engine: j.model === OFFLINE_ENGINE ? ("offline" as const) : ("model" as const),
      engineLabel: engineLabel(j.model),
      status: stale ? "failed" : j.status,
      active: !stale && (j.status === "queued" || j.status === "running"),
      requested: Number(j.requested),
      accepted: Number(j.accepted),
      rejected: Number(j.rejected),
      done: Number(j.accepted) + Number(j.rejected),
      calls: Number(j.calls),
      spentUsd: Number(j.spent_usd),
      spendLimitUsd: Number(j.spend_limit_usd),
      cancelRequested: Number(j.cancel_requested) === 1,
      stopReason: stale ? INTERRUPTED : j.stop_reason,
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
