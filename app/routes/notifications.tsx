import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { db } from "~/db/db.server";
import { listNotifications, markAllRead } from "~/models/notification.server";
import { traineePrograms } from "~/models/program-progress.server";
import { requireUser } from "~/models/auth.server";
import { formatDate, formatDateTime } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Notifications · Redline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [items, programs] = await Promise.all([listNotifications(db(), user.id), user.role === "trainee" ? traineePrograms(db(), user.id) : Promise.resolve([])]);
  // Deadlines are read from the program as it stands (no write on a GET).
  const deadlines = programs.flatMap((p) => p.modules.filter((m) => m.overdue || m.dueSoon).map((m) => ({ key: `${p.programId}-${m.module.key}`, overdue: m.overdue, title: `${m.module.title} (${p.name})`, dueAt: m.dueAt! })));
  return { items, deadlines, unread: items.filter((i) => i.unread).length };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await markAllRead(db(), user.id);
  return { ok: true };
}

export default function Notifications() {
  const { items, deadlines, unread } = useLoaderData<typeof loader>();
  return (
    <div>
      <div className="row">
        <h1>
          Notifications {unread ? <span className="badge" data-testid="unread-count">{unread}</span> : null}
        </h1>
        <span className="spacer" />
        {unread ? (
          <Form method="post">
            <button type="submit" className="btn btn-small">
              Mark all read
            </button>
          </Form>
        ) : null}
      </div>
      {deadlines.map((d) => (
        <div key={d.key} className={d.overdue ? "form-error" : "warning"} role="status">
          {d.overdue ? "Overdue" : "Due soon"}: {d.title} — due {formatDate(d.dueAt)}. <Link to="/practice">Continue</Link>
        </div>
      ))}
      {items.length === 0 ? (
        <p className="card empty">Nothing yet. Mentor feedback and sign-off results will appear here.</p>
      ) : (
        <ul className="card plain-list">
          {items.map((n) => (
            <li key={n.id}>
              {n.unread ? <span className="badge">new</span> : null} <Link to={n.link}>{n.title}</Link> <span className="muted small">{formatDateTime(n.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
