// One item of a generation job: the model proposes flaw edits (and, in "brief" mode, first writes
// the clean draft), the app verifies them, repairs with the validation errors fed back, and
// stores a verified draft or records why the item was rejected. No transaction is open while a
// model call is in flight.
import crypto from "node:crypto";
import type { Database } from "~/db/db.server";
import type { GenerationJobsTable } from "~/db/schema-generation";
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
import type { SpendMeter } from "~/domain/generation/spend-meter";
import { lineCount } from "~/domain/text/lines";
import type { Draft, Pack, SourceDoc } from "~/domain/types";
import type { JsonResult, LlmClient } from "~/utils/llm.server";
import { draftFingerprint, insertDrafts } from "./draft.server";
import type { ProofRunners } from "./proof-runner.server";
import { recordModelCall } from "./model-calls.server";

const MAX_FLAW_TOKENS = 4_000;
const MAX_DRAFT_TOKENS = 6_000;
const now = () => new Date().toISOString();

export interface ItemPlan {
  seq: number;
  source: SourceDoc;
  /** The parameters the concrete source was instantiated with ({} for a plain source). */
  params?: Record<string, string | number>;
  difficulty: number;
  seed: number;
  flaws: number;
}

export type ItemOutcome =
  | { status: "accepted"; draftId: string }
  | { status: "rejected" | "cancelled"; reason: string; detail: string };


export interface ItemContext {
  jobId: string;
  job: GenerationJobsTable;
  item: ItemPlan;
  pack: Pack;
  contentHash: string;
  llm: LlmClient;
  spend: SpendMeter;
  maxRepairRounds: number;
  signal: AbortSignal;
  /** Counts the job's model calls as they return. */
  summary: { calls: number };
  /** Runs a source's checks on model-written edits (software and data sources with checks). */
  prover?: Pick<ProofRunners, "proveEdits">;
}

/** Which proof a model-written draft had, as its generator label says. */
export type ModelDraftProof = "checks" | "visible";

/** The edited texts of a draft, one per answer-key entry (each edit applied alone to the clean text). */
function editedTexts(draft: Draft): string[] {
  return draft.answerKey.map((e) => draft.cleanText.slice(0, e.cleanSpan.start) + e.replacement + draft.cleanText.slice(e.cleanSpan.end));
}

function shown(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(t.length > 60 ? `${t.slice(0, 57)}...` : t);
}


export async function generateItem(db: Database, ctx: ItemContext): Promise<ItemOutcome> {
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
        // In the software and data packs each edit must change the outcome of the source's checks;
        // a model-written draft (brief mode) has no checks, so the visible-change rule is its proof.
        let proof: ModelDraftProof = "visible";
        const proven = job.mode === "brief" || !ctx.prover ? null : await ctx.prover.proveEdits(source, item.params ?? {}, editedTexts(verdict.draft));
        if (proven?.clean) notes.push(`round ${rounds}: the source's checks do not pass on the clean text (${proven.clean}); only the visible-change rule applied`);
        else if (proven) {
          const unobservable = verdict.draft.answerKey
            .map((e, i) => ({ e, i, o: proven.outcomes[i] }))
            .filter((x) => x.o?.kind === "unproven" || x.o?.kind === "does-not-compile")
            .map(({ e, i, o }) =>
              o?.kind === "does-not-compile"
                ? `Edit ${i + 1} (${shown(e.original)} -> ${shown(e.replacement)}) makes the document not compile (${o.message}): a reader would see a syntax error, not a flaw. Propose an edit that compiles and changes what the document does.`
                : `Edit ${i + 1} (${shown(e.original)} -> ${shown(e.replacement)}) changes nothing observable: every check of the source passes on the edited text. Propose an edit that changes what the document does.`,
            );
          if (unobservable.length) {
            notes.push(...unobservable.map((e) => `round ${rounds}: ${e}`));
            if (rounds > ctx.maxRepairRounds) {
              return await finish({ status: "rejected", reason: "not_observable", detail: `No proven edits after ${rounds} round${rounds === 1 ? "" : "s"}: ${unobservable.slice(0, 4).join(" ")}` });
            }
            messages = [...messages, ...repairMessages(r.raw, unobservable, count)];
            continue;
          }
          proof = "checks";
        }
        notes.push(...verdict.dropped.map((d) => `round ${rounds}, dropped: ${d}`));
        const draft: Draft = { ...verdict.draft, generator: `${verdict.draft.generator};proof=${proof}` };
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

/**
 * One item of an offline job: the next draft of the offline engine (already verified), stored
 * unless the same draft is already in the pool (rejected as "duplicate", the pool is unchanged).
 * `next` returns null or throws when the engine cannot give a draft; the item is then rejected
 * with reason "error" and the runner stops the job.
 */
export async function storeOfflineItem(db: Database, ctx: { jobId: string; seq: number; next: () => Draft | null }): Promise<ItemOutcome> {
  let outcome: ItemOutcome;
  let draft: Draft | null = null;
  try {
    draft = ctx.next();
    if (!draft) outcome = { status: "rejected", reason: "error", detail: "The offline engine gave no draft for this item." };
    else {
      const fp = draftFingerprint(draft);
      const existing = await db.selectFrom("drafts").select("id").where("fingerprint", "=", fp).executeTakeFirst();
      if (existing) outcome = { status: "rejected", reason: "duplicate", detail: `The same draft of "${draft.title}" is already in the pool.` };
      else {
        const [draftId] = await insertDrafts(db, [draft]);
        outcome = { status: "accepted", draftId };
      }
    }
  } catch (e) {
    outcome = { status: "rejected", reason: "error", detail: `Internal error: ${(e as Error).message}` };
  }
  const at = now();
  await db
    .insertInto("generation_items")
    .values({
      id: crypto.randomUUID(),
      job_id: ctx.jobId,
      seq: ctx.seq,
      source_id: draft?.sourceId ?? "",
      source_title: draft?.title ?? "",
      difficulty: draft?.difficulty ?? 0,
      status: outcome.status,
      draft_id: outcome.status === "accepted" ? outcome.draftId : null,
      rounds: 0,
      calls: 0,
      flaw_count: draft ? draft.answerKey.length : null,
      dropped_edits: 0,
      failure_reason: outcome.status === "accepted" ? null : outcome.reason,
      failure_detail: outcome.status === "accepted" ? null : outcome.detail.slice(0, 4000),
      notes: null,
      cost_usd: 0,
      started_at: at,
      finished_at: at,
    })
    .execute();
  await db
    .updateTable("generation_jobs")
    .set((eb) => (outcome.status === "accepted" ? { accepted: eb("accepted", "+", 1), updated_at: at } : { rejected: eb("rejected", "+", 1), updated_at: at }))
    .where("id", "=", ctx.jobId)
    .execute();
  return outcome;
}
