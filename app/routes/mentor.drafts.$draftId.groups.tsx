import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { db } from "~/db/db.server";
import { explanationGroups, gradeGroup } from "~/models/groups.server";
import { requireRole } from "~/models/auth.server";
import { domainCall } from "~/utils/http.server";
import { ShownText } from "~/components/ShownText";

export const meta: MetaFunction = () => [{ title: "Explanation groups · Redline" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "mentor", "admin");
  return domainCall(() => explanationGroups(db(), viewer, params.draftId!));
}

const GroupGrade = z.object({
  findingIds: z.string().min(1, "This group has no findings"),
  verdict: z.enum(["", "correct", "partly", "wrong"], { message: "Choose a verdict from the list" }),
  grade: z.enum(["", "0", "1", "2", "3"], { message: "Grades are 0 to 3" }),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireRole(request, "mentor", "admin");
  const form = await request.formData();
  const parsed = GroupGrade.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data({ ok: false as const, message: parsed.error.issues[0].message }, { status: 400 });
  const { findingIds, verdict, grade } = parsed.data;
  if (!verdict && !grade) return data({ ok: false as const, message: "Choose a verdict or a grade for the group" }, { status: 400 });
  const r = await domainCall(() => gradeGroup(db(), viewer, params.draftId!, findingIds.split(","), verdict || null, grade ? (Number(grade) as 0 | 1 | 2 | 3) : null));
  const n = r.graded;
  const skipped = r.skipped.length
    ? ` Not changed, because your review of their attempt is published: ${r.skipped.map((s) => `${s.trainee} (${s.findings} finding${s.findings === 1 ? "" : "s"})`).join(", ")}. Open those reviews to start a new revision.`
    : "";
  return { ok: true as const, message: `Graded ${n} finding${n === 1 ? "" : "s"}. They are saved in each attempt's review draft; adjust individuals and publish from the review pages.${skipped}` };
}

export default function Groups() {
  const g = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div>
      <p className="crumbs small">
        <Link to="/mentor">Review queue</Link> · {g.draft.domain}
      </p>
      <h1>Explanation groups: {g.draft.title}</h1>
      <p className="lede">Findings of your trainees on each seeded flaw, grouped by the key points they cover and their wording. Grade a group at once, then adjust individuals.</p>
      {result ? <div className={result.ok ? "success" : "form-error"}>{result.message}</div> : null}
      {g.flaws.map((f) => (
        <section key={f.id} className="card" aria-labelledby={`flaw-${f.id}`}>
          <h2 id={`flaw-${f.id}`}>
            {f.category} <span className="muted small">lines {f.lines.from}–{f.lines.to}</span>
          </h2>
          <p className="small"><ShownText text={f.explanation} /></p>
          {f.groups.length === 0 ? <p className="muted">No trainee found this flaw yet.</p> : null}
          {f.groups.map((group, i) => (
            <div key={i} className="group-box">
              <div className="row">
                <strong>
                  Group {i + 1} · {group.members.length} finding{group.members.length === 1 ? "" : "s"}
                </strong>
                <span className="small muted">
                  covers: {f.keyPoints.filter((_, j) => group.covered[j]).join("; ") || "no key point"}
                </span>
              </div>
              <ul className="plain-list small">
                {group.members.map((m) => (
                  <li key={m.id}>
                    <strong>{m.trainee}</strong>: {m.text}{" "}
                    {m.mine?.grade !== null && m.mine?.grade !== undefined ? <span className="pill">graded {m.mine.grade}/3</span> : null}{" "}
                    {m.published ? <span className="pill pill-blue" title="Group grading will not change a published review">published, not changed here</span> : null}{" "}
                    <Link to={`/mentor/attempts/${m.attemptId}#fr-${m.id}`}>adjust</Link>
                  </li>
                ))}
              </ul>
              <Form method="post" className="row">
                <input type="hidden" name="findingIds" value={group.members.map((m) => m.id).join(",")} />
                <label htmlFor={`gv-${f.id}-${i}`}>Verdict</label>
                <select id={`gv-${f.id}-${i}`} name="verdict" defaultValue="">
                  <option value="">Keep automatic</option>
                  <option value="correct">Correct</option>
                  <option value="partly">Partly right</option>
                  <option value="wrong">Wrong</option>
                </select>
                <label htmlFor={`gg-${f.id}-${i}`}>Explanation</label>
                <select id={`gg-${f.id}-${i}`} name="grade" defaultValue="">
                  <option value="">—</option>
                  <option value="0">0</option>
                  <option value="1">1</option>
                  <option value="2">2</option>
                  <option value="3">3</option>
                </select>
                <button type="submit" className="btn btn-small">
                  Grade this group
                </button>
              </Form>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}
