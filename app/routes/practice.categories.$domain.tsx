import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { packFor } from "~/models/content.server";
import { requireUser } from "~/models/auth.server";

export const meta: MetaFunction = () => [{ title: "Flaw categories · Redline" }];

const FAMILY = { drift: "Drift from the brief", hallucination: "Invented facts", overclaim: "Unsupported claims", classic: "Domain classics" } as const;

/** The taxonomy is public: what each category means, never which ones a draft contains. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const pack = packFor(params.domain ?? "");
  if (!pack) throw new Response("No such domain.", { status: 404 });
  return {
    name: pack.name,
    categories: pack.categories.map((c) => ({ id: c.id, name: c.name, family: c.family, description: c.description, severity: c.severity })),
  };
}

export default function Categories() {
  const { name, categories } = useLoaderData<typeof loader>();
  return (
    <div>
      <p className="crumbs small">
        <Link to="/practice">Practice</Link>
      </p>
      <h1>Flaw categories: {name}</h1>
      {(Object.keys(FAMILY) as (keyof typeof FAMILY)[]).map((f) => (
        <section key={f} className="card">
          <h2>{FAMILY[f]}</h2>
          <dl className="categories">
            {categories
              .filter((c) => c.family === f)
              .map((c) => (
                <div key={c.id}>
                  <dt>
                    {c.name} <span className="muted small">· usually {c.severity === 3 ? "critical" : c.severity === 2 ? "major" : "minor"}</span>
                  </dt>
                  <dd>{c.description}</dd>
                </div>
              ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
