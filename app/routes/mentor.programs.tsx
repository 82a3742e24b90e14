import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ProgressTable } from "~/components/ProgressTable";
import { db } from "~/db/db.server";
import { decideSignOff, programOverview, signOffQueue, SignOffError } from "~/models/program-progress.server";
import programStyles from "~/styles/programs.css";
import { requireRole } from "~/models/auth.server";
import { formatDateTime } from "~/utils/format";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Programs · Redline" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: programStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "mentor", "admin");
  const [queue, progress] = await Promise.all([signOffQueue(db(), viewer), programOverview(db(), viewer)]);
  return { queue, progress };
}

const Decide = z.object({
  completionId: z.string().uuid("No such module to sign off"),
  decision: z.enum(["sign-off", "return"], { message: "Choose sign off or return" }),
  note: z.string().max(2000, "Note: keep it under 2000 characters").default(""),
});

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireRole(request, "mentor", "admin");
  const parsed = parseForm(Decide, await request.formData());
  if (!parsed.ok) return data({ target: "", error: Object.values(parsed.errors)[0], done: null as string | null }, { status: 400 });
  try {
    await decideSignOff(db(), viewer, parsed.data.completionId, parsed.data.decision, parsed.data.note);
    return { target: parsed.data.completionId, error: null, done: parsed.data.decision === "sign-off" ? "Signed off." : "Returned with your note." };
  } catch (e) {
    if (e instanceof SignOffError) return data({ target: parsed.data.completionId, error: e.message, done: null }, { status: 400 });
    throw e;
  }
}

export default function MentorPrograms() {
  const { queue, progress } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div>
      <h1>Program progress</h1>
      <p className="lede">Where each of your trainees stands in their program, and modules waiting for your sign-off.</p>
      {result?.done ? (
        <div className="success" role="status">
          {result.done}
        </div>
      ) : null}
      <section className="card" aria-labelledby="signoff-h">
        <h2 id="signoff-h">Sign-off queue</h2>
        {queue.length === 0 ? (
          <p className="empty">No module is waiting for sign-off.</p>
        ) : (
          <ul className="plain-list" data-testid="signoff-queue">
            {queue.map((q) => (
              <li key={q.id} className="card">
                <div>
                  <strong>{q.trainee}</strong> passed <strong>{q.module}</strong> <span className="muted small">({q.program}, {formatDateTime(q.passedAt)})</span>
                </div>
                <div className="small">
                  Mean score {q.mean ?? "–"} over {q.drafts} draft{q.drafts === 1 ? "" : "s"}
                  {q.categories.length ? " · " + q.categories.map((c) => `${c.category} ${c.hitRate} %`).join(", ") : ""}
                </div>
                <Form method="post">
                  <input type="hidden" name="completionId" value={q.id} />
                  <label htmlFor={`note-${q.id}`}>Note to the trainee (required to return)</label>
                  <textarea id={`note-${q.id}`} name="note" rows={2} />
                  {result?.target === q.id && result.error ? <div className="form-error">{result.error}</div> : null}
                  <div className="row">
                    <button type="submit" name="decision" value="sign-off" className="btn btn-primary btn-small">
                      Sign off
                    </button>
                    <button type="submit" name="decision" value="return" className="btn btn-small">
                      Return with note
                    </button>
                  </div>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="progress-h">
        <h2 id="progress-h">Trainees</h2>
        <ProgressTable rows={progress} traineeLink={(id) => `/mentor/trainees/${id}`} />
      </section>
    </div>
  );
}
