import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "~/db/db.server";
import { InvalidInputError } from "~/domain/errors";
import { gradingModel } from "~/models/ai-grading.server";
import { requireRole } from "~/models/auth.server";
import { organisationSettings, setModelGrading } from "~/models/organisation-settings.server";
import { formatDateTime } from "~/utils/format";
import mentorAdminStyles from "~/styles/mentor-admin.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: mentorAdminStyles }];

export const meta: MetaFunction = () => [{ title: "Settings · Redline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  return { settings: await organisationSettings(db(), admin.orgId, gradingModel()) };
}

/** The organisation's settings: today, whether the model's explanation grade is the automatic one. */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent !== "model-grading-on" && intent !== "model-grading-off") {
    return data({ ok: false as const, error: "Unknown action: choose to turn model grading on or off." }, { status: 400 });
  }
  try {
    const settings = await setModelGrading(db(), admin, intent === "model-grading-on", gradingModel());
    return { ok: true as const, settings };
  } catch (e) {
    if (e instanceof InvalidInputError) return data({ ok: false as const, error: e.message }, { status: 400 });
    throw e;
  }
}

export default function AdminSettings() {
  const { settings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const s = result?.ok ? result.settings : settings;
  return (
    <main>
      <h1>Settings</h1>
      <section className="card" aria-labelledby="model-grading-h">
        <h2 id="model-grading-h">Explanation grading</h2>
        <p>
          Each explanation a trainee writes is graded automatically; a mentor can always change the grade when reviewing. By default the
          built-in matcher grades it, from the key points of each flaw. With model grading on, the model grades each explanation after
          submission, and its grade becomes the automatic one for your organisation&apos;s attempts. The trainee&apos;s results say which
          model graded their explanations; if the model&apos;s grade changes a score the trainee has already seen, the change is listed on their
          results. When the model cannot grade an explanation (no answer in time, an unreadable answer, a refusal), the matcher&apos;s grade
          stays.
        </p>
        <p data-testid="model-grading-state">
          Model grading is <strong>{s.modelGrading ? "on" : "off"}</strong>
          {s.model ? (
            <>
              {" "}
              — the model on this server is <strong>{s.model}</strong>
            </>
          ) : (
            <> — no model is configured on this server, so the matcher grades</>
          )}
          .{s.updatedAt ? ` Last changed ${formatDateTime(s.updatedAt)}.` : ""}
        </p>
        {result && !result.ok ? (
          <p className="error" role="alert">
            {result.error}
          </p>
        ) : null}
        <Form method="post">
          {s.modelGrading ? (
            <button type="submit" name="intent" value="model-grading-off">
              Turn model grading off
            </button>
          ) : (
            <button type="submit" name="intent" value="model-grading-on" disabled={!s.model}>
              Turn model grading on
            </button>
          )}
        </Form>
        <p className="small muted">
          How the model and your mentors agree is on <Link to="/mentor/calibration">Calibration</Link>.
        </p>
      </section>
    </main>
  );
}
