// Optional model grading of a trainee's explanation against a flaw's key points. A suggestion
// for the mentor, never a score: null when no model is configured or the model gives no usable
// answer. Suggestions are cached by content, so reopening a review page costs nothing.
import crypto from "node:crypto";
import { db as defaultDb, type Database } from "~/db/db.server";
import { gradeJsonSchema, gradePrompt, validateGradeReply, type Grade, type GradeInput } from "~/domain/generation/grading";
import { LlmClient, llmConfigFromEnv } from "~/utils/llm.server";
import { recordModelCall } from "./model-calls.server";

export interface GradeSuggestionDTO {
  grade: Grade;
  coveredKeyPoints: number[];
  rationale: string;
  model: string;
}

export interface SuggestGradeDeps {
  /** Default: the model from OPENAI_* (short timeout, one retry), or none. */
  llm?: LlmClient | null;
  db?: Database;
  signal?: AbortSignal;
}

/** A mentor is waiting on the page: fail fast rather than wait minutes. */
const GRADING_OVERRIDES = { timeoutMs: 20_000, maxRetries: 1, backoffMs: 500, maxBackoffMs: 5_000 };

let envClient: LlmClient | null | undefined;
function clientFromEnv(): LlmClient | null {
  if (envClient === undefined) {
    const config = llmConfigFromEnv(GRADING_OVERRIDES);
    envClient = config ? new LlmClient(config) : null;
  }
  return envClient;
}

function cacheKey(model: string, input: GradeInput): string {
  return crypto
    .createHash("sha256")
    .update(JSON.stringify([model, input.explanation.trim(), input.flaw.explanation.trim(), input.flaw.keyPoints.map((k) => [k.text, k.phrases])]))
    .digest("hex");
}

/**
 * Grades one explanation against a flaw's key points with the configured model. Returns null
 * when no model is configured, or when the model fails (the failed call is recorded).
 */
export async function suggestGrade(input: GradeInput, deps: SuggestGradeDeps = {}): Promise<GradeSuggestionDTO | null> {
  const r = await gradeExplanation(input, deps);
  return r.ok ? r.grade : null;
}

export type GradeOutcome =
  | { ok: true; grade: GradeSuggestionDTO }
  /** `reason`: "no_model", a model call failure (timeout, invalid_json, refusal, …) or "invalid_reply". */
  | { ok: false; reason: string; message: string };

/** Like suggestGrade, but says why no grade came back (the automatic grade records it). */
export async function gradeExplanation(input: GradeInput, deps: SuggestGradeDeps = {}): Promise<GradeOutcome> {
  const llm = deps.llm === undefined ? clientFromEnv() : deps.llm;
  if (!llm) return { ok: false, reason: "no_model", message: "No model is configured." };
  const database = deps.db ?? defaultDb();
  if (input.explanation.trim() === "") return { ok: true, grade: { grade: 0, coveredKeyPoints: [], rationale: "No explanation was given.", model: llm.model } };

  const key = cacheKey(llm.model, input);
  const cached = await database.selectFrom("grade_suggestions").selectAll().where("key", "=", key).executeTakeFirst();
  if (cached) return { ok: true, grade: { grade: cached.grade as Grade, coveredKeyPoints: JSON.parse(cached.covered) as number[], rationale: cached.rationale, model: cached.model } };

  const result = await llm.completeJson({
    purpose: "grade",
    messages: gradePrompt(input),
    schemaName: "grade",
    schema: gradeJsonSchema(),
    maxTokens: 300,
    signal: deps.signal,
    onCall: (call) => recordModelCall(database, null, null, call),
  });
  if (!result.ok) return { ok: false, reason: result.reason, message: result.message };
  const verdict = validateGradeReply(result.value, input.flaw.keyPoints.length);
  if (!verdict.ok) return { ok: false, reason: "invalid_reply", message: verdict.errors.join(" ") };
  const { grade, coveredKeyPoints, rationale } = verdict.value;
  await database
    .insertInto("grade_suggestions")
    .values({ key, model: llm.model, grade, covered: JSON.stringify(coveredKeyPoints), rationale, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  return { ok: true, grade: { grade, coveredKeyPoints, rationale, model: llm.model } };
}

/** The model grading would use (OPENAI_* with the grading timeouts), or null when none is configured. */
export function gradingModel(): string | null {
  return clientFromEnv()?.model ?? null;
}

/** The client grading uses, for callers that grade outside a request (the automatic grade). */
export function gradingClient(): LlmClient | null {
  return clientFromEnv();
}
