import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { ScoreBars } from "~/components/ScoreBars";
import { DiffView } from "~/components/DiffView";
import { PostButton } from "~/components/PostButton";
import { db } from "~/db/db.server";
import { getAttemptForTrainee } from "~/models/attempt.server";
import { resultsDTO } from "~/models/results.server";
import { modelGradingPending } from "~/models/model-grading.server";
import type { ScoreBreakdown } from "~/domain/scoring";
import { scoreRevisions } from "~/models/rescore.server";
import { markFeedbackSeen, publishedFeedback } from "~/models/review.server";
import { requireRole } from "~/models/auth.server";
import { formatDateTime, formatDuration } from "~/utils/format";
import { domainCall } from "~/utils/http.server";
import { markdownHtml } from "~/utils/markdown.server";
import { ShownText } from "~/components/ShownText";
import { DecoyNote } from "~/components/DecoyNote";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Results: ${data?.draft.title ?? ""} · Redline` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "trainee");
  const t = await domainCall(() => getAttemptForTrainee(db(), user.id, params.attemptId!));
  if (t.attempt.status !== "submitted") throw redirect(`/practice/attempts/${t.attempt.id}`);
  const [review, revisions] = await Promise.all([publishedFeedback(db(), t.attempt), scoreRevisions(db(), t.attempt.id)]);
  const dto = resultsDTO(t);
  const score = JSON.parse(t.attempt.final_score!) as ScoreBreakdown;
  // Model explanations, feedback and comments are markdown, rendered and sanitised here.
  return {
    ...dto,
    flaws: dto.flaws.map(({ explanation, ...f }) => ({ ...f, explanationHtml: markdownHtml(explanation) })),
    review: review && {
      ...review,
      feedback: review.feedback ? markdownHtml(review.feedback) : "",
      findings: Object.fromEntries(Object.entries(review.findings).map(([id, n]) => [id, { ...n, comment: n.comment ? markdownHtml(n.comment) : "" }])),
    },
    revisions,
    modelGradingPending: await modelGradingPending(db(), user.orgId, score),
    unread: !!review && !t.attempt.feedback_seen_at,
  };
}

/** Marking mentor feedback as read is a POST (no state change on GET). */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "trainee");
  await markFeedbackSeen(db(), user.id, params.attemptId!);
  return { ok: true };
}

const VERDICT_TEXT = { correct: "Mentor: correct", partly: "Mentor: partly right", wrong: "Mentor: not a flaw" } as const;

const STATUS: Record<string, { label: string; cls: string }> = {
  found: { label: "Found", cls: "pill-green" },
  "wrong-category": { label: "Found, wrong category", cls: "pill-amber" },
  missed: { label: "Missed", cls: "pill-red" },
};

const lines = (r: { from: number; to: number }) => (r.from === r.to ? `line ${r.from}` : `lines ${r.from}–${r.to}`);

export default function Results() {
  const r = useLoaderData<typeof loader>();
  const took = r.attempt.submittedAt ? new Date(r.attempt.submittedAt).getTime() - new Date(r.attempt.startedAt).getTime() : null;
  const seen = useFetcher();
  const unread = r.unread;
  useEffect(() => {
    if (unread && seen.state === "idle" && !seen.data) seen.submit({}, { method: "post" });
  }, [unread, seen]);
  const toFirst = r.attempt.firstFlagAt ? new Date(r.attempt.firstFlagAt).getTime() - new Date(r.attempt.startedAt).getTime() : null;
  return (
    <div>
      <p className="crumbs small">
        <Link to="/practice">Practice</Link> · {r.draft.domain} · difficulty {r.draft.difficulty} · {r.draft.generator}
      </p>
      <h1>Results: {r.draft.title}</h1>
      {r.review ? (
        <section className="card mentor-feedback" aria-labelledby="fb-h" data-testid="mentor-feedback">
          <h2 id="fb-h">Feedback from {r.review.mentor}</h2>
          {r.review.revised ? (
            <p className="notice small" role="status" data-testid="review-revised">
              Revised review (revision {r.review.revision}, {formatDateTime(r.review.revised.at ?? r.review.publishedAt ?? "")}): your mentor changed their review after publishing it.
              {r.review.revised.previousTotal !== null ? ` Your final score went from ${r.review.revised.previousTotal} to ${r.review.revised.total}.` : ""}
            </p>
          ) : null}
          {r.review.feedback ? <div className="md" data-testid="feedback-text" dangerouslySetInnerHTML={{ __html: r.review.feedback }} /> : <p className="muted">No overall comment; see the notes on your findings below.</p>}
          <p className="small muted">
            Automatic score {r.score.autoTotal} → after review <strong>{r.score.total}</strong>.
          </p>
          {r.unread ? <PostButton>Mark as read</PostButton> : null}
        </section>
      ) : (
        <p className="muted small">A mentor has not reviewed this attempt yet; the score below is the automatic one.</p>
      )}
      <section className="card" aria-labelledby="score-h">
        <h2 id="score-h" className="sr-label">
          Score
        </h2>
        <div className="score-hero">
          <div>
            <div className="score-big" data-testid="total">
              {r.score.total}
              <small> / 100</small>
            </div>
            <p className="muted small">
              {r.draft.cleanControl ? "This draft was a clean control: it had no flaws. " : `${r.flaws.length} seeded flaw${r.flaws.length === 1 ? "" : "s"}. `}
              {r.score.hints.taken ? `${r.score.hints.taken} hint${r.score.hints.taken === 1 ? "" : "s"} taken (−${r.score.hints.penalty}). ` : ""}
              {took !== null ? `Time: ${formatDuration(took)}` : ""}
              {toFirst !== null ? `, first flag after ${formatDuration(toFirst)}.` : "."}
            </p>
          </div>
          <ScoreBars components={r.score.components} weights={r.score.weights} />
        </div>
        <p className="small muted">
          Signal detection: hit rate {r.score.signal.hitRate === null ? "—" : `${Math.round(r.score.signal.hitRate * 100)} %`}, false alarms on{" "}
          {r.score.signal.falseAlarmLines} of {r.score.signal.nonFlawLines} clean lines, d′ {r.score.signal.dPrime.toFixed(2)}
          {r.score.brier !== null ? `; calibration (Brier, lower is better) ${r.score.brier.toFixed(2)}` : ""}.{" "}
          {r.score.explanationGrader ? (
            <>
              Explanations graded by <span data-testid="explanation-grader">{r.score.explanationGrader}</span>.
            </>
          ) : (
            <>
              Explanations matched with <span data-testid="matcher-version">{r.score.matcher}</span>.
            </>
          )}{" "}
          <Link to="/practice/scoring">How is this scored?</Link>
        </p>
        {r.modelGradingPending ? (
          <p className="notice small" data-testid="model-grading-pending">
            Your organisation has your explanations graded by a model. It is grading them now; if its grades change your score, the change
            will be listed here.
          </p>
        ) : null}
        {r.revisions.length > 0 ? (
          <div className="notice small" data-testid="score-revisions">
            {r.revisions.map((v, i) => (
              <p key={i}>
                {v.model ? `Explanations graded by the model ${v.model}` : `Rescored with scoring v${v.toVersion} and ${v.matcher}`} on {v.at.slice(0, 10)}:{" "}
                {v.before === v.after ? `your total stays ${v.after}` : `${v.before} → ${v.after}`}
                {v.because.length ? `, because ${v.because.join("; ")}.` : "."}
              </p>
            ))}
          </div>
        ) : null}
      </section>

      <section className="card" aria-labelledby="flaws-h">
        <h2 id="flaws-h">The seeded flaws</h2>
        {r.flaws.length === 0 ? <p className="empty">None — this draft was clean. Any finding on it counts as a false alarm.</p> : null}
        {r.flaws.map((f, i) => (
          <article key={f.id} className="flaw-result" aria-label={`Flaw ${i + 1}`}>
            <div className="row">
              <strong>
                {i + 1}. {f.category}
              </strong>
              <span className={`pill ${STATUS[f.status].cls}`}>{STATUS[f.status].label}</span>
              <a href={`#D${f.lines.from}`} className="small">
                {lines(f.lines)}
              </a>
              <span className="muted small">severity {f.severity}</span>
            </div>
            <p className="small">
              <code>{f.original.trim() || "(nothing)"}</code> → <code>{f.replacement.trim() || "(removed)"}</code>
            </p>
            <div className="compare">
              <div>
                <h4>Model explanation</h4>
                <div className="md" dangerouslySetInnerHTML={{ __html: f.explanationHtml }} />
                <ul className="kp-list" aria-label="Key points">
                  {f.keyPoints.map((k, j) => (
                    <li key={j} className={k.covered ? "covered" : undefined}>
                      {k.text}
                      {k.covered ? <span className="sr-label"> (covered by your explanation)</span> : null}
                    </li>
                  ))}
                </ul>
              </div>
              <div>
                <h4>Your finding</h4>
                {f.finding ? (
                  <>
                    <p>
                      <span className="muted small">
                        #{f.finding.no} · {f.finding.categoryName} · {f.finding.confidence} % sure
                      </span>
                    </p>
                    <p className="finding-text"><ShownText text={f.finding.explanation} /></p>
                    <MentorNote note={r.review?.findings[f.finding.id]} keyCategory={f.category} yourCategory={f.finding.categoryName} />
                  </>
                ) : (
                  <p className="muted">You did not flag this one.</p>
                )}
              </div>
            </div>
          </article>
        ))}
      </section>

      <section className="card" aria-labelledby="fp-h">
        <h2 id="fp-h">False alarms ({r.falsePositives.length})</h2>
        {r.falsePositives.length === 0 ? (
          <p className="muted">None of your findings were false alarms.</p>
        ) : (
          <ul className="plain-list">
            {r.falsePositives.map((f) => (
              <li key={f.id}>
                <strong>#{f.no}</strong> {lines({ from: f.lineFrom, to: f.lineTo })} · {f.categoryName} · {f.confidence} % sure
                <p className="finding-text"><ShownText text={f.explanation} /></p>
                <DecoyNote decoy={f.decoy} />
                <MentorNote note={r.review?.findings[f.id]} yourCategory={f.categoryName} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="diff-h">
        <h2 id="diff-h">What changed: clean draft vs. the draft you reviewed</h2>
        <p className="small muted">Red lines are the clean version, green lines what you saw. Your flags are marked with their number.</p>
        <DiffView rows={r.diff} />
      </section>
      <p>
        <Link to="/practice" className="btn btn-primary">
          Review another draft
        </Link>
      </p>
    </div>
  );
}

type Note = { verdict: string | null; grade: number | null; comment: string; unseeded: boolean; categoryRight: boolean | null };

/** The mentor's published judgement of one finding: verdict, category (decision 117), grade, comment. */
function MentorNote({ note, keyCategory, yourCategory }: { note?: Note; keyCategory?: string; yourCategory?: string }) {
  if (!note || (!note.verdict && note.grade === null && !note.comment && !note.unseeded && note.categoryRight === null)) return null;
  return (
    <div className="mentor-note">
      {note.unseeded ? <span className="pill pill-green">Mentor: a real flaw the key missed</span> : note.verdict ? <span className="pill pill-blue">{VERDICT_TEXT[note.verdict as keyof typeof VERDICT_TEXT]}</span> : null}
      {note.categoryRight === null ? null : (
        <span className={`pill ${note.categoryRight ? "pill-green" : "pill-amber"}`} data-testid="mentor-category">
          {note.categoryRight
            ? `Mentor: right category${yourCategory ? ` (${yourCategory})` : ""}`
            : `Mentor: wrong category${yourCategory ? ` (you chose ${yourCategory}${keyCategory ? `; the key says ${keyCategory}` : ""})` : ""}`}
        </span>
      )}
      {note.grade !== null ? <span className="pill">explanation {note.grade}/3</span> : null}
      {/* Rendered from markdown and sanitised on the server. */}
      {note.comment ? <div className="small md" dangerouslySetInnerHTML={{ __html: note.comment }} /> : null}
    </div>
  );
}
