import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PostButton } from "~/components/PostButton";
import { db } from "~/db/db.server";
import { notificationsPage } from "~/models/notification-deadlines.server";
import { markAllRead } from "~/models/notification.server";
import { requireUser } from "~/models/auth.server";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Notifications · Redline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return notificationsPage(db(), user);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await markAllRead(db(), user.id);
  return { ok: true };
}

export default function Notifications() {
  const { items, unread } = useLoaderData<typeof loader>();
  return (
    <div>
      <div className="row">
        <h1>
          Notifications {unread ? <span className="badge" data-testid="unread-count">{unread}</span> : null}
        </h1>
        <span className="spacer" />
        {unread ? <PostButton>Mark all read</PostButton> : null}
      </div>
      {items.length === 0 ? (
        <p className="card empty">Nothing yet. Mentor feedback, sign-off results and deadlines (due soon, overdue) will appear here.</p>
      ) : (
        <ul className="card plain-list">
          {items.map((n) => (
            <li key={n.id} className={n.current === "overdue" ? "form-error" : n.current === "due-soon" ? "warning" : undefined} data-testid={n.current ? "deadline" : undefined}>
              {n.unread ? <span className="badge">new</span> : null} <Link to={n.link}>{n.title}</Link> {n.createdAt ? <span className="muted small">{formatDateTime(n.createdAt)}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
