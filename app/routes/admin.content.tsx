import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { db } from "~/db/db.server";
import { contentOverview } from "~/models/content-overview.server";
import { decidePhraseChange } from "~/models/matcher-overlay.server";
import { rescoreStoredAttempts } from "~/models/rescore.server";
import { requireRole } from "~/models/auth.server";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Content · Redline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  return contentOverview(db(), admin);
}

/** An admin accepts or rejects a proposed phrase change; an accepted one rescores at once. */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const form = await request.formData();
  const intent = form.get("intent");
  const decision = intent === "accept" ? "accept" : intent === "reject" ? "reject" : null;
  if (decision === null) return data({ ok: false as const, error: "Unknown action." }, { status: 400 });
  const input = { domain: form.get("domain"), keyPoint: form.get("keyPoint"), kind: form.get("kind"), phrase: form.get("phrase"), evidence: form.get("evidence"), decision };
  const result = await decidePhraseChange(db(), admin, input);
  if (!result.ok) return data({ ok: false as const, error: result.error }, { status: 400 });
  if (result.version === null) return { ok: true as const, message: `Rejected “${String(input.phrase)}”; it will not be proposed again.` };
  const r = await rescoreStoredAttempts(db(), { reason: `phrase change accepted (overlay version ${result.version})` });
  return { ok: true as const, message: `Accepted as overlay version ${result.version}. Rescored: ${r.changed} of ${r.scanned} submitted attempt(s) changed; trainees see each change on their results page.` };
}

export default function Content() {
  const c = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <div>
      <h1>Content</h1>
      <p className="lede">The domain packs that drafts are generated from, the practice pool, and real flaws trainees found that an answer key lacked.</p>
      <section className="card">
        <h2>Packs</h2>
        {c.problems ? <div className="form-error">The packs have {c.problems} problem(s). Run npm run content:check for details.</div> : null}
        <table className="data">
          <thead>
            <tr>
              <th>Domain</th>
              <th className="num">Categories</th>
              <th className="num">Sources</th>
              <th className="num">Flaw sites</th>
              <th className="num">Operators</th>
              <th className="num">Drafts in pool</th>
            </tr>
          </thead>
          <tbody>
            {c.packs.map((p) => (
              <tr key={p.domain}>
                <td>{p.name}</td>
                <td className="num">{p.categories}</td>
                <td className="num">{p.sources}</td>
                <td className="num">{p.sites}</td>
                <td className="num">{p.operators}</td>
                <td className="num">{c.pool.filter((x) => x.domain === p.domain).reduce((n, x) => n + x.count, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="small muted">
          Generate more drafts with <Link to="/admin/generation">Generation</Link>. Categories where the automatic grader and mentors disagree are on{" "}
          <Link to="/mentor/calibration">Calibration</Link>.
        </p>
      </section>
      <section className="card" aria-labelledby="teach-h">
        <h2 id="teach-h">Teach the matcher ({c.proposals.length})</h2>
        <p className="small muted">
          Explanations mentors graded 3 that the matcher credited little, and explanations graded 0–1 it credited much, suggest phrase changes per key point. Accepted changes
          form a new version of the pack's phrases; stored attempts are rescored and trainees see what changed. A change that would stop a key point matching its own model
          explanation is refused.
        </p>
        {done ? (
          <div className={done.ok ? "notice" : "form-error"} role={done.ok ? "status" : "alert"}>
            {done.ok ? done.message : done.error}
          </div>
        ) : null}
        {c.proposals.length === 0 ? (
          <p className="empty">No proposals: mentors' grades and the matcher agree.</p>
        ) : (
          c.proposals.map((p) => (
            <Form method="post" key={`${p.domain}|${p.keyPoint}|${p.kind}`} className="proposal" aria-label={`Proposal for ${p.keyPoint}`}>
              <input type="hidden" name="domain" value={p.domain} />
              <input type="hidden" name="keyPoint" value={p.keyPoint} />
              <input type="hidden" name="kind" value={p.kind} />
              <input type="hidden" name="evidence" value={JSON.stringify(p.evidence)} />
              <h3>
                {p.domainName}: “{p.keyPoint}”
              </h3>
              <label>
                {p.kind === "add" ? "Add the phrase" : "Retire the phrase"}{" "}
                <input name="phrase" defaultValue={p.phrase} readOnly={p.kind === "retire"} maxLength={120} required />
              </label>
              <table className="data">
                <thead>
                  <tr>
                    <th>Explanation</th>
                    <th className="num">Mentor grade</th>
                    <th className="num">Matcher</th>
                  </tr>
                </thead>
                <tbody>
                  {p.evidence.map((e, i) => (
                    <tr key={i}>
                      <td>{e.explanation}</td>
                      <td className="num">{e.grade} / 3</td>
                      <td className="num">{e.matcherPercent} %</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div className="row">
                <button type="submit" name="intent" value="accept" disabled={busy}>
                  Accept
                </button>
                <button type="submit" name="intent" value="reject" className="secondary" disabled={busy}>
                  Reject
                </button>
              </div>
            </Form>
          ))
        )}
        {c.overlays.length > 0 ? (
          <>
            <h3>Accepted versions</h3>
            <ul className="small">
              {c.overlays.map((o) => (
                <li key={`${o.domainName}-${o.version}`}>
                  {o.domainName} version {o.version}: {o.changes} phrase change{o.changes === 1 ? "" : "s"}, {formatDateTime(o.at)}
                  {o.by ? ` by ${o.by}` : ""}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <section className="card">
        <h2>Unseeded finds ({c.unseeded.length})</h2>
        <p className="small muted">Findings a mentor marked as a real flaw that is not in the answer key. Add them to the pack (or fix the source) so the next trainee is not marked down for them.</p>
        {c.unseeded.length === 0 ? (
          <p className="empty">None reported.</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>Source</th>
                <th>Where</th>
                <th>Trainee's explanation</th>
                <th>Mentor</th>
              </tr>
            </thead>
            <tbody>
              {c.unseeded.map((u) => (
                <tr key={u.id}>
                  <td>
                    <code>{u.where}</code>
                    <div className="muted small">{u.generator}</div>
                  </td>
                  <td>{u.lines}</td>
                  <td>
                    {u.explanation}
                    {u.mentorComment ? <div className="small muted">Mentor: {u.mentorComment}</div> : null}
                  </td>
                  <td>
                    {u.mentor}
                    <div className="muted small">{u.at ? formatDateTime(u.at) : ""}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
