// Every model call is recorded as it returns: one row, and the counters of its generation job
// and item, in one short transaction (never while a call is in flight).
import crypto from "node:crypto";
import type { Database } from "~/db/db.server";
import type { CallRecord } from "~/utils/llm.server";

const now = () => new Date().toISOString();

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
