// A little practice history for the demo organisation, made through the same code paths a
// trainee uses (start, flag, submit), so dashboards and progress pages have something to show.
import type { Database } from "~/db/db.server";
import { createRng } from "~/domain/generation/prng";
import { lineCount } from "~/domain/text/lines";
import { addFinding, getAttemptForTrainee, startAttempt, submitAttempt } from "./attempt.server";
import { packFor } from "./content.server";
import { seedDemoProgram } from "./demo-program.server";
import { loadSubmittedAttempt, publishReview } from "./review.server";

export async function seedDemoHistory(db: Database, attemptsPerTrainee = 5): Promise<number> {
  const trainees = await db.selectFrom("users").select(["id", "email"]).where("role", "=", "trainee").orderBy("email").execute();
  const rng = createRng(424242);
  const domains = ["software", "data", "legal", "finance"];
  let n = 0;
  for (const [i, t] of trainees.entries()) {
    const skill = 0.35 + (i % 4) * 0.15; // 35 % .. 80 % of flaws found
    for (let k = 0; k < attemptsPerTrainee; k++) {
      const domain = domains[(i + k) % domains.length];
      const id = await startAttempt(db, t.id, { domain, difficulty: 1 + ((i + k) % 3) }, rng);
      const { draft } = await getAttemptForTrainee(db, t.id, id);
      const categories = packFor(domain)!.categories.map((c) => c.id);
      for (const flaw of draft.answerKey) {
        if (rng() > skill) continue;
        const rightCategory = rng() < 0.75;
        const phrase = flaw.keyPoints[0]?.phrases[0] ?? "";
        await addFinding(db, t.id, id, {
          lineFrom: flaw.lines.from,
          lineTo: flaw.lines.to,
          category: rightCategory ? flaw.category : categories[Math.floor(rng() * categories.length)],
          explanation: rng() < skill ? `This is wrong: ${phrase}. ${flaw.explanation.split(". ")[0]}.` : `This line looks wrong to me (${phrase}).`,
          confidence: 60 + Math.floor(rng() * 5) * 10,
          suggestedFix: "",
          quote: "",
        });
      }
      if (rng() < 0.5) {
        const line = 1 + Math.floor(rng() * lineCount(draft.flawedText));
        if (!draft.answerKey.some((f) => Math.abs(f.lines.from - line) <= 1)) {
          await addFinding(db, t.id, id, { lineFrom: line, lineTo: line, category: categories[0], explanation: "I am not sure this is right; it looks suspicious.", confidence: 60, suggestedFix: "", quote: "" });
        }
      }
      await submitAttempt(db, t.id, id);
      n++;
    }
  }
  await seedDemoReviews(db, rng);
  await seedDemoProgram(db);
  return n;
}

/**
 * Mentors publish reviews of about half the demo attempts (and both mentors review a few of the
 * Autumn cohort's), so the review history, calibration and trainee feedback have content.
 */
async function seedDemoReviews(db: Database, rng: () => number): Promise<void> {
  const mentors = await db.selectFrom("users").select(["id", "role", "org_id as orgId", "name", "email"]).where("role", "=", "mentor").orderBy("email").execute();
  const attempts = await db.selectFrom("attempts").select(["id", "user_id"]).where("status", "=", "submitted").orderBy("submitted_at").execute();
  for (const [i, a] of attempts.entries()) {
    if (i % 2 === 1) continue;
    const reviewers = i % 8 === 0 ? mentors : [mentors[0]];
    for (const m of reviewers) {
      const viewer = { id: m.id, role: m.role, orgId: m.orgId, name: m.name };
      let loaded;
      try {
        loaded = await loadSubmittedAttempt(db, viewer, a.id);
      } catch {
        continue; // not one of this mentor's trainees
      }
      const findings = loaded.findings.map((f) => ({
        findingId: f.id,
        verdict: f.auto_verdict === "hit" ? (rng() < 0.15 ? ("partly" as const) : null) : rng() < 0.1 ? ("correct" as const) : null,
        grade: f.auto_verdict === "hit" ? ((1 + Math.floor(rng() * 3)) as 1 | 2 | 3) : null,
        comment: f.auto_verdict === "hit" ? "" : "Not a flaw: re-read the brief before flagging.",
        unseeded: false,
      }));
      const version = (await db.selectFrom("attempts").select("review_version").where("id", "=", a.id).executeTakeFirstOrThrow()).review_version;
      await publishReview(db, viewer, a.id, { feedback: "Good structure. Next time, say why each flaw matters to the client, not only where it is.", findings }, version);
    }
  }
}
