// Where trainees stand in their programs: module states, completion records, sign-off,
// certificates. Completion rows are written once, when a module's pass rule is first met; an
// edit to the program or a later rescore never rewrites them (a return by a mentor is a visible
// status change with a note).
import crypto from "node:crypto";
import type { Database } from "~/db/db.server";
import { outcomeOf } from "~/domain/mastery/model";
import type { ProgramSpec } from "~/domain/programs/program";
import { currentModule, programProgress, type CompletionRecord, type ModuleAttempt, type ModuleProgress } from "~/domain/programs/progress";
import type { ScoreBreakdown } from "~/domain/scoring";
import { categoryName } from "./content.server";
import { recomputeMastery } from "./mastery.server";
import { notify } from "./notification.server";
import { latestSpec } from "./program.server";
import { visibleTraineeIds, type Viewer } from "./scope.server";
import type { ProgressRowDTO } from "~/components/ProgressTable";


export interface TraineeProgram {
  programId: string;
  name: string;
  description: string;
  version: number;
  startDate: string;
  modules: ModuleProgress[];
  current: ModuleProgress | null;
  certificateId: string | null;
}

/** Programs of the cohorts the trainee is in (earliest start when two cohorts share one). */
async function assignmentsFor(db: Database, userId: string) {
  const rows = await db
    .selectFrom("program_assignments")
    .innerJoin("cohort_members", "cohort_members.cohort_id", "program_assignments.cohort_id")
    .innerJoin("programs", "programs.id", "program_assignments.program_id")
    .select(["program_assignments.program_id", "program_assignments.start_date", "programs.name"])
    .where((eb) => eb.and({ "cohort_members.user_id": userId, "cohort_members.member_role": "trainee" }))
    .orderBy("program_assignments.start_date")
    .execute();
  const seen = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!seen.has(r.program_id)) seen.set(r.program_id, r);
  return [...seen.values()];
}

export async function moduleAttempts(db: Database, userId: string, programId: string): Promise<Record<string, ModuleAttempt[]>> {
  const rows = await db
    .selectFrom("program_attempts")
    .innerJoin("attempts", "attempts.id", "program_attempts.attempt_id")
    .select(["program_attempts.module_key", "attempts.submitted_at", "attempts.final_total", "attempts.final_score"])
    .where("program_attempts.user_id", "=", userId)
    .where("program_attempts.program_id", "=", programId)
    .where("attempts.status", "=", "submitted")
    .execute();
  const out: Record<string, ModuleAttempt[]> = {};
  for (const r of rows) {
    const score = r.final_score ? (JSON.parse(r.final_score) as ScoreBreakdown) : null;
    (out[r.module_key] ??= []).push({
      submittedAt: r.submitted_at!,
      total: r.final_total ?? 0,
      flaws: (score?.flaws ?? []).map((f) => ({ category: f.category, credit: outcomeOf(f) })),
    });
  }
  return out;
}

async function completions(db: Database, userId: string, programId: string): Promise<CompletionRecord[]> {
  const rows = await db.selectFrom("module_completions").select(["module_key", "status", "passed_at", "returned_at", "note"]).where("user_id", "=", userId).where("program_id", "=", programId).execute();
  return rows.map((r) => ({ moduleKey: r.module_key, status: r.status, passedAt: r.passed_at, returnedAt: r.returned_at, note: r.note }));
}

export async function traineeProgram(db: Database, userId: string, programId: string, startDate: string, name: string, now = new Date()): Promise<TraineeProgram | null> {
  const latest = await latestSpec(db, programId);
  if (!latest) return null;
  const [done, attempts, cert] = await Promise.all([
    completions(db, userId, programId),
    moduleAttempts(db, userId, programId),
    db.selectFrom("certificates").select("id").where("user_id", "=", userId).where("program_id", "=", programId).executeTakeFirst(),
  ]);
  const modules = programProgress(latest.spec, startDate, done, attempts, now, (c) => categoryName(c));
  return { programId, name, description: latest.spec.description, version: latest.version, startDate, modules, current: currentModule(modules), certificateId: cert?.id ?? null };
}

export async function traineePrograms(db: Database, userId: string, now = new Date()): Promise<TraineeProgram[]> {
  const out: TraineeProgram[] = [];
  for (const a of await assignmentsFor(db, userId)) {
    const p = await traineeProgram(db, userId, a.program_id, a.start_date, a.name, now);
    if (p) out.push(p);
  }
  return out;
}

/** The trainee's view of one program they are assigned, or null (not theirs). */
export async function traineeProgramById(db: Database, userId: string, programId: string, now = new Date()) {
  const a = (await assignmentsFor(db, userId)).find((x) => x.program_id === programId);
  return a ? traineeProgram(db, userId, a.program_id, a.start_date, a.name, now) : null;
}

/**
 * After an attempt's score changes (submit, mentor publish): mastery is replayed, and a module
 * whose pass rule is now met gets its completion record (awaiting sign-off when required).
 */
export async function onAttemptScored(db: Database, attemptId: string, now?: Date): Promise<void> {
  const row = await db
    .selectFrom("attempts")
    .leftJoin("program_attempts", "program_attempts.attempt_id", "attempts.id")
    .select(["attempts.user_id", "program_attempts.program_id"])
    .where("attempts.id", "=", attemptId)
    .executeTakeFirst();
  if (!row) return;
  await recomputeMastery(db, row.user_id);
  if (row.program_id) await recordCompletions(db, row.user_id, row.program_id, now);
}

export async function recordCompletions(db: Database, userId: string, programId: string, now = new Date()): Promise<void> {
  const program = await traineeProgramById(db, userId, programId, now);
  if (!program) return;
  for (const m of program.modules) {
    if (m.state !== "current" || !m.rule.met) continue;
    const summary = JSON.stringify({ mean: m.rule.mean, hitRates: m.rule.hitRates, drafts: m.rule.submitted, categories: await categoryScores(db, userId, programId, m.module.key) });
    const status = m.module.signOff ? "awaiting-sign-off" : "complete";
    const at = now.toISOString();
    if (m.completion?.status === "returned") {
      await db.updateTable("module_completions").set({ status, passed_at: at, summary, version: program.version, module_title: m.module.title }).where("user_id", "=", userId).where("program_id", "=", programId).where("module_key", "=", m.module.key).where("status", "=", "returned").execute();
    } else {
      await db
        .insertInto("module_completions")
        .values({ id: crypto.randomUUID(), user_id: userId, program_id: programId, module_key: m.module.key, version: program.version, module_title: m.module.title, status, passed_at: at, summary, signed_off_by: null, signed_off_at: null, returned_at: null, note: null })
        .onConflict((oc) => oc.columns(["user_id", "program_id", "module_key"]).doNothing())
        .execute();
    }
    // Only the first module that became complete can unlock the next: re-evaluate from the top.
    if (status === "complete") return recordCompletions(db, userId, programId, now);
    return;
  }
  await issueCertificateIfDone(db, userId, programId, program, now);
}

/** Hit rate per category over the module's drafts, for the completion record and certificate. */
async function categoryScores(db: Database, userId: string, programId: string, moduleKey: string) {
  const attempts = (await moduleAttempts(db, userId, programId))[moduleKey] ?? [];
  const by = new Map<string, { credit: number; n: number }>();
  for (const a of attempts) for (const f of a.flaws) {
    const e = by.get(f.category) ?? { credit: 0, n: 0 };
    e.credit += f.credit;
    e.n += 1;
    by.set(f.category, e);
  }
  return [...by].map(([category, e]) => ({ category, hitRate: Math.round((100 * e.credit) / e.n), flaws: e.n })).sort((a, b) => a.category.localeCompare(b.category));
}

async function issueCertificateIfDone(db: Database, userId: string, programId: string, program: TraineeProgram, now: Date) {
  if (program.certificateId || !program.modules.every((m) => m.state === "complete")) return;
  const rows = await db
    .selectFrom("module_completions")
    .leftJoin("users as signer", "signer.id", "module_completions.signed_off_by")
    .select(["module_completions.module_key", "module_completions.module_title", "module_completions.passed_at", "module_completions.signed_off_at", "module_completions.summary", "signer.name as signer"])
    .where("module_completions.user_id", "=", userId)
    .where("module_completions.program_id", "=", programId)
    .execute();
  const user = await db.selectFrom("users").innerJoin("organisations", "organisations.id", "users.org_id").select(["users.name", "organisations.name as org"]).where("users.id", "=", userId).executeTakeFirstOrThrow();
  const order = new Map(program.modules.map((m, i) => [m.module.key, i]));
  const content = {
    trainee: user.name,
    organisation: user.org,
    program: program.name,
    version: program.version,
    startDate: program.startDate,
    modules: rows
      .sort((a, b) => (order.get(a.module_key) ?? 99) - (order.get(b.module_key) ?? 99))
      .map((r) => ({ title: r.module_title, passedAt: r.passed_at, signedOffAt: r.signed_off_at, signedOffBy: r.signer, ...(JSON.parse(r.summary) as { mean: number | null; categories: { category: string; hitRate: number; flaws: number }[] }) })),
  };
  const id = crypto.randomBytes(16).toString("hex");
  await db
    .insertInto("certificates")
    .values({ id, user_id: userId, program_id: programId, issued_at: now.toISOString(), content: JSON.stringify(content) })
    .onConflict((oc) => oc.columns(["user_id", "program_id"]).doNothing())
    .execute();
  await notify(db, userId, { kind: "certificate", title: `Program complete: ${program.name} — your certificate is ready`, link: `/certificates/${id}`, dedupeKey: `certificate:${userId}:${programId}` });
}

export type CertificateContent = {
  trainee: string;
  organisation: string;
  program: string;
  version: number;
  startDate: string;
  modules: { title: string; passedAt: string; signedOffAt: string | null; signedOffBy: string | null; mean: number | null; categories: { category: string; hitRate: number; flaws: number }[] }[];
};

/** Public by its unguessable id: anyone with the link can verify it. */
export async function getCertificate(db: Database, id: string) {
  if (!/^[0-9a-f]{32}$/.test(id)) return null;
  const row = await db.selectFrom("certificates").select(["id", "issued_at", "content"]).where("id", "=", id).executeTakeFirst();
  return row ? { id: row.id, issuedAt: row.issued_at, ...(JSON.parse(row.content) as CertificateContent) } : null;
}

// ---------------------------------------------------------------------------------------------
// Mentor: sign-off queue and progress

export class SignOffError extends Error {}

export async function signOffQueue(db: Database, viewer: Viewer) {
  const rows = await db
    .selectFrom("module_completions")
    .innerJoin("users", "users.id", "module_completions.user_id")
    .innerJoin("programs", "programs.id", "module_completions.program_id")
    .select(["module_completions.id", "module_completions.module_title", "module_completions.passed_at", "module_completions.summary", "users.id as userId", "users.name as trainee", "programs.name as program"])
    .where("module_completions.status", "=", "awaiting-sign-off")
    .where("module_completions.user_id", "in", visibleTraineeIds(db, viewer))
    .where("programs.org_id", "=", viewer.orgId)
    .orderBy("module_completions.passed_at")
    .execute();
  return rows.map((r) => {
    const s = JSON.parse(r.summary) as { mean: number | null; drafts: number; categories: { category: string; hitRate: number; flaws: number }[] };
    return { id: r.id, module: r.module_title, passedAt: r.passed_at, trainee: r.trainee, traineeId: r.userId, program: r.program, mean: s.mean, drafts: s.drafts, categories: s.categories };
  });
}

/** Sign off (the module completes and the next unlocks) or return with a note (the module is current again). */
export async function decideSignOff(db: Database, viewer: Viewer, completionId: string, decision: "sign-off" | "return", note: string): Promise<void> {
  const row = await db
    .selectFrom("module_completions")
    .select(["id", "user_id", "program_id", "module_title", "status"])
    .where("id", "=", completionId)
    .where("user_id", "in", visibleTraineeIds(db, viewer))
    .executeTakeFirst();
  if (!row) throw new SignOffError("No such module awaiting sign-off among your trainees.");
  if (row.status !== "awaiting-sign-off") throw new SignOffError(`“${row.module_title}” is no longer awaiting sign-off.`);
  if (decision === "return" && note.trim().length < 3) throw new SignOffError("Note: say what the trainee should work on before you return the module.");
  const now = new Date().toISOString();
  const res = await db
    .updateTable("module_completions")
    .set(decision === "sign-off" ? { status: "complete", signed_off_by: viewer.id, signed_off_at: now, note: note.trim() || null } : { status: "returned", returned_at: now, note: note.trim() })
    .where("id", "=", completionId)
    .where("status", "=", "awaiting-sign-off")
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new SignOffError(`“${row.module_title}” is no longer awaiting sign-off.`);
  await notify(db, row.user_id, {
    kind: decision === "sign-off" ? "sign-off" : "returned",
    title: decision === "sign-off" ? `Signed off: ${row.module_title}` : `Returned with a note: ${row.module_title} — ${note.trim().slice(0, 120)}`,
    link: "/practice",
    dedupeKey: `signoff:${completionId}:${now}`,
  });
  if (decision === "sign-off") await recordCompletions(db, row.user_id, row.program_id);
}

/** A row of the progress table, plus the program it belongs to (for filtering and export). */
export type ProgressRow = ProgressRowDTO & { programId: string };

/** One row per visible trainee × assigned program: where they are and whether they are late. */
export async function programOverview(db: Database, viewer: Viewer, now = new Date()): Promise<ProgressRow[]> {
  const rows = await db
    .selectFrom("program_assignments")
    .innerJoin("programs", "programs.id", "program_assignments.program_id")
    .innerJoin("cohorts", "cohorts.id", "program_assignments.cohort_id")
    .innerJoin("cohort_members", (j) => j.onRef("cohort_members.cohort_id", "=", "cohorts.id").on("cohort_members.member_role", "=", "trainee"))
    .innerJoin("users", "users.id", "cohort_members.user_id")
    .select(["programs.id as programId", "programs.name as program", "cohorts.name as cohort", "program_assignments.start_date", "users.id as userId", "users.name as trainee"])
    .where("programs.org_id", "=", viewer.orgId)
    .where("users.id", "in", visibleTraineeIds(db, viewer))
    .orderBy("programs.name")
    .orderBy("cohorts.name")
    .orderBy("users.name")
    .execute();
  const out: ProgressRow[] = [];
  for (const r of rows) {
    const p = await traineeProgram(db, r.userId, r.programId, r.start_date, r.program, now);
    if (!p) continue;
    const cur = p.current;
    out.push({
      traineeId: r.userId,
      trainee: r.trainee,
      cohort: r.cohort,
      program: r.program,
      programId: r.programId,
      module: cur?.module.title ?? null,
      moduleIndex: cur ? cur.index + 1 : p.modules.length,
      modules: p.modules.length,
      state: cur ? cur.state : "complete",
      rule: cur?.rule.summary ?? "All modules complete",
      dueAt: cur?.dueAt ?? null,
      overdue: p.modules.some((m) => m.overdue),
      completed: p.modules.filter((m) => m.state === "complete").length,
      certificateId: p.certificateId,
    });
  }
  return out;
}

export type { ProgramSpec };
