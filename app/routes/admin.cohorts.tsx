import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { db } from "~/db/db.server";
import { onlyInvisible, onlyInvisibleMessage } from "~/domain/text/format-chars";
import { addCohortMember, CohortError, createCohort, listCohortsWithMembers, removeCohortMember, renameCohort } from "~/models/cohort.server";
import { listUsers } from "~/models/user.server";
import { requireRole } from "~/models/auth.server";
import { formatDateTime } from "~/utils/format";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Cohorts · Redline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const [cohorts, users] = await Promise.all([listCohortsWithMembers(db(), admin.orgId), listUsers(db(), admin.orgId)]);
  return { cohorts, people: users.filter((u) => u.disabled_at === null).map((u) => ({ id: u.id, name: u.name, role: u.role })) };
}

const name = z
  .string()
  .trim()
  .refine((t) => !onlyInvisible(t), { message: onlyInvisibleMessage("The cohort name"), abort: true })
  .min(2, "Give the cohort a name of at least 2 characters").max(80, "Keep the name under 80 characters");
const Schemas = {
  create: z.object({ name }),
  rename: z.object({ cohortId: z.string().uuid("No such cohort"), name }),
  add: z.object({ cohortId: z.string().uuid("No such cohort"), userId: z.string().uuid("Choose a person to add") }),
  remove: z.object({ cohortId: z.string().uuid("No such cohort"), userId: z.string().uuid("No such member") }),
};

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "") as keyof typeof Schemas;
  const schema = Schemas[intent];
  const target = String(form.get("cohortId") ?? "new");
  if (!schema) return data({ target, error: "Unknown action.", notice: null }, { status: 400 });
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return data({ target, error: Object.values(parsed.errors)[0], notice: null }, { status: 400 });
  try {
    const v = parsed.data as Record<string, string>;
    let notice: string | null = null;
    if (intent === "create") await createCohort(db(), admin.orgId, v.name);
    if (intent === "rename") await renameCohort(db(), admin.orgId, v.cohortId, v.name);
    if (intent === "add") notice = await addCohortMember(db(), admin.orgId, v.cohortId, v.userId);
    if (intent === "remove") notice = await removeCohortMember(db(), admin.orgId, v.cohortId, v.userId);
    return { target, error: null, notice };
  } catch (e) {
    if (e instanceof CohortError) return data({ target, error: e.message, notice: null }, { status: 400 });
    throw e;
  }
}

export default function Cohorts() {
  const { cohorts, people } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errorFor = (target: string) =>
    result?.target !== target ? null : result.error ? (
      <div className="form-error">{result.error}</div>
    ) : result.notice ? (
      <p className="notice" role="status">
        {result.notice}
      </p>
    ) : null;
  return (
    <div>
      <h1>Cohorts</h1>
      <p className="lede">Group trainees into cohorts and assign mentors. A mentor sees only the trainees of the cohorts they mentor; one person may mentor several cohorts.</p>
      <section className="card">
        <h2>New cohort</h2>
        <Form method="post" className="row">
          <input type="hidden" name="intent" value="create" />
          <label htmlFor="new-name" className="sr-label">
            Cohort name
          </label>
          <input id="new-name" name="name" type="text" placeholder="e.g. Winter 2027 — legal" className="grow" />
          <button type="submit" className="btn btn-primary">
            Create cohort
          </button>
        </Form>
        {errorFor("new")}
      </section>
      {cohorts.length === 0 ? <p className="card empty">No cohorts yet.</p> : null}
      {cohorts.map((c) => {
        const memberIds = new Set(c.members.map((m) => m.id));
        const candidates = people.filter((p) => !memberIds.has(p.id));
        return (
          <section key={c.id} className="card" aria-labelledby={`c-${c.id}`}>
            <div className="row">
              <h2 id={`c-${c.id}`}>{c.name}</h2>
              <span className="muted small">
                {plural(c.members.filter((m) => m.role === "trainee").length, "trainee")} · {plural(c.members.filter((m) => m.role === "mentor").length, "mentor")}
              </span>
              <span className="spacer" />
              <Form method="post" className="row">
                <input type="hidden" name="intent" value="rename" />
                <input type="hidden" name="cohortId" value={c.id} />
                <label htmlFor={`rename-${c.id}`} className="sr-label">
                  New name for {c.name}
                </label>
                <input id={`rename-${c.id}`} name="name" type="text" defaultValue={c.name} />
                <button type="submit" className="btn btn-small">
                  Rename
                </button>
              </Form>
            </div>
            {errorFor(c.id)}
            <table className="data">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Email</th>
                  <th>Role in cohort</th>
                  <th>Last activity</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {c.members.map((m) => (
                  <tr key={m.id}>
                    <td>
                      {m.name} {m.disabled ? <span className="pill pill-red">disabled</span> : null}
                    </td>
                    <td>{m.email}</td>
                    <td>{m.role}</td>
                    <td>{m.lastActive ? formatDateTime(m.lastActive) : <span className="muted">never</span>}</td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="cohortId" value={c.id} />
                        <input type="hidden" name="userId" value={m.id} />
                        <button type="submit" className="btn btn-small btn-quiet" aria-label={`Remove ${m.name} from ${c.name}`}>
                          Remove
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Form method="post" className="row add-member">
              <input type="hidden" name="intent" value="add" />
              <input type="hidden" name="cohortId" value={c.id} />
              <label htmlFor={`add-${c.id}`}>Add</label>
              <select id={`add-${c.id}`} name="userId" defaultValue="">
                <option value="" disabled>
                  Choose a trainee or mentor…
                </option>
                {candidates.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} ({p.role === "trainee" ? "trainee" : "mentor"})
                  </option>
                ))}
              </select>
              <button type="submit" className="btn btn-small">
                Add to cohort
              </button>
            </Form>
          </section>
        );
      })}
    </div>
  );
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
