import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ProgressSections } from "~/components/ProgressSections";
import { db } from "~/db/db.server";
import { traineeProgress } from "~/models/progress.server";
import { requireRole } from "~/models/auth.server";

export const meta: MetaFunction = () => [{ title: "Progress · Redline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "trainee");
  return traineeProgress(db(), user);
}

export default function ProgressPage() {
  const p = useLoaderData<typeof loader>();
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
      <ProgressSections progress={p} subject={{ you: true }} practise />
    </div>
  );
}
