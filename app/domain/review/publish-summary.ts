// What publishing a mentor review will show the trainee, in sentences for the confirmation step:
// the score change (the score they see now → the score with the mentor's verdicts), how many
// findings got which verdict, and what written feedback comes with it. Pure.

export interface ReviewedFinding {
  verdict: "correct" | "partly" | "wrong" | null;
  grade: number | null;
  comment: string;
  unseeded: boolean;
  /** The mentor's category judgement; null or absent leaves it to the verdict. */
  categoryRight?: boolean | null;
}

export interface VerdictCounts {
  correct: number;
  partly: number;
  wrong: number;
  /** Findings the automatic verdict stands for. */
  automatic: number;
  /** Counted as real flaws missing from the answer key. */
  unseeded: number;
  graded: number;
  comments: number;
  /** Categories the mentor counted right or wrong themselves. */
  categoryRight: number;
  categoryWrong: number;
}

export function verdictCounts(findings: readonly ReviewedFinding[]): VerdictCounts {
  const c: VerdictCounts = { correct: 0, partly: 0, wrong: 0, automatic: 0, unseeded: 0, graded: 0, comments: 0, categoryRight: 0, categoryWrong: 0 };
  for (const f of findings) {
    // An unseeded find with no verdict chosen counts as correct (as the score treats it).
    const verdict = f.verdict ?? (f.unseeded ? "correct" : null);
    if (verdict) c[verdict]++;
    else c.automatic++;
    if (f.unseeded) c.unseeded++;
    if (f.grade !== null) c.graded++;
    if (f.comment.trim()) c.comments++;
    if (f.categoryRight === true) c.categoryRight++;
    if (f.categoryRight === false) c.categoryWrong++;
  }
  return c;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export interface PublishSummaryInput {
  /** The score the trainee sees now (the automatic one until a review is published). */
  shownTotal: number;
  shownIsAutomatic: boolean;
  /** The final score once published. */
  total: number;
  counts: VerdictCounts;
  hasFeedback: boolean;
  /** The revision this publish creates (1 for the first). */
  revision: number;
}

/** The confirmation's sentences, in the order the trainee meets them. */
export function publishSummary(p: PublishSummaryInput): string[] {
  const shown = `${p.shownTotal}${p.shownIsAutomatic ? " (automatic)" : ""}`;
  const out = [
    p.total === p.shownTotal
      ? `Their score stays ${shown}.`
      : `Their score changes from ${shown} to ${p.total} with your verdicts.`,
  ];
  const c = p.counts;
  const parts = [
    c.correct ? `${c.correct} correct` : "",
    c.partly ? `${c.partly} partly right` : "",
    c.wrong ? `${c.wrong} wrong` : "",
    c.automatic ? `${c.automatic} kept as the automatic verdict` : "",
  ].filter(Boolean);
  const total = c.correct + c.partly + c.wrong + c.automatic;
  out.push(total === 0 ? "They submitted no findings, so there are no verdicts to show." : `Verdicts on ${plural(total, "finding")}: ${parts.join(", ")}.`);
  if (c.unseeded) out.push(`${plural(c.unseeded, "finding")} counted as a real flaw missing from the answer key.`);
  if (c.categoryRight || c.categoryWrong) {
    const judged = [c.categoryRight ? `${c.categoryRight} right` : "", c.categoryWrong ? `${c.categoryWrong} wrong` : ""].filter(Boolean).join(", ");
    out.push(`Category judged by you on ${plural(c.categoryRight + c.categoryWrong, "finding")}: ${judged}.`);
  }
  if (c.graded) out.push(`${plural(c.graded, "explanation")} graded by you.`);
  const written = [p.hasFeedback ? "your overall feedback" : "", c.comments ? plural(c.comments, "comment") : ""].filter(Boolean);
  out.push(written.length ? `They see ${written.join(" and ")}.` : "You have written no feedback or comments.");
  if (p.revision > 1) out.push(`It appears as revision ${p.revision}, marked as revised; the earlier one stays in their history.`);
  return out;
}
