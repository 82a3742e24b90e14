// Mentors teach the matcher (decision 032): explanations mentors graded against what the matcher
// credited become proposed phrase changes on the admin content page; accepted changes form a
// versioned overlay per organisation and pack (decisions 109, 136) that every scoring path uses;
// rescoring then records the change.
import type { Database } from "~/db/db.server";
import type { ScoreBreakdown } from "~/domain/scoring";
import { linesToSpan } from "~/domain/scoring/spans";
import { applyPhraseChange, checkPhraseChange, overlayProblems, proposePhraseChanges, type GradedExplanation, type ModelExplanation, type PhraseProposal } from "~/domain/scoring/teach";
import { EMPTY_OVERLAY, withOverlay, type Lexicon, type PhraseOverlay } from "~/domain/text/concepts";
import { domainName, lexiconFor, packs } from "./content.server";
import { rowToDraft } from "./draft.server";
import type { Viewer } from "./scope.server";

/** How many of the most recent mentor grades proposals are drawn from. */
const GRADES_READ = 1000;

interface OverlayRow {
  orgId: string;
  version: number;
  overlay: PhraseOverlay;
}

/** Key of an organisation's overlay of a pack. */
const orgDomain = (orgId: string, domain: string) => `${orgId}\u0000${domain}`;

/** Each organisation's latest overlay of each pack (decision 109: overlays are per organisation). */
async function latestOverlays(db: Database): Promise<Map<string, OverlayRow>> {
  const rows = await db
    .selectFrom("matcher_overlays as o")
    .select(["o.org_id", "o.domain", "o.version", "o.overlay"])
    .where(({ eb, selectFrom }) =>
      eb("o.version", "=", selectFrom("matcher_overlays as m").select((e) => e.fn.max("m.version").as("v")).whereRef("m.domain", "=", "o.domain").whereRef("m.org_id", "=", "o.org_id")),
    )
    .execute();
  return new Map(rows.map((r) => [orgDomain(r.org_id, r.domain), { orgId: r.org_id, version: Number(r.version), overlay: JSON.parse(r.overlay) as PhraseOverlay }]));
}

// One Lexicon object per (organisation, domain, overlay version): the matcher caches compiled
// phrases per object. Versions are numbered per organisation (decision 136), so two
// organisations' version 1 are different overlays and must never share an entry.
const lexicons = new Map<string, Lexicon>();

function lexiconAt(domain: string, row: OverlayRow | undefined): Lexicon {
  const base = lexiconFor(domain);
  if (!row) return base;
  const key = `${base.version}|${row.orgId}|${domain}|${row.version}`;
  let lex = lexicons.get(key);
  if (!lex) lexicons.set(key, (lex = withOverlay(base, row.overlay, `overlay:${domain}@${row.version}`)));
  return lex;
}

async function overlayOf(db: Database, domain: string, orgId: string): Promise<OverlayRow | undefined> {
  const row = await db.selectFrom("matcher_overlays").select(["version", "overlay"]).where("domain", "=", domain).where("org_id", "=", orgId).orderBy("version", "desc").limit(1).executeTakeFirst();
  return row ? { orgId, version: Number(row.version), overlay: JSON.parse(row.overlay) as PhraseOverlay } : undefined;
}

/**
 * The lexicon that scores a draft of this domain now for a user's organisation (the trainee's,
 * or the mentor's, which is the same): concept sets plus the overlay that organisation accepted
 * (decision 109), never another organisation's.
 */
export async function matcherLexicon(db: Database, domain: string, userId: string): Promise<Lexicon> {
  const user = await db.selectFrom("users").select("org_id").where("id", "=", userId).executeTakeFirst();
  return lexiconAt(domain, user ? await overlayOf(db, domain, user.org_id) : undefined);
}

/** Every organisation's current lexicon of every domain, read once (for rescoring in batches). */
export async function matcherLexicons(db: Database): Promise<{ lexiconOf: (domain: string, orgId: string) => Lexicon; key: string }> {
  const rows = await latestOverlays(db);
  const key = [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, r]) => `${k.replace("\u0000", "/")}@${r.version}`).join(",");
  return { lexiconOf: (domain, orgId) => lexiconAt(domain, rows.get(orgDomain(orgId, domain))), key: key === "" ? "no-overlay" : `overlays:${key}` };
}

/** "software pack, taught version 2", or the concept sets alone, for people reading a score. */
export function matcherLabel(matcherVersion: string | undefined): string {
  const m = /\+overlay:([^@]+)@(\d+)$/.exec(matcherVersion ?? "");
  if (m) return `the ${domainName(m[1])} pack's phrases with mentor-taught version ${m[2]}`;
  return matcherVersion && matcherVersion !== "none" ? "the packs' phrases as written" : "the first matcher";
}

export interface ProposalDTO {
  domain: string;
  domainName: string;
  keyPoint: string;
  kind: "add" | "retire";
  phrase: string;
  evidence: { explanation: string; grade: number; matcherPercent: number }[];
}

/** Proposed phrase changes from the organisation's published mentor grades, rejected ones left out. */
export async function matcherProposals(db: Database, admin: Viewer): Promise<ProposalDTO[]> {
  const rows = await db
    .selectFrom("finding_reviews")
    .innerJoin("reviews", "reviews.id", "finding_reviews.review_id")
    .innerJoin("findings", "findings.id", "finding_reviews.finding_id")
    .innerJoin("attempts", "attempts.id", "findings.attempt_id")
    .innerJoin("users as trainee", "trainee.id", "attempts.user_id")
    .select(["findings.id", "findings.explanation", "findings.suggested_fix", "finding_reviews.grade", "finding_reviews.verdict", "attempts.draft_id", "attempts.auto_score"])
    .where("finding_reviews.grade", "is not", null)
    .where("reviews.status", "=", "published")
    .where("trainee.org_id", "=", admin.orgId)
    .orderBy("reviews.published_at", "desc")
    .orderBy("findings.id")
    .limit(GRADES_READ)
    .execute();
  if (rows.length === 0) return [];
  const draftIds = [...new Set(rows.map((r) => r.draft_id))];
  const drafts = new Map((await db.selectFrom("drafts").selectAll().where("id", "in", draftIds).execute()).map((d) => [d.id, rowToDraft(d)]));
  const byDomain = new Map<string, GradedExplanation[]>();
  for (const r of rows) {
    if (r.verdict === "wrong") continue;
    const draft = drafts.get(r.draft_id);
    const auto = r.auto_score ? (JSON.parse(r.auto_score) as ScoreBreakdown) : null;
    const flawId = auto?.findings.find((f) => f.findingId === r.id)?.autoFlawId;
    const flaw = draft?.answerKey.find((e) => e.id === flawId);
    if (!draft || !flaw || flaw.keyPoints.length === 0) continue;
    const span = linesToSpan(draft.flawedText, flaw.lines);
    const list = byDomain.get(draft.domain) ?? [];
    list.push({
      findingId: r.id,
      keyPoints: flaw.keyPoints,
      text: r.suggested_fix ? `${r.explanation}\n${r.suggested_fix}` : r.explanation,
      flawedLines: draft.flawedText.slice(span.start, span.end),
      brief: draft.brief,
      grade: Number(r.grade) as GradedExplanation["grade"],
    });
    byDomain.set(draft.domain, list);
  }
  const rejected = new Set(
    (await db.selectFrom("matcher_decisions").select(["domain", "key_point", "kind", "phrase"]).where("decision", "=", "rejected").where("org_id", "=", admin.orgId).execute()).map((d) => `${d.domain}\u0000${d.key_point}\u0000${d.kind}\u0000${d.phrase}`),
  );
  const { lexiconOf } = await matcherLexicons(db);
  const out: ProposalDTO[] = [];
  for (const [domain, graded] of [...byDomain.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const p of proposePhraseChanges(graded, lexiconOf(domain, admin.orgId))) {
      if (rejected.has(`${domain}\u0000${p.keyPoint}\u0000${p.kind}\u0000${p.phrase}`)) continue;
      out.push(toDTO(domain, p));
    }
  }
  return out;
}

function toDTO(domain: string, p: PhraseProposal): ProposalDTO {
  return {
    domain,
    domainName: domainName(domain),
    keyPoint: p.keyPoint,
    kind: p.kind,
    phrase: p.phrase,
    evidence: p.evidence.map((e) => ({ explanation: e.explanation, grade: e.grade, matcherPercent: Math.round(e.matcherShare * 100) })),
  };
}

/** Key points with this text and their flaws' model explanations, from the domain's stored drafts. */
async function modelExplanations(db: Database, domain: string, keyPoint: string): Promise<ModelExplanation[]> {
  const rows = await db.selectFrom("drafts").select(["answer_key"]).where("domain", "=", domain).execute();
  const out: ModelExplanation[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    for (const e of JSON.parse(r.answer_key) as { explanation: string; keyPoints: { text: string; phrases: string[] }[] }[]) {
      for (const kp of e.keyPoints) {
        if (kp.text !== keyPoint) continue;
        const k = `${kp.phrases.join("\u0001")}\u0000${e.explanation}`;
        if (seen.has(k)) continue;
        seen.add(k);
        out.push({ keyPoint: kp, explanation: e.explanation });
      }
    }
  }
  return out;
}

export type DecisionResult = { ok: true; version: number | null } | { ok: false; error: string };

/**
 * Records an admin's decision on a phrase change. Accepting writes the pack's overlay as a new
 * version, unless it would leave a key point unmatched by its own model explanation (refused,
 * the key point named). The caller rescores afterwards.
 */
export async function decidePhraseChange(
  db: Database,
  admin: Viewer,
  input: { domain?: unknown; keyPoint?: unknown; kind?: unknown; phrase?: unknown; decision?: unknown; evidence?: unknown },
): Promise<DecisionResult> {
  const domain = typeof input.domain === "string" ? input.domain : "";
  if (!packs().packs.some((p) => p.domain === domain)) return { ok: false, error: `There is no pack “${domain}”.` };
  if (input.decision !== "accept" && input.decision !== "reject") return { ok: false, error: "Choose accept or reject." };
  const checked = checkPhraseChange(input);
  if (!checked.ok) return checked;
  const change = checked.change;
  const models = await modelExplanations(db, domain, change.keyPoint);
  if (models.length === 0) return { ok: false, error: `The ${domainName(domain)} pack has no key point “${change.keyPoint}” in its drafts.` };
  const evidence = typeof input.evidence === "string" && input.evidence.length <= 100_000 ? input.evidence : "[]";
  const now = new Date().toISOString();
  const decision = { id: crypto.randomUUID(), domain, key_point: change.keyPoint, kind: change.kind, phrase: change.phrase, evidence, decided_at: now, decided_by: admin.id, org_id: admin.orgId };
  if (input.decision === "reject") {
    await db.insertInto("matcher_decisions").values({ ...decision, decision: "rejected", overlay_version: null }).execute();
    return { ok: true, version: null };
  }
  try {
    return await db.transaction().execute(async (trx) => {
      // The admin's organisation's overlay only, numbered per organisation and pack (decision
      // 136): the next version is after that organisation's latest, the first one is 1.
      const row = await overlayOf(trx, domain, admin.orgId);
      const next = applyPhraseChange(row?.overlay ?? EMPTY_OVERLAY, change);
      const version = (row?.version ?? 0) + 1;
      const before = lexiconAt(domain, row);
      const after = withOverlay(lexiconFor(domain), next, `overlay:${domain}@${version}`);
      const problems = overlayProblems(models, before, after);
      if (problems.length > 0) return { ok: false, error: `Refused: ${problems.join(" ")}` } as const;
      await trx.insertInto("matcher_overlays").values({ domain, version, overlay: JSON.stringify(next), created_at: now, created_by: admin.id, org_id: admin.orgId }).execute();
      await trx.insertInto("matcher_decisions").values({ ...decision, decision: "accepted", overlay_version: version }).execute();
      return { ok: true, version } as const;
    });
  } catch (e) {
    // Two admins accepting at once both try to write the same version: one wins.
    if (/unique|duplicate|primary key/i.test((e as Error).message)) return { ok: false, error: "Another change to this pack was accepted at the same moment; reload and try again." };
    throw e;
  }
}

export interface OverlayHistoryDTO {
  domainName: string;
  version: number;
  at: string;
  by: string | null;
  changes: number;
}

/** The admin's organisation's accepted overlay versions, newest first. */
export async function overlayHistory(db: Database, admin: Viewer): Promise<OverlayHistoryDTO[]> {
  const rows = await db
    .selectFrom("matcher_overlays")
    .leftJoin("users", (j) => j.onRef("users.id", "=", "matcher_overlays.created_by").on("users.org_id", "=", admin.orgId))
    .select(["matcher_overlays.domain", "matcher_overlays.version", "matcher_overlays.overlay", "matcher_overlays.created_at", "users.name"])
    .where("matcher_overlays.org_id", "=", admin.orgId)
    .orderBy("matcher_overlays.created_at", "desc")
    .orderBy("matcher_overlays.version", "desc")
    .limit(50)
    .execute();
  return rows.map((r) => {
    const o = JSON.parse(r.overlay) as PhraseOverlay;
    const count = (m: PhraseOverlay["add"]) => Object.values(m).reduce((n, l) => n + l.length, 0);
    return { domainName: domainName(r.domain), version: Number(r.version), at: r.created_at, by: r.name, changes: count(o.add) + count(o.retire) };
  });
}
