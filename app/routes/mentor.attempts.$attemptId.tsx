import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, type ShouldRevalidateFunction, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { DiffView } from "~/components/DiffView";
import { db } from "~/db/db.server";
import { getDraft } from "~/models/draft.server";
import { publishReview, savedReviewInput, saveReviewDraft } from "~/models/review.server";
import { reviewInputOf, ReviewFormSchema, FEEDBACK_MAX } from "~/domain/review/review-form";
import { domainCall } from "~/utils/http.server";
import { suggestGrade } from "~/models/ai-grading.server";
import { recordSuggestion } from "~/models/model-rater.server";
import { reviewDTO } from "~/models/review-view.server";
import { previewReview } from "~/models/review-preview.server";
import { llmConfigFromEnv } from "~/utils/llm.server";
import { requireRole } from "~/models/auth.server";
import { formatDateTime } from "~/utils/format";
import mentorAdminStyles from "~/styles/mentor-admin.css";
import { FindingReviewFields, ReviewFieldErrors } from "~/components/FindingReviewFields";
import { ReviewHistory } from "~/components/ReviewHistory";
import { ReviewStatus } from "~/components/ReviewStatus";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: mentorAdminStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Review: ${data?.attempt.trainee ?? ""} · Redline` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "mentor", "admin");
  const config = llmConfigFromEnv();
  return { ...(await domainCall(() => reviewDTO(db(), viewer, params.attemptId!))), gradingModel: config ? config.model : null };
}

// A live preview writes nothing: the page's data stays as it is.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "preview" ? false : defaultShouldRevalidate;

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireRole(request, "mentor", "admin");
  const attemptId = params.attemptId!;
  const current = await domainCall(() => reviewDTO(db(), viewer, attemptId));
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
    if (!mine) return data({ kind: "invalid" as const, result: null, message: "You have no saved review to publish." }, { status: 400 });
    const result = await domainCall(() => publishReview(db(), viewer, attemptId, mine, current.attempt.version));
    if (!result.ok) return data({ kind: "conflict" as const, conflict: result.conflict }, { status: 409 });
    return { kind: "published" as const, total: result.total, revision: result.revision, unchanged: result.unchanged };
  }
  // One schema for the browser and here: a bad field comes back named, with what was typed kept.
  const submission = parseWithZod(form, { schema: ReviewFormSchema });
  if (submission.status !== "success") return data({ kind: "invalid" as const, result: submission.reply(), message: null }, { status: 400 });
  const input = reviewInputOf(submission.value);
  const version = submission.value.version;
  if (intent === "preview") {
    // The live score preview: what these verdicts would give, nothing saved.
    const p = await domainCall(() => previewReview(db(), viewer, attemptId, input));
    return { kind: "preview" as const, total: p.total };
  }
  if (intent === "confirm") {
    // Publishing asks first: the draft is saved (nothing is lost on the way) and the answer names
    // what the trainee will see; "Yes, publish" then posts the same form with intent=publish.
    await domainCall(() => saveReviewDraft(db(), viewer, attemptId, input));
    const p = await domainCall(() => previewReview(db(), viewer, attemptId, input));
    return { kind: "confirm" as const, total: p.total, summary: p.summary, at: new Date().toISOString() };
  }
  if (intent === "publish") {
    const result = await domainCall(() => publishReview(db(), viewer, attemptId, input, version));
    if (!result.ok) return data({ kind: "conflict" as const, conflict: result.conflict }, { status: 409 });
    return { kind: "published" as const, total: result.total, revision: result.revision, unchanged: result.unchanged };
  }
  await domainCall(() => saveReviewDraft(db(), viewer, attemptId, input));
  return { kind: "saved" as const, at: new Date().toISOString() };
}

async function flawKeyPoints(draftId: string, flawId: string) {
  const draft = await getDraft(db(), draftId);
  return draft?.answerKey.find((e) => e.id === flawId)?.keyPoints ?? [];
}

export default function ReviewAttempt() {
  const r = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const autosave = useFetcher<typeof action>();
  const preview = useFetcher<typeof action>();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const previewTimer = useRef<ReturnType<typeof setTimeout>>();
  const confirmRef = useRef<HTMLDivElement>(null);
  // A confirmation answers the form as it was; a later change hides it until Publish is pressed again.
  const [editedAfterConfirm, setEditedAfterConfirm] = useState(false);
  const confirm = result?.kind === "confirm" && !editedAfterConfirm ? result : null;
  useEffect(() => {
    setEditedAfterConfirm(false);
  }, [result]);
  useEffect(() => {
    if (confirm) confirmRef.current?.focus();
  }, [confirm]);
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
  // Verdicts, grades and the unseeded box change the score: ask for the new one at once.
  const schedulePreview = () => {
    clearTimeout(previewTimer.current);
    previewTimer.current = setTimeout(() => {
      if (!formRef.current) return;
      const fd = new FormData(formRef.current);
      fd.set("intent", "preview");
      preview.submit(fd, { method: "post" });
    }, 150);
  };
  const onFormChange = (e: React.FormEvent<HTMLFormElement>) => {
    setEditedAfterConfirm(true);
    if (!(e.target instanceof HTMLTextAreaElement)) schedulePreview();
    scheduleSave();
  };
  const stale = r.mine && r.attempt.publishedBy && !r.attempt.publishedByMe && r.mine.basedOn < r.attempt.version;
  const [form, fields] = useForm({
    id: "review-form",
    lastResult: result?.kind === "invalid" ? result.result : null,
    defaultValue: {
      version: String(stale ? r.mine!.basedOn : r.attempt.version),
      feedback: r.mine?.feedback ?? "",
      findings: r.findings.map((f) => ({ id: f.id, verdict: f.mine.verdict, grade: f.mine.grade === null ? "" : String(f.mine.grade), comment: f.mine.comment, unseeded: f.mine.unseeded ? "on" : "", category: f.mine.category })),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReviewFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const findingFields = fields.findings.getFieldList();
  const formMessage = result?.kind === "invalid" ? result.message : null;
  const suggestions: Record<string, { grade: number; rationale: string; model: string }> = result?.kind === "suggestions" ? result.suggestions : {};
  const saved = autosave.data?.kind === "saved" ? autosave.data.at : result?.kind === "saved" || result?.kind === "confirm" ? result.at : null;
  // Server-rendered value first (right without JavaScript), then the live one as verdicts change.
  const previewTotal = preview.data?.kind === "preview" ? preview.data.total : r.preview.total;

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

      <ReviewStatus
        published={result?.kind === "published" ? result : null}
        mine={r.mine}
        conflict={result?.kind === "conflict" ? result.conflict : null}
        stale={Boolean(stale)}
        publishedBy={r.attempt.publishedBy}
        publishedByMe={r.attempt.publishedByMe}
      />

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
          <Form method="post" ref={formRef} onChange={onFormChange} {...getFormProps(form)}>
            {/* A draft begun before someone else published carries its old version, so publishing it
                is a visible conflict rather than a silent overwrite. */}
            <input type="hidden" name={fields.version.name} value={stale ? r.mine!.basedOn : r.attempt.version} />
            {r.findings.length === 0 ? <p className="muted">The trainee submitted no findings (they judged the draft clean).</p> : null}
            {r.findings.map((f, i) => (
              <FindingReviewFields key={f.id} f={f} index={i} fieldset={findingFields[i]?.getFieldset()} suggestion={suggestions[f.id]} />
            ))}
            <label htmlFor="feedback">Overall feedback</label>
            <textarea
              id="feedback"
              name={fields.feedback.name}
              rows={4}
              defaultValue={r.mine?.feedback ?? ""}
              maxLength={FEEDBACK_MAX}
              aria-invalid={fields.feedback.errors ? true : undefined}
              aria-describedby={fields.feedback.errors ? fields.feedback.errorId : undefined}
            />
            <ReviewFieldErrors field={fields.feedback} />
            {fields.version.errors || form.errors || formMessage ? (
              <div className="form-error" role="alert">
                {[...(fields.version.errors ?? []), ...(form.errors ?? []), ...(formMessage ? [formMessage] : [])].join(" ")}
              </div>
            ) : null}
            <p className="muted small score-preview">
              Score with your verdicts:{" "}
              <strong data-testid="preview-total" aria-live="polite">
                {previewTotal}
              </strong>{" "}
              (automatic {r.attempt.autoTotal}
              {r.attempt.publishedBy ? `; published ${r.attempt.finalTotal}` : ""}).{" "}
              {saved ? `Draft saved ${formatDateTime(saved)}.` : r.mine ? `Draft saved ${formatDateTime(r.mine.updatedAt)}.` : "Not saved yet."}
            </p>
            <div className="row">
              <button type="submit" name="intent" value="save" className="btn" disabled={busy}>
                Save draft
              </button>
              <button type="submit" name="intent" value="confirm" className="btn btn-primary" disabled={busy} aria-describedby="publish-note">
                Publish to trainee…
              </button>
            </div>
            <p className="small muted" id="publish-note">
              You see what the trainee will get and confirm before it is published.
            </p>
          </Form>
          {confirm ? (
            <div className="confirm-box" role="group" aria-labelledby="confirm-h" tabIndex={-1} ref={confirmRef} data-testid="publish-confirm">
              <h3 id="confirm-h">Publish this review to {r.attempt.trainee}?</h3>
              <ul>
                {confirm.summary.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
              <p className="small muted">Your draft is saved. Change anything above and press Publish again to see the new summary.</p>
              <div className="row">
                {/* Posts the review form itself, so exactly what is on screen is published. */}
                <button type="submit" form="review-form" name="intent" value="publish" className="btn btn-primary" disabled={busy}>
                  Yes, publish (final score {confirm.total})
                </button>
                <Link to="." className="btn">
                  Keep editing
                </Link>
              </div>
            </div>
          ) : null}
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

      <ReviewHistory others={r.others} audit={r.audit} />
    </div>
  );
}
