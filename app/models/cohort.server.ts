import crypto from "node:crypto";
import type { Database } from "~/db/db.server";
import type { CohortDates } from "~/domain/cohorts/cohort-dates";
import { parseMemberList } from "~/domain/cohorts/member-list";

export class CohortError extends Error {}

export async function listCohortsWithMembers(db: Database, orgId: string) {
  const cohorts = await db.selectFrom("cohorts").select(["id", "name", "created_at", "starts_on", "ends_on"]).where("org_id", "=", orgId).orderBy("name").execute();
  const programs = cohorts.length
    ? await db
        .selectFrom("program_assignments")
        .innerJoin("programs", "programs.id", "program_assignments.program_id")
        .select(["program_assignments.cohort_id", "programs.name"])
        .where("program_assignments.cohort_id", "in", cohorts.map((c) => c.id))
        .orderBy("programs.name")
        .execute()
    : [];
  const members = cohorts.length
    ? await db
        .selectFrom("cohort_members")
        .innerJoin("users", "users.id", "cohort_members.user_id")
        .select(["cohort_members.cohort_id", "cohort_members.member_role", "users.id", "users.name", "users.email", "users.last_active_at", "users.disabled_at"])
        .where("cohort_members.cohort_id", "in", cohorts.map((c) => c.id))
        .orderBy("cohort_members.member_role")
        .orderBy("users.name")
        .execute()
    : [];
  return cohorts.map((c) => ({
    id: c.id,
    name: c.name,
    startsOn: c.starts_on,
    endsOn: c.ends_on,
    programs: programs.filter((p) => p.cohort_id === c.id).map((p) => p.name),
    members: members
      .filter((m) => m.cohort_id === c.id)
      .map((m) => ({ id: m.id, name: m.name, email: m.email, role: m.member_role, lastActive: m.last_active_at, disabled: m.disabled_at !== null })),
  }));
}

export async function createCohort(db: Database, orgId: string, name: string): Promise<string> {
  const taken = await db.selectFrom("cohorts").select("id").where("org_id", "=", orgId).where("name", "=", name).executeTakeFirst();
  if (taken) throw new CohortError(`A cohort called “${name}” already exists.`);
  const id = crypto.randomUUID();
  await db.insertInto("cohorts").values({ id, org_id: orgId, name, created_at: new Date().toISOString() }).execute();
  return id;
}

export async function renameCohort(db: Database, orgId: string, cohortId: string, name: string): Promise<void> {
  const taken = await db.selectFrom("cohorts").select("id").where("org_id", "=", orgId).where("name", "=", name).where("id", "!=", cohortId).executeTakeFirst();
  if (taken) throw new CohortError(`A cohort called “${name}” already exists.`);
  const res = await db.updateTable("cohorts").set({ name }).where("id", "=", cohortId).where("org_id", "=", orgId).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new CohortError("No such cohort.");
}

/**
 * Programs of the cohort in which the trainee has work (program attempts or module results), with
 * how many modules they completed: what an admin must hear about before or after moving them.
 * Progress is keyed by trainee × program, never by cohort, so it is kept either way.
 */
async function programWorkInCohort(db: Database, cohortId: string, userId: string): Promise<{ name: string; attempts: number; complete: number }[]> {
  const programs = await db
    .selectFrom("program_assignments")
    .innerJoin("programs", "programs.id", "program_assignments.program_id")
    .select(["programs.id", "programs.name"])
    .where("program_assignments.cohort_id", "=", cohortId)
    .orderBy("programs.name")
    .execute();
  const out = [];
  for (const p of programs) {
    const [a, c] = await Promise.all([
      db.selectFrom("program_attempts").select((eb) => eb.fn.countAll<number>().as("n")).where("user_id", "=", userId).where("program_id", "=", p.id).executeTakeFirstOrThrow(),
      db.selectFrom("module_completions").select((eb) => eb.fn.countAll<number>().as("n")).where("user_id", "=", userId).where("program_id", "=", p.id).where("status", "=", "complete").executeTakeFirstOrThrow(),
    ]);
    if (Number(a.n) > 0 || Number(c.n) > 0) out.push({ name: p.name, attempts: Number(a.n), complete: Number(c.n) });
  }
  return out;
}

const workText = (w: { name: string; attempts: number; complete: number }) =>
  `“${w.name}” (${w.attempts} exercise${w.attempts === 1 ? "" : "s"}, ${w.complete} module${w.complete === 1 ? "" : "s"} complete)`;

/**
 * Trainees join as trainees; mentors and admins join as mentors (an admin may also mentor).
 * Returns a notice when a trainee joins a cohort running a program they already have work in.
 */
export async function addCohortMember(db: Database, orgId: string, cohortId: string, userId: string): Promise<string | null> {
  const [cohort, user] = await Promise.all([
    db.selectFrom("cohorts").select("id").where("id", "=", cohortId).where("org_id", "=", orgId).executeTakeFirst(),
    db.selectFrom("users").select(["id", "role", "name"]).where("id", "=", userId).where("org_id", "=", orgId).executeTakeFirst(),
  ]);
  if (!cohort) throw new CohortError("No such cohort.");
  if (!user) throw new CohortError("Choose a person from your organisation.");
  const already = await db.selectFrom("cohort_members").select("user_id").where("cohort_id", "=", cohortId).where("user_id", "=", userId).executeTakeFirst();
  if (already) throw new CohortError(`${user.name} is already in this cohort.`);
  await db
    .insertInto("cohort_members")
    .values({ cohort_id: cohortId, user_id: userId, member_role: user.role === "trainee" ? "trainee" : "mentor", added_at: new Date().toISOString() })
    .execute();
  if (user.role !== "trainee") return null;
  const work = await programWorkInCohort(db, cohortId, userId);
  return work.length ? `${user.name} continues where they left off in ${work.map(workText).join(" and ")}.` : null;
}

/**
 * Removes a member. Returns a notice when the trainee has work in a program of this cohort: it is
 * kept (nothing is reset) and shows again when they join a cohort running the same program.
 */
export async function removeCohortMember(db: Database, orgId: string, cohortId: string, userId: string): Promise<string | null> {
  const cohort = await db.selectFrom("cohorts").select("id").where("id", "=", cohortId).where("org_id", "=", orgId).executeTakeFirst();
  if (!cohort) throw new CohortError("No such cohort.");
  const user = await db.selectFrom("users").select(["name", "role"]).where("id", "=", userId).where("org_id", "=", orgId).executeTakeFirst();
  const work = user?.role === "trainee" ? await programWorkInCohort(db, cohortId, userId) : [];
  await db.deleteFrom("cohort_members").where("cohort_id", "=", cohortId).where("user_id", "=", userId).execute();
  if (!user || !work.length) return null;
  return `${user.name} left this cohort. Their work in ${work.map(workText).join(" and ")} is kept, and shows again if they join a cohort running the same program.`;
}

/** Sets (or clears) a cohort's dates; the caller has checked them (parseCohortDates). */
export async function setCohortDates(db: Database, orgId: string, cohortId: string, dates: CohortDates): Promise<void> {
  const res = await db.updateTable("cohorts").set({ starts_on: dates.startsOn, ends_on: dates.endsOn }).where("id", "=", cohortId).where("org_id", "=", orgId).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new CohortError("No such cohort.");
}

/** What deleting a cohort would remove, for the confirmation; `programs` non-empty means it is refused. */
export async function cohortDeletionImpact(db: Database, orgId: string, cohortId: string) {
  const cohort = await db.selectFrom("cohorts").select(["id", "name"]).where("id", "=", cohortId).where("org_id", "=", orgId).executeTakeFirst();
  if (!cohort) throw new CohortError("No such cohort.");
  const [members, programs, invites] = await Promise.all([
    db.selectFrom("cohort_members").select("member_role").where("cohort_id", "=", cohortId).execute(),
    db.selectFrom("program_assignments").innerJoin("programs", "programs.id", "program_assignments.program_id").select("programs.name").where("program_assignments.cohort_id", "=", cohortId).orderBy("programs.name").execute(),
    db.selectFrom("invites").select("id").where("cohort_id", "=", cohortId).where("accepted_at", "is", null).where("revoked_at", "is", null).execute(),
  ]);
  return {
    name: cohort.name,
    trainees: members.filter((m) => m.member_role === "trainee").length,
    mentors: members.filter((m) => m.member_role === "mentor").length,
    programs: programs.map((p) => p.name),
    openInvites: invites.length,
  };
}

/**
 * Deletes a cohort: its memberships and the cohort of its open invites go with it; the people stay
 * in the organisation with their accounts and all their work. A cohort a program is assigned to is
 * refused (unassigning the program first is a decision about the trainees' progress).
 */
export async function deleteCohort(db: Database, orgId: string, cohortId: string): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const cohort = await trx.selectFrom("cohorts").select(["id", "name"]).where("id", "=", cohortId).where("org_id", "=", orgId).executeTakeFirst();
    if (!cohort) throw new CohortError("No such cohort.");
    const programs = await trx
      .selectFrom("program_assignments")
      .innerJoin("programs", "programs.id", "program_assignments.program_id")
      .select("programs.name")
      .where("program_assignments.cohort_id", "=", cohortId)
      .orderBy("programs.name")
      .execute();
    if (programs.length) {
      throw new CohortError(
        `“${cohort.name}” runs ${programs.map((p) => `“${p.name}”`).join(" and ")}; unassign ${programs.length === 1 ? "it" : "them"} on the Programs page before deleting the cohort.`,
      );
    }
    const members = await trx.selectFrom("cohort_members").select((eb) => eb.fn.countAll<number>().as("n")).where("cohort_id", "=", cohortId).executeTakeFirstOrThrow();
    // Open invites to this cohort still make an account; it simply joins no cohort.
    await trx.updateTable("invites").set({ cohort_id: null }).where("cohort_id", "=", cohortId).execute();
    await trx.deleteFrom("cohort_members").where("cohort_id", "=", cohortId).execute();
    await trx.deleteFrom("cohorts").where("id", "=", cohortId).execute();
    const n = Number(members.n);
    return `Deleted “${cohort.name}”. Its ${n} member${n === 1 ? "" : "s"} stay in your organisation with all their work.`;
  });
}

export interface BulkRow {
  row: number;
  email: string;
  /** The person, when the row can be added. */
  person: { id: string; name: string; role: string } | null;
  /** What is wrong with the row, naming it; null when it can be added. */
  problem: string | null;
}

/**
 * What adding a pasted list or CSV to a cohort would do, row by row: who is added (and as what),
 * and for each row that cannot be, what is wrong. Writes nothing.
 */
export async function previewBulkAdd(db: Database, orgId: string, cohortId: string, text: string): Promise<{ cohort: string; rows: BulkRow[] }> {
  const cohort = await db.selectFrom("cohorts").select(["id", "name"]).where("id", "=", cohortId).where("org_id", "=", orgId).executeTakeFirst();
  if (!cohort) throw new CohortError("No such cohort.");
  const { emails, errors } = parseMemberList(text);
  const users = emails.length
    ? await db.selectFrom("users").select(["id", "email", "name", "role", "disabled_at"]).where("org_id", "=", orgId).where("email", "in", emails.map((e) => e.email)).execute()
    : [];
  const members = new Set(
    users.length
      ? (await db.selectFrom("cohort_members").select("user_id").where("cohort_id", "=", cohortId).where("user_id", "in", users.map((u) => u.id)).execute()).map((m) => m.user_id)
      : [],
  );
  const byEmail = new Map(users.map((u) => [u.email, u]));
  const rows: BulkRow[] = [
    ...errors.map((e) => ({ row: e.row, email: e.text, person: null, problem: e.message })),
    ...emails.map(({ row, email }) => {
      const u = byEmail.get(email);
      const problem = !u
        ? "no one in your organisation has this address; invite them first"
        : u.disabled_at
          ? `${u.name} is disabled`
          : members.has(u.id)
            ? `${u.name} is already in this cohort`
            : null;
      return { row, email, person: u && !problem ? { id: u.id, name: u.name, role: u.role === "trainee" ? "trainee" : "mentor" } : null, problem };
    }),
  ];
  rows.sort((a, b) => a.row - b.row);
  return { cohort: cohort.name, rows };
}

/**
 * Adds the confirmed addresses to the cohort in one transaction, each checked again (a person
 * disabled or added since the preview is skipped and named). Returns what happened, in words.
 */
export async function bulkAddMembers(db: Database, orgId: string, cohortId: string, emails: string[]): Promise<{ added: number; notice: string }> {
  const { rows } = await previewBulkAdd(db, orgId, cohortId, emails.join("\n"));
  const ok = rows.filter((r) => r.person);
  const skipped = rows.filter((r) => r.problem);
  if (ok.length === 0) throw new CohortError(skipped.length ? `Nobody was added: ${skipped.map((r) => `${r.email}: ${r.problem}`).join("; ")}.` : "Nobody was added: the list is empty.");
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    for (const r of ok) {
      await trx
        .insertInto("cohort_members")
        .values({ cohort_id: cohortId, user_id: r.person!.id, member_role: r.person!.role === "trainee" ? "trainee" : "mentor", added_at: now })
        .onConflict((oc) => oc.columns(["cohort_id", "user_id"]).doNothing())
        .execute();
    }
  });
  const notice = `Added ${ok.length} ${ok.length === 1 ? "person" : "people"}.${skipped.length ? ` Not added: ${skipped.map((r) => `${r.email} (${r.problem})`).join(", ")}.` : ""}`;
  return { added: ok.length, notice };
}
