import { describe, expect, it } from "vitest";
import { deadlineKey, deadlineTitle, noticeList, type LiveDeadline, type StoredNotice } from "./deadline-notices";

const due = (over: Partial<LiveDeadline> = {}): LiveDeadline => ({
  userId: "u1",
  programId: "p1",
  programName: "First weeks",
  moduleKey: "m1",
  moduleTitle: "Code review basics",
  dueAt: "2026-03-10T00:00:00.000Z",
  overdue: true,
  ...over,
});
const stored = (d: LiveDeadline, id: string, createdAt: string): StoredNotice => ({ id, kind: d.overdue ? "overdue" : "due-soon", title: deadlineTitle(d), link: "/practice", createdAt, unread: true, dedupeKey: deadlineKey(d) });
const feedback: StoredNotice = { id: "n-feedback", kind: "feedback", title: "Feedback on Orders query", link: "/practice/results/a1", createdAt: "2026-03-09T08:00:00.000Z", unread: false, dedupeKey: "feedback:r1" };

describe("deadline notices", () => {
  it("shows a deadline once when the sweep has stored it, marked as still standing", () => {
    const overdue = due();
    const list = noticeList([stored(overdue, "n-overdue", "2026-03-10T01:00:00.000Z"), feedback], [overdue]);
    expect(list.map((e) => [e.id, e.current])).toEqual([
      ["n-overdue", "overdue"],
      ["n-feedback", null],
    ]);
    expect(list.filter((e) => e.title.startsWith("Overdue: Code review basics"))).toHaveLength(1);
  });

  it("shows a live deadline the sweep has not stored yet, once, first and not counted unread", () => {
    const soon = due({ moduleKey: "m2", moduleTitle: "Loops", dueAt: "2026-03-12T00:00:00.000Z", overdue: false });
    const list = noticeList([feedback], [soon]);
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({ title: "Due soon: Loops (First weeks), due 2026-03-12", current: "due-soon", unread: false, createdAt: null, link: "/practice" });
    expect(list[1].id).toBe("n-feedback");
  });

  it("keeps a stored deadline as a record once it no longer stands: module done, or due soon turned overdue", () => {
    const soon = due({ overdue: false });
    const nowOverdue = due({ overdue: true });
    const list = noticeList([stored(soon, "n-soon", "2026-03-08T00:00:00.000Z")], [nowOverdue]);
    expect(list.map((e) => [e.title.split(":")[0], e.current])).toEqual([
      ["Overdue", "overdue"],
      ["Due soon", null],
    ]);
    expect(noticeList([stored(soon, "n-soon", "2026-03-08T00:00:00.000Z")], [])).toMatchObject([{ id: "n-soon", current: null }]);
  });

  it("treats a due date moved by a program edit as a new event", () => {
    const before = due();
    const moved = due({ dueAt: "2026-03-17T00:00:00.000Z" });
    const list = noticeList([stored(before, "n-old", "2026-03-10T01:00:00.000Z")], [moved]);
    expect(list.map((e) => [e.id, e.current])).toEqual([
      ["deadline-0", "overdue"],
      ["n-old", null],
    ]);
  });
});
