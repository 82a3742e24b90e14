// Public surface of the scoring engine (pure; safe on server and client).
export { optimalAssignment } from "./assignment";
export type { AssignmentOptions } from "./assignment";
export { DEFAULT_SCORING_CONFIG, resolveScoringConfig } from "./config";
export type { ScoringConfig, ScoringConfigInput, ScoringWeights } from "./config";
export { falseAlarmCosts } from "./false-alarms";
export { scoreAttempt } from "./score";
export type {
  FindingResult,
  FindingVerdict,
  FlawResult,
  FlawStatus,
  MentorOverride,
  MentorVerdict,
  ModelGrading,
  ScoreBreakdown,
  ScoreInput,
} from "./score";
export { dPrime, inverseNormalCdf } from "./signal";
export { lineCount, linesToSpan, spanToLines } from "./spans";
