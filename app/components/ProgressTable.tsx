// Program progress per trainee, for mentors and admins.
import { Link } from "@remix-run/react";
import { formatDate } from "~/utils/format";

export interface ProgressRowDTO {
  traineeId: string;
  trainee: string;
  cohort: string;
  program: string;
  module: string | null;
  moduleIndex: number;
  modules: number;
  state: string;
  rule: string;
  dueAt: string | null;
  overdue: boolean;
  completed: number;
  certificateId: string | null;
}

const STATE: Record<string, { label: string; cls: string }> = {
  current: { label: "in progress", cls: "pill-blue" },
  "awaiting-sign-off": { label: "awaiting sign-off", cls: "pill-amber" },
  complete: { label: "complete", cls: "pill-green" },
};

export function ProgressTable({ rows, traineeLink }: { rows: ProgressRowDTO[]; traineeLink?: (id: string) => string }) {
  if (!rows.length) return <p className="empty">No trainee is in a cohort with a program yet.</p>;
  return (
    <div className="table-scroll">
      <table className="data" data-testid="program-progress">
        <thead>
          <tr>
            <th>Trainee</th>
            <th>Cohort</th>
            <th>Program</th>
            <th>Module</th>
            <th>Status</th>
            <th>Pass rule</th>
            <th>Due</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.traineeId}-${r.program}`}>
              <td>{traineeLink ? <Link to={traineeLink(r.traineeId)}>{r.trainee}</Link> : r.trainee}</td>
              <td>{r.cohort}</td>
              <td>{r.program}</td>
              <td>
                {r.module ? `${r.moduleIndex} of ${r.modules}: ${r.module}` : `all ${r.modules} done`}
              </td>
              <td>
                <span className={`pill ${STATE[r.state]?.cls ?? ""}`}>{STATE[r.state]?.label ?? r.state}</span>{" "}
                {r.overdue ? <span className="pill pill-red">overdue</span> : null}{" "}
                {r.certificateId ? <Link to={`/certificates/${r.certificateId}`}>certificate</Link> : null}
              </td>
              <td className="small">{r.rule}</td>
              <td>{r.dueAt ? formatDate(r.dueAt) : <span className="muted">–</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
