// A small organisation for integration tests: two cohorts, two mentors, trainees, one draft.
import type { Database } from "~/db/db.server";
import { FIXTURE_PACK, FIXTURE_SOURCE } from "~/domain/generation/fixture-pack";
import { generateDraft } from "~/domain/generation/generate";
import { addFinding, submitAttempt } from "~/models/attempt.server";
import { addCohortMember, createCohort } from "~/models/cohort.server";
import { insertDrafts } from "~/models/draft.server";
import { createOrganisation, createUser, type UserDTO } from "~/models/user.server";

export async function smallOrg(db: Database) {
  const orgId = await createOrganisation(db, "Acme");
  const mk = (name: string, role: UserDTO["role"]) => createUser(db, { orgId, email: `${name}@acme.test`, name, role, password: "pw-1234567890" });
  const [admin, mentorA, mentorB, t1, t2, t3] = [await mk("admin", "admin"), await mk("mentorA", "mentor"), await mk("mentorB", "mentor"), await mk("t1", "trainee"), await mk("t2", "trainee"), await mk("t3", "trainee")];
  const north = await createCohort(db, orgId, "North");
  const south = await createCohort(db, orgId, "South");
  // mentorA mentors both cohorts; mentorB only South. t1, t2 in North; t3 in South.
  for (const [c, u] of [[north, mentorA], [south, mentorA], [south, mentorB], [north, t1], [north, t2], [south, t3]] as const) await addCohortMember(db, orgId, c, u.id);
  const [draftId] = await insertDrafts(db, [{ ...sumDraft(), domain: "software" }]);
  return { orgId, admin, mentorA, mentorB, t1, t2, t3, draftId, cohorts: { north, south } };
}

/** The fixture draft "Sum of the first n numbers" with its two flaws: on line 3 (off by one) and line 10 (a deletion). */
export function sumDraft() {
  return generateDraft(FIXTURE_SOURCE, FIXTURE_PACK, { seed: 7, flawCount: 10, categories: ["off-by-one", "missing-await"] });
}

/** An organisation with two trainees, Ana and Bob (ana@example.com, bob@example.com), and the fixture draft as a software draft. */
export async function twoTrainees(db: Database) {
  const org = await createOrganisation(db, "Acme");
  const mk = (name: string) => createUser(db, { orgId: org, email: `${name.toLowerCase()}@example.com`, name, role: "trainee", password: "pw-1234567890" });
  const ana = await mk("Ana");
  const bob = await mk("Bob");
  const [draftId] = await insertDrafts(db, [{ ...sumDraft(), domain: "software" }]);
  return { org, ana, bob, draftId };
}

/** Makes the fixture draft the only software draft of difficulty 2 in the pool, so a trainee who starts one gets it. */
export async function onlySumDraftAtDifficulty2(db: Database): Promise<string> {
  await db.deleteFrom("drafts").where("domain", "=", "software").where("difficulty", "=", 2).execute();
  const [id] = await insertDrafts(db, [{ ...sumDraft(), domain: "software", difficulty: 2 }]);
  return id;
}

/** Opens an attempt of a software draft for the user (as if they had started it). */
export async function openAttempt(db: Database, userId: string, draftId: string): Promise<string> {
  const id = crypto.randomUUID();
  const now = new Date().toISOString();
  await db
    .insertInto("attempts")
    .values({ id, user_id: userId, draft_id: draftId, status: "open", started_at: now, first_flag_at: null, submitted_at: null, hints_taken: "[]", auto_total: null, auto_score: null, final_total: null, final_score: null, domain: "software", updated_at: now, published_review_id: null, published_at: null, feedback_seen_at: null })
    .execute();
  return id;
}

/** Opens and submits an attempt of the fixture draft with the given findings. */
export async function submitted(db: Database, userId: string, draftId: string, findings: { lineFrom: number; lineTo: number; category: string; explanation: string; confidence?: number }[]) {
  const id = await openAttempt(db, userId, draftId);
  const ids = [];
  for (const f of findings) ids.push(await addFinding(db, userId, id, { ...f, confidence: f.confidence ?? 90, suggestedFix: "", quote: "" }));
  await submitAttempt(db, userId, id);
  return { attemptId: id, findingIds: ids };
}
