import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { db } from "~/db/db.server";
import { listAttemptsForTrainee, startAttempt } from "~/models/attempt.server";
import { MasteryPanel, ProgramPanel } from "~/components/ProgramPanel";
import { Welcome } from "~/components/Welcome";
import { packs } from "~/models/content.server";
import { traineeHome } from "~/models/program-home.server";
import { NextExerciseError, startCategoryPractice, startNextExercise } from "~/models/program-next.server";
import programStyles from "~/styles/programs.css";
import { requireRole } from "~/models/auth.server";
import { formatDateTime } from "~/utils/format";
import { parseForm } from "~/utils/forms";
import { lastStartChoice, rememberStartChoice } from "~/utils/start-choice.server";

export const meta: MetaFunction = () => [{ title: "Practice · Redline" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: programStyles }];

const DIFFICULTY_LABEL = ["", "1 · warm-up", "2 · easy", "3 · medium", "4 · hard", "5 · expert"];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "trainee");
  const domains = packs().packs.map((p) => ({ id: p.domain, name: p.name, description: p.description }));
  const [attempts, home, choice] = await Promise.all([listAttemptsForTrainee(db(), user.id), traineeHome(db(), user.id), lastStartChoice(request, domains.map((d) => d.id))]);
  return {
    name: user.name,
    programs: home.programs,
    mastery: home.mastery,
    domains,
    /** The domain and difficulty last started with (remembered in a cookie). */
    choice,
    open: attempts.filter((a) => a.status === "open"),
    done: attempts.filter((a) => a.status === "submitted"),
    /** Just back from discarding an unfinished review. */
    discarded: new URL(request.url).searchParams.has("discarded"),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "trainee");
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "next" || intent === "practise") {
    try {
      const id = intent === "next" ? await startNextExercise(db(), user.id, String(form.get("programId") ?? "")) : await startCategoryPractice(db(), user.id, String(form.get("category") ?? ""));
      return redirect(`/practice/attempts/${id}`);
    } catch (e) {
      if (e instanceof NextExerciseError) return data({ errors: { program: e.message } as Record<string, string> }, { status: 400 });
      throw e;
    }
  }
  const domains = packs().packs.map((p) => p.domain);
  const Schema = z.object({
    domain: z.string().refine((d) => d === "surprise" || domains.includes(d), "Choose a domain from the list"),
    difficulty: z.union([z.literal("surprise"), z.coerce.number().int().min(1).max(5)], { message: "Choose a difficulty from 1 to 5" }),
  });
  const parsed = parseForm(Schema, form);
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const id = await startAttempt(db(), user.id, parsed.data);
  const remember = await rememberStartChoice({ domain: parsed.data.domain, difficulty: String(parsed.data.difficulty) });
  return redirect(`/practice/attempts/${id}`, { headers: { "Set-Cookie": remember } });
}

export default function PracticeHome() {
  const { name, domains, choice, open, done, programs, mastery, discarded } = useLoaderData<typeof loader>();
  const newFeedback = done.filter((a) => a.newFeedback).length;
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <div>
      <h1>Practice</h1>
      {discarded ? (
        <div className="notice" role="status">
          The unfinished review was discarded with its findings. Any hints you took on it stay counted if you review that draft again.
        </div>
      ) : null}
      {newFeedback ? (
        <div className="notice" role="status" data-testid="feedback-badge">
          <span className="badge">{newFeedback}</span> new mentor feedback — open the review{newFeedback === 1 ? "" : "s"} marked “new” below.
        </div>
      ) : null}
      {done.length ? <p className="lede">Welcome, {name}. Each draft was written by an AI for a brief and may contain flaws — or none. Find them, say why they matter.</p> : null}
      {result?.errors?.program ? <div className="form-error">{result.errors.program}</div> : null}
      {done.length === 0 ? (
        <Welcome
          name={name}
          programs={programs.map((p) => ({ programId: p.programId, name: p.name, hasCurrentModule: p.modules.some((m) => m.state === "current") }))}
          openAttempt={open[0] ? { id: open[0].id, title: open[0].title } : null}
        />
      ) : null}
      <ProgramPanel programs={programs} busy={busy} />
      <div className="grid-2">
        <section className="card" aria-labelledby="start-h">
          <h2 id="start-h">Start a review</h2>
          <Form method="post">
            <fieldset className="domain-choice">
              <legend className="sr-label">Domain</legend>
              {domains.map((d) => (
                <label key={d.id} className="choice">
                  <input type="radio" name="domain" value={d.id} defaultChecked={choice.domain === d.id} />
                  <span>
                    <strong>{d.name}</strong>
                    <span className="muted small choice-desc" title={d.description}>
                      {d.description}
                    </span>
                  </span>
                </label>
              ))}
              <label className="choice">
                <input type="radio" name="domain" value="surprise" defaultChecked={choice.domain === "surprise"} />
                <span>
                  <strong>Surprise me</strong>
                  <span className="muted small choice-desc">Any domain — like real review work.</span>
                </span>
              </label>
            </fieldset>
            {result?.errors?.domain ? <div className="field-error">{result.errors.domain}</div> : null}
            <label htmlFor="difficulty">Difficulty</label>
            <select id="difficulty" name="difficulty" defaultValue={choice.difficulty}>
              {[1, 2, 3, 4, 5].map((d) => (
                <option key={d} value={d}>
                  {DIFFICULTY_LABEL[d]}
                </option>
              ))}
              <option value="surprise">Surprise me</option>
            </select>
            {result?.errors?.difficulty ? <div className="field-error">{result.errors.difficulty}</div> : null}
            <p>
              <button type="submit" className="btn btn-primary" disabled={busy}>
                Start reviewing
              </button>
            </p>
          </Form>
        </section>
        <section className="card" aria-labelledby="open-h">
          <h2 id="open-h">Unfinished reviews</h2>
          {open.length === 0 ? (
            <p className="empty">Nothing in progress.</p>
          ) : (
            <ul className="plain-list">
              {open.map((a) => (
                <li key={a.id}>
                  <Link to={`/practice/attempts/${a.id}`}>{a.title}</Link>{" "}
                  <span className="muted small">
                    {a.domain} · difficulty {a.difficulty} · {a.findingCount} finding{a.findingCount === 1 ? "" : "s"} · started {formatDateTime(a.startedAt)}
                  </span>
                  {" "}
                  <Link to={`/practice/attempts/${a.id}?discard=1#discard`} className="small" aria-label={`Discard “${a.title}”…`}>
                    Discard…
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <MasteryPanel mastery={mastery} busy={busy} />
      <section className="card" aria-labelledby="done-h">
        <div className="row">
          <h2 id="done-h">Past reviews</h2>
          <span className="spacer" />
          <Link to="/practice/progress">See your progress →</Link>
        </div>
        {done.length === 0 ? (
          <p className="empty">Your submitted reviews and scores will appear here.</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>Draft</th>
                <th>Domain</th>
                <th className="num">Difficulty</th>
                <th>Submitted</th>
                <th className="num">Score</th>
              </tr>
            </thead>
            <tbody>
              {done.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/practice/results/${a.id}`}>{a.title}</Link>
                    {a.newFeedback ? <span className="badge">new feedback</span> : null}
                  </td>
                  <td>{a.domain}</td>
                  <td className="num">{a.difficulty}</td>
                  <td>{a.submittedAt ? formatDateTime(a.submittedAt) : ""}</td>
                  <td className="num">
                    <strong>{a.total ?? "–"}</strong>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
