import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { db } from "~/db/db.server";
import { packs } from "~/models/content.server";
import { listQueue } from "~/models/review-queue.server";
import { visibleCohorts, visibleTraineeIds } from "~/models/scope.server";
import { requireRole } from "~/models/auth.server";
import { FilterSelect } from "~/components/DashboardFilters";
import { formatDateTime } from "~/utils/format";
import { queueFiltersFromRequest } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Review queue · Redline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "mentor", "admin");
  const filters = queueFiltersFromRequest(request);
  const [queue, cohorts, trainees] = await Promise.all([
    listQueue(db(), viewer, filters),
    visibleCohorts(db(), viewer),
    db().selectFrom("users").select(["id", "name"]).where("id", "in", visibleTraineeIds(db(), viewer)).orderBy("name").execute(),
  ]);
  return {
    name: viewer.name,
    filters,
    queue,
    cohorts,
    trainees,
    domains: packs().packs.map((p) => p.domain),
  };
}

const SCORE_BANDS = [
  { id: "low", name: "Below 50" },
  { id: "mid", name: "50–79" },
  { id: "high", name: "80 and above" },
];

const TABS = [
  { id: "todo", label: "To review" },
  { id: "mine", label: "Reviewed by me" },
  { id: "all", label: "All" },
] as const;

export default function MentorQueue() {
  const { name, filters, queue, cohorts, trainees, domains } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const withTab = (t: string) => {
    const p = new URLSearchParams(params);
    p.set("tab", t);
    return `?${p}`;
  };
  return (
    <div>
      <h1>Review queue</h1>
      <p className="lede">Welcome, {name}. Submitted reviews of your trainees, oldest first. Your verdicts and feedback reach the trainee when you publish.</p>
      <nav className="tabs" aria-label="Queue">
        {TABS.map((t) => (
          <Link key={t.id} to={withTab(t.id)} className={filters.tab === t.id ? "active" : undefined} aria-current={filters.tab === t.id ? "page" : undefined}>
            {t.label} <span className="count">{queue.counts[t.id]}</span>
          </Link>
        ))}
      </nav>
      <Form method="get" className="card filters">
        <input type="hidden" name="tab" value={filters.tab} />
        <FilterSelect id="f-cohort" name="cohort" label="Cohort" value={filters.cohort} anyLabel="All my cohorts" options={cohorts} />
        <FilterSelect id="f-trainee" name="trainee" label="Trainee" value={filters.trainee} anyLabel="Everyone" options={trainees} />
        <FilterSelect id="f-domain" name="domain" label="Domain" value={filters.domain} anyLabel="All domains" options={domains.map((d) => ({ id: d, name: d }))} />
        <FilterSelect id="f-band" name="band" label="Automatic score" value={filters.band} anyLabel="Any" options={SCORE_BANDS} />
        <div className="filter-actions">
          <button type="submit" className="btn">
            Filter
          </button>
          <Link to={`?tab=${filters.tab}`} className="btn btn-quiet">
            Clear
          </Link>
        </div>
      </Form>
      <div className="card">
        {queue.rows.length === 0 ? (
          <p className="empty">{filters.tab === "todo" ? "Nothing waiting for review. Well done." : "No reviews match these filters."}</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>Submitted</th>
                <th>Trainee</th>
                <th>Draft</th>
                <th>Domain</th>
                <th className="num">Auto score</th>
                <th className="num">Final</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {queue.rows.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.submittedAt)}</td>
                  <td>{r.trainee}</td>
                  <td>
                    {r.title} <span className="muted small">· difficulty {r.difficulty}</span>
                  </td>
                  <td>{r.domain}</td>
                  <td className="num">{r.autoTotal ?? "–"}</td>
                  <td className="num">{r.published ? r.finalTotal : <span className="muted">—</span>}</td>
                  <td>
                    <Link to={`/mentor/attempts/${r.id}`} className="btn btn-small">
                      {r.published ? "Open" : "Review"}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {queue.rows.length === 50 ? <p className="muted small">Showing the first 50; narrow the filters to see others.</p> : null}
      </div>
    </div>
  );
}
