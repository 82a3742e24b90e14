// The trend, strongest/weakest and per-category sections of a trainee's progress: one component
// for the trainee's own page (/practice/progress, with "Practise this") and the mentor's page
// about them (/mentor/trainees/:id).
import { Form, useNavigation } from "@remix-run/react";
import { HBarChart, LineChart, pct } from "~/components/charts";
import { categoryKey } from "~/domain/mastery/model";
import { MIN_FLAWS_FOR_RANKING } from "~/domain/stats/progress";
import type { Progress } from "~/models/progress.server";

type Ranked = Progress["strongest"][number];

export function ProgressSections({ progress: p, subject, practise = false }: { progress: Progress; subject: { you: true } | { name: string }; practise?: boolean }) {
  const busy = useNavigation().state !== "idle";
  const you = "you" in subject;
  const notYet =
    p.allEqualRate !== null
      ? `All ${p.ranked} categories with ${MIN_FLAWS_FOR_RANKING} or more seeded flaws have the same hit rate (${pct(p.allEqualRate)}), so none is stronger or weaker than another yet.`
      : `Shows once two flaw categories each have ${MIN_FLAWS_FOR_RANKING} or more seeded flaws in ${you ? "your" : "their"} reviews and different hit rates (${p.ranked === 1 ? "one has enough flaws" : `${p.ranked} have enough flaws`} so far).`;
  const line = (c: Ranked) => `${c.name} — ${pct(c.rate)} of ${c.flaws}`;
  return (
    <>
      <section className="card" aria-labelledby="trend-h">
        <h2 id="trend-h">Score over time</h2>
        {p.trend.grouped ? <p className="muted small">Period means: there are too many reviews to plot one by one.</p> : null}
        <LineChart
          title={p.trend.grouped ? "Mean final score per period, oldest first" : "Final score of each submitted review, oldest first"}
          points={p.trend.points.map((s) => ({ label: s.label, value: s.value }))}
          yLabel="Score (0–100)"
          xLabel={p.trend.grouped ? "Periods, oldest to newest" : "Reviews, oldest to newest"}
        />
      </section>
      <div className="grid-2">
        <section className="card" aria-labelledby="strong-h">
          <h2 id="strong-h">Strongest</h2>
          {p.strongest.length ? (
            <ul className="plain-list" data-testid="strongest">
              {p.strongest.map((c) => (
                <li key={c.name}>{line(c)}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">{notYet}</p>
          )}
        </section>
        <section className="card" aria-labelledby="weak-h">
          <h2 id="weak-h">Weakest — practise these</h2>
          {p.weakest.length ? (
            <ul className="plain-list" data-testid="weakest">
              {p.weakest.map((c) => (
                <li key={c.name} className="row">
                  <span className="spacer">{line(c)}</span>
                  {practise ? (
                    // An exercise aimed at this category, at a difficulty from the trainee's mastery.
                    <Form method="post" action="/practice?index">
                      <input type="hidden" name="intent" value="practise" />
                      <input type="hidden" name="category" value={categoryKey(c.domain, c.category)} />
                      <button type="submit" className="btn btn-small" disabled={busy} aria-label={`Practise this: ${c.name}`}>
                        Practise this
                      </button>
                    </Form>
                  ) : null}
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
        <HBarChart
          title={`Share of seeded flaws ${you ? "you" : subject.name} detected, per category`}
          valueLabel="Seeded flaws detected"
          lowerIsBetter={false}
          bars={p.categories.map((c) => ({ key: c.name, label: c.name, value: c.rate, note: `(${c.hits}/${c.flaws})` }))}
        />
      </section>
    </>
  );
}
