// Programs as an admin manages them: create, edit (each save is a new version), assign to cohorts.
import crypto from "node:crypto";
import type { Database } from "~/db/db.server";
import { parseStartDate, validateProgram, type FieldErrors, type ProgramSpec, type RawProgram } from "~/domain/programs/program";
import { packs } from "./content.server";

export class ProgramError extends Error {
  constructor(public errors: FieldErrors) {
    super(Object.values(errors)[0] ?? "Invalid program.");
  }
}

export function programCatalogCategories(): Record<string, string[]> {
  return Object.fromEntries(packs().packs.map((p) => [p.domain, p.categories.map((c) => c.id)]));
}

export async function latestSpec(db: Database, programId: string): Promise<{ version: number; spec: ProgramSpec } | null> {
  const row = await db
    .selectFrom("programs")
    .innerJoin("program_versions", (j) => j.onRef("program_versions.program_id", "=", "programs.id").onRef("program_versions.version", "=", "programs.current_version"))
    .select(["program_versions.version", "program_versions.spec"])
    .where("programs.id", "=", programId)
    .executeTakeFirst();
  return row ? { version: row.version, spec: JSON.parse(row.spec) as ProgramSpec } : null;
}

export async function listPrograms(db: Database, orgId: string) {
  const rows = await db
    .selectFrom("programs")
    .innerJoin("program_versions", (j) => j.onRef("program_versions.program_id", "=", "programs.id").onRef("program_versions.version", "=", "programs.current_version"))
    .select(["programs.id", "programs.name", "programs.current_version", "programs.updated_at", "program_versions.spec"])
    .where("programs.org_id", "=", orgId)
    .orderBy("programs.name")
    .execute();
  const assignments = rows.length
    ? await db
        .selectFrom("program_assignments")
        .innerJoin("cohorts", "cohorts.id", "program_assignments.cohort_id")
        .select(["program_assignments.id", "program_assignments.program_id", "program_assignments.start_date", "cohorts.name as cohort"])
        .where("program_assignments.program_id", "in", rows.map((r) => r.id))
        .orderBy("program_assignments.start_date")
        .execute()
    : [];
  return rows.map((r) => {
    const spec = JSON.parse(r.spec) as ProgramSpec;
    return {
      id: r.id,
      name: r.name,
      version: r.current_version,
      updatedAt: r.updated_at,
      modules: spec.modules.map((m) => ({ key: m.key, title: m.title, domains: m.domains, drafts: m.drafts, dueDays: m.dueDays, signOff: m.signOff })),
      assignments: assignments.filter((a) => a.program_id === r.id).map((a) => ({ id: a.id, cohort: a.cohort, startDate: a.start_date })),
    };
  });
}

export async function getProgram(db: Database, orgId: string, programId: string) {
  const p = await db.selectFrom("programs").select(["id", "name", "current_version"]).where("id", "=", programId).where("org_id", "=", orgId).executeTakeFirst();
  if (!p) return null;
  const latest = await latestSpec(db, programId);
  return { id: p.id, version: p.current_version, spec: latest!.spec };
}

/** Module keys that have progress (attempts or completions): they may not be removed. */
async function modulesWithProgress(db: Database, programId: string): Promise<Set<string>> {
  const [a, c] = await Promise.all([
    db.selectFrom("program_attempts").select("module_key").distinct().where("program_id", "=", programId).execute(),
    db.selectFrom("module_completions").select("module_key").distinct().where("program_id", "=", programId).execute(),
  ]);
  return new Set([...a, ...c].map((r) => r.module_key));
}

/**
 * Saves a program: a new program, or a new version of an existing one. Earlier versions stay,
 * and completions keep their own snapshot, so an edit never changes what a trainee completed.
 */
export async function saveProgram(db: Database, actor: { id: string; orgId: string }, programId: string | null, raw: RawProgram): Promise<string> {
  const assigned = [...new Set(raw.modules.flatMap((m) => (m.assigned ?? "").split(/[\s,]+/).filter(Boolean)))];
  const draftRows = assigned.length ? await db.selectFrom("drafts").select(["id", "domain"]).where("id", "in", assigned).execute() : [];
  const result = validateProgram(raw, { categories: programCatalogCategories(), draftDomains: Object.fromEntries(draftRows.map((d) => [d.id, d.domain])) }, () => crypto.randomUUID());
  if (!result.ok) throw new ProgramError(result.errors);
  const spec = result.spec;
  const now = new Date().toISOString();
  if (programId) {
    const current = await getProgram(db, actor.orgId, programId);
    if (!current) throw new ProgramError({ form: "No such program." });
    const kept = new Set(spec.modules.map((m) => m.key));
    const busy = await modulesWithProgress(db, programId);
    const lost = current.spec.modules.filter((m) => !kept.has(m.key) && busy.has(m.key));
    if (lost.length) {
      throw new ProgramError({ modules: `Modules: “${lost[0].title}” cannot be removed — trainees have progress in it. Edit it instead; completed modules are kept as they were.` });
    }
  }
  const taken = await db.selectFrom("programs").select("id").where("org_id", "=", actor.orgId).where("name", "=", spec.name).executeTakeFirst();
  if (taken && taken.id !== programId) throw new ProgramError({ name: `Program name: a program called “${spec.name}” already exists.` });
  return db.transaction().execute(async (trx) => {
    let id = programId;
    let version = 1;
    if (!id) {
      id = crypto.randomUUID();
      await trx.insertInto("programs").values({ id, org_id: actor.orgId, name: spec.name, current_version: 1, created_at: now, updated_at: now }).execute();
    } else {
      const row = await trx.selectFrom("programs").select("current_version").where("id", "=", id).executeTakeFirstOrThrow();
      version = row.current_version + 1;
      await trx.updateTable("programs").set({ name: spec.name, current_version: version, updated_at: now }).where("id", "=", id).where("current_version", "=", row.current_version).execute();
    }
    await trx.insertInto("program_versions").values({ program_id: id, version, spec: JSON.stringify(spec), created_by: actor.id, created_at: now }).execute();
    return id;
  });
}

export async function assignProgram(db: Database, actor: { id: string; orgId: string }, programId: string, cohortId: string, startDate: string): Promise<void> {
  const [program, cohort] = await Promise.all([
    db.selectFrom("programs").select(["id", "name"]).where("id", "=", programId).where("org_id", "=", actor.orgId).executeTakeFirst(),
    db.selectFrom("cohorts").select(["id", "name"]).where("id", "=", cohortId).where("org_id", "=", actor.orgId).executeTakeFirst(),
  ]);
  if (!program) throw new ProgramError({ programId: "Program: no such program." });
  if (!cohort) throw new ProgramError({ cohortId: "Cohort: choose a cohort of your organisation." });
  const start = parseStartDate(startDate);
  if (!start) throw new ProgramError({ startDate: `Start date: “${startDate}” is not a date like 2026-03-02.` });
  const exists = await db.selectFrom("program_assignments").select("id").where("program_id", "=", programId).where("cohort_id", "=", cohortId).executeTakeFirst();
  if (exists) {
    await db.updateTable("program_assignments").set({ start_date: start }).where("id", "=", exists.id).execute();
    return;
  }
  await db.insertInto("program_assignments").values({ id: crypto.randomUUID(), program_id: programId, cohort_id: cohortId, start_date: start, created_by: actor.id, created_at: new Date().toISOString() }).execute();
}
