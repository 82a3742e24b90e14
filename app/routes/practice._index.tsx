import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Practice · Redline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "trainee");
  return { name: user.name };
}

export default function PracticeHome() {
  const { name } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1>Practice</h1>
      <p className="lede">Welcome, {name}. Pick a domain and start reviewing an AI-written draft.</p>
    </div>
  );
}
