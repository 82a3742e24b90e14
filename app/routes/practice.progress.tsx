import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { HBarChart, LineChart } from "~/components/charts";
import { db } from "~/db/db.server";
import { MIN_FLAWS_FOR_RANKING } from "~/domain/stats/progress";
import { traineeProgress } from "~/models/progress.server";
import { requireRole } from "~/utils/auth.server";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Progress · Redline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "trainee");
  return traineeProgress(db(), user.id);
}

export default function ProgressPage() {
  const p = useLoaderData<typeof loader>();
  if (p.series.length === 0) {
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
          <div className="stat">{p.series.length}</div>
        </div>
        <div className="card">
          <div className="muted small">Average score</div>
          <div className="stat">{p.average?.toFixed(1)}</div>
        </div>
        <div className="card">
          <div className="muted small">Last five vs. five before</div>
          <div className="stat">{p.recentChange === null ? "—" : `${p.recentChange > 0 ? "+" : ""}${p.recentChange.toFixed(1)}`}</div>
        </div>
      </div>
      <section className="card" aria-labelledby="trend-h">
        <h2 id="trend-h">Score over time</h2>
        <LineChart title="Total score per submitted review, oldest first" points={p.series.map((s) => ({ label: `${formatDate(s.at)} (${s.domain})`, value: s.total }))} yLabel="Score (0–100)" xLabel="Reviews, oldest to newest" />
      </section>
      <div className="grid-2">
        <section className="card" aria-labelledby="strong-h">
          <h2 id="strong-h">Strongest</h2>
          {p.strongest.length ? (
            <ul className="plain-list">
              {p.strongest.map((c) => (
                <li key={c.category}>
                  {c.name} — {Math.round(c.rate * 100)} % of {c.total}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">Not enough reviews yet: a category counts after {MIN_FLAWS_FOR_RANKING} seeded flaws.</p>
          )}
        </section>
        <section className="card" aria-labelledby="weak-h">
          <h2 id="weak-h">Weakest — practise these</h2>
          {p.weakest.length ? (
            <ul className="plain-list">
              {p.weakest.map((c) => (
                <li key={c.category}>
                  {c.name} — {Math.round(c.rate * 100)} % of {c.total}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">Not enough reviews yet.</p>
          )}
        </section>
      </div>
      <section className="card" aria-labelledby="cat-h">
        <h2 id="cat-h">Hit rate per flaw category</h2>
        <HBarChart title="Share of seeded flaws you detected, per category" valueLabel="Flaws detected" lowerIsBetter={false} bars={p.categories.map((c) => ({ key: c.category, label: c.name, value: c.rate, note: `(${c.hits}/${c.total})` }))} />
      </section>
    </div>
  );
}
