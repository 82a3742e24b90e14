import { parseWithZod } from "@conform-to/zod/v4";
import type { SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { DraftView, type LineRange } from "~/components/DraftView";
import { FindingForm } from "~/components/FindingForm";
import { db } from "~/db/db.server";
import { findingInputSchema, type FindingInput } from "~/domain/practice/finding-input";
import {
  addFinding,
  AttemptClosed,
  deleteFinding,
  getExerciseForTrainee,
  submitAttempt,
  takeHint,
  updateFinding,
} from "~/models/attempt.server";
import { discardAttempt, discardNotice } from "~/models/attempt-discard.server";
import { exerciseDTO } from "~/models/exercise.server";
import { exerciseDraftHtml } from "~/utils/draft-html.server";
import { markdownHtml } from "~/utils/markdown.server";
import { requireRole } from "~/models/auth.server";
import { domainCall, domainErrorResponse } from "~/utils/http.server";
import { ShownText } from "~/components/ShownText";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.draft.title ?? "Exercise"} · Redline` }];

/** The attempt, or a 404 naming it when it does not exist or is not this trainee's. */
const load = (userId: string, attemptId: string) => domainCall(() => getExerciseForTrainee(db(), userId, attemptId));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, "trainee");
  const t = await load(user.id, params.attemptId!);
  if (t.attempt.status === "submitted") throw redirect(`/practice/results/${t.attempt.id}`);
  const dto = exerciseDTO(t);
  // ?discard shows the confirm step (a link, so it works without JavaScript).
  const discard = new URL(request.url).searchParams.has("discard") ? await domainCall(() => discardNotice(db(), user.id, t.attempt.id)) : null;
  const html = exerciseDraftHtml(t.draft, dto.findings);
  // The brief is markdown, rendered and sanitised here (the page shows only the HTML).
  const { brief, ...draft } = dto.draft;
  const briefHtml = markdownHtml(brief);
  if (context.isDocumentRequest && context.serverOnly) {
    // A document request renders the lines once, outside the serialised loader data.
    context.serverOnly.draftHtml = html;
    return { ...dto, discard, draft: { ...draft, briefHtml, html: null as string | null } };
  }
  return { ...dto, discard, draft: { ...draft, briefHtml, html: html as string | null } };
}

type ActionResult =
  | { form: "add" | "update"; findingId?: string; result: SubmissionResult<string[]> }
  | { form: "hint"; message: string }
  | { form: "deleted"; number: number; finding: FindingInput };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "trainee");
  const attemptId = params.attemptId!;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const here = `/practice/attempts/${attemptId}`;
  try {
    if (intent === "add" || intent === "update") {
      const t = await load(user.id, attemptId);
      const dto = exerciseDTO(t);
      // The schema the form checks in the browser, checked again here.
      const submission = parseWithZod(form, { schema: findingInputSchema(dto.draft.lineCount, dto.categories.map((c) => c.id)), disableAutoCoercion: true });
      const findingId = String(form.get("findingId") ?? "");
      if (submission.status !== "success") return data<ActionResult>({ form: intent, findingId, result: submission.reply() }, { status: 400 });
      if (intent === "add") await addFinding(db(), user.id, attemptId, submission.value);
      else await updateFinding(db(), user.id, attemptId, findingId, submission.value);
      return redirect(here);
    }
    if (intent === "delete") {
      // The page answers with what was deleted, so "Undo" can add it back (without JavaScript too).
      const finding = await deleteFinding(db(), user.id, attemptId, String(form.get("findingId") ?? ""));
      if (!finding) return redirect(here);
      return data<ActionResult>({ form: "deleted", number: Number(form.get("number")) || 0, finding });
    }
    if (intent === "discard") {
      await discardAttempt(db(), user.id, attemptId);
      return redirect("/practice?discarded=1");
    }
    if (intent === "hint") {
      const hint = await takeHint(db(), user.id, attemptId);
      if (!hint) return data<ActionResult>({ form: "hint", message: "No more hints for this draft." }, { status: 400 });
      return redirect(`${here}#hints`);
    }
    if (intent === "submit") {
      await submitAttempt(db(), user.id, attemptId);
      return redirect(`/practice/results/${attemptId}`);
    }
    throw new Response(`Unknown action "${intent}".`, { status: 400 });
  } catch (e) {
    // A submitted attempt cannot change: show its results. Other domain errors become HTTP answers.
    if (e instanceof AttemptClosed) throw redirect(`/practice/results/${attemptId}`);
    throw domainErrorResponse(e) ?? e;
  }
}

export default function Exercise() {
  const dto = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  // Only the finding being edited carries a form (?edit=ID works without JavaScript too).
  const editing = useSearchParams()[0].get("edit");
  const n = dto.findings.length;
  // A picked range belongs to the finding being written: once a finding is added (or removed)
  // the count changes and the next finding starts from nothing, not from the last range.
  const [picked, setPicked] = useState<{ from: number; to: number; quote: string; nonce: number; count: number } | null>(null);
  const [typed, setTyped] = useState<(LineRange & { count: number }) | null>(null);
  const countRef = useRef(n);
  countRef.current = n;
  const onSelectLines = useCallback((from: number, to: number, quote: string) => {
    setPicked({ from, to, quote, nonce: Date.now(), count: countRef.current });
    setTyped(null);
  }, []);
  const onRangeInput = useCallback(
    (from: number, to: number) => setTyped(from > 0 ? { from, to: to >= from ? to : from, count: countRef.current } : { from: 0, to: 0, count: countRef.current }),
    [],
  );
  const selection = picked && picked.count === n ? picked : null;
  // The block highlighted in the draft: what was typed in the form last, else the picked lines.
  const typedNow = typed && typed.count === n ? typed : null;
  const hlFrom = typedNow ? typedNow.from : (selection?.from ?? 0);
  const hlTo = typedNow ? typedNow.to : (selection?.to ?? 0);
  const highlight = useMemo<LineRange | null>(() => (hlFrom > 0 ? { from: hlFrom, to: hlTo } : null), [hlFrom, hlTo]);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  const addResult = result && "result" in result && result.form === "add" ? result.result : null;
  const deleted = result && "finding" in result ? result : null;

  return (
    <div className="exercise">
      <div className="row exercise-head">
        <div>
          <p className="crumbs small">
            <Link to="/practice">Practice</Link> · {dto.draft.domain} · difficulty {dto.draft.difficulty} · {dto.draft.generator}
          </p>
          <h1>{dto.draft.title}</h1>
        </div>
      </div>
      <section className="card brief" aria-labelledby="brief-h">
        <h2 id="brief-h">The brief the AI was given</h2>
        {dto.draft.reviewedOn ? <p className="small reviewed-before">You reviewed this document on {dto.draft.reviewedOn}.</p> : null}
        <div className="brief-text md" dangerouslySetInnerHTML={{ __html: dto.draft.briefHtml }} />
      </section>
      <div className="exercise-grid">
        <section aria-labelledby="draft-h" className="card draft-card">
          <div className="row">
            <h2 id="draft-h">The AI's draft</h2>
            <span className="spacer" />
            <a href="#flag" className="skip-inline small">
              Skip the draft to the finding form
            </a>
          </div>
          <p className="muted small draft-help">
            {hydrated
              ? "Select text or click line numbers (shift-click for a range). From the keyboard: focus the draft, move with the arrow keys, Shift+arrows for several lines, Enter to flag."
              : "Type the line numbers of a flaw into the form; the numbers are shown beside each line."}
          </p>
          <DraftView html={dto.draft.html} format={dto.draft.format} onSelectLines={onSelectLines} selected={highlight} lineCount={dto.draft.lineCount} />
          {/* Narrow screens: the picked lines and the way to the finding form stay at the bottom of the screen while the draft scrolls. */}
          <div className="flag-bar" data-testid="flag-bar">
            <span className="flag-bar-lines" aria-live="polite">
              {highlight
                ? highlight.from === highlight.to
                  ? `Line ${highlight.from} picked`
                  : `Lines ${highlight.from}–${highlight.to} picked`
                : hydrated
                  ? "Tap line numbers to pick lines"
                  : "Note the line numbers"}
            </span>
            <a href="#flag" className="btn btn-primary btn-small">
              {highlight ? "Flag these lines" : "Flag a flaw"}
            </a>
          </div>
        </section>
        <aside className="side-panel" aria-label="Your review">
          <section className="card" id="flag" tabIndex={-1} aria-labelledby="flag-h">
            <div className="row">
              <h2 id="flag-h">Flag a flaw</h2>
              <span className="spacer" />
              <Link to={`/practice/categories/${dto.draft.domain}`} target="_blank" rel="noreferrer" className="small">
                What do the categories mean?
              </Link>
            </div>
            <FindingForm
              key={`add-${n}`}
              idPrefix="add"
              intent="add"
              storageKey={`redline:unsent-finding:${dto.attempt.id}`}
              categories={dto.categories}
              lineCount={dto.draft.lineCount}
              lastResult={addResult}
              selection={selection}
              onRangeInput={onRangeInput}
              busy={busy}
            />
          </section>
          <section className="card" aria-labelledby="findings-h">
            <h2 id="findings-h">Your findings ({n})</h2>
            {deleted ? (
              <div className="notice undo-notice" role="status">
                <span>
                  Finding {deleted.number ? `#${deleted.number} ` : ""}deleted: “<ShownText text={excerpt(deleted.finding.explanation)} />”
                </span>
                <Form method="post" preventScrollReset>
                  <input type="hidden" name="intent" value="add" />
                  {Object.entries(deleted.finding).map(([k, v]) => (
                    <input key={k} type="hidden" name={k} value={String(v)} />
                  ))}
                  <button type="submit" className="btn btn-small" disabled={busy}>
                    Undo
                  </button>
                </Form>
              </div>
            ) : null}
            {n === 0 ? (
              <p className="empty small">No findings yet. If the draft has no flaws, that is a valid answer too — submit below.</p>
            ) : (
              <ol className="findings">
                {dto.findings.map((f, i) => {
                  const editResult = result && "result" in result && result.form === "update" && result.findingId === f.id ? result.result : null;
                  return (
                    <li key={f.id} className="finding" id={`finding-${f.id}`}>
                      <div className="row">
                        <strong>#{i + 1}</strong>
                        <a href={`#L${f.lineFrom}`}>
                          {f.lineFrom === f.lineTo ? `line ${f.lineFrom}` : `lines ${f.lineFrom}–${f.lineTo}`}
                        </a>
                        <span className="pill">{f.categoryName}</span>
                        <span className="muted small">{f.confidence} % sure</span>
                      </div>
                      <p className="finding-text"><ShownText text={f.explanation} /></p>
                      {f.suggestedFix ? <p className="small muted">Fix: <ShownText text={f.suggestedFix} /></p> : null}
                      {editResult || editing === f.id ? (
                        <div className="edit-box">
                          <FindingForm
                            idPrefix={`edit-${i + 1}`}
                            intent="update"
                            findingId={f.id}
                            categories={dto.categories}
                            lineCount={dto.draft.lineCount}
                            values={f}
                            lastResult={editResult}
                            busy={busy}
                          />
                          <Link to="." preventScrollReset className="small">
                            Cancel
                          </Link>
                        </div>
                      ) : (
                        <Link to={`?edit=${f.id}#finding-${f.id}`} preventScrollReset className="small edit-link">
                          Edit
                        </Link>
                      )}
                      <Form method="post" preventScrollReset>
                        <input type="hidden" name="intent" value="delete" />
                        <input type="hidden" name="findingId" value={f.id} />
                        <input type="hidden" name="number" value={i + 1} />
                        <button type="submit" className="btn btn-small btn-quiet" aria-label={`Delete finding ${i + 1}`}>
                          Delete
                        </button>
                      </Form>
                    </li>
                  );
                })}
              </ol>
            )}
          </section>
          <section className="card" id="hints" aria-labelledby="hints-h">
            <h2 id="hints-h">Hints</h2>
            {dto.hints.length ? (
              <ul className="hints">
                {dto.hints.map((h, i) => (
                  <li key={i}>
                    {h.text}
                    {h.fromDiscarded ? <span className="muted small"> (taken on a review of this draft you discarded; it still counts)</span> : null}
                  </li>
                ))}
              </ul>
            ) : null}
            {result && "message" in result ? <p className="form-error">{result.message}</p> : null}
            {dto.hintsLeft ? (
              <Form method="post" preventScrollReset>
                <input type="hidden" name="intent" value="hint" />
                <button type="submit" className="btn btn-small">
                  Take a hint (−{dto.hintCost} points)
                </button>
              </Form>
            ) : (
              <p className="muted small">No more hints for this draft.</p>
            )}
          </section>
          <section className="card" aria-labelledby="submit-h">
            <h2 id="submit-h">Submit</h2>
            <details className="submit-confirm">
              <summary className="btn btn-primary">{n === 0 ? "Submit: I found no flaws…" : `Submit ${n} finding${n === 1 ? "" : "s"}…`}</summary>
              <p>
                {n === 0
                  ? "You are submitting with no findings: you judge this draft to be free of flaws."
                  : `You are submitting ${n} finding${n === 1 ? "" : "s"}.`}{" "}
                After submitting you see your score and the answer key; the attempt can no longer be changed.
              </p>
              <Form method="post">
                <input type="hidden" name="intent" value="submit" />
                <button type="submit" className="btn btn-primary" disabled={busy}>
                  Yes, submit my review
                </button>
              </Form>
            </details>
          </section>
          <section className="card" id="discard" tabIndex={-1} aria-labelledby="discard-h">
            <h2 id="discard-h">Discard</h2>
            {dto.discard ? (
              <div className="discard-confirm">
                <p>
                  Discarding removes this unfinished review for good:{" "}
                  {dto.discard.findingCount === 0 ? "it has no findings" : `your ${dto.discard.findingCount} finding${dto.discard.findingCount === 1 ? "" : "s"}`}
. It cannot be undone.
                </p>
                {dto.discard.hintCount ? (
                  <p>
                    The {dto.discard.hintCount === 1 ? "hint" : `${dto.discard.hintCount} hints`} you took stay{dto.discard.hintCount === 1 ? "s" : ""} counted: if this draft is offered to you
                    again, {dto.discard.hintCount === 1 ? "it is" : "they are"} already taken and cost the same.
                  </p>
                ) : null}
                <p>
                  {dto.discard.programName
                    ? `This review is an exercise of your program “${dto.discard.programName}”: the module does not count it, and “Next exercise” starts a new one. `
                    : ""}
                  Your scores, mastery and progress count only submitted reviews, so they do not change. This draft may be offered to you again later.
                </p>
                <Form method="post" className="row">
                  <input type="hidden" name="intent" value="discard" />
                  <button type="submit" className="btn btn-danger" disabled={busy}>
                    Yes, discard this review
                  </button>
                  <Link to="." preventScrollReset>
                    Keep it
                  </Link>
                </Form>
              </div>
            ) : (
              <Link to="?discard=1#discard" preventScrollReset className="small">
                Discard this unfinished review…
              </Link>
            )}
          </section>
        </aside>
      </div>
    </div>
  );
}

/** The start of a finding's explanation, for the "deleted" notice. */
function excerpt(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
