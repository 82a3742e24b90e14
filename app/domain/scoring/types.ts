// The scoring engine's input and output shapes, apart from the rules that fill them.
import type { AnswerKeyEntry, Finding, LineRange, Severity } from "../types";
import type { Lexicon } from "../text/concepts";
import type { ScoringConfigInput, ScoringWeights } from "./config";

export type MentorVerdict = "correct" | "partly" | "wrong";

export interface MentorOverride {
  verdict: MentorVerdict;
  /** Rubric grade 0..3 (integer); replaces the offline key-point coverage as grade / 3. */
  explanationGrade?: 0 | 1 | 2 | 3;
  /** With verdict 'correct' on an unmatched finding: a real flaw the answer key lacks. */
  unseeded?: boolean;
  /** Whether the finding's category counts as right, set by the mentor apart from the verdict
   *  (with 'correct' or 'partly'). Absent: 'correct' counts it right, 'partly' compares the
   *  finding's category with the flaw's. */
  categoryRight?: boolean;
}

export interface ScoreInput {
  flawedText: string;
  answerKey: readonly AnswerKeyEntry[];
  findings: readonly Finding[];
  /** Ids of the flaws whose hint the trainee took. */
  hintsTaken?: readonly string[];
  /** Mentor overrides keyed by finding id. */
  overrides?: Readonly<Record<string, MentorOverride>>;
  config?: ScoringConfigInput;
  /** The draft's brief: text copied from it is not the trainee's own words. */
  brief?: string;
  /** Concept sets (and accepted overlay) for matching explanations; none by default. */
  lexicon?: Lexicon;
  /** The organisation's model graded the explanations: its grades replace the matcher's. */
  modelGrading?: ModelGrading | null;
}

/**
 * The model's 0–3 explanation grades, when an organisation makes the model's grade the automatic
 * one (decision 105). A matched finding with a grade gets share grade ÷ 3 instead of the
 * matcher's coverage (a mentor's grade still wins); one the model could not grade keeps the
 * matcher's share, and `failures` says why.
 */
export interface ModelGrading {
  model: string;
  grades: Readonly<Record<string, 0 | 1 | 2 | 3>>;
  /** Finding id → why the model gave no usable grade (timeout, bad JSON, refusal, …). */
  failures: Readonly<Record<string, string>>;
}

export type FlawStatus = "found" | "wrong-category" | "missed";
/** 'hit': matched a flaw; 'partial': matched, mentor said partly right; 'false-positive':
 *  matched nothing (or the mentor said wrong); 'unseeded': a real flaw missing from the key. */
export type FindingVerdict = "hit" | "partial" | "false-positive" | "unseeded";

export interface FlawResult {
  flawId: string;
  category: string;
  severity: Severity;
  lines: LineRange;
  deletion: boolean;
  status: FlawStatus;
  findingId: string | null;
  /** Shared lines between the flaw (±1 for deletions) and its finding; 0 when missed. */
  overlap: number;
  /** Share of the severity counted in detection: 1, the location credit (right place, no
   *  diagnosis), 0.5 (mentor: partly) or 0. */
  detectionCredit: number;
  /** Right category or at least one key point covered (or a mentor's 'correct'). */
  diagnosed: boolean;
  /** Offline coverage per key point of the matched finding's text; all false when missed. */
  keyPointsCovered: boolean[];
  /** Explanation share used in the explanation component (after overrides), 0..1. */
  explanationScore: number;
  /** Who graded the explanation share: a mentor's grade, the model's, or the offline matcher.
   *  Absent in breakdowns stored before model grading existed (read as "matcher"). */
  explanationGradedBy?: "mentor" | "model" | "matcher";
}

export interface FindingResult {
  findingId: string;
  lines: LineRange;
  category: string;
  confidence: number;
  /** Flaw assigned by line matching, regardless of overrides. */
  autoFlawId: string | null;
  /** Flaw the finding counts for after overrides (null for false positives and unseeded). */
  matchedFlawId: string | null;
  overlap: number;
  autoVerdict: "hit" | "false-positive";
  verdict: FindingVerdict;
  /** Whether the category counts as right; null when the finding matched no flaw. */
  categoryCorrect: boolean | null;
  /** Explanation share credited (null when the finding matched no flaw). */
  explanationScore: number | null;
  /** This finding's additive contribution to the total before hints, in points (2 decimals);
   *  negative for a false alarm (its cost). */
  points: number;
  /** Share of the precision weight this false alarm costs (0 for other findings). */
  falseAlarmCost: number;
  override: MentorOverride | null;
  /** Why an override changed nothing, when it did not. */
  overrideNote: string | null;
}

export interface ScoreBreakdown {
  configVersion: number;
  /** Which concept sets and overlay matched the explanations ("none" without a lexicon). */
  matcherVersion: string;
  /** 0–100, one decimal, after the hint penalty. */
  total: number;
  /** 0–100, one decimal, before the hint penalty. */
  totalBeforeHints: number;
  /** A draft with no flaws; category and explanation are then not applicable (null). */
  cleanControl: boolean;
  components: {
    detection: number;
    precision: number;
    category: number | null;
    explanation: number | null;
  };
  /** Weights from the configuration. */
  weights: ScoringWeights;
  /** Weights actually applied (clean control: category + explanation moved to precision). */
  effectiveWeights: ScoringWeights;
  hints: { costPerHint: number; taken: number; flawIds: string[]; penalty: number };
  calibration: { brier: number | null };
  signal: {
    /** Matched flaws (a 'partly' verdict counts half). */
    hits: number;
    flaws: number;
    hitRate: number | null;
    falseAlarmLines: number;
    nonFlawLines: number;
    falseAlarmRate: number | null;
    dPrime: number;
  };
  flaws: FlawResult[];
  findings: FindingResult[];
  falsePositives: string[];
  unseededFinds: string[];
  /** Override keys that name no finding of this attempt (ignored). */
  unknownOverrideIds: string[];
  /** The model grading the explanations were scored with (absent or null: the matcher). */
  modelGrading?: ModelGrading | null;
}
