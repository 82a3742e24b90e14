import type { Generated } from "kysely";

// Row types for mentor reviews and the dashboard aggregates. Merged into DB in schema.ts.
import type { CategoryTally, TraineeTally } from "~/domain/stats/tally";

export interface ReviewsTable {
  id: string;
  attempt_id: string;
  mentor_id: string;
  status: "draft" | "published";
  feedback: string;
  based_on_version: number;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  /** Published revisions so far (0 until the first publish). */
  revision: Generated<number>;
  /** The mentor's next revision of a published review, not yet published (JSON ReviewInput). */
  pending: string | null;
}

/** One published revision of a review, as the trainee saw it; never updated. */
export interface ReviewRevisionsTable {
  id: string;
  review_id: string;
  attempt_id: string;
  mentor_id: string;
  revision: number;
  feedback: string;
  /** JSON: [{ findingId, verdict, grade, comment, unseeded, categoryRight? }] */
  findings: string;
  total_before: number | null;
  total: number;
  published_at: string;
}

export interface FindingReviewsTable {
  review_id: string;
  finding_id: string;
  verdict: "correct" | "partly" | "wrong" | null;
  grade: number | null;
  comment: string;
  unseeded: number;
  /** The mentor's category judgement: 1 right, 0 wrong, null left to the verdict. */
  category_right: number | null;
  updated_at: string;
}

export interface AuditEventsTable {
  id: string;
  attempt_id: string;
  actor_id: string;
  action: string;
  finding_id: string | null;
  before: string | null;
  after: string | null;
  at: string;
}

export interface FlawResultsTable {
  attempt_id: string;
  flaw_id: string;
  user_id: string;
  draft_id: string;
  domain: string;
  category: string;
  severity: number;
  detected: number;
  submitted_at: string;
}

/** The tallies are the rows: what a scored attempt adds is defined in domain/stats/tally.ts. */
export type TraineeStatsTable = TraineeTally;
export type TraineeCategoryStatsTable = CategoryTally;

export interface FindingSuggestionsTable {
  finding_id: string;
  model: string;
  grade: number;
  rationale: string;
  created_at: string;
}

export interface ReviewTables {
  finding_suggestions: FindingSuggestionsTable;
  reviews: ReviewsTable;
  review_revisions: ReviewRevisionsTable;
  finding_reviews: FindingReviewsTable;
  audit_events: AuditEventsTable;
  flaw_results: FlawResultsTable;
  trainee_stats: TraineeStatsTable;
  trainee_category_stats: TraineeCategoryStatsTable;
}
