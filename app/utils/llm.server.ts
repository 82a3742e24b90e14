// The one place that talks to a model: the openai SDK against OPENAI_BASE_URL (OpenAI or any
// OpenAI-compatible server). Each HTTP attempt is its own recorded call: the SDK's own retries
// are off so that every try, its latency, tokens and cost estimate are visible and bounded.
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import type { ChatMessage } from "~/domain/generation/proposals";
import { env } from "./env.server";

export interface LlmPricing {
  /** USD per million input (prompt) tokens. */
  inputPerMTok: number;
  /** USD per million output (completion) tokens. */
  outputPerMTok: number;
  /** false when the model is not in the table and the fallback price is used. */
  known: boolean;
}

/**
 * List prices (USD per million tokens, input/output) of common models, used only to estimate
 * spend. A model not listed here (e.g. a local one) is priced at FALLBACK_PRICE, which errs on
 * the high side so a spend limit still bites.
 */
export const PRICE_TABLE: Record<string, [number, number]> = {
  "gpt-4o-mini": [0.15, 0.6],
  "gpt-4o": [2.5, 10],
  "gpt-4.1": [2, 8],
  "gpt-4.1-mini": [0.4, 1.6],
  "gpt-4.1-nano": [0.1, 0.4],
  "gpt-5": [1.25, 10],
  "gpt-5-mini": [0.25, 2],
  "gpt-5-nano": [0.05, 0.4],
  "o4-mini": [1.1, 4.4],
};
export const FALLBACK_PRICE: [number, number] = [2.5, 10];

export function pricingFor(model: string): LlmPricing {
  // Dated snapshots ("gpt-4o-mini-2024-07-18") price like their family.
  const name = Object.keys(PRICE_TABLE)
    .sort((a, b) => b.length - a.length)
    .find((k) => model === k || model.startsWith(`${k}-`));
  const [i, o] = name ? PRICE_TABLE[name] : FALLBACK_PRICE;
  return { inputPerMTok: i, outputPerMTok: o, known: Boolean(name) };
}

export interface LlmConfig {
  model: string;
  apiKey: string;
  /** undefined: api.openai.com */
  baseURL?: string;
  /** Per HTTP attempt, until response headers arrive. */
  timeoutMs: number;
  /** HTTP retries after the first try, on 429, 5xx, 408/409, timeouts and connection errors. */
  maxRetries: number;
  /** First backoff; doubles per retry, with jitter. */
  backoffMs: number;
  /** Cap on any wait, including a server's retry-after; a longer retry-after ends the call. */
  maxBackoffMs: number;
  pricing: LlmPricing;
}

export const LLM_DEFAULTS = { timeoutMs: 90_000, maxRetries: 2, backoffMs: 1_000, maxBackoffMs: 30_000 } as const;

/** A key that OpenAI-compatible local servers accept (they ignore it; the SDK needs one). */
export const LOCAL_API_KEY = "local-no-key";

/** The model configured by OPENAI_* variables, or null: then the offline engine is in use. */
export function llmConfigFromEnv(overrides: Partial<LlmConfig> = {}): LlmConfig | null {
  const e = env();
  if (!e.OPENAI_MODEL || !(e.OPENAI_API_KEY || e.OPENAI_BASE_URL)) return null;
  return makeLlmConfig({ model: e.OPENAI_MODEL, apiKey: e.OPENAI_API_KEY ?? LOCAL_API_KEY, baseURL: e.OPENAI_BASE_URL, ...overrides });
}

export function makeLlmConfig(c: Partial<LlmConfig> & { model: string }): LlmConfig {
  return { apiKey: LOCAL_API_KEY, ...LLM_DEFAULTS, pricing: pricingFor(c.model), ...c };
}

/** Where the model lives, for screens: host only, never a key. */
export function describeEndpoint(config: Pick<LlmConfig, "baseURL">): string {
  if (!config.baseURL) return "api.openai.com";
  try {
    return new URL(config.baseURL).host;
  } catch {
    return "(invalid URL)";
  }
}

export type CallOutcome =
  | "ok"
  | "refusal"
  | "truncated"
  | "invalid_json"
  | "rate_limited"
  | "server_error"
  | "timeout"
  | "network"
  | "http_error"
  | "cancelled";

export type LlmFailureReason = Exclude<CallOutcome, "ok"> | "spend_limit";

export interface CallRecord {
  purpose: string;
  model: string;
  tryNumber: number;
  outcome: CallOutcome;
  httpStatus: number | null;
  finishReason: string | null;
  requestId: string | null;
  error: string | null;
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
  costUsd: number;
  startedAt: string;
}

export type JsonResult =
  | { ok: true; value: unknown; raw: string; calls: CallRecord[] }
  | { ok: false; reason: LlmFailureReason; message: string; raw?: string; calls: CallRecord[] };

export interface JsonRequest {
  purpose: string;
  messages: ChatMessage[];
  schemaName: string;
  schema: Record<string, unknown>;
  maxTokens: number;
  signal?: AbortSignal;
  /** Called after every HTTP attempt (record it; spend it). */
  onCall?: (call: CallRecord) => void | Promise<void>;
  /** Asked before every HTTP attempt with its worst-case cost; false stops with "spend_limit". */
  beforeCall?: (worstCaseUsd: number) => boolean | Promise<boolean>;
}

const RETRYABLE: CallOutcome[] = ["rate_limited", "server_error", "timeout", "network"];

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** retry-after-ms, or retry-after in seconds or as an HTTP date; undefined when absent. */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get("retry-after-ms");
  if (ms && !Number.isNaN(Number(ms))) return Math.max(0, Number(ms));
  const ra = headers.get("retry-after");
  if (!ra) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(ra)) return Math.max(0, Number(ra) * 1000);
  const at = Date.parse(ra);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A model's JSON, tolerating a Markdown fence around it (some local servers add one). */
export function parseModelJson(raw: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const text = raw.trim().replace(/^```(?:json)?\s*\n([\s\S]*?)\n?```$/, "$1");
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

function shorten(s: string, max = 300): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export class LlmClient {
  private readonly sdk: OpenAI;

  constructor(readonly config: LlmConfig) {
    this.sdk = new OpenAI({ apiKey: config.apiKey, baseURL: config.baseURL, maxRetries: 0, timeout: config.timeoutMs });
  }

  get model(): string {
    return this.config.model;
  }

  costUsd(promptTokens: number, completionTokens: number): number {
    const p = this.config.pricing;
    return (promptTokens * p.inputPerMTok + completionTokens * p.outputPerMTok) / 1e6;
  }

  /** Upper bound for one call: prompt at ~3 characters a token (generous), the full output budget. */
  worstCaseUsd(messages: ChatMessage[], maxTokens: number): number {
    const chars = messages.reduce((n, m) => n + m.content.length + 8, 0);
    return this.costUsd(Math.ceil(chars / 3) + 200, maxTokens);
  }

  /** OpenAI's newer models want max_completion_tokens; compatible servers know max_tokens. */
  private tokenParam(maxTokens: number): { max_completion_tokens: number } | { max_tokens: number } {
    const host = describeEndpoint(this.config);
    return host === "api.openai.com" || host.endsWith(".openai.com") ? { max_completion_tokens: maxTokens } : { max_tokens: maxTokens };
  }

  /**
   * One structured-output request (JSON schema, strict), with bounded retries. Returns the parsed
   * JSON (not yet validated: the caller checks it) or a failure with a reason a person can read.
   */
  async completeJson(req: JsonRequest): Promise<JsonResult> {
    const calls: CallRecord[] = [];
    const { maxRetries, backoffMs, maxBackoffMs } = this.config;
    for (let tryNumber = 1; ; tryNumber++) {
      if (req.signal?.aborted) return { ok: false, reason: "cancelled", message: "Cancelled.", calls };
      if (req.beforeCall && !(await req.beforeCall(this.worstCaseUsd(req.messages, req.maxTokens)))) {
        return { ok: false, reason: "spend_limit", message: "The run's spend limit would be exceeded by another model call.", calls };
      }
      const attempt = await this.attempt(req, tryNumber);
      calls.push(attempt.call);
      await req.onCall?.(attempt.call);
      if (attempt.call.outcome === "ok") return { ok: true, value: attempt.value, raw: attempt.raw!, calls };
      const outcome = attempt.call.outcome;
      const failure = { ok: false as const, reason: outcome as LlmFailureReason, message: attempt.message, raw: attempt.raw, calls };
      if (!RETRYABLE.includes(outcome) || attempt.noRetry || tryNumber > maxRetries) {
        if (RETRYABLE.includes(outcome) && tryNumber > 1) failure.message = `${attempt.message} (after ${tryNumber} tries)`;
        return failure;
      }
      let wait = attempt.retryAfterMs ?? Math.min(maxBackoffMs, backoffMs * 2 ** (tryNumber - 1)) * (0.75 + Math.random() * 0.5);
      if (attempt.retryAfterMs !== undefined && attempt.retryAfterMs > maxBackoffMs) {
        failure.message = `${attempt.message}; the server asked to wait ${Math.ceil(attempt.retryAfterMs / 1000)} s, longer than the ${Math.ceil(maxBackoffMs / 1000)} s this run waits`;
        return failure;
      }
      wait = Math.max(0, Math.round(wait));
      try {
        await sleep(wait, req.signal);
      } catch {
        return { ok: false, reason: "cancelled", message: "Cancelled.", calls };
      }
    }
  }

  private async attempt(
    req: JsonRequest,
    tryNumber: number,
  ): Promise<{ call: CallRecord; value?: unknown; raw?: string; message: string; retryAfterMs?: number; noRetry?: boolean }> {
    const startedAt = new Date().toISOString();
    const t0 = performance.now();
    const base = { purpose: req.purpose, model: this.model, tryNumber, startedAt };
    const call = (c: Partial<CallRecord> & Pick<CallRecord, "outcome">): CallRecord => {
      const promptTokens = c.promptTokens ?? 0;
      const completionTokens = c.completionTokens ?? 0;
      return {
        ...base,
        httpStatus: null,
        finishReason: null,
        requestId: null,
        error: null,
        latencyMs: Math.round(performance.now() - t0),
        costUsd: this.costUsd(promptTokens, completionTokens),
        ...c,
        promptTokens,
        completionTokens,
      };
    };
    // A signal per attempt: the SDK leaves a listener on the signal it gets, and a job's signal
    // lives for hundreds of calls.
    const attemptAbort = new AbortController();
    const forward = () => attemptAbort.abort(req.signal?.reason);
    if (req.signal?.aborted) forward();
    else req.signal?.addEventListener("abort", forward, { once: true });
    try {
      const completion = await this.sdk.chat.completions.create(
        {
          model: this.model,
          messages: req.messages,
          response_format: { type: "json_schema", json_schema: { name: req.schemaName, strict: true, schema: req.schema } },
          ...this.tokenParam(req.maxTokens),
        },
        { signal: attemptAbort.signal, timeout: this.config.timeoutMs, maxRetries: 0 },
      );
      const usage = { promptTokens: completion.usage?.prompt_tokens ?? 0, completionTokens: completion.usage?.completion_tokens ?? 0 };
      const requestId = (completion as { _request_id?: string | null })._request_id ?? null;
      const choice = completion.choices?.[0];
      const finishReason = choice?.finish_reason ?? null;
      const common = { ...usage, httpStatus: 200, finishReason, requestId };
      if (!choice) return { call: call({ outcome: "http_error", ...common, error: "no choices in the reply" }), message: "The model server sent a reply without choices." };
      if (choice.message?.refusal) {
        const m = `The model refused: ${shorten(choice.message.refusal, 200)}`;
        return { call: call({ outcome: "refusal", ...common, error: m }), message: m };
      }
      if (finishReason === "content_filter") {
        return { call: call({ outcome: "refusal", ...common, error: "content filter" }), message: "The model's content filter stopped the reply." };
      }
      if (finishReason === "length") {
        const m = `The reply was cut off at the output limit (finish_reason "length", ${usage.completionTokens} tokens of ${req.maxTokens}).`;
        return { call: call({ outcome: "truncated", ...common, error: m }), message: m };
      }
      const raw = choice.message?.content ?? "";
      const parsed = parseModelJson(raw);
      if (!parsed.ok) {
        const m = `The reply is not valid JSON: ${shorten(parsed.message, 160)}`;
        return { call: call({ outcome: "invalid_json", ...common, error: m }), message: m, raw };
      }
      return { call: call({ outcome: "ok", ...common }), value: parsed.value, raw, message: "ok" };
    } catch (err) {
      if (err instanceof APIUserAbortError || req.signal?.aborted) {
        return { call: call({ outcome: "cancelled", error: "cancelled" }), message: "Cancelled.", noRetry: true };
      }
      if (err instanceof APIConnectionTimeoutError) {
        const m = `No reply within ${Math.round(this.config.timeoutMs / 100) / 10} s (timeout)`;
        return { call: call({ outcome: "timeout", error: m }), message: m };
      }
      if (err instanceof APIConnectionError) {
        const cause = (err.cause as Error | undefined)?.message;
        const m = `Cannot reach the model server at ${describeEndpoint(this.config)}${cause ? ` (${shorten(cause, 120)})` : ""}`;
        return { call: call({ outcome: "network", error: m }), message: m };
      }
      if (err instanceof APIError) {
        const status = err.status ?? null;
        const requestId = err.requestID ?? null;
        const detail = shorten(err.message, 200);
        const wait = retryAfterMs(err.headers);
        if (status === 429) {
          const quota = err.code === "insufficient_quota";
          const m = quota ? `The account has no quota left (429 insufficient_quota): ${detail}` : `Rate limited by the model server (429)`;
          return { call: call({ outcome: "rate_limited", httpStatus: status, requestId, error: detail }), message: m, retryAfterMs: wait, noRetry: quota };
        }
        if (status !== null && (status >= 500 || status === 408 || status === 409)) {
          return { call: call({ outcome: "server_error", httpStatus: status, requestId, error: detail }), message: `The model server failed (HTTP ${status})`, retryAfterMs: wait };
        }
        const hint = status === 401 ? " — check OPENAI_API_KEY" : status === 404 ? " — check OPENAI_MODEL and OPENAI_BASE_URL (it usually ends in /v1)" : "";
        return { call: call({ outcome: "http_error", httpStatus: status, requestId, error: detail }), message: `The model server answered HTTP ${status}${hint}: ${detail}` };
      }
      const m = `Unexpected error calling the model: ${shorten((err as Error)?.message ?? String(err), 200)}`;
      return { call: call({ outcome: "network", error: m }), message: m, noRetry: true };
    } finally {
      req.signal?.removeEventListener("abort", forward);
    }
  }
}
