// In-app notifications: new feedback, sign-off results, due soon, overdue, certificates.
import crypto from "node:crypto";
import type { Database } from "~/db/db.server";
import { mailNotification } from "./notification-mail.server";

export interface NotificationInput {
  kind: string;
  title: string;
  link: string;
  /** The same event never notifies twice (e.g. "overdue" once per module). */
  dedupeKey: string;
}

/** Stores the notification (once per dedupe key) and, with SMTP settings, mails a copy in the background. */
export async function notify(db: Database, userId: string, n: NotificationInput): Promise<void> {
  const res = await db
    .insertInto("notifications")
    .values({ id: crypto.randomUUID(), user_id: userId, kind: n.kind, title: n.title, link: n.link, dedupe_key: n.dedupeKey, created_at: new Date().toISOString(), read_at: null })
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .executeTakeFirst();
  if (Number(res.numInsertedOrUpdatedRows ?? 0) === 1) await mailNotification(db, userId, n);
}

export async function listNotifications(db: Database, userId: string, limit = 50) {
  const rows = await db.selectFrom("notifications").select(["id", "kind", "title", "link", "created_at", "read_at"]).where("user_id", "=", userId).orderBy("created_at", "desc").limit(limit).execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, link: r.link, createdAt: r.created_at, unread: r.read_at === null }));
}

export async function unreadCount(db: Database, userId: string): Promise<number> {
  const row = await db.selectFrom("notifications").select((eb) => eb.fn.countAll<number>().as("n")).where("user_id", "=", userId).where("read_at", "is", null).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function markAllRead(db: Database, userId: string): Promise<void> {
  await db.updateTable("notifications").set({ read_at: new Date().toISOString() }).where("user_id", "=", userId).where("read_at", "is", null).execute();
}
