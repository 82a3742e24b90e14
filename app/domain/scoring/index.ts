// Public surface of the scoring engine (pure; safe on server and client).
export {
  DEFAULT_SCORING_CONFIG,
  dPrime,
  inverseNormalCdf,
  lineCount,
  linesToSpan,
  optimalAssignment,
  resolveScoringConfig,
  scoreAttempt,
  spanToLines,
} from "./score";
export type {
  AssignmentOptions,
  FindingResult,
  FindingVerdict,
  FlawResult,
  FlawStatus,
  MentorOverride,
  MentorVerdict,
  ScoreBreakdown,
  ScoreInput,
  ScoringConfig,
  ScoringConfigInput,
  ScoringWeights,
} from "./score";
