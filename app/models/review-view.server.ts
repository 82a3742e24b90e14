// What a mentor sees when reviewing an attempt (submitted attempts only: the key may be shown).
import type { Database } from "~/db/db.server";
import { auditSentence } from "~/domain/review/audit-sentence";
import { buildDiffRows } from "~/domain/practice/diff-view";
import { isProse } from "~/domain/types";
import type { ScoreBreakdown } from "~/domain/scoring";
import { decoyNotes } from "./decoy-note.server";
import { categoryOptions, generatorLabel } from "./exercise.server";
import { matcherLexicon } from "./matcher-overlay.server";
import { auditTrail, loadSubmittedAttempt, overridesFrom, pendingRevision, rescore, reviewsOfAttempt } from "./review.server";
import type { Viewer } from "./scope.server";

export async function reviewDTO(db: Database, viewer: Viewer, attemptId: string) {
  const { attempt, draft, findings } = await loadSubmittedAttempt(db, viewer, attemptId);
  const [reviews, audit] = await Promise.all([reviewsOfAttempt(db, attemptId), auditTrail(db, attemptId)]);
  const names = new Map(categoryOptions(draft.domain).map((c) => [c.id, c.name]));
  const auto = JSON.parse(attempt.auto_score!) as ScoreBreakdown;
  const mineStored = reviews.find((r) => r.mentor_id === viewer.id);
  // After publishing, the mentor edits a pending next revision; the published one stays as it was.
  const pending = mineStored ? pendingRevision(mineStored) : null;
  const mine = mineStored && pending
    ? {
        ...mineStored,
        feedback: pending.feedback,
        findings: pending.findings.map((f) => ({ review_id: mineStored.id, finding_id: f.findingId, verdict: f.verdict, grade: f.grade, comment: f.comment, unseeded: f.unseeded ? 1 : 0, category_right: f.categoryRight === null || f.categoryRight === undefined ? null : f.categoryRight ? 1 : 0, updated_at: mineStored.updated_at })),
      }
    : mineStored;
  const autoHits = new Set(findings.filter((f) => f.auto_verdict === "hit").map((f) => f.id));
  const preview = rescore(draft, findings, attempt.hints_taken, overridesFrom(mine?.findings ?? [], autoHits), await matcherLexicon(db, draft.domain, attempt.user_id), attempt.auto_score);
  const key = new Map(draft.answerKey.map((e) => [e.id, e]));
  const autoByFinding = new Map(auto.findings.map((f) => [f.findingId, f]));
  const flawOf = new Map(auto.flaws.map((f) => [f.flawId, f]));
  // An automatic false alarm on a decoy says so, as on the trainee's results: the passage is right.
  const decoyNote = decoyNotes(draft);
  const published = reviews.find((r) => r.status === "published" && r.id === attempt.published_review_id);
  return {
    attempt: {
      id: attempt.id,
      trainee: attempt.trainee_name,
      submittedAt: attempt.submitted_at!,
      autoTotal: attempt.auto_total,
      finalTotal: attempt.final_total,
      version: attempt.review_version,
      publishedBy: published ? published.mentor_name : null,
      publishedAt: attempt.published_at,
      publishedByMe: published?.mentor_id === viewer.id,
    },
    draft: { id: draft.id, title: draft.title, domain: draft.domain, brief: draft.brief, difficulty: draft.difficulty, generator: generatorLabel(draft.generator) },
    categories: [...names].map(([id, name]) => ({ id, name })),
    findings: findings.map((f, i) => {
      const a = autoByFinding.get(f.id);
      const flaw = a?.autoFlawId ? key.get(a.autoFlawId) : undefined;
      const mineRow = mine?.findings.find((x) => x.finding_id === f.id);
      const autoVerdict = (a?.autoVerdict ?? "false-positive") as "hit" | "false-positive";
      return {
        id: f.id,
        no: i + 1,
        lineFrom: f.line_from,
        lineTo: f.line_to,
        category: names.get(f.category) ?? f.category,
        explanation: f.explanation,
        suggestedFix: f.suggested_fix ?? "",
        confidence: Math.round(f.confidence * 100),
        autoVerdict,
        decoy: autoVerdict === "false-positive" ? decoyNote({ from: f.line_from, to: f.line_to }) : null,
        categoryCorrect: a?.categoryCorrect ?? null,
        flaw: flaw
          ? {
              id: flaw.id,
              category: names.get(flaw.category) ?? flaw.category,
              explanation: flaw.explanation,
              keyPoints: flaw.keyPoints.map((k, j) => ({ text: k.text, covered: flawOf.get(flaw.id)?.keyPointsCovered[j] ?? false })),
            }
          : null,
        mine: {
          verdict: mineRow?.verdict ?? "",
          grade: mineRow?.grade ?? null,
          comment: mineRow?.comment ?? "",
          unseeded: !!mineRow?.unseeded,
          category: (mineRow?.category_right === 1 ? "right" : mineRow?.category_right === 0 ? "wrong" : "") as "" | "right" | "wrong",
        },
      };
    }),
    missed: auto.flaws
      .filter((f) => f.status === "missed")
      .map((f) => {
        const e = key.get(f.flawId)!;
        return { id: f.flawId, category: names.get(e.category) ?? e.category, lines: e.lines, explanation: e.explanation };
      }),
    diff: buildDiffRows(draft.cleanText, draft.flawedText, findings.map((f) => ({ from: f.line_from, to: f.line_to })), draft.answerKey.map((e) => ({ id: e.id, lines: e.lines })), 3, isProse(draft.format)),
    mine: mine ? { status: mine.status, feedback: mine.feedback, basedOn: mine.based_on_version, updatedAt: mine.updated_at, revision: mine.revision, revising: pending !== null } : null,
    preview: { total: preview.total },
    others: reviews
      .filter((r) => r.mentor_id !== viewer.id)
      .map((r) => ({ mentor: r.mentor_name, status: r.status, feedback: r.feedback, publishedAt: r.published_at, updatedAt: r.updated_at, verdicts: r.findings.filter((x) => x.verdict).length })),
    // Sentences only: the stored before/after JSON stays on the server.
    audit: audit.map((e) => ({
      id: e.id,
      at: e.at,
      actor: e.actor,
      sentence: auditSentence({ actor: e.actor, action: e.action, finding: e.finding_id ? findings.findIndex((f) => f.id === e.finding_id) + 1 || null : null, before: e.before, after: e.after }),
    })),
  };
}
