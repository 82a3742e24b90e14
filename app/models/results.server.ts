// The reveal after submission: score breakdown, each flaw with the model explanation beside the
// trainee's, false alarms, and the clean-vs-flawed diff. Only for submitted attempts.
import { buildDiffRows } from "~/domain/practice/diff-view";
import { isProse } from "~/domain/types";
import type { ScoreBreakdown } from "~/domain/scoring";
import type { TraineeAttempt } from "./attempt.server";
import { decoyNotes } from "./decoy-note.server";
import { categoryOptions, findingDTOs, generatorLabel } from "./exercise.server";
import { matcherLabel } from "./matcher-overlay.server";
import { explanationGraderText } from "./model-grading.server";

export function resultsDTO(t: TraineeAttempt) {
  const { attempt, draft } = t;
  if (attempt.status !== "submitted" || !attempt.final_score) throw new Error("results are only for submitted attempts");
  const score = JSON.parse(attempt.final_score) as ScoreBreakdown;
  const auto = attempt.auto_score ? (JSON.parse(attempt.auto_score) as ScoreBreakdown) : score;
  const names = new Map(categoryOptions(draft.domain).map((c) => [c.id, c.name]));
  const findings = findingDTOs(t, names);
  const findingNo = new Map(findings.map((f, i) => [f.id, i + 1]));
  const byFinding = new Map(findings.map((f) => [f.id, f]));
  const key = new Map(draft.answerKey.map((e) => [e.id, e]));
  const decoyNote = decoyNotes(draft);
  return {
    attempt: {
      id: attempt.id,
      startedAt: attempt.started_at,
      submittedAt: attempt.submitted_at,
      firstFlagAt: attempt.first_flag_at,
    },
    draft: { title: draft.title, domain: draft.domain, brief: draft.brief, difficulty: draft.difficulty, generator: generatorLabel(draft.generator), cleanControl: draft.answerKey.length === 0 },
    score: {
      total: score.total,
      autoTotal: auto.total,
      totalBeforeHints: score.totalBeforeHints,
      components: score.components,
      weights: score.effectiveWeights,
      hints: score.hints,
      brier: score.calibration.brier,
      signal: score.signal,
      /** Which phrases matched the explanations (the pack's, or a mentor-taught version). */
      matcher: matcherLabel(score.matcherVersion),
      /** Who graded the explanations when the organisation's model did (null: the matcher). */
      explanationGrader: explanationGraderText(score, matcherLabel(score.matcherVersion)),
    },
    flaws: score.flaws.map((r) => {
      const e = key.get(r.flawId)!;
      const f = r.findingId ? byFinding.get(r.findingId) : undefined;
      return {
        id: r.flawId,
        category: names.get(e.category) ?? e.category,
        severity: e.severity,
        lines: e.lines,
        status: r.status,
        original: e.original,
        replacement: e.replacement,
        explanation: e.explanation,
        keyPoints: e.keyPoints.map((k, i) => ({ text: k.text, covered: r.keyPointsCovered[i] ?? false })),
        finding: f ? { id: f.id, no: findingNo.get(f.id)!, explanation: f.explanation, categoryName: f.categoryName, confidence: f.confidence, lineFrom: f.lineFrom, lineTo: f.lineTo } : null,
      };
    }),
    // A false alarm on a decoy (a correct but unusual passage) says so, with why it is right.
    falsePositives: score.falsePositives
      .map((id) => byFinding.get(id)!)
      .filter(Boolean)
      .map((f) => ({ ...f, no: findingNo.get(f.id)!, decoy: decoyNote({ from: f.lineFrom, to: f.lineTo }) })),
    unseeded: score.unseededFinds.map((id) => byFinding.get(id)!).filter(Boolean).map((f) => ({ ...f, no: findingNo.get(f.id)! })),
    findingCount: findings.length,
    hints: t.hints.map((h) => h.text),
    diff: buildDiffRows(
      draft.cleanText,
      draft.flawedText,
      findings.map((f) => ({ from: f.lineFrom, to: f.lineTo })),
      draft.answerKey.map((e) => ({ id: e.id, lines: e.lines })),
      3,
      isProse(draft.format),
    ),
  };
}

