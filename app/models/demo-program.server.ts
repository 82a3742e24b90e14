// The demo program: assigned to the Spring cohort ten days ago, with trainee1 part-way (module 1
// complete, module 2 current with a due date), made through the same code paths people use.
import type { Database } from "~/db/db.server";
import { createRng } from "~/domain/generation/prng";
import { addFinding, getAttemptForTrainee, submitAttempt } from "./attempt.server";
import { startNextExercise } from "./program-next.server";
import { assignProgram, saveProgram } from "./program.server";

export async function seedDemoProgram(db: Database): Promise<void> {
  const admin = await db.selectFrom("users").select(["id", "org_id as orgId"]).where("email", "=", "admin@redline.test").executeTakeFirst();
  const trainee = await db.selectFrom("users").select("id").where("email", "=", "trainee1@redline.test").executeTakeFirst();
  const spring = await db.selectFrom("cohorts").select("id").where("name", "like", "Spring%").executeTakeFirst();
  if (!admin || !trainee || !spring) return;
  const programId = await saveProgram(db, admin, null, {
    name: "Analyst onboarding",
    description: "Six weeks: code review first, then contracts with a mentor's sign-off, then finance memos.",
    modules: [
      { title: "Reading AI-written code", domains: ["software"], difficultyMin: "1", difficultyMax: "3", drafts: "2", minMeanScore: "40", lastN: "2", dueDays: "7" },
      { title: "Contracts: liability and drift", domains: ["legal"], focus: "cap-removed, drift-from-brief", difficultyMin: "1", difficultyMax: "3", drafts: "3", minMeanScore: "60", lastN: "3", minHitRate: "50", signOff: true, dueDays: "21" },
      { title: "Finance memos", domains: ["finance"], difficultyMin: "2", difficultyMax: "4", drafts: "4", minMeanScore: "65", lastN: "3", dueDays: "35" },
    ],
  });
  const start = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
  await assignProgram(db, admin, programId, spring.id, start);
  const rng = createRng(777);
  // Module 1: two careful reviews (every flaw found) pass it; module 2: one review so far.
  for (let k = 0; k < 3; k++) {
    const id = await startNextExercise(db, trainee.id, programId, rng);
    const { draft } = await getAttemptForTrainee(db, trainee.id, id);
    for (const flaw of draft.answerKey) {
      if (k === 2 && rng() < 0.5) continue;
      await addFinding(db, trainee.id, id, { lineFrom: flaw.lines.from, lineTo: flaw.lines.to, category: flaw.category, explanation: flaw.explanation, confidence: 80, suggestedFix: "", quote: "" });
    }
    await submitAttempt(db, trainee.id, id);
  }
}
