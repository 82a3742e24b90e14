// A completion certificate: public at its unguessable id so anyone given the link can verify it.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { db } from "~/db/db.server";
import { getCertificate } from "~/models/program-progress.server";
import programStyles from "~/styles/programs.css";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Certificate · ${data.trainee} · ${data.program}` : "Certificate · Redline" }, { name: "robots", content: "noindex" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: programStyles }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const cert = await getCertificate(db(), params.id ?? "");
  if (!cert) throw new Response("No certificate with this id. Check the link you were given.", { status: 404 });
  return { ...cert, url: `${new URL(request.url).origin}/certificates/${cert.id}` };
}

export default function Certificate() {
  const c = useLoaderData<typeof loader>();
  return (
    <article className="certificate" data-testid="certificate">
      <p className="muted">{c.organisation} · Redline review training</p>
      <h1>Certificate of completion</h1>
      <p>
        This certifies that <strong>{c.trainee}</strong> completed the program <strong>{c.program}</strong> (version {c.version}), started {formatDate(`${c.startDate}T00:00:00Z`)}, on{" "}
        {formatDate(c.issuedAt)}.
      </p>
      <table className="data">
        <thead>
          <tr>
            <th>Module</th>
            <th>Passed</th>
            <th className="num">Mean score</th>
            <th>Hit rate per category</th>
            <th>Signed off by</th>
          </tr>
        </thead>
        <tbody>
          {c.modules.map((m) => (
            <tr key={m.title}>
              <td>{m.title}</td>
              <td>{formatDate(m.passedAt)}</td>
              <td className="num">{m.mean ?? "–"}</td>
              <td className="small">{m.categories.map((x) => `${x.category} ${x.hitRate} % (${x.flaws})`).join(", ") || "–"}</td>
              <td>{m.signedOffBy ? `${m.signedOffBy}, ${formatDate(m.signedOffAt!)}` : <span className="muted">not required</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="verify">
        Verify at {c.url} · certificate {c.id}
      </p>
      <p className="no-print">
        <button type="button" className="btn" onClick={() => window.print()}>
          Print
        </button>
      </p>
    </article>
  );
}
