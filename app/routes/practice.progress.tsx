import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ProgressSections } from "~/components/ProgressSections";
import { StatCards } from "~/components/StatCards";
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
      <StatCards
        className="grid-3"
        stats={[
          { label: "Reviews submitted", value: p.summary.attempts },
          { label: "Average score", value: p.summary.average?.toFixed(1) },
          { label: "Last five vs. five before", value: p.summary.recentChange === null ? "—" : `${p.summary.recentChange > 0 ? "+" : ""}${p.summary.recentChange.toFixed(1)}` },
        ]}
      />
      <ProgressSections progress={p} subject={{ you: true }} practise />
    </div>
  );
}
