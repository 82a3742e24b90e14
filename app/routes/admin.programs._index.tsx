import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DataTable } from "~/components/DataTable";
import { ProgressTable } from "~/components/ProgressTable";
import { db } from "~/db/db.server";
import { programOverview } from "~/models/program-progress.server";
import { assignProgram, listPrograms, ProgramError } from "~/models/program.server";
import { visibleCohorts } from "~/models/scope.server";
import programStyles from "~/styles/programs.css";
import { requireRole } from "~/models/auth.server";
import { formatDate } from "~/utils/format";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Programs · Redline" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: programStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const [programs, cohorts, progress] = await Promise.all([listPrograms(db(), admin.orgId), visibleCohorts(db(), admin), programOverview(db(), admin)]);
  const byProgram = new Map<string, { program: string; trainees: number; complete: number; overdue: number }>();
  for (const r of progress) {
    const e = byProgram.get(r.program) ?? { program: r.program, trainees: 0, complete: 0, overdue: 0 };
    e.trainees += 1;
    if (r.state === "complete") e.complete += 1;
    if (r.overdue) e.overdue += 1;
    byProgram.set(r.program, e);
  }
  return { programs, cohorts, progress, completion: [...byProgram.values()], today: new Date().toISOString().slice(0, 10) };
}

const Assign = z.object({
  programId: z.string().uuid("Program: choose a program"),
  cohortId: z.string().uuid("Cohort: choose a cohort"),
  startDate: z.string().min(1, "Start date: enter the date the cohort starts"),
});

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const form = await request.formData();
  const parsed = parseForm(Assign, form);
  if (!parsed.ok) return data({ errors: parsed.errors, ok: false }, { status: 400 });
  try {
    await assignProgram(db(), admin, parsed.data.programId, parsed.data.cohortId, parsed.data.startDate);
    return { errors: {} as Record<string, string>, ok: true };
  } catch (e) {
    if (e instanceof ProgramError) return data({ errors: e.errors, ok: false }, { status: 400 });
    throw e;
  }
}

export default function Programs() {
  const { programs, cohorts, progress, completion, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const overdue = progress.filter((r) => r.overdue);
  return (
    <div>
      <div className="row">
        <h1>Programs</h1>
        <span className="spacer" />
        <Link to="/admin/programs/new" className="btn btn-primary">
          New program
        </Link>
      </div>
      <p className="lede">Onboarding programs: ordered modules with pass rules and due dates, assigned to cohorts from a start date.</p>
      {programs.length === 0 ? (
        <p className="card empty">No programs yet. Create one, then assign it to a cohort.</p>
      ) : (
        <section className="card" aria-labelledby="programs-h">
          <h2 id="programs-h">Your programs</h2>
          <div className="table-scroll">
            <DataTable rows={programs} columns={["Program", "Modules", "Assigned to", ""]}>
              {(p) => (
                <tr key={p.id}>
                  <td>
                    <strong>{p.name}</strong> <span className="muted small">v{p.version}</span>
                  </td>
                  <td className="small">
                    {p.modules.map((m, i) => (
                      <div key={m.key}>
                        {i + 1}. {m.title} <span className="muted">({m.domains.join(", ")}; {m.drafts} drafts{m.dueDays !== null ? `; due day ${m.dueDays}` : ""}{m.signOff ? "; sign-off" : ""})</span>
                      </div>
                    ))}
                  </td>
                  <td className="small">{p.assignments.length ? p.assignments.map((a) => <div key={a.id}>{a.cohort} from {formatDate(`${a.startDate}T00:00:00Z`)}</div>) : <span className="muted">not assigned</span>}</td>
                  <td>
                    <Link to={`/admin/programs/${p.id}`} className="btn btn-small">
                      Edit
                    </Link>
                  </td>
                </tr>
              )}
            </DataTable>
          </div>
          <h3>Assign to a cohort</h3>
          <Form method="post" className="row wrap" noValidate>
            <ChooseOne id="a-program" name="programId" label="Program" options={programs} />
            <ChooseOne id="a-cohort" name="cohortId" label="Cohort" options={cohorts} />
            <label htmlFor="a-start">Start date</label>
            <input id="a-start" name="startDate" type="date" defaultValue={today} />
            <button type="submit" className="btn">
              Assign
            </button>
          </Form>
          {result && !result.ok ? <div className="form-error">{Object.values(result.errors)[0]}</div> : null}
          {result?.ok ? <div className="success" role="status">Assigned. Trainees of the cohort see the program on their home page.</div> : null}
        </section>
      )}
      <section className="card" aria-labelledby="completion-h">
        <div className="row">
          <h2 id="completion-h">Completion</h2>
          <span className="spacer" />
          <a href="/admin/programs/progress.csv" download>
            Export CSV
          </a>
        </div>
        <DataTable rows={completion} columns={["Program", { label: "Trainees", num: true }, { label: "Completed", num: true }, { label: "Overdue", num: true }]} empty={<p className="empty">Assign a program to a cohort to see completion here.</p>}>
          {(c) => (
            <tr key={c.program}>
              <td>{c.program}</td>
              <td className="num">{c.trainees}</td>
              <td className="num">
                {c.complete} ({Math.round((100 * c.complete) / Math.max(1, c.trainees))} %)
              </td>
              <td className="num">{c.overdue}</td>
            </tr>
          )}
        </DataTable>
      </section>
      <section className="card" aria-labelledby="overdue-h">
        <h2 id="overdue-h">Overdue</h2>
        {overdue.length ? <ProgressTable rows={overdue} traineeLink={(id) => `/mentor/trainees/${id}`} /> : <p className="empty">Nobody is overdue.</p>}
      </section>
      <section className="card" aria-labelledby="all-h">
        <h2 id="all-h">Every trainee</h2>
        <ProgressTable rows={progress} traineeLink={(id) => `/mentor/trainees/${id}`} />
      </section>
    </div>
  );
}

/** A labelled select that starts on a disabled "Choose…", so nothing is assigned by accident. */
function ChooseOne({ id, name, label, options }: { id: string; name: string; label: string; options: readonly { id: string; name: string }[] }) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue="">
        <option value="" disabled>
          Choose…
        </option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </>
  );
}
