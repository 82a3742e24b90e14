// What the admin's Content page shows: the loaded packs with their pool sizes, the matcher's phrase
// proposals and accepted versions, and the unseeded finds (real flaws mentors marked that an
// answer key lacks), scoped to the admin's organisation.
import type { Database } from "~/db/db.server";
import { packs } from "./content.server";
import { draftPoolCounts } from "./draft.server";
import { matcherProposals, overlayHistory } from "./matcher-overlay.server";
import type { Viewer } from "./scope.server";

/** The latest 200 findings mentors of the admin's organisation published as real but unseeded flaws. */
async function unseededFinds(db: Database, orgId: string) {
  const rows = await db
    .selectFrom("finding_reviews")
    .innerJoin("reviews", "reviews.id", "finding_reviews.review_id")
    .innerJoin("findings", "findings.id", "finding_reviews.finding_id")
    .innerJoin("attempts", "attempts.id", "findings.attempt_id")
    .innerJoin("drafts", "drafts.id", "attempts.draft_id")
    .innerJoin("users as trainee", "trainee.id", "attempts.user_id")
    .innerJoin("users as mentor", "mentor.id", "reviews.mentor_id")
    .select(["findings.id", "findings.line_from", "findings.line_to", "findings.explanation", "findings.category", "finding_reviews.comment", "reviews.published_at"])
    .select(["drafts.domain", "drafts.source_id", "drafts.title", "drafts.generator", "mentor.name as mentor"])
    .where("finding_reviews.unseeded", "=", 1)
    .where("reviews.status", "=", "published")
    .where("trainee.org_id", "=", orgId)
    .orderBy("reviews.published_at", "desc")
    .limit(200)
    .execute();
  return rows.map((u) => ({
    id: u.id,
    where: `${u.domain}/${u.source_id}`,
    title: u.title,
    generator: u.generator,
    lines: u.line_from === u.line_to ? `line ${u.line_from}` : `lines ${u.line_from}–${u.line_to}`,
    explanation: u.explanation,
    category: u.category,
    mentorComment: u.comment,
    mentor: u.mentor,
    at: u.published_at,
  }));
}

export async function contentOverview(db: Database, admin: Viewer) {
  const loaded = packs();
  const [unseeded, proposals, overlays, pool] = await Promise.all([unseededFinds(db, admin.orgId), matcherProposals(db, admin), overlayHistory(db, admin), draftPoolCounts(db)]);
  return {
    proposals,
    overlays,
    packs: loaded.packs.map((p) => ({
      domain: p.domain,
      name: p.name,
      categories: p.categories.length,
      sources: p.sources.length,
      sites: p.sources.reduce((n, s) => n + s.sites.length, 0),
      operators: p.operators.length,
    })),
    problems: loaded.problems.length,
    pool,
    unseeded,
  };
}
