import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { db } from "~/db/db.server";
import { cohortDatesText, parseCohortDates } from "~/domain/cohorts/cohort-dates";
import { MEMBER_LIST_MAX } from "~/domain/cohorts/member-list";
import { onlyInvisible, onlyInvisibleMessage } from "~/domain/text/format-chars";
import {
  addCohortMember,
  bulkAddMembers,
  CohortError,
  cohortDeletionImpact,
  createCohort,
  deleteCohort,
  listCohortsWithMembers,
  previewBulkAdd,
  removeCohortMember,
  renameCohort,
  setCohortDates,
  type BulkRow,
} from "~/models/cohort.server";
import { listUsers } from "~/models/user.server";
import { requireRole } from "~/models/auth.server";
import { formatDateTime } from "~/utils/format";
import { parseForm } from "~/utils/forms";
import mentorAdminStyles from "~/styles/mentor-admin.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: mentorAdminStyles }];

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
const cohortId = z.string().uuid("No such cohort");
const Schemas = {
  create: z.object({ name }),
  rename: z.object({ cohortId, name }),
  dates: z.object({ cohortId, startsOn: z.string().max(20, "Give dates as YYYY-MM-DD").default(""), endsOn: z.string().max(20, "Give dates as YYYY-MM-DD").default("") }),
  add: z.object({ cohortId, userId: z.string().uuid("Choose a person to add") }),
  remove: z.object({ cohortId, userId: z.string().uuid("No such member") }),
  // The list as pasted (or read from a CSV file by the page): a preview first, nothing added.
  "bulk-preview": z.object({ cohortId, list: z.string().max(200_000, "The list is too long: paste at most 500 rows at a time").refine((t) => t.trim() !== "", "Paste e-mail addresses or choose a CSV file first") }),
  // The confirmed addresses from the preview, one a line.
  "bulk-add": z.object({ cohortId, emails: z.string().max(200_000).refine((t) => t.trim() !== "", "There is nobody to add; preview the list again") }),
  "delete-ask": z.object({ cohortId }),
  delete: z.object({ cohortId }),
};

type Preview = { cohort: string; rows: BulkRow[]; list: string };
type Impact = Awaited<ReturnType<typeof cohortDeletionImpact>>;
type Result = { target: string; error: string | null; notice: string | null; preview?: Preview; impact?: Impact };

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "") as keyof typeof Schemas;
  const schema = Schemas[intent];
  const target = String(form.get("cohortId") ?? "new");
  const fail = (error: string) => data<Result>({ target, error, notice: null }, { status: 400 });
  if (!schema) return fail("Unknown action.");
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return fail(Object.values(parsed.errors)[0]);
  try {
    const v = parsed.data as Record<string, string>;
    let notice: string | null = null;
    if (intent === "create") await createCohort(db(), admin.orgId, v.name);
    if (intent === "rename") await renameCohort(db(), admin.orgId, v.cohortId, v.name);
    if (intent === "dates") {
      const dates = parseCohortDates(v.startsOn, v.endsOn);
      if (!dates.ok) return fail(dates.message);
      await setCohortDates(db(), admin.orgId, v.cohortId, dates.dates);
      notice = dates.dates.startsOn || dates.dates.endsOn ? `Dates saved: ${cohortDatesText(dates.dates)}.` : "Dates cleared.";
    }
    if (intent === "add") notice = await addCohortMember(db(), admin.orgId, v.cohortId, v.userId);
    if (intent === "remove") notice = await removeCohortMember(db(), admin.orgId, v.cohortId, v.userId);
    if (intent === "bulk-preview") {
      const p = await previewBulkAdd(db(), admin.orgId, v.cohortId, v.list);
      return data<Result>({ target, error: null, notice: null, preview: { ...p, list: v.list } });
    }
    if (intent === "bulk-add") notice = (await bulkAddMembers(db(), admin.orgId, v.cohortId, v.emails.split("\n").map((e) => e.trim()).filter(Boolean))).notice;
    if (intent === "delete-ask") return data<Result>({ target, error: null, notice: null, impact: await cohortDeletionImpact(db(), admin.orgId, v.cohortId) });
    if (intent === "delete") return data<Result>({ target: "new", error: null, notice: await deleteCohort(db(), admin.orgId, v.cohortId) });
    return data<Result>({ target, error: null, notice });
  } catch (e) {
    if (e instanceof CohortError) return fail(e.message);
    throw e;
  }
}

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** The preview of a pasted list or CSV: every row, what happens to it, and the one button that adds. */
function BulkPreview({ cohortId, preview }: { cohortId: string; preview: Preview }) {
  const ok = preview.rows.filter((r) => r.person);
  const bad = preview.rows.filter((r) => r.problem);
  return (
    <div className="confirm-box bulk-preview" role="group" aria-labelledby={`bulk-h-${cohortId}`} data-testid="bulk-preview">
      <h3 id={`bulk-h-${cohortId}`}>
        Add {plural(ok.length, "person", "people")} to {preview.cohort}?
      </h3>
      <p className="small">
        Nothing has been added yet.{" "}
        {bad.length ? `${plural(bad.length, "row")} cannot be added (below, with what is wrong); the others can.` : "Every row can be added."}
      </p>
      <table className="data small">
        <thead>
          <tr>
            <th scope="col">Row</th>
            <th scope="col">E-mail</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((r, i) => (
            <tr key={`${r.row}-${i}`} className={r.problem ? "row-error" : undefined}>
              <td data-label="Row">{r.row}</td>
              <td data-label="E-mail">{r.email}</td>
              <td data-label="Result">{r.person ? `Adds ${r.person.name} as ${r.person.role}` : <span className="error-text">Row {r.row}: {r.problem}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        {ok.length ? (
          <Form method="post">
            <input type="hidden" name="intent" value="bulk-add" />
            <input type="hidden" name="cohortId" value={cohortId} />
            <input type="hidden" name="emails" value={ok.map((r) => r.email).join("\n")} />
            <button type="submit" className="btn btn-primary">
              Add {plural(ok.length, "person", "people")}
            </button>
          </Form>
        ) : null}
        <Link to="." className="btn">
          Cancel
        </Link>
      </div>
    </div>
  );
}

/** Pasted e-mails or a CSV file (read into the box by the page; forms carry no files here). */
function BulkAdd({ cohortId, cohortName, list }: { cohortId: string; cohortName: string; list: string }) {
  const [hydrated, setHydrated] = useState(false);
  const [fileNote, setFileNote] = useState("");
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => setHydrated(true), []);
  return (
    <details className="bulk-add" open={list !== "" || undefined}>
      <summary>Add several people (paste e-mails{hydrated ? " or choose a CSV file" : ""})</summary>
      <Form method="post">
        <input type="hidden" name="intent" value="bulk-preview" />
        <input type="hidden" name="cohortId" value={cohortId} />
        <label htmlFor={`bulk-${cohortId}`}>E-mail addresses for {cohortName}</label>
        <textarea id={`bulk-${cohortId}`} name="list" rows={4} ref={box} defaultValue={list} aria-describedby={`bulk-note-${cohortId}`} />
        <p className="small muted" id={`bulk-note-${cohortId}`}>
          One or more a line, separated by commas; or the rows of a CSV file (a column named “email”, or the cell with an @). Up to {MEMBER_LIST_MAX} people of your organisation;
          invite newcomers first. You see a preview before anyone is added.
        </p>
        {hydrated ? (
          <p>
            <label htmlFor={`csv-${cohortId}`}>CSV file</label>
            <input
              id={`csv-${cohortId}`}
              type="file"
              accept=".csv,text/csv,text/plain"
              onChange={async (e) => {
                const file = e.currentTarget.files?.[0];
                if (!file || !box.current) return;
                if (file.size > 200_000) {
                  setFileNote(`${file.name} is larger than 200 kB; split it into smaller files.`);
                  return;
                }
                box.current.value = await file.text();
                setFileNote(`Read ${file.name} into the box above; press Preview.`);
              }}
            />
            <span className="small muted" role="status">
              {fileNote}
            </span>
          </p>
        ) : null}
        <button type="submit" className="btn btn-small">
          Preview
        </button>
      </Form>
    </details>
  );
}

/** What deleting the cohort removes, or why it cannot be deleted. */
function DeleteConfirm({ cohortId, impact }: { cohortId: string; impact: Impact }) {
  const members = impact.trainees + impact.mentors;
  return (
    <div className="confirm-box" role="group" aria-labelledby={`del-h-${cohortId}`} data-testid="delete-confirm">
      {impact.programs.length ? (
        <>
          <h3 id={`del-h-${cohortId}`}>“{impact.name}” cannot be deleted yet</h3>
          <p>
            It runs {impact.programs.map((p) => `“${p}”`).join(" and ")}. Unassign {impact.programs.length === 1 ? "it" : "them"} on the <Link to="/admin/programs">Programs</Link> page first; the
            trainees' progress is kept either way.
          </p>
          <Link to="." className="btn">
            Close
          </Link>
        </>
      ) : (
        <>
          <h3 id={`del-h-${cohortId}`}>Delete “{impact.name}”?</h3>
          <ul>
            <li>
              The cohort and its member list go. Its {plural(members, "member")} ({plural(impact.trainees, "trainee")}, {plural(impact.mentors, "mentor")}) stay in your organisation with
              their accounts, attempts, reviews and scores.
            </li>
            <li>Its mentors no longer see these trainees' work through this cohort (they still do through any other cohort they share).</li>
            {impact.openInvites ? <li>{plural(impact.openInvites, "open invite")} to it still work, but join no cohort.</li> : null}
          </ul>
          <div className="row">
            <Form method="post">
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="cohortId" value={cohortId} />
              <button type="submit" className="btn btn-danger">
                Yes, delete the cohort
              </button>
            </Form>
            <Link to="." className="btn">
              Keep it
            </Link>
          </div>
        </>
      )}
    </div>
  );
}

export default function Cohorts() {
  const { cohorts, people } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const busy = useNavigation().state !== "idle";
  const errorFor = (target: string) =>
    result?.target !== target ? null : result.error ? (
      <div className="form-error" role="alert">
        {result.error}
      </div>
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
        const mine = result?.target === c.id ? result : null;
        const dates = cohortDatesText({ startsOn: c.startsOn, endsOn: c.endsOn });
        return (
          <section key={c.id} className="card cohort-card" aria-labelledby={`c-${c.id}`}>
            <div className="row cohort-head">
              <h2 id={`c-${c.id}`}>{c.name}</h2>
              <span className="muted small">
                {plural(c.members.filter((m) => m.role === "trainee").length, "trainee")} · {plural(c.members.filter((m) => m.role === "mentor").length, "mentor")}
                {dates ? ` · ${dates}` : ""}
                {c.programs.length ? ` · runs ${c.programs.join(", ")}` : ""}
              </span>
            </div>
            <div className="cohort-settings">
              <Form method="post" className="row cohort-rename">
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
              <Form method="post" className="row cohort-dates">
                <input type="hidden" name="intent" value="dates" />
                <input type="hidden" name="cohortId" value={c.id} />
                <label htmlFor={`starts-${c.id}`}>Starts</label>
                <input id={`starts-${c.id}`} name="startsOn" type="date" defaultValue={c.startsOn ?? ""} />
                <label htmlFor={`ends-${c.id}`}>Ends</label>
                <input id={`ends-${c.id}`} name="endsOn" type="date" defaultValue={c.endsOn ?? ""} min={c.startsOn ?? undefined} />
                <button type="submit" className="btn btn-small">
                  Save dates
                </button>
              </Form>
              <Form method="post">
                <input type="hidden" name="intent" value="delete-ask" />
                <input type="hidden" name="cohortId" value={c.id} />
                <button type="submit" className="btn btn-small btn-quiet" disabled={busy}>
                  Delete cohort…
                </button>
              </Form>
            </div>
            {errorFor(c.id)}
            {mine?.impact ? <DeleteConfirm cohortId={c.id} impact={mine.impact} /> : null}
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role in cohort</th>
                  <th scope="col">Last activity</th>
                  <th scope="col">
                    <span className="sr-label">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {c.members.map((m) => (
                  <tr key={m.id}>
                    <td data-label="Name">
                      {m.name} {m.disabled ? <span className="pill pill-red">disabled</span> : null}
                    </td>
                    <td data-label="Email">{m.email}</td>
                    <td data-label="Role">{m.role}</td>
                    <td data-label="Last activity">{m.lastActive ? formatDateTime(m.lastActive) : <span className="muted">never</span>}</td>
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
            {/* Keyed by the member list: after an add the picker starts again at its prompt instead of
                falling to the first person left in the list. */}
            <Form method="post" className="row add-member" key={c.members.map((m) => m.id).join()}>
              <input type="hidden" name="intent" value="add" />
              <input type="hidden" name="cohortId" value={c.id} />
              <label htmlFor={`add-${c.id}`}>Add</label>
              <select id={`add-${c.id}`} name="userId" defaultValue="">
                <option value="">Choose a trainee or mentor…</option>
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
            <BulkAdd key={mine?.preview ? "preview" : "list"} cohortId={c.id} cohortName={c.name} list={mine?.preview?.list ?? ""} />
            {mine?.preview ? <BulkPreview cohortId={c.id} preview={mine.preview} /> : null}
          </section>
        );
      })}
    </div>
  );
}
