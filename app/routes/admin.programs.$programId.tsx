import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { LinksFunction } from "@remix-run/node";
import programStyles from "~/styles/programs.css";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ProgramEditor } from "~/components/ProgramEditor";
import { db } from "~/db/db.server";
import { rawFromSpec, rawProgramFromForm, type RawProgram } from "~/domain/programs/program";
import { packs } from "~/models/content.server";
import { getProgram, ProgramError, saveProgram } from "~/models/program.server";
import { requireRole } from "~/models/auth.server";

export const meta: MetaFunction = () => [{ title: "Program · Redline" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: programStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const domains = packs().packs.map((p) => ({ id: p.domain, name: p.name, categories: p.categories.map((c) => c.id) }));
  if (params.programId === "new") return { id: null, version: 0, values: { modules: [] } as RawProgram, domains };
  const program = await getProgram(db(), admin.orgId, params.programId ?? "");
  if (!program) throw new Response("No such program.", { status: 404 });
  return { id: program.id, version: program.version, values: rawFromSpec(program.spec), domains };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const form = await request.formData();
  const raw = rawProgramFromForm([...form].map(([k, v]) => [k, String(v)] as [string, string]));
  const id = params.programId === "new" ? null : (params.programId ?? null);
  try {
    const saved = await saveProgram(db(), admin, id, raw);
    return redirect(`/admin/programs?saved=${saved}`);
  } catch (e) {
    // The admin's input comes back as typed: nothing is lost on a refused save.
    if (e instanceof ProgramError) return data({ errors: e.errors, values: raw }, { status: 400 });
    throw e;
  }
}

export default function ProgramEdit() {
  const { id, version, values, domains } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div>
      <p>
        <Link to="/admin/programs">← Programs</Link>
      </p>
      <h1>{id ? `Edit “${values.name}”` : "New program"}</h1>
      <p className="lede">
        {id
          ? `Version ${version}. Saving makes version ${version + 1}: trainees continue from where they are, and modules they completed stay completed as they were.`
          : "Ordered modules: each unlocks when the one before is passed (and signed off, where required)."}
      </p>
      {result?.errors ? (
        <div className="form-error" role="alert">
          The program was not saved: {Object.keys(result.errors).length} problem{Object.keys(result.errors).length === 1 ? "" : "s"} below.
        </div>
      ) : null}
      <ProgramEditor key={result ? "retry" : "load"} values={result?.values ?? values} errors={result?.errors ?? {}} domains={domains} submitLabel={id ? "Save new version" : "Create program"} />
    </div>
  );
}
