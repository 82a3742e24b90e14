// Rescoring stored attempts with the current scoring version, in batches: one transaction per
// batch (scores, revisions, aggregates and the run's cursor commit together), so a run that
// stops midway leaves every attempt with a consistent breakdown and resumes where it stopped.
// Every changed score gets a score revision: the trainee sees what changed and why.
import type { Database } from "~/db/db.server";
import { DEFAULT_SCORING_CONFIG, type ScoreBreakdown } from "~/domain/scoring";
import { changeDistribution, describeScoreChange, sameGrade, type ChangeDistribution, type ScoreChange } from "~/domain/scoring/changes";
import type { Insertable } from "kysely";
import type { ScoreRevisionsTable } from "~/db/schema-scoring";
import { TallyBook } from "~/domain/stats/tally";
import { writeTallies } from "./aggregates.server";
import { toFindings } from "./attempt.server";
import { getDraft, type StoredDraft } from "./draft.server";
import { lexiconFor } from "./content.server";
import { matcherLabel, matcherLexicons } from "./matcher-overlay.server";
import { MODEL_GRADING_REASON } from "./model-grading.server";
import { overridesFrom } from "./review.server";
import { scoreDraftAttempt } from "./scoring.server";

/** Revisions per multi-row insert (16 columns each: well under both dialects' parameter limits). */
const REVISIONS_PER_INSERT = 100;

export interface RescoreOptions {
  batchSize?: number;
  /** Shown with each revision: "start-up", "npm run rescore", … */
  reason: string;
  /** Stop after this many batches (tests use it to simulate a run that stops midway). */
  maxBatches?: number;
  onBatch?: (progress: { scanned: number; changed: number }) => void;
}

export interface RescoreResult {
  runKey: string;
  scanned: number;
  changed: number;
  finished: boolean;
  /**
   * How the final totals moved (after − before) over the attempts this call rescored: every
   * attempt scored with another version, unchanged grades included.
   */
  distribution: ChangeDistribution;
  /** The same for the automatic totals (before a mentor's review). */
  autoDistribution: ChangeDistribution;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** Which scoring a breakdown came from: config version and matcher (concept sets). */
function scoredWith(s: ScoreBreakdown): string {
  return `v${s.configVersion}|${s.matcherVersion ?? "none"}`;
}

export async function rescoreStoredAttempts(db: Database, options: RescoreOptions): Promise<RescoreResult> {
  const batchSize = options.batchSize ?? 500;
  const version = DEFAULT_SCORING_CONFIG.version;
  // The run key names the concept sets and every pack's overlay version: accepting a phrase
  // change gives a new key, so the next run rescores (visibly) what it changes.
  const { lexiconOf, key: overlays } = await matcherLexicons(db);
  const runKey = `scoring-v${version}|${lexiconFor("").version}|${overlays}`;
  const now = () => new Date().toISOString();
  const started = now();
  await db
    .insertInto("rescore_runs")
    .values({ run_key: runKey, cursor: "", scanned: 0, changed: 0, started_at: started, updated_at: started, finished_at: null })
    .onConflict((oc) => oc.column("run_key").doNothing())
    .execute();
  const drafts = new Map<string, StoredDraft>();
  const finalChanges: ScoreChange[] = [];
  const autoChanges: ScoreChange[] = [];
  let scanned = 0;
  let changed = 0;
  let batches = 0;
  for (;;) {
    if (options.maxBatches !== undefined && batches >= options.maxBatches) break;
    const run = await db.selectFrom("rescore_runs").selectAll().where("run_key", "=", runKey).executeTakeFirstOrThrow();
    if (run.finished_at) break;
    const attempts = await db
      .selectFrom("attempts")
      .innerJoin("users", "users.id", "attempts.user_id")
      .select(["attempts.id", "attempts.user_id", "users.org_id", "attempts.draft_id", "attempts.domain", "attempts.hints_taken", "attempts.auto_total", "attempts.auto_score", "attempts.final_total", "attempts.final_score", "attempts.published_review_id"])
      .where("attempts.status", "=", "submitted")
      .where("attempts.id", ">", run.cursor)
      .orderBy("attempts.id")
      .limit(batchSize)
      .execute();
    if (attempts.length === 0) {
      await db.updateTable("rescore_runs").set({ finished_at: now(), updated_at: now() }).where("run_key", "=", runKey).execute();
      break;
    }
    // Reads outside the transaction (no network inside it, and the SQLite writer lock short).
    for (const a of attempts) {
      if (!drafts.has(a.draft_id)) {
        const d = await getDraft(db, a.draft_id);
        if (d) drafts.set(a.draft_id, d);
      }
    }
    const ids = attempts.map((a) => a.id);
    const findingRows = await db.selectFrom("findings").selectAll().where("attempt_id", "in", ids).orderBy("attempt_id").orderBy("line_from").orderBy("created_at").execute();
    const reviewIds = attempts.flatMap((a) => (a.published_review_id ? [a.published_review_id] : []));
    const reviewRows = reviewIds.length
      ? await db.selectFrom("finding_reviews").select(["review_id", "finding_id", "verdict", "grade", "unseeded", "category_right"]).where("review_id", "in", reviewIds).execute()
      : [];
    const findingsOf = groupBy(findingRows, (f) => f.attempt_id);
    const reviewsOf = groupBy(reviewRows, (r) => r.review_id);

    // Score the page before the transaction (the SQLite writer lock stays short); only an
    // attempt whose grade changed gets a revision (decision 108). Writes per page: one update
    // per rescored attempt, revisions in multi-row inserts, one tally upsert per trainee and
    // category, and flaw results only where detection changed.
    const book = new TallyBook();
    const updates: { id: string; auto: ScoreBreakdown; final: ScoreBreakdown }[] = [];
    const revisions: Insertable<ScoreRevisionsTable>[] = [];
    const detections: { attemptId: string; flawId: string; detected: number }[] = [];
    for (const a of attempts) {
      const draft = drafts.get(a.draft_id);
      if (!draft || !a.auto_score || !a.final_score) continue;
      const beforeAuto = JSON.parse(a.auto_score) as ScoreBreakdown;
      const beforeFinal = JSON.parse(a.final_score) as ScoreBreakdown;
      // The trainee's organisation's overlay (decision 109).
      const lexicon = lexiconOf(draft.domain, a.org_id);
      const target = `v${version}|${lexicon.version}`;
      if (scoredWith(beforeAuto) === target && scoredWith(beforeFinal) === target) continue;
      const rows = findingsOf.get(a.id) ?? [];
      const hintsTaken = (JSON.parse(a.hints_taken) as { key: string }[]).map((h) => h.key);
      // The model grades the organisation's model gave stay: only the rules and phrases change.
      const modelGrading = beforeAuto.modelGrading ?? null;
      const auto = scoreDraftAttempt(draft, { findings: toFindings(rows), hintsTaken, modelGrading }, lexicon);
      const autoHits = new Set(rows.filter((f) => f.auto_verdict === "hit").map((f) => f.id));
      const final = a.published_review_id
        ? scoreDraftAttempt(draft, { findings: toFindings(rows), hintsTaken, overrides: overridesFrom(reviewsOf.get(a.published_review_id) ?? [], autoHits), modelGrading }, lexicon)
        : auto;
      updates.push({ id: a.id, auto, final });
      finalChanges.push({ before: a.final_total ?? 0, after: final.total });
      autoChanges.push({ before: a.auto_total ?? 0, after: auto.total });
      // Same grade under the new version: the stored breakdown takes the new version's name,
      // but nothing a trainee sees changed, so no revision and no aggregate change.
      if (sameGrade(beforeAuto, auto) && sameGrade(beforeFinal, final)) continue;
      revisions.push({
        id: crypto.randomUUID(),
        attempt_id: a.id,
        created_at: now(),
        reason: options.reason,
        from_config_version: beforeFinal.configVersion,
        to_config_version: final.configVersion,
        from_matcher: beforeFinal.matcherVersion ?? "none",
        to_matcher: final.matcherVersion,
        auto_total_before: a.auto_total,
        auto_total_after: auto.total,
        final_total_before: a.final_total,
        final_total_after: final.total,
        previous_auto_score: a.auto_score,
        previous_final_score: a.final_score,
        summary: JSON.stringify(describeScoreChange(beforeFinal, final)),
      });
      book.add(a.user_id, a.domain, beforeFinal, -1).add(a.user_id, a.domain, final, 1);
      const wasDetected = new Map(beforeFinal.flaws.map((f) => [f.flawId, f.status !== "missed"]));
      for (const f of final.flaws) {
        const detected = f.status !== "missed";
        if (wasDetected.get(f.flawId) !== detected) detections.push({ attemptId: a.id, flawId: f.flawId, detected: detected ? 1 : 0 });
      }
    }

    await db.transaction().execute(async (trx) => {
      for (const u of updates) {
        await trx
          .updateTable("attempts")
          .set({ auto_total: u.auto.total, auto_score: JSON.stringify(u.auto), final_total: u.final.total, final_score: JSON.stringify(u.final) })
          .where("id", "=", u.id)
          .execute();
      }
      for (let i = 0; i < revisions.length; i += REVISIONS_PER_INSERT) {
        await trx.insertInto("score_revisions").values(revisions.slice(i, i + REVISIONS_PER_INSERT)).execute();
      }
      await writeTallies(trx, book);
      for (const d of detections) {
        await trx.updateTable("flaw_results").set({ detected: d.detected }).where("attempt_id", "=", d.attemptId).where("flaw_id", "=", d.flawId).execute();
      }
      await trx
        .updateTable("rescore_runs")
        .set((eb) => ({ cursor: ids[ids.length - 1], scanned: eb("scanned", "+", attempts.length), changed: eb("changed", "+", revisions.length), updated_at: now() }))
        .where("run_key", "=", runKey)
        .execute();
    });
    changed += revisions.length;
    scanned += attempts.length;
    batches++;
    options.onBatch?.({ scanned, changed });
  }
  const run = await db.selectFrom("rescore_runs").select("finished_at").where("run_key", "=", runKey).executeTakeFirstOrThrow();
  return { runKey, scanned, changed, finished: run.finished_at !== null, distribution: changeDistribution(finalChanges), autoDistribution: changeDistribution(autoChanges) };
}

export interface ScoreRevisionDTO {
  at: string;
  fromVersion: number;
  toVersion: number;
  before: number | null;
  after: number | null;
  because: string[];
  /** Which phrases matched the explanations after this revision, in words. */
  matcher: string;
  /** The organisation's model that graded the explanations in this revision, if it was that. */
  model: string | null;
}

/** Score revisions of an attempt, newest first, as its owner may see them. */
export async function scoreRevisions(db: Database, attemptId: string): Promise<ScoreRevisionDTO[]> {
  const rows = await db
    .selectFrom("score_revisions")
    .select(["created_at", "reason", "from_config_version", "to_config_version", "to_matcher", "final_total_before", "final_total_after", "summary"])
    .where("attempt_id", "=", attemptId)
    .orderBy("created_at", "desc")
    .execute();
  return rows.map((r) => ({
    at: r.created_at,
    fromVersion: r.from_config_version,
    toVersion: r.to_config_version,
    before: r.final_total_before,
    after: r.final_total_after,
    because: JSON.parse(r.summary) as string[],
    matcher: matcherLabel(r.to_matcher),
    model: r.reason.startsWith(`${MODEL_GRADING_REASON}: `) ? r.reason.slice(MODEL_GRADING_REASON.length + 2) : null,
  }));
}
