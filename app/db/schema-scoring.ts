// Tables of migration 0010: score revisions (the visible record of a rescore) and rescore runs.

export interface ScoreRevisionsTable {
  id: string;
  attempt_id: string;
  created_at: string;
  reason: string;
  from_config_version: number;
  to_config_version: number;
  from_matcher: string;
  to_matcher: string;
  auto_total_before: number | null;
  auto_total_after: number | null;
  final_total_before: number | null;
  final_total_after: number | null;
  /** The breakdowns as they were before this revision (JSON). */
  previous_auto_score: string | null;
  previous_final_score: string | null;
  /** Why the total changed, in the trainee's words (JSON array of sentences). */
  summary: string;
}

export interface RescoreRunsTable {
  run_key: string;
  /** Id of the last attempt a committed batch handled. */
  cursor: string;
  scanned: number;
  changed: number;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
}

/**
 * Migration 0013: one version of an organisation's accepted phrase overlay of a pack (the whole
 * overlay, JSON). Keyed (org_id, domain, version) since migration 0022 (decision 136): versions
 * are numbered per organisation and pack.
 */
export interface MatcherOverlaysTable {
  domain: string;
  version: number;
  /** PhraseOverlay: { add: {keyPoint: phrases[]}, retire: {keyPoint: phrases[]} }. */
  overlay: string;
  created_at: string;
  created_by: string | null;
  /** Migration 0019: the organisation whose admin accepted it (decision 109); never null since 0022. */
  org_id: string;
}

/** Migration 0013: an admin's decision on a proposed phrase change, with its evidence. */
export interface MatcherDecisionsTable {
  id: string;
  domain: string;
  key_point: string;
  kind: "add" | "retire";
  phrase: string;
  decision: "accepted" | "rejected";
  /** The overlay version an accepted change created. */
  overlay_version: number | null;
  /** The explanations, grades and matcher shares the proposal showed (JSON). */
  evidence: string;
  decided_at: string;
  decided_by: string | null;
  /** Migration 0019: the organisation whose admin decided (decision 109). */
  org_id: string | null;
}

/** Migration 0017: an organisation's settings (no row: the defaults). */
export interface OrganisationSettingsTable {
  org_id: string;
  /** 1: the configured model's explanation grade is the automatic one (decision 105). */
  model_grading: number;
  /** Migration 0021: since when grading has been on without a break; null while off (decision 130). */
  model_grading_since: string | null;
  updated_at: string;
  updated_by: string | null;
}

export interface ScoringTables {
  score_revisions: ScoreRevisionsTable;
  rescore_runs: RescoreRunsTable;
  matcher_overlays: MatcherOverlaysTable;
  matcher_decisions: MatcherDecisionsTable;
  organisation_settings: OrganisationSettingsTable;
}
