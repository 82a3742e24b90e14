import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { db } from "~/db/db.server";
import { packs } from "~/models/content.server";
import { draftPoolCounts } from "~/models/draft.server";
import { requireRole } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Content · Redline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const loaded = packs();
  const unseeded = await db()
    .selectFrom("finding_reviews")
    .innerJoin("reviews", "reviews.id", "finding_reviews.review_id")
    .innerJoin("findings", "findings.id", "finding_reviews.finding_id")
    .innerJoin("attempts", "attempts.id", "findings.attempt_id")
    .innerJoin("drafts", "drafts.id", "attempts.draft_id")
    .innerJoin("users as trainee", "trainee.id", "attempts.user_id")
    .innerJoin("users as mentor", "mentor.id", "reviews.mentor_id")
    .select([
      "findings.id",
      "findings.line_from",
      "findings.line_to",
      "findings.explanation",
      "findings.category",
      "finding_reviews.comment",
      "reviews.published_at",
      "drafts.domain",
      "drafts.source_id",
      "drafts.title",
      "drafts.generator",
      "mentor.name as mentor",
    ])
    .where("finding_reviews.unseeded", "=", 1)
    .where("reviews.status", "=", "published")
    .where("trainee.org_id", "=", admin.orgId)
    .orderBy("reviews.published_at", "desc")
    .limit(200)
    .execute();
  return {
    packs: loaded.packs.map((p) => ({
      domain: p.domain,
      name: p.name,
      categories: p.categories.length,
      sources: p.sources.length,
      sites: p.sources.reduce((n, s) => n + s.sites.length, 0),
      operators: p.operators.length,
    })),
    problems: loaded.problems.length,
    pool: await draftPoolCounts(db()),
    unseeded: unseeded.map((u) => ({
      id: u.id,
      where: `${u.domain}/${u.source_id}`,
      title: u.title,
      generator: u.generator,
      lines: u.line_from === u.line_to ? `line ${u.line_from}` : `lines ${u.line_from}–${u.line_to}`,
      explanation: u.explanation,
      category: u.category,
      mentorComment: u.comment,
      mentor: u.mentor,
      at: u.published_at,
    })),
  };
}

export default function Content() {
  const c = useLoaderData<typeof loader>();
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
