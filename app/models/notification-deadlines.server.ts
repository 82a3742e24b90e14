// "Due soon" and "overdue" as stored notifications (decision 123): a sweep over every trainee
// with a program stores one notification per trainee × program × module × kind × due date, so
// they count as unread and go out by email like the other notifications (decision 121). The
// sweep runs at start-up, then periodically in the server process, and from
// `npm run notify:deadlines`. It is idempotent: the dedupe key makes a second sweep, or a sweep
// on another instance at the same time, store and mail nothing new.
import type { Database } from "~/db/db.server";
import { DEADLINE_LINK, deadlineKey, deadlineKind, deadlineTitle, noticeList, type LiveDeadline, type NoticeEntry } from "~/domain/programs/deadline-notices";
import { listNotifications, notify } from "./notification.server";
import { traineePrograms } from "./program-progress.server";

export interface SweepResult {
  /** Trainees with at least one program. */
  trainees: number;
  /** Modules due soon or overdue found by this sweep (already notified ones included). */
  deadlines: number;
}

/** The trainee's modules that are due soon or overdue now, read from their programs as they stand. */
export async function liveDeadlines(db: Database, userId: string, now = new Date()): Promise<LiveDeadline[]> {
  const out: LiveDeadline[] = [];
  for (const p of await traineePrograms(db, userId, now)) {
    for (const m of p.modules) {
      if (m.dueAt && (m.overdue || m.dueSoon)) out.push({ userId, programId: p.programId, programName: p.name, moduleKey: m.module.key, moduleTitle: m.module.title, dueAt: m.dueAt, overdue: m.overdue });
    }
  }
  return out;
}

/** Stores a notification for every module that is due soon or overdue and not yet notified. */
export async function sweepDeadlines(db: Database, now = new Date()): Promise<SweepResult> {
  const trainees = await db
    .selectFrom("program_assignments")
    .innerJoin("cohort_members", "cohort_members.cohort_id", "program_assignments.cohort_id")
    .select("cohort_members.user_id")
    .where("cohort_members.member_role", "=", "trainee")
    .distinct()
    .orderBy("cohort_members.user_id")
    .execute();
  let deadlines = 0;
  for (const { user_id: userId } of trainees) {
    for (const d of await liveDeadlines(db, userId, now)) {
      deadlines++;
      await notify(db, userId, { kind: deadlineKind(d), title: deadlineTitle(d), link: DEADLINE_LINK, dedupeKey: deadlineKey(d) });
    }
  }
  return { trainees: trainees.length, deadlines };
}

/** Minutes between sweeps in the server process. */
export const SWEEP_MINUTES = 60;

/**
 * Sweeps now and then every `minutes` in this process; a failed sweep is logged and the next one
 * tries again (it never stops the server). Returns a function that stops the timer.
 */
export function startDeadlineSweeps(db: Database, minutes = SWEEP_MINUTES): () => void {
  const run = () =>
    sweepDeadlines(db).catch((e: unknown) => {
      console.error(`Deadline notifications could not be swept: ${(e as Error).message}`);
    });
  void run();
  const timer = setInterval(() => void run(), minutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * The notifications page: the stored notifications with each deadline shown once — a deadline
 * the sweep stored is marked as still standing, one it has not stored yet is added live
 * (decision 124). Trainees only have deadlines; a GET writes nothing.
 */
export async function notificationsPage(db: Database, user: { id: string; role: string }, now = new Date()): Promise<{ items: NoticeEntry[]; unread: number }> {
  const [items, keys, live] = await Promise.all([
    listNotifications(db, user.id),
    db.selectFrom("notifications").select(["id", "dedupe_key"]).where("user_id", "=", user.id).where("kind", "in", ["due-soon", "overdue"]).execute(),
    user.role === "trainee" ? liveDeadlines(db, user.id, now) : Promise.resolve([]),
  ]);
  const keyOf = new Map(keys.map((k) => [k.id, k.dedupe_key]));
  const list = noticeList(
    items.map((n) => ({ ...n, dedupeKey: keyOf.get(n.id) ?? n.id })),
    live,
  );
  return { items: list, unread: items.filter((i) => i.unread).length };
}
