// "Next exercise": an assigned draft first, then the adaptive selector within the current
// module's domains, focus and difficulty range. Also "practise this" for one category.
import type { Database } from "~/db/db.server";
import { categoryKey, type CategoryKey } from "~/domain/mastery/model";
import { selectNext } from "~/domain/mastery/selector";
import type { ModuleSpec } from "~/domain/programs/program";
import { startAttempt } from "./attempt.server";
import { packs } from "./content.server";
import { getMastery } from "./mastery.server";
import { traineeProgramById } from "./program-progress.server";

export class NextExerciseError extends Error {}

export function moduleCandidates(module: Pick<ModuleSpec, "domains" | "focusCategories">): CategoryKey[] {
  const out: CategoryKey[] = [];
  for (const p of packs().packs) {
    if (!module.domains.includes(p.domain)) continue;
    for (const c of p.categories) if (!module.focusCategories.length || module.focusCategories.includes(c.id)) out.push(categoryKey(p.domain, c.id));
  }
  return out;
}

/** Starts (or reopens) the trainee's next exercise in the program's current module; returns the attempt id. */
export async function startNextExercise(db: Database, userId: string, programId: string, random: () => number = Math.random, now = new Date()): Promise<string> {
  const program = await traineeProgramById(db, userId, programId, now);
  if (!program) throw new NextExerciseError("This program is not assigned to you.");
  const cur = program.current;
  if (!cur) throw new NextExerciseError("Every module of this program is complete.");
  const module = cur.module;
  // An unfinished exercise of this module comes first: no pile of half-done drafts.
  const ofModule = db.selectFrom("program_attempts").select("attempt_id").where((eb) => eb.and({ user_id: userId, program_id: programId, module_key: module.key }));
  const open = await db.selectFrom("attempts").select("id").where("status", "=", "open").where("id", "in", ofModule).executeTakeFirst();
  if (open) return open.id;

  let attemptId: string;
  const done = new Set((await db.selectFrom("attempts").select("draft_id").where("user_id", "=", userId).execute()).map((r) => r.draft_id));
  const assigned = module.assignedDraftIds.find((id) => !done.has(id));
  const assignedDraft = assigned ? await db.selectFrom("drafts").select(["id", "domain", "difficulty"]).where("id", "=", assigned).executeTakeFirst() : undefined;
  if (assignedDraft) {
    attemptId = await startAttempt(db, userId, { domain: assignedDraft.domain, difficulty: assignedDraft.difficulty }, random, { draftId: assignedDraft.id }, now);
  } else {
    const pick = selectNext({ candidates: moduleCandidates(module), mastery: await getMastery(db, userId), difficultyMin: module.difficultyMin, difficultyMax: module.difficultyMax, now, random });
    attemptId = await startAttempt(db, userId, { domain: pick.domain, difficulty: pick.difficulty }, random, { categories: pick.categories, weights: pick.chances }, now);
  }
  await db.insertInto("program_attempts").values({ attempt_id: attemptId, user_id: userId, program_id: programId, module_key: module.key, version: program.version, created_at: now.toISOString() }).execute();
  return attemptId;
}

/** Free practice aimed at one category ("practise this"): difficulty from the trainee's mastery. */
export async function startCategoryPractice(db: Database, userId: string, key: CategoryKey, random: () => number = Math.random, now = new Date()): Promise<string> {
  const known = packs().packs.some((p) => p.categories.some((c) => categoryKey(p.domain, c.id) === key));
  if (!known) throw new NextExerciseError(`Category: “${key}” is not a category of any domain.`);
  const pick = selectNext({ candidates: [key], mastery: await getMastery(db, userId), difficultyMin: 1, difficultyMax: 5, now, random });
  return startAttempt(db, userId, { domain: pick.domain, difficulty: pick.difficulty }, random, { categories: pick.categories, weights: pick.chances }, now);
}

