import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useRef } from "react";
import { z } from "zod";
import { DiffView } from "~/components/DiffView";
import { db } from "~/db/db.server";
import { onlyInvisible, onlyInvisibleMessage } from "~/domain/text/format-chars";
import { getDraft } from "~/models/draft.server";
import { publishReview, ReviewNotFound, savedReviewInput, saveReviewDraft, type ReviewInput } from "~/models/review.server";
import { suggestGrade } from "~/models/ai-grading.server";
import { recordSuggestion } from "~/models/model-rater.server";
import { reviewDTO } from "~/models/review-view.server";
import { llmConfigFromEnv } from "~/utils/llm.server";
import { requireRole } from "~/models/auth.server";
import { formatDateTime } from "~/utils/format";
import { auditSentence } from "~/domain/review/audit-sentence";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Review: ${data?.attempt.trainee ?? ""} · Redline` }];

const notFound = () => new Response("This attempt does not exist or is not one of your trainees'.", { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "mentor", "admin");
  try {
    const config = llmConfigFromEnv();
    return { ...(await reviewDTO(db(), viewer, params.attemptId!)), gradingModel: config ? config.model : null };
  } catch (e) {
    if (e instanceof ReviewNotFound) throw notFound();
    throw e;
  }
}

const Verdict = z.enum(["", "correct", "partly", "wrong"], { message: "Choose a verdict from the list" });
const Grade = z.enum(["", "0", "1", "2", "3"], { message: "Grades are 0 to 3" });

function parseReview(form: FormData, findingIds: string[]): { ok: true; input: ReviewInput; version: number } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const feedback = String(form.get("feedback") ?? "");
  if (feedback.length > 5000) errors.feedback = "Keep the feedback under 5,000 characters";
  if (onlyInvisible(feedback)) errors.feedback = onlyInvisibleMessage("The feedback");
  const version = Number(form.get("version"));
  if (!Number.isInteger(version) || version < 0) errors.form = "The form is out of date; reload the page.";
  const findings = findingIds.map((id) => {
    const v = Verdict.safeParse(String(form.get(`verdict.${id}`) ?? ""));
    const g = Grade.safeParse(String(form.get(`grade.${id}`) ?? ""));
    const comment = String(form.get(`comment.${id}`) ?? "");
    if (!v.success) errors[`verdict.${id}`] = v.error.issues[0].message;
    if (!g.success) errors[`grade.${id}`] = g.error.issues[0].message;
    if (comment.length > 2000) errors[`comment.${id}`] = "Keep comments under 2,000 characters";
    if (onlyInvisible(comment)) errors[`comment.${id}`] = onlyInvisibleMessage("The comment");
    return {
      findingId: id,
      verdict: v.success && v.data ? v.data : null,
      grade: g.success && g.data ? (Number(g.data) as 0 | 1 | 2 | 3) : null,
      comment,
      unseeded: form.get(`unseeded.${id}`) === "on",
    };
  });
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, input: { feedback, findings }, version };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireRole(request, "mentor", "admin");
  const attemptId = params.attemptId!;
  try {
    const current = await reviewDTO(db(), viewer, attemptId);
    const form = await request.formData();
    const intent = String(form.get("intent") ?? "save");
    if (intent === "suggest") {
      // The model's reading of each matched explanation: a suggestion beside the offline score.
      const suggestions: Record<string, { grade: number; rationale: string; covered: number[]; model: string }> = {};
      for (const f of current.findings) {
        if (!f.flaw) continue;
        const keyPoints = await flawKeyPoints(current.draft.id, f.flaw.id);
        const s = await suggestGrade({ explanation: `${f.explanation} ${f.suggestedFix}`.trim(), flaw: { explanation: f.flaw.explanation, keyPoints } });
        if (s) {
          suggestions[f.id] = { grade: s.grade, rationale: s.rationale, covered: s.coveredKeyPoints, model: s.model };
          await recordSuggestion(db(), f.id, s);
        }
      }
      return { kind: "suggestions" as const, suggestions };
    }
    if (intent === "publish-over") {
      // After a conflict: publish the mentor's saved draft over the other review, knowingly.
      const mine = await savedReviewInput(db(), viewer, attemptId);
      if (!mine) return data({ kind: "invalid" as const, errors: { form: "You have no saved review to publish." } as Record<string, string> }, { status: 400 });
      const result = await publishReview(db(), viewer, attemptId, mine, current.attempt.version);
      if (!result.ok) return data({ kind: "conflict" as const, conflict: result.conflict }, { status: 409 });
      return { kind: "published" as const, total: result.total, revision: result.revision, unchanged: result.unchanged };
    }
    const parsed = parseReview(form, current.findings.map((f) => f.id));
    if (!parsed.ok) return data({ kind: "invalid" as const, errors: parsed.errors }, { status: 400 });
    if (intent === "publish") {
      const result = await publishReview(db(), viewer, attemptId, parsed.input, parsed.version);
      if (!result.ok) return data({ kind: "conflict" as const, conflict: result.conflict }, { status: 409 });
      return { kind: "published" as const, total: result.total, revision: result.revision, unchanged: result.unchanged };
    }
    await saveReviewDraft(db(), viewer, attemptId, parsed.input);
    return { kind: "saved" as const, at: new Date().toISOString() };
  } catch (e) {
    if (e instanceof ReviewNotFound) throw notFound();
    throw e;
  }
}

async function flawKeyPoints(draftId: string, flawId: string) {
  const draft = await getDraft(db(), draftId);
  return draft?.answerKey.find((e) => e.id === flawId)?.keyPoints ?? [];
}

const VERDICT_LABEL = { hit: "Automatic: correct", "false-positive": "Automatic: false alarm" } as const;

export default function ReviewAttempt() {
  const r = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const autosave = useFetcher<typeof action>();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  // Drafts save while the mentor works: a quiet save a moment after the last change.
  const scheduleSave = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!formRef.current) return;
      const fd = new FormData(formRef.current);
      fd.set("intent", "save");
      autosave.submit(fd, { method: "post" });
    }, 800);
  };
  const errors: Record<string, string> = result?.kind === "invalid" ? result.errors : {};
  const suggestions: Record<string, { grade: number; rationale: string; model: string }> = result?.kind === "suggestions" ? result.suggestions : {};
  const saved = autosave.data?.kind === "saved" ? autosave.data.at : result?.kind === "saved" ? result.at : null;
  const stale = r.mine && r.attempt.publishedBy && !r.attempt.publishedByMe && r.mine.basedOn < r.attempt.version;

  return (
    <div>
      <p className="crumbs small">
        <Link to="/mentor">Review queue</Link> · {r.draft.domain} · difficulty {r.draft.difficulty} · {r.draft.generator}
      </p>
      <h1>
        {r.attempt.trainee}: {r.draft.title}
      </h1>
      <p className="lede">
        Submitted {formatDateTime(r.attempt.submittedAt)} · automatic score <strong>{r.attempt.autoTotal}</strong> · final score{" "}
        <strong data-testid="final-total">{r.attempt.finalTotal}</strong>
        {r.attempt.publishedBy ? ` (published by ${r.attempt.publishedBy}${r.attempt.publishedAt ? `, ${formatDateTime(r.attempt.publishedAt)}` : ""})` : " (not reviewed yet)"}
      </p>

      {result?.kind === "published" ? (
        <div className="success" role="status">
          {result.unchanged
            ? `Nothing changed since you published revision ${result.revision}; the trainee's review is as it was.`
            : `Published${result.revision > 1 ? ` revision ${result.revision}` : ""}. The trainee now sees your feedback and a final score of ${result.total}${result.revision > 1 ? ", marked as revised" : ""}.`}
        </div>
      ) : null}
      {r.mine?.status === "published" ? (
        <div className="notice" role="status" data-testid="revision-note">
          {r.mine.revising
            ? `You are editing revision ${r.mine.revision + 1}. The trainee still sees revision ${r.mine.revision} until you publish again.`
            : `Your review is published (revision ${r.mine.revision}). Any change starts a new revision, which the trainee sees only when you publish it.`}
        </div>
      ) : null}
      {result?.kind === "conflict" ? (
        <div className="form-error" role="alert" data-testid="conflict">
          <strong>Not published: {result.conflict.by} published a review of this attempt {result.conflict.at ? `at ${formatDateTime(result.conflict.at)} ` : ""}after you opened it</strong> (their final score: {result.conflict.total}). Your
          verdicts and feedback are saved as your draft. Compare with theirs below, then publish yours to replace it, or leave theirs.
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="publish-over" />
            <button type="submit" className="btn btn-small">
              Publish mine instead
            </button>
          </Form>
        </div>
      ) : stale ? (
        <div className="notice" role="status">
          {r.attempt.publishedBy} has published a review since you started yours. Publishing yours will replace it — compare below first.
        </div>
      ) : r.attempt.publishedBy && !r.attempt.publishedByMe ? (
        <div className="notice" role="status">
          {r.attempt.publishedBy} has already published a review of this attempt. Publishing yours replaces theirs; both stay in the audit trail.
        </div>
      ) : null}

      <section className="card brief">
        <h2>The brief</h2>
        <p className="brief-text">{r.draft.brief}</p>
      </section>

      <div className="review-grid">
        <section className="card" aria-labelledby="diff-h">
          <h2 id="diff-h">Draft, answer key and the trainee's flags</h2>
          <DiffView rows={r.diff} flagLabel="trainee's flag" />
          {r.missed.length ? (
            <>
              <h3>Missed flaws</h3>
              <ul className="plain-list">
                {r.missed.map((m) => (
                  <li key={m.id}>
                    <strong>{m.category}</strong> <span className="muted small">{m.lines.from === m.lines.to ? `line ${m.lines.from}` : `lines ${m.lines.from}–${m.lines.to}`}</span>
                    <p className="small">{m.explanation}</p>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>

        <section className="card" aria-labelledby="verdicts-h">
          <h2 id="verdicts-h">Your review</h2>
          <Form method="post" ref={formRef} onChange={scheduleSave} id="review-form">
            {/* A draft begun before someone else published carries its old version, so publishing it
                is a visible conflict rather than a silent overwrite. */}
            <input type="hidden" name="version" value={stale ? r.mine!.basedOn : r.attempt.version} />
            {r.findings.length === 0 ? <p className="muted">The trainee submitted no findings (they judged the draft clean).</p> : null}
            {r.findings.map((f) => (
              <fieldset key={f.id} className="finding-review" id={`fr-${f.id}`}>
                <legend>
                  #{f.no} · lines {f.lineFrom}–{f.lineTo} · {f.category} · {f.confidence} % sure
                </legend>
                <p className="finding-text">{f.explanation}</p>
                {f.suggestedFix ? <p className="small muted">Fix: {f.suggestedFix}</p> : null}
                <p className="small">
                  <span className={`pill ${f.autoVerdict === "hit" ? "pill-green" : "pill-red"}`}>{VERDICT_LABEL[f.autoVerdict]}</span>
                  {f.flaw ? (
                    <>
                      {" "}
                      matches <strong>{f.flaw.category}</strong>
                      {f.categoryCorrect === false ? <span className="pill pill-amber">wrong category</span> : null}
                    </>
                  ) : null}
                </p>
                {f.flaw ? (
                  <details>
                    <summary className="small">Model explanation and key points</summary>
                    <p className="small">{f.flaw.explanation}</p>
                    <ul className="kp-list small">
                      {f.flaw.keyPoints.map((k, j) => (
                        <li key={j} className={k.covered ? "covered" : undefined}>
                          {k.text}
                        </li>
                      ))}
                    </ul>
                  </details>
                ) : null}
                {suggestions[f.id] ? (
                  <p className="small ai-suggestion" data-testid="ai-suggestion">
                    <span className="pill pill-blue">Model suggests {suggestions[f.id].grade}/3</span> {suggestions[f.id].rationale}{" "}
                    <span className="muted">({suggestions[f.id].model}; your grade rules)</span>
                  </p>
                ) : null}
                <div className="review-controls">
                  <div>
                    <label htmlFor={`verdict-${f.id}`}>Verdict</label>
                    <select id={`verdict-${f.id}`} name={`verdict.${f.id}`} defaultValue={f.mine.verdict}>
                      <option value="">Keep automatic</option>
                      <option value="correct">Correct</option>
                      <option value="partly">Partly right</option>
                      <option value="wrong">Wrong</option>
                    </select>
                    {errors[`verdict.${f.id}`] ? <div className="field-error">{errors[`verdict.${f.id}`]}</div> : null}
                  </div>
                  <div>
                    <label htmlFor={`grade-${f.id}`}>Explanation (0–3)</label>
                    <select id={`grade-${f.id}`} name={`grade.${f.id}`} defaultValue={f.mine.grade === null ? "" : String(f.mine.grade)}>
                      <option value="">Use key points</option>
                      <option value="0">0 · missing or wrong</option>
                      <option value="1">1 · names the spot only</option>
                      <option value="2">2 · what is wrong</option>
                      <option value="3">3 · what, why and the fix</option>
                    </select>
                  </div>
                </div>
                {f.autoVerdict === "false-positive" ? (
                  <label className="check">
                    <input type="checkbox" name={`unseeded.${f.id}`} defaultChecked={f.mine.unseeded} /> Real flaw that is not in the answer key (counts for the trainee; reported to
                    content authors)
                  </label>
                ) : null}
                <label htmlFor={`comment-${f.id}`}>Comment for the trainee</label>
                <textarea id={`comment-${f.id}`} name={`comment.${f.id}`} rows={2} defaultValue={f.mine.comment} maxLength={2000} />
              </fieldset>
            ))}
            <label htmlFor="feedback">Overall feedback</label>
            <textarea id="feedback" name="feedback" rows={4} defaultValue={r.mine?.feedback ?? ""} maxLength={5000} aria-invalid={errors.feedback ? true : undefined} />
            {errors.feedback ? <div className="field-error">{errors.feedback}</div> : null}
            {errors.form ? <div className="form-error">{errors.form}</div> : null}
            <p className="muted small">
              Score with your verdicts: <strong data-testid="preview-total">{r.preview.total}</strong> (automatic {r.attempt.autoTotal}).{" "}
              {saved ? `Draft saved ${formatDateTime(saved)}.` : r.mine ? `Draft saved ${formatDateTime(r.mine.updatedAt)}.` : "Not saved yet."}
            </p>
            <div className="row">
              <button type="submit" name="intent" value="save" className="btn" disabled={busy}>
                Save draft
              </button>
              <button type="submit" name="intent" value="publish" className="btn btn-primary" disabled={busy}>
                Publish to trainee
              </button>
            </div>
          </Form>
          {r.gradingModel ? (
            <Form method="post" className="row">
              <input type="hidden" name="intent" value="suggest" />
              <button type="submit" className="btn btn-small" disabled={busy}>
                Ask {r.gradingModel} for grade suggestions
              </button>
              {result?.kind === "suggestions" && Object.keys(result.suggestions).length === 0 ? <span className="small muted">The model gave no usable suggestion.</span> : null}
            </Form>
          ) : (
            <p className="small muted">Model grading is off (no model configured); grades use the key points and your judgement.</p>
          )}
          <p className="small">
            <Link to={`/mentor/drafts/${r.draft.id}/groups`}>Grade this draft's explanations by group across trainees →</Link>
          </p>
        </section>
      </div>

      {r.others.length ? (
        <section className="card" aria-labelledby="others-h">
          <h2 id="others-h">Other mentors' reviews</h2>
          <ul className="plain-list">
            {r.others.map((o, i) => (
              <li key={i}>
                <strong>{o.mentor}</strong> · {o.status === "published" ? `published ${o.publishedAt ? formatDateTime(o.publishedAt) : ""}` : "draft"} · {o.verdicts} verdict
                {o.verdicts === 1 ? "" : "s"} changed
                {o.feedback ? <p className="finding-text">{o.feedback}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="card" aria-labelledby="audit-h">
        <h2 id="audit-h">Audit trail</h2>
        {r.audit.length === 0 ? (
          <p className="muted">No changes yet.</p>
        ) : (
          <table className="data small">
            <thead>
              <tr>
                <th>When</th>
                <th>Who</th>
                <th>What</th>
              </tr>
            </thead>
            <tbody>
              {r.audit.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.at)}</td>
                  <td>{e.actor}</td>
                  <td>{auditSentence(e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
