// "Due soon" and "overdue" as stored notifications (decision 123): a sweep over every trainee
// with a program stores one notification per trainee × program × module × kind × due date, so
// they count as unread and go out by email like the other notifications (decision 121). The
// sweep runs at start-up, then periodically in the server process, and from
// `npm run notify:deadlines`. It is idempotent: the dedupe key makes a second sweep, or a sweep
// on another instance at the same time, store and mail nothing new.
import type { Database } from "~/db/db.server";
import { notify } from "./notification.server";
import { traineePrograms } from "./program-progress.server";

export interface SweepResult {
  /** Trainees with at least one program. */
  trainees: number;
  /** Modules due soon or overdue found by this sweep (already notified ones included). */
  deadlines: number;
}

/** The dedupe key of a deadline notification: a due date moved by a program edit is a new event. */
export const deadlineKey = (kind: "due-soon" | "overdue", userId: string, programId: string, moduleKey: string, dueAt: string) => `${kind}:${userId}:${programId}:${moduleKey}:${dueAt}`;

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
    for (const p of await traineePrograms(db, userId, now)) {
      for (const m of p.modules) {
        if (!m.dueAt || !(m.overdue || m.dueSoon)) continue;
        const kind = m.overdue ? "overdue" : "due-soon";
        const due = m.dueAt.slice(0, 10);
        deadlines++;
        await notify(db, userId, {
          kind,
          title: `${m.overdue ? "Overdue" : "Due soon"}: ${m.module.title} (${p.name}), due ${due}`,
          link: "/practice",
          dedupeKey: deadlineKey(kind, userId, p.programId, m.module.key, m.dueAt),
        });
      }
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
