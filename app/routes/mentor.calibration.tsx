import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { pct } from "~/components/charts-dashboard";
import { DashboardFilters } from "~/components/DashboardFilters";
import { DataTable } from "~/components/DataTable";
import { StatCards } from "~/components/StatCards";
import { db } from "~/db/db.server";
import { FLAG_KAPPA_BELOW, FLAG_MIN_PAIRS } from "~/domain/stats/agreement";
import { gradingCalibration, type AgreementDTO } from "~/models/calibration.server";
import { domainCall, filtersFromRequest } from "~/utils/http.server";
import dashboardStyles from "~/styles/dashboards.css";
import { requireRole } from "~/models/auth.server";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Grader calibration · Redline" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "mentor", "admin");
  const filters = filtersFromRequest(request);
  return domainCall(() => gradingCalibration(db(), user, filters));
}

const kappaText = (k: number | null) => (k === null ? "—" : k.toFixed(2));

function AgreementCards({ a, what, label = "verdict" }: { a: AgreementDTO; what: string; label?: string }) {
  return (
    <StatCards
      className="grid-3"
      stats={[
        { label: "Findings compared", value: a.n.toLocaleString("en-GB"), note: what },
        { label: "Percent agreement", value: pct(a.percent, 1), note: `same ${label} on the same finding` },
        { label: "Cohen’s κ", value: kappaText(a.kappa), note: !a.n ? "no pairs yet" : a.kappa === null ? `undefined: ${a.strength}` : `${a.strength} (agreement beyond chance)` },
      ]}
    />
  );
}

export default function CalibrationPage() {
  const c = useLoaderData<typeof loader>();
  const av = c.autoVsMentor;
  const period = c.period.from || c.period.to ? `attempts submitted ${c.period.from ? `from ${formatDate(c.period.from)}` : ""} ${c.period.to ? `to ${formatDate(c.period.to)}` : ""}` : "all time";
  return (
    <div>
      <p className="crumbs">
        <Link to="/mentor/dashboard">Dashboard</Link> ›
      </p>
      <h1>Grader calibration</h1>
      <p className="lede">Does the automatic scorer judge findings the way mentors do — and do mentors agree with each other? ({period})</p>
      <DashboardFilters action="/mentor/calibration" values={c.filters} cohorts={c.cohorts} domains={c.domains} />

      <section aria-labelledby="auto-h">
        <h2 id="auto-h">Automatic scorer vs mentors</h2>
        <p className="muted small">
          Every finding of a published review: the scorer’s verdict (matched a flaw → correct, matched none → wrong) against the mentor’s (correct, partly, wrong; a verdict left blank keeps the scorer’s and counts as agreement).
        </p>
        {av.overall.n === 0 ? (
          <div className="card empty">
            <p>No published reviews yet. Calibration appears once mentors publish reviews.</p>
          </div>
        ) : (
          <>
            <AgreementCards a={av.overall} what="in published reviews" />
            <div className="grid-2">
              <section className="card" aria-labelledby="matrix-h">
                <h3 id="matrix-h">Who said what</h3>
                <table className="data matrix">
                  <caption className="sr-label">Rows: automatic verdict; columns: mentor verdict</caption>
                  <thead>
                    <tr>
                      <th>Automatic ↓ / mentor →</th>
                      {av.matrix.labels.map((l) => (
                        <th key={l}>{l}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {av.matrix.labels
                      .map((l, i) => ({ l, row: av.matrix.counts[i] }))
                      .filter((r) => r.l !== "partly")
                      .map(({ l, row }) => (
                        <tr key={l}>
                          <th scope="row">{l}</th>
                          {row.map((n, j) => (
                            <td key={j} className="num">
                              {n.toLocaleString("en-GB")}
                            </td>
                          ))}
                        </tr>
                      ))}
                  </tbody>
                </table>
                <p className="muted small">The scorer never says “partly”: a mentor’s “partly” always counts as a disagreement.</p>
              </section>
              <section className="card" aria-labelledby="flag-h">
                <h3 id="flag-h">For content authors</h3>
                {av.flagged.length ? (
                  <>
                    <p className="small">
                      Categories where scorer and mentors agree least (κ below {FLAG_KAPPA_BELOW} on at least {FLAG_MIN_PAIRS} findings). Check their key points and line anchors.
                    </p>
                    <ul className="plain-list">
                      {av.flagged.map((f) => (
                        <li key={f.key}>
                          <strong>{f.name}</strong> — κ {kappaText(f.kappa)}, {pct(f.percent)} agreement on {f.n} findings
                          {f.topDisagreement ? <div className="muted small">most often: {f.topDisagreement}</div> : null}
                        </li>
                      ))}
                    </ul>
                  </>
                ) : (
                  <p className="muted">No category falls below κ {FLAG_KAPPA_BELOW} with {FLAG_MIN_PAIRS} or more findings.</p>
                )}
              </section>
            </div>
            <section className="card" aria-labelledby="cat-h">
              <h3 id="cat-h">Per category</h3>
              <div className="scroll-x" tabIndex={0} role="region" aria-label="Per category (scrolls sideways)">
                <DataTable rows={av.categories} columns={["Category", { label: "Findings", num: true }, { label: "Agreement", num: true }, { label: "κ", num: true }, "Reading", "Most common disagreement"]}>
                  {(r) => (
                    <tr key={r.key} className={r.flagged ? "flagged-row" : undefined}>
                      <td>
                        {r.name}
                        {r.flagged ? (
                          <>
                            {" "}
                            <span className="pill pill-amber">flagged</span>
                          </>
                        ) : null}
                      </td>
                      <td className="num">{r.n.toLocaleString("en-GB")}</td>
                      <td className="num">{pct(r.percent, 1)}</td>
                      <td className="num">{kappaText(r.kappa)}</td>
                      <td>{r.strength}</td>
                      <td className="small">{r.topDisagreement ?? "—"}</td>
                    </tr>
                  )}
                </DataTable>
              </div>
            </section>
          </>
        )}
      </section>

      <section aria-labelledby="mm-h">
        <h2 id="mm-h">Between mentors</h2>
        <p className="muted small">Attempts two or more mentors reviewed, compared finding by finding. In a draft review only the findings the mentor has judged count.</p>
        {c.betweenMentors.overall.n === 0 ? (
          <div className="card empty">
            <p>No attempt has been reviewed by two mentors yet.</p>
          </div>
        ) : (
          <>
            <AgreementCards a={c.betweenMentors.overall} what={`on ${c.betweenMentors.attempts.toLocaleString("en-GB")} attempts`} />
            <div className="card">
              <DataTable rows={c.betweenMentors.pairs} columns={["Mentors", { label: "Attempts", num: true }, { label: "Findings", num: true }, { label: "Agreement", num: true }, { label: "κ", num: true }]}>
                {(p) => (
                  <tr key={`${p.mentorA}|${p.mentorB}`}>
                    <td>
                      {p.mentorA} · {p.mentorB}
                    </td>
                    <td className="num">{p.attempts}</td>
                    <td className="num">{p.agreement.n}</td>
                    <td className="num">{pct(p.agreement.percent, 1)}</td>
                    <td className="num">{kappaText(p.agreement.kappa)}</td>
                  </tr>
                )}
              </DataTable>
            </div>
          </>
        )}
      </section>

      {c.thirdRater ? (
        <section aria-labelledby="third-h">
          <h2 id="third-h">{c.thirdRater.name} vs mentors</h2>
          <p className="muted small">{c.thirdRater.scale}</p>
          <AgreementCards a={c.thirdRater.overall} what="rated by both" label="grade" />
        </section>
      ) : null}
      <p className="muted small">
        κ reads: below 0 worse than chance, up to 0.2 slight, 0.4 fair, 0.6 moderate, 0.8 substantial, above almost perfect. When nearly every finding gets one verdict, κ can be low although agreement is high; read both.
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary titles={{ 400: "Cannot show calibration" }} back={{ to: "/mentor/calibration", label: "Clear the filters" }} />;
}
