// Row types for AI generation (jobs, items, model calls, grading suggestions). Merged into DB in schema.ts.

export type GenerationJobStatus = "queued" | "running" | "done" | "cancelled" | "stopped" | "failed";
export type GenerationItemStatus = "running" | "accepted" | "rejected" | "cancelled";

export interface GenerationJobsTable {
  id: string;
  org_id: string | null;
  created_by: string | null;
  origin: string;
  domain: string;
  mode: string;
  difficulty: number | null;
  model: string;
  requested: number;
  status: GenerationJobStatus;
  accepted: number;
  rejected: number;
  calls: number;
  prompt_tokens: number;
  completion_tokens: number;
  spent_usd: number;
  spend_limit_usd: number;
  cancel_requested: number;
  stop_reason: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
}

export interface GenerationItemsTable {
  id: string;
  job_id: string;
  seq: number;
  source_id: string;
  source_title: string;
  difficulty: number;
  status: GenerationItemStatus;
  draft_id: string | null;
  rounds: number;
  calls: number;
  flaw_count: number | null;
  dropped_edits: number;
  failure_reason: string | null;
  failure_detail: string | null;
  notes: string | null;
  cost_usd: number;
  started_at: string;
  finished_at: string | null;
}

export interface ModelCallsTable {
  id: string;
  job_id: string | null;
  item_id: string | null;
  purpose: string;
  model: string;
  try_number: number;
  outcome: string;
  http_status: number | null;
  finish_reason: string | null;
  request_id: string | null;
  error: string | null;
  prompt_tokens: number;
  completion_tokens: number;
  latency_ms: number;
  cost_usd: number;
  started_at: string;
}

export interface GradeSuggestionsTable {
  key: string;
  model: string;
  grade: number;
  covered: string;
  rationale: string;
  created_at: string;
}

export interface GenerationTables {
  generation_jobs: GenerationJobsTable;
  generation_items: GenerationItemsTable;
  model_calls: ModelCallsTable;
  grade_suggestions: GradeSuggestionsTable;
}
