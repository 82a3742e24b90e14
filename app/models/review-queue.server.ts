// The mentor's queue: submitted attempts of their trainees, oldest first, with filters and counts.
import type { Database } from "~/db/db.server";
import { programWork, visibleTraineeIds, type Viewer } from "./scope.server";

export interface QueueFilters {
  tab: "todo" | "mine" | "all";
  cohort?: string;
  trainee?: string;
  domain?: string;
  program?: string;
  module?: string;
  band?: "low" | "mid" | "high";
  limit?: number;
}

export const SCORE_BANDS = { low: [0, 50], mid: [50, 80], high: [80, 100.01] } as const;

function base(db: Database, viewer: Viewer, f: Omit<QueueFilters, "tab">) {
  let q = db
    .selectFrom("attempts")
    .where("attempts.status", "=", "submitted")
    .where("attempts.user_id", "in", visibleTraineeIds(db, viewer));
  if (f.cohort) q = q.where("attempts.user_id", "in", db.selectFrom("cohort_members").select("user_id").where("cohort_id", "=", f.cohort).where("member_role", "=", "trainee"));
  if (f.trainee) q = q.where("attempts.user_id", "=", f.trainee);
  if (f.domain) q = q.where("attempts.domain", "=", f.domain);
  if (f.program) q = q.where(programWork(db, f, "attempts.id"));
  if (f.band) {
    const [lo, hi] = SCORE_BANDS[f.band];
    q = q.where("attempts.auto_total", ">=", lo).where("attempts.auto_total", "<", hi);
  }
  return q;
}

function tab(db: Database, viewer: Viewer, q: ReturnType<typeof base>, t: QueueFilters["tab"]) {
  if (t === "todo") return q.where("attempts.published_at", "is", null);
  if (t === "mine") return q.where("attempts.id", "in", db.selectFrom("reviews").select("attempt_id").where("mentor_id", "=", viewer.id));
  return q;
}

export async function listQueue(db: Database, viewer: Viewer, filters: QueueFilters) {
  const q = base(db, viewer, filters);
  const [rows, counts] = await Promise.all([
    tab(db, viewer, q, filters.tab)
      .innerJoin("users", "users.id", "attempts.user_id")
      .innerJoin("drafts", "drafts.id", "attempts.draft_id")
      .select([
        "attempts.id",
        "attempts.submitted_at",
        "attempts.auto_total",
        "attempts.final_total",
        "attempts.published_at",
        "attempts.domain",
        "drafts.title",
        "drafts.difficulty",
        "users.name as trainee_name",
      ])
      .orderBy("attempts.submitted_at", filters.tab === "todo" ? "asc" : "desc")
      .limit(filters.limit ?? 50)
      .execute(),
    Promise.all(
      (["todo", "mine", "all"] as const).map((t) =>
        tab(db, viewer, q, t)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
          .then((r) => Number(r.n)),
      ),
    ),
  ]);
  return {
    rows: rows.map((r) => ({
      id: r.id,
      trainee: r.trainee_name,
      title: r.title,
      domain: r.domain,
      difficulty: r.difficulty,
      submittedAt: r.submitted_at!,
      autoTotal: r.auto_total,
      finalTotal: r.final_total,
      published: r.published_at !== null,
    })),
    counts: { todo: counts[0], mine: counts[1], all: counts[2] },
  };
}
