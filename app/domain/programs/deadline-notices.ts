// Deadline notices: "Due soon" and "Overdue" are stored as notifications by a sweep (decision
// 123) and are also known live from the program as it stands. The notifications page shows each
// event once (decision 124). Pure.

export type DeadlineKind = "due-soon" | "overdue";

/** A module that is due soon or overdue right now. */
export interface LiveDeadline {
  userId: string;
  programId: string;
  programName: string;
  moduleKey: string;
  moduleTitle: string;
  /** ISO date-time the module is due. */
  dueAt: string;
  overdue: boolean;
}

/** The event's identity: a due date moved by a program edit is a new event. */
export const deadlineKey = (d: Pick<LiveDeadline, "userId" | "programId" | "moduleKey" | "dueAt" | "overdue">) =>
  `${deadlineKind(d)}:${d.userId}:${d.programId}:${d.moduleKey}:${d.dueAt}`;

export const deadlineKind = (d: Pick<LiveDeadline, "overdue">): DeadlineKind => (d.overdue ? "overdue" : "due-soon");

/** What the trainee reads, in the list and in the mail. */
export const deadlineTitle = (d: Pick<LiveDeadline, "overdue" | "moduleTitle" | "programName" | "dueAt">) =>
  `${d.overdue ? "Overdue" : "Due soon"}: ${d.moduleTitle} (${d.programName}), due ${d.dueAt.slice(0, 10)}`;

/** Where a deadline notice leads: the trainee's program and its next exercise. */
export const DEADLINE_LINK = "/practice";

export interface StoredNotice {
  id: string;
  kind: string;
  title: string;
  link: string;
  createdAt: string;
  unread: boolean;
  /** The stored dedupe key (never sent to the browser). */
  dedupeKey: string;
}

export interface NoticeEntry {
  /** The stored notification's id, or `deadline-<n>` for a live deadline not stored yet. */
  id: string;
  kind: string;
  title: string;
  link: string;
  /** When it was stored; null for a live deadline not stored yet. */
  createdAt: string | null;
  unread: boolean;
  /** The deadline still stands (the module is not done): shown as a warning. */
  current: DeadlineKind | null;
}

/**
 * The list the trainee sees: every stored notification once, newest first, with the deadlines
 * that still stand marked current; a live deadline the sweep has not stored yet (it runs hourly)
 * comes first, once. A stored deadline whose module was since completed, or that turned from due
 * soon to overdue, stays as the record it is, no longer current.
 */
export function noticeList(stored: readonly StoredNotice[], live: readonly LiveDeadline[]): NoticeEntry[] {
  const liveByKey = new Map(live.map((d) => [deadlineKey(d), d]));
  const storedKeys = new Set(stored.map((n) => n.dedupeKey));
  const pending: NoticeEntry[] = live
    .filter((d) => !storedKeys.has(deadlineKey(d)))
    .map((d, i) => ({ id: `deadline-${i}`, kind: deadlineKind(d), title: deadlineTitle(d), link: DEADLINE_LINK, createdAt: null, unread: false, current: deadlineKind(d) }));
  const listed = stored.map((n) => {
    const d = liveByKey.get(n.dedupeKey);
    return { id: n.id, kind: n.kind, title: n.title, link: n.link, createdAt: n.createdAt, unread: n.unread, current: d ? deadlineKind(d) : null };
  });
  return [...pending, ...listed];
}
