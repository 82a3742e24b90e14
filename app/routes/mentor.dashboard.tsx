import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ReactNode } from "react";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { LineChart } from "~/components/charts";
import { HBarChart, pct } from "~/components/charts";
import { Heatmap, SmallMultiples } from "~/components/charts-dashboard";
import { DashboardFilters } from "~/components/DashboardFilters";
import { StatCards } from "~/components/StatCards";
import { db } from "~/db/db.server";
import { filtersToQuery } from "~/domain/stats/filters";
import { cohortDashboard } from "~/models/cohort-dashboard.server";
import { domainCall, filtersFromRequest } from "~/utils/http.server";
import dashboardStyles from "~/styles/dashboards.css";
import { requireRole } from "~/models/auth.server";
import { formatDate } from "~/utils/format";
import { ShownText } from "~/components/ShownText";

export const meta: MetaFunction = () => [{ title: "Cohort dashboard · Redline" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "mentor", "admin");
  const filters = filtersFromRequest(request);
  return domainCall(() => cohortDashboard(db(), user, filters));
}

function hoursText(h: number | null): string {
  if (h === null) return "—";
  return h < 48 ? `${h.toFixed(h < 10 ? 1 : 0)} h` : `${(h / 24).toFixed(1)} days`;
}

function daysAgo(iso: string | null): string {
  if (!iso) return "";
  const d = Math.floor((Date.now() - Date.parse(iso)) / 86_400_000);
  return d <= 0 ? "today" : d === 1 ? "1 day" : `${d} days`;
}

const traineeHref = (id: string) => `/mentor/trainees/${id}`;

export default function CohortDashboardPage() {
  const d = useLoaderData<typeof loader>();
  const query = filtersToQuery({ cohort: d.filters.cohort, domain: d.filters.domain, program: d.filters.program, module: d.filters.module, from: d.filters.from, to: d.filters.to });
  const program = d.programs.find((p) => p.id === d.filters.program);
  const moduleTitle = program?.modules.find((m) => m.key === d.filters.module)?.title;
  const work = program ? (moduleTitle ? `${program.name}, module “${moduleTitle}”` : program.name) : null;
  const cohortName = d.cohorts.find((c) => c.id === d.filters.cohort)?.name ?? (d.cohorts.length === 1 ? d.cohorts[0].name : "All your cohorts");
  const domainName = d.domains.find((x) => x.id === d.filters.domain)?.name;
  const period = `${formatDate(d.period.from)} – ${formatDate(d.period.to)}`;

  if (d.cohorts.length === 0) {
    return (
      <div>
        <h1>Cohort dashboard</h1>
        <div className="card empty">
          <p>You don’t mentor a cohort yet, so there is nothing to show. An admin adds mentors to cohorts on the Cohorts page.</p>
        </div>
      </div>
    );
  }

  const medianFp = (() => {
    const xs = d.overFlagging.map((o) => o.falsePositiveShare ?? 0).sort((a, b) => a - b);
    return xs.length ? xs[Math.floor((xs.length - 1) / 2)] : null;
  })();
  const trendBuckets = d.trend.buckets.map((b) => b.label);

  return (
    <div>
      <h1>Cohort dashboard</h1>
      <p className="lede">
        {cohortName}
        {work ? ` · ${work}` : ""}
        {domainName ? ` · ${domainName}` : ""} · {d.trainees} trainee{d.trainees === 1 ? "" : "s"} · {period}
        {d.period.isDefault ? " (last 12 weeks)" : ""}
      </p>
      <DashboardFilters action="/mentor/dashboard" values={d.filters} cohorts={d.cohorts} domains={d.domains} programs={d.programs} />
      {work ? <p className="muted small">Scores, trends, misses and review times count only work done inside {work}; the trainees are those of the cohorts it is assigned to.</p> : null}
      {d.autoCohort ? (
        <p className="notice">
          Showing {d.autoCohort.name}, the first of your {d.cohorts.length} cohorts. Choose another cohort above, or{" "}
          <Link to={`/mentor/dashboard${filtersToQuery({ cohort: "all", domain: d.filters.domain })}`}>all cohorts at once</Link>.
        </p>
      ) : null}

      {d.trainees === 0 ? (
        <div className="card empty">
          <p>No trainees here yet. When an admin adds trainees to this cohort, their work appears on this page.</p>
        </div>
      ) : (
        <>
          <StatCards
            stats={[
              { label: "Attempts submitted", value: d.summary.attempts.toLocaleString("en-GB"), note: "in the period" },
              { label: "Average score", value: d.summary.meanScore ?? "—", note: "final scores, 0–100" },
              { label: "Open reviews", value: d.summary.open.toLocaleString("en-GB"), note: d.summary.oldestOpenAt ? `oldest waiting ${daysAgo(d.summary.oldestOpenAt)}` : "nothing waiting" },
              { label: "Median time to review", value: hoursText(d.summary.medianHoursToReview), note: `${d.summary.publishedInPeriod.toLocaleString("en-GB")} published in the period` },
            ]}
          />

          <DashboardSection id="heat" title="Hit rate by trainee and flaw category" note={<>{work ? `inside ${work}` : "all time"}{domainName ? `, ${domainName}` : ", all domains"} · select a name for the trainee’s page</>}>
            {d.heatmap.columns.length ? (
              <Heatmap title="Share of seeded flaws each trainee detected, per flaw category" columns={d.heatmap.columns} rows={d.heatmap.rows} hrefFor={traineeHref} />
            ) : (
              <p className="muted">No submitted attempts yet.</p>
            )}
          </DashboardSection>

          <DashboardSection id="trend" title="Score trend" note={<>mean final score per {d.trend.buckets[0]?.days === 1 ? "day" : d.trend.buckets.length && d.trend.buckets[d.trend.buckets.length - 1].days === 7 ? "week" : "period"}</>}>
            {d.summary.attempts ? (
              <>
                <LineChart
                  title="Mean total score of everyone shown, per period"
                  points={d.trend.buckets.flatMap((b, i) => (d.trend.overall[i] === null ? [] : [{ label: b.label, value: d.trend.overall[i]! }]))}
                  yLabel="Mean score"
                  xLabel={`Everyone shown, ${d.trend.buckets[0]?.label ?? ""} to ${d.trend.buckets[d.trend.buckets.length - 1]?.label ?? ""}`}
                />
                {d.trend.overall.filter((v) => v !== null).length < 2 ? (
                  <p className="notice">All attempts in this period fall into one {d.trend.buckets[0]?.days === 1 ? "day" : "week"}: a trend shows once there is practice in a second one.</p>
                ) : null}
                <h3>Per trainee</h3>
                <p className="muted small">
                  Dashed: everyone’s mean. The number is the latest period’s mean, the arrow its change since the trainee’s first period. All boxes share one vertical scale.
                </p>
                <SmallMultiples
                  title="Mean score per period for each trainee"
                  series={d.trend.series.map((s) => ({ key: s.traineeId, name: s.name, href: traineeHref(s.traineeId), values: s.values, attempts: s.attempts, mean: s.mean }))}
                  reference={d.trend.overall}
                  bucketLabels={trendBuckets}
                  valueLabel="mean score"
                />
              </>
            ) : (
              <p className="muted">No attempts were submitted in this period. Widen the period above.</p>
            )}
          </DashboardSection>

          <DashboardSection id="missed-cat" title="Most missed categories" note="in the period">
            {d.missedCategories.length ? (
              <HBarChart
                title="Share of seeded flaws missed, per category"
                valueLabel="Seeded flaws missed"
                lowerIsBetter
                bars={d.missedCategories.map((c) => ({ key: `${c.domain}/${c.category}`, label: c.name, value: c.missRate, note: `${c.misses}/${c.flaws}` }))}
              />
            ) : (
              <p className="muted">Nothing missed in this period.</p>
            )}
          </DashboardSection>
          <DashboardSection id="missed" title="Most missed flaws" note="in the period">
            {d.missedFlaws.length ? (
              <ol className="missed-list">
                {d.missedFlaws.map((f) => (
                  <li key={`${f.draftId}/${f.flawId}`}>
                    <span className="rate" title={`${f.misses} of ${f.results} attempts missed it`}>
                      {pct(f.missRate)} missed <span className="muted small">({f.misses}/{f.results})</span>
                    </span>
                    <span className="what">{f.categoryName}</span> <span className="muted small">{f.drafts > 1 ? `${f.lines} · seeded in ${f.drafts} drafts` : f.lines}</span>
                    <div className="small">{f.title}</div>
                    {f.explanation ? <p className="why"><ShownText text={f.explanation} /></p> : null}
                  </li>
                ))}
              </ol>
            ) : (
              <p className="muted">No seeded flaw was missed in this period, or nothing was submitted.</p>
            )}
          </DashboardSection>
          <DashboardSection id="fp" title="Over-flagging" note={<>share of each trainee’s findings that matched no flaw · all time, all domains{work ? ", all practice (not only the program)" : ""}</>}>
            {d.overFlagging.length ? (
              <>
                <HBarChart
                  title="False alarms: share of findings that matched no seeded flaw, per trainee"
                  valueLabel="Findings that were false alarms"
                  lowerIsBetter
                  thresholds={[0.25, 0.45]}
                  marker={medianFp === null ? undefined : { value: medianFp, label: `median ${pct(medianFp)}` }}
                  bars={d.overFlagging.slice(0, 15).map((o) => ({
                    key: o.traineeId,
                    label: o.name,
                    href: traineeHref(o.traineeId),
                    value: o.falsePositiveShare ?? 0,
                    note: `${o.falsePositives}/${o.findings} · ${pct(o.falseAlarmRate, 1)} of clean lines`,
                  }))}
                />
                {d.overFlagging.length > 15 ? <p className="muted small">The 15 who over-flag most of {d.overFlagging.length}; the table has everyone.</p> : null}
              </>
            ) : (
              <p className="muted">No findings yet.</p>
            )}
          </DashboardSection>

          <DashboardSection id="rev" title="Reviews per mentor" note="open now; published and time to review in the period">
            {d.reviews.length ? (
              <table className="data">
                <thead>
                  <tr>
                    <th>Mentor</th>
                    <th className="num">Open reviews</th>
                    <th className="num">Oldest waiting</th>
                    <th className="num">Drafts in progress</th>
                    <th className="num">Published</th>
                    <th className="num">Median time to review</th>
                  </tr>
                </thead>
                <tbody>
                  {d.reviews.map((m) => (
                    <tr key={m.mentorId}>
                      <td>{m.name}</td>
                      <td className="num">{m.open.toLocaleString("en-GB")}</td>
                      <td className="num">{m.oldestOpenAt ? daysAgo(m.oldestOpenAt) : "—"}</td>
                      <td className="num">{m.inProgress}</td>
                      <td className="num">{m.publishedInPeriod.toLocaleString("en-GB")}</td>
                      <td className="num">{hoursText(m.medianHoursToReview)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="muted">No mentors are assigned to these cohorts.</p>
            )}
            <p className="muted small">An attempt waits for every mentor of its trainee’s cohort, so open reviews can add up to more than the total. Time to review runs from submission to publication.</p>
          </DashboardSection>

          <section className="card" aria-labelledby="exp-h">
            <h2 id="exp-h">Export</h2>
            <p className="muted small">CSV files with the filters above (cohort, domain, period by submission date). Opens safely in a spreadsheet.</p>
            <div className="export-links">
              <a className="btn" href={`/mentor/export/attempts.csv${query}`} download>
                Attempts (CSV)
              </a>
              <a className="btn" href={`/mentor/export/findings.csv${query}`} download>
                Findings (CSV)
              </a>
              <a className="btn" href={`/mentor/export/reviews.csv${query}`} download>
                Reviews (CSV)
              </a>
              <Link className="btn btn-quiet" to={`/mentor/calibration${query}`}>
                Grader calibration →
              </Link>
            </div>
          </section>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary titles={{ 400: "Cannot show this dashboard" }} back={{ to: "/mentor/dashboard", label: "Clear the filters" }} />;
}

/** A dashboard card: its heading, a note on what it covers beside it, then the content. */
function DashboardSection({ id, title, note, children }: { id: string; title: ReactNode; note: ReactNode; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <div className="section-head">
        <h2 id={`${id}-h`}>{title}</h2>
        <span className="muted">{note}</span>
      </div>
      {children}
    </section>
  );
}
