// Explanation groups across the trainees who reviewed one draft (within the mentor's scope).
import type { Database } from "~/db/db.server";
import { groupExplanations } from "~/domain/review/groups";
import { linesToSpan } from "~/domain/scoring";
import { keyPointsCoveredInContext } from "~/domain/text/evidence";
import { matcherLexicon } from "./matcher-overlay.server";
import { categoryOptions } from "./exercise.server";
import { getDraft } from "./draft.server";
import { saveReviewDraft, savedReviewInput } from "./review.server";
import type { Viewer } from "./scope.server";
import { visibleTraineeIds } from "./scope.server";
import { NotFoundError } from "~/domain/errors";

export class GroupsNotFound extends NotFoundError {
  constructor() {
    super("No attempts of this draft among your trainees.");
  }
}

export async function explanationGroups(db: Database, viewer: Viewer, draftId: string) {
  const draft = await getDraft(db, draftId);
  if (!draft) throw new GroupsNotFound();
  const rows = await db
    .selectFrom("findings")
    .innerJoin("attempts", "attempts.id", "findings.attempt_id")
    .innerJoin("users", "users.id", "attempts.user_id")
    .select(["findings.id", "findings.explanation", "findings.suggested_fix", "findings.matched_flaw_id", "findings.category", "attempts.id as attempt_id", "users.name as trainee"])
    .where("attempts.draft_id", "=", draftId)
    .where("attempts.status", "=", "submitted")
    .where("attempts.user_id", "in", visibleTraineeIds(db, viewer))
    .where("findings.auto_verdict", "=", "hit")
    .execute();
  if (!rows.length) {
    // Nothing the viewer may see: do not reveal whether the draft exists for others.
    const any = await db.selectFrom("attempts").select("id").where("draft_id", "=", draftId).where("user_id", "in", visibleTraineeIds(db, viewer)).executeTakeFirst();
    if (!any) throw new GroupsNotFound();
  }
  const mine = new Map<string, { verdict: string | null; grade: number | null }>();
  const myRows = rows.length
    ? await db
        .selectFrom("finding_reviews")
        .innerJoin("reviews", "reviews.id", "finding_reviews.review_id")
        .select(["finding_reviews.finding_id", "finding_reviews.verdict", "finding_reviews.grade"])
        .where("reviews.mentor_id", "=", viewer.id)
        .where("finding_reviews.finding_id", "in", rows.map((r) => r.id))
        .execute()
    : [];
  for (const r of myRows) mine.set(r.finding_id, { verdict: r.verdict, grade: r.grade });
  // Attempts whose review by this mentor is published: group grading leaves them alone.
  const publishedAttempts = new Set(
    rows.length
      ? (
          await db
            .selectFrom("reviews")
            .select("attempt_id")
            .where("mentor_id", "=", viewer.id)
            .where("status", "=", "published")
            .where("attempt_id", "in", [...new Set(rows.map((r) => r.attempt_id))])
            .execute()
        ).map((r) => r.attempt_id)
      : [],
  );
  const names = new Map(categoryOptions(draft.domain).map((c) => [c.id, c.name]));
  const lexicon = await matcherLexicon(db, draft.domain, viewer.id);
  return {
    draft: { id: draft.id, title: draft.title, domain: draft.domain },
    flaws: draft.answerKey.map((flaw) => {
      // The same evidence rules as scoring: own words, no dismissed clauses, concept sets.
      const span = linesToSpan(draft.flawedText, flaw.lines);
      const ctx = { flawedLines: draft.flawedText.slice(span.start, span.end), brief: draft.brief, lexicon };
      const items = rows
        .filter((r) => r.matched_flaw_id === flaw.id)
        .map((r) => ({
          id: r.id,
          attemptId: r.attempt_id,
          trainee: r.trainee,
          text: r.explanation,
          covered: keyPointsCoveredInContext(`${r.explanation}\n${r.suggested_fix ?? ""}`, flaw.keyPoints, ctx),
          categoryRight: r.category === flaw.category,
          mine: mine.get(r.id) ?? null,
          published: publishedAttempts.has(r.attempt_id),
        }));
      return {
        id: flaw.id,
        category: names.get(flaw.category) ?? flaw.category,
        lines: flaw.lines,
        explanation: flaw.explanation,
        keyPoints: flaw.keyPoints.map((k) => k.text),
        groups: groupExplanations(items).map((g) => ({ covered: g.covered, members: g.members })),
      };
    }),
  };
}

export interface GroupGradeResult {
  graded: number;
  /** Findings left unchanged because this mentor's review of their attempt is published. */
  skipped: { trainee: string; attemptId: string; findings: number }[];
}

/**
 * Grades every finding of a group: each attempt's review draft of this mentor gets the verdict and
 * grade. A published review is never changed from here: those findings are listed as skipped, to
 * be revised (and published again) from their review page.
 */
export async function gradeGroup(
  db: Database,
  viewer: Viewer,
  draftId: string,
  findingIds: string[],
  verdict: "correct" | "partly" | "wrong" | null,
  grade: 0 | 1 | 2 | 3 | null,
): Promise<GroupGradeResult> {
  const { flaws } = await explanationGroups(db, viewer, draftId);
  const members = new Map(flaws.flatMap((f) => f.groups.flatMap((g) => g.members)).map((m) => [m.id, m]));
  const perAttempt = new Map<string, string[]>();
  const skipped = new Map<string, { trainee: string; attemptId: string; findings: number }>();
  for (const id of findingIds) {
    const m = members.get(id);
    if (!m) continue; // not visible to this mentor: ignored
    if (m.published) {
      const s = skipped.get(m.attemptId) ?? { trainee: m.trainee, attemptId: m.attemptId, findings: 0 };
      s.findings++;
      skipped.set(m.attemptId, s);
      continue;
    }
    perAttempt.set(m.attemptId, [...(perAttempt.get(m.attemptId) ?? []), id]);
  }
  for (const [attemptId, ids] of perAttempt) {
    const saved = (await savedReviewInput(db, viewer, attemptId)) ?? { feedback: "", findings: [] };
    const updated = ids.map((id) => {
      const prev = saved.findings.find((f) => f.findingId === id);
      return { findingId: id, verdict, grade, comment: prev?.comment ?? "", unseeded: prev?.unseeded ?? false, categoryRight: prev?.categoryRight ?? null };
    });
    await saveReviewDraft(db, viewer, attemptId, { feedback: saved.feedback, findings: updated });
  }
  return { graded: [...perAttempt.values()].reduce((n, ids) => n + ids.length, 0), skipped: [...skipped.values()] };
}
