import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { PostButton } from "~/components/PostButton";
import { db } from "~/db/db.server";
import { listSessions, revokeOtherSessions, revokeSession } from "~/models/session.server";
import { requireUser, sessionPolicy, sessionToken } from "~/models/auth.server";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Your sessions · Redline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const policy = sessionPolicy();
  return {
    sessions: await listSessions(db(), user.id, await sessionToken(request), policy),
    idleHours: policy.idleMs / 3_600_000,
    maxDays: policy.absoluteMs / 86_400_000,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent === "revoke-others") {
    const n = await revokeOtherSessions(db(), user.id, await sessionToken(request));
    return { ok: true as const, message: n ? `Signed out ${n} other session${n === 1 ? "" : "s"}.` : "There were no other sessions." };
  }
  if (intent === "revoke") {
    const handle = String(form.get("session") ?? "");
    if (!/^[0-9a-f]{16}$/.test(handle)) return data({ ok: false as const, message: "Choose a session from the list." }, { status: 400 });
    if (!(await revokeSession(db(), user.id, handle))) return data({ ok: false as const, message: "That session has already ended." }, { status: 404 });
    return { ok: true as const, message: "Session ended. That browser is signed out." };
  }
  return data({ ok: false as const, message: "Unknown action: choose “Sign out” next to a session." }, { status: 400 });
}

export default function Sessions() {
  const { sessions, idleHours, maxDays } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="narrow">
      <h1>Your sessions</h1>
      <p className="lede">
        Browsers signed in to your account. A session ends after {idleHours} hours without use, and {maxDays} days after signing in at the latest.
      </p>
      {result ? (
        <div className={result.ok ? "success" : "form-error"} role="status">
          {result.message}
        </div>
      ) : null}
      <table className="data" data-testid="sessions">
        <thead>
          <tr>
            <th>Browser</th>
            <th>Address</th>
            <th>Signed in</th>
            <th>Last used</th>
            <th>
              <span className="sr-label">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.handle}>
              <td className="user-text">
                {s.device}
                {s.current ? <span className="pill pill-green">this browser</span> : null}
              </td>
              <td className="user-text">{s.client ?? "—"}</td>
              <td>{formatDateTime(s.createdAt)}</td>
              <td>{formatDateTime(s.lastSeenAt)}</td>
              <td>
                <PostButton action={s.current ? "/logout" : undefined} fields={s.current ? {} : { intent: "revoke", session: s.handle }}>
                  Sign out
                </PostButton>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sessions.length > 1 ? (
        <PostButton formClassName="row" className="btn" fields={{ intent: "revoke-others" }}>
          Sign out every other session
        </PostButton>
      ) : null}
    </div>
  );
}
