import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { HBarChart, LineChart } from "~/components/charts";
import { db } from "~/db/db.server";
import { categoryKey } from "~/domain/mastery/model";
import { MIN_FLAWS_FOR_RANKING } from "~/domain/stats/progress";
import { traineeProgress } from "~/models/progress.server";
import { requireRole } from "~/models/auth.server";

export const meta: MetaFunction = () => [{ title: "Progress · Redline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "trainee");
  return traineeProgress(db(), user);
}

export default function ProgressPage() {
  const p = useLoaderData<typeof loader>();
  const busy = useNavigation().state !== "idle";
  // Strongest and weakest rank only categories with enough seeded flaws, and need two of them.
  const counted = p.categories.filter((c) => c.flaws >= MIN_FLAWS_FOR_RANKING).length;
  const notYet = `Shows once two flaw categories each have ${MIN_FLAWS_FOR_RANKING} or more seeded flaws in your reviews (${counted === 1 ? "one has" : `${counted} have`} so far).`;
  if (p.summary.attempts === 0) {
    return (
      <div>
        <h1>Your progress</h1>
        <div className="card empty">
          <p>Submit your first review to see your scores over time and which kinds of flaw you catch.</p>
          <Link to="/practice" className="btn btn-primary">
            Start practising
          </Link>
        </div>
      </div>
    );
  }
  return (
    <div>
      <h1>Your progress</h1>
      <div className="grid-3">
        <div className="card">
          <div className="muted small">Reviews submitted</div>
          <div className="stat">{p.summary.attempts}</div>
        </div>
        <div className="card">
          <div className="muted small">Average score</div>
          <div className="stat">{p.summary.average?.toFixed(1)}</div>
        </div>
        <div className="card">
          <div className="muted small">Last five vs. five before</div>
          <div className="stat">{p.summary.recentChange === null ? "—" : `${p.summary.recentChange > 0 ? "+" : ""}${p.summary.recentChange.toFixed(1)}`}</div>
        </div>
      </div>
      <section className="card" aria-labelledby="trend-h">
        <h2 id="trend-h">Score over time</h2>
        {p.trend.grouped ? <p className="muted small">Period means: there are too many reviews to plot one by one.</p> : null}
        <LineChart
          title={p.trend.grouped ? "Mean total score per period, oldest first" : "Total score per submitted review, oldest first"}
          points={p.trend.points.map((s) => ({ label: s.label, value: s.value }))}
          yLabel="Score (0–100)"
          xLabel={p.trend.grouped ? "Periods, oldest to newest" : "Reviews, oldest to newest"}
        />
      </section>
      <div className="grid-2">
        <section className="card" aria-labelledby="strong-h">
          <h2 id="strong-h">Strongest</h2>
          {p.strongest.length ? (
            <ul className="plain-list">
              {p.strongest.map((c) => (
                <li key={c.name}>
                  {c.name} — {Math.round(c.rate * 100)} % of {c.flaws}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{notYet}</p>
          )}
        </section>
        <section className="card" aria-labelledby="weak-h">
          <h2 id="weak-h">Weakest — practise these</h2>
          {p.weakest.length ? (
            <ul className="plain-list">
              {p.weakest.map((c) => (
                <li key={c.name} className="row">
                  <span className="spacer">
                    {c.name} — {Math.round(c.rate * 100)} % of {c.flaws}
                  </span>
                  {/* An exercise aimed at this category, at a difficulty from your mastery. */}
                  <Form method="post" action="/practice?index">
                    <input type="hidden" name="intent" value="practise" />
                    <input type="hidden" name="category" value={categoryKey(c.domain, c.category)} />
                    <button type="submit" className="btn btn-small" disabled={busy} aria-label={`Practise this: ${c.name}`}>
                      Practise this
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{notYet}</p>
          )}
        </section>
      </div>
      <section className="card" aria-labelledby="cat-h">
        <h2 id="cat-h">Hit rate per flaw category</h2>
        <HBarChart title="Share of seeded flaws you detected, per category" valueLabel="Flaws detected" lowerIsBetter={false} bars={p.categories.map((c) => ({ key: c.name, label: c.name, value: c.rate, note: `(${c.hits}/${c.flaws})` }))} />
      </section>
    </div>
  );
}
