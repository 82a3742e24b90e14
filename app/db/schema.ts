import type { ScoringTables } from "./schema-scoring";
import type { Generated } from "kysely";
import type { GenerationTables } from "./schema-generation";
import type { ProgramTables } from "./schema-programs";
import type { ReviewTables } from "./schema-reviews";

// Row types of the database, shared by SQLite and PostgreSQL. Timestamps are ISO-8601 text.

export type Role = "trainee" | "mentor" | "admin";

export interface OrganisationsTable {
  id: string;
  name: string;
  created_at: string;
}

export interface UsersTable {
  id: string;
  org_id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  disabled_at: string | null;
  created_at: string;
  last_active_at: string | null;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: string;
  /** Absolute end of the session, whatever its activity. */
  expires_at: string;
  last_seen_at: string | null;
  user_agent: string | null;
  client: string | null;
}

/** A sign-in limit's counter for one key (address, account or device) in its current window. */
export interface LoginLimitsTable {
  key: string;
  window_start: string;
  count: number;
}

export interface InvitesTable {
  id: string;
  token_hash: string;
  org_id: string;
  email: string;
  role: Role;
  invited_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  /** The invitee's name as the admin typed it ("" if none): offered on the join page. */
  name: Generated<string>;
  /** The cohort the new account joins on accepting, if any. */
  cohort_id: string | null;
  revoked_at: string | null;
}

export interface CohortsTable {
  id: string;
  org_id: string;
  name: string;
  created_at: string;
  /** Optional start and end dates (YYYY-MM-DD); the end is never before the start. */
  starts_on: string | null;
  ends_on: string | null;
}

export interface CohortMembersTable {
  cohort_id: string;
  user_id: string;
  member_role: "trainee" | "mentor";
  added_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface DraftsTable {
  id: string;
  domain: string;
  source_id: string;
  title: string;
  format: string;
  language: string;
  difficulty: number;
  brief: string;
  clean_text: string;
  flawed_text: string;
  answer_key: string;
  flaw_count: number;
  generator: string;
  seed: number | string;
  key_version: number;
  content_hash: string;
  fingerprint: string;
  /** SHA-256 of clean_text / flawed_text: what a trainee has read, whatever source or seed made it. */
  clean_fp: string;
  flawed_fp: string;
  created_at: string;
}

export interface AttemptsTable {
  id: string;
  user_id: string;
  draft_id: string;
  status: "open" | "submitted";
  started_at: string;
  first_flag_at: string | null;
  submitted_at: string | null;
  hints_taken: string;
  auto_total: number | null;
  auto_score: string | null;
  final_total: number | null;
  final_score: string | null;
  domain: string;
  updated_at: string;
  review_version: Generated<number>;
  published_review_id: string | null;
  published_at: string | null;
  feedback_seen_at: string | null;
}

export interface FindingsTable {
  id: string;
  attempt_id: string;
  line_from: number;
  line_to: number;
  quote: string | null;
  category: string;
  explanation: string;
  confidence: number;
  suggested_fix: string | null;
  created_at: string;
  updated_at: string;
  auto_verdict: string | null;
  matched_flaw_id: string | null;
  flaw_category: string | null;
}

/** Hints taken on discarded reviews, per trainee × draft (decision 113). */
export interface DiscardedHintsTable {
  user_id: string;
  draft_id: string;
  /** JSON array of TakenHint. */
  hints_taken: string;
  updated_at: string;
}

export interface DB extends GenerationTables, ReviewTables, ProgramTables, ScoringTables {
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  invites: InvitesTable;
  login_limits: LoginLimitsTable;
  cohorts: CohortsTable;
  cohort_members: CohortMembersTable;
  settings: SettingsTable;
  drafts: DraftsTable;
  attempts: AttemptsTable;
  findings: FindingsTable;
  discarded_hints: DiscardedHintsTable;
}
