import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Review queue · Redline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "mentor", "admin");
  return { name: user.name };
}

export default function MentorHome() {
  const { name } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1>Review queue</h1>
      <p className="lede">Welcome, {name}. Submitted attempts of your trainees appear here, oldest first.</p>
      <div className="card empty">Nothing to review yet.</div>
    </div>
  );
}
