import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { z } from "zod";
import { pct } from "~/components/charts";
import { DataTable } from "~/components/DataTable";
import { ProgressSections } from "~/components/ProgressSections";
import { StatCards } from "~/components/StatCards";
import { db } from "~/db/db.server";
import { traineeDetail } from "~/models/progress.server";
import dashboardStyles from "~/styles/dashboards.css";
import { requireRole } from "~/models/auth.server";
import { formatDate, formatDateTime } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.trainee.name ?? "Trainee"} · Redline` }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardStyles }];

const Params = z.object({ userId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "mentor", "admin");
  const p = Params.safeParse(params);
  // Someone outside the viewer's cohorts and someone who does not exist look the same.
  const detail = p.success ? await traineeDetail(db(), user, p.data.userId) : null;
  if (!detail) throw new Response("No such trainee among the cohorts you mentor.", { status: 404, statusText: "Not Found" });
  return detail;
}

export default function TraineeDetailPage() {
  const d = useLoaderData<typeof loader>();
  const s = d.summary;
  const exportQuery = `?trainee=${encodeURIComponent(d.trainee.id)}`;
  return (
    <div>
      <p className="crumbs">
        <Link to="/mentor/dashboard">Dashboard</Link> ›
      </p>
      <h1>{d.trainee.name}</h1>
      <p className="lede">{d.trainee.cohorts.length ? d.trainee.cohorts.join(" · ") : "Not in a cohort you mentor"}</p>
      {s.attempts === 0 ? (
        <div className="card empty">
          <p>{d.trainee.name} has not submitted a review yet.</p>
        </div>
      ) : (
        <>
          <StatCards
            stats={[
              { label: "Attempts submitted", value: s.attempts, note: `last ${s.lastSubmittedAt ? formatDate(s.lastSubmittedAt) : "—"}` },
              { label: "Average score", value: s.average ?? "—", note: `${s.reviewed} reviewed, ${s.awaitingReview} awaiting review` },
              { label: "Seeded flaws detected", value: pct(s.hitRate), note: "all categories" },
              { label: "Findings that were false alarms", value: pct(s.falsePositiveShare), note: `${pct(s.falseAlarmRate, 1)} of clean lines flagged` },
            ]}
          />

          <ProgressSections progress={d} subject={{ name: d.trainee.name }} />

          <section className="card" aria-labelledby="recent-h">
            <h2 id="recent-h">Recent attempts</h2>
            <DataTable rows={d.recent} columns={["Submitted", "Draft", { label: "Automatic", num: true }, { label: "Final", num: true }, "Review"]}>
              {(a) => (
                <tr key={a.id}>
                  <td>{formatDateTime(a.at)}</td>
                  <td>
                    <Link to={`/mentor/attempts/${a.id}`}>{a.title}</Link> <span className="muted small">{a.domain}</span>
                  </td>
                  <td className="num">{a.autoTotal ?? "—"}</td>
                  <td className="num">{a.total ?? "—"}</td>
                  <td>{a.reviewed ? <span className="pill pill-green">published</span> : <span className="pill">open</span>}</td>
                </tr>
              )}
            </DataTable>
          </section>
        </>
      )}

      <section className="card" aria-labelledby="fb-h">
        <h2 id="fb-h">Mentor feedback</h2>
        {d.feedback.length ? (
          <ul className="feedback-list">
            {d.feedback.map((f) => (
              <li key={`${f.attemptId}-${f.publishedAt}-${f.mentor}`}>
                <div className="row">
                  <strong>{f.title}</strong>
                  <span className="muted small">
                    {f.mentor} · {f.publishedAt ? formatDateTime(f.publishedAt) : ""}
                  </span>
                  <span className="spacer" />
                  <span className="small">
                    score {f.autoTotal ?? "—"} → {f.total ?? "—"}
                  </span>
                </div>
                {f.feedback ? <p className="feedback-text">{f.feedback}</p> : <p className="muted small">No written feedback.</p>}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No published reviews yet.</p>
        )}
      </section>

      <section className="card">
        <h2>Export</h2>
        <div className="export-links">
          <a className="btn" href={`/mentor/export/attempts.csv${exportQuery}`} download>
            Attempts (CSV)
          </a>
          <a className="btn" href={`/mentor/export/findings.csv${exportQuery}`} download>
            Findings (CSV)
          </a>
          <a className="btn" href={`/mentor/export/reviews.csv${exportQuery}`} download>
            Reviews (CSV)
          </a>
        </div>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary back={{ to: "/mentor/dashboard", label: "Back to the dashboard" }} />;
}
