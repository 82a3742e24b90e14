// npm run seed:load -- --attempts 100000 [--database URL] [options]
// A realistic volume for the mentor dashboards and the review queue: cohorts of 50 trainees,
// their mentors, a few hundred verified drafts from the real packs, submitted attempts with
// findings scored by the real scoring engine, a share of them reviewed and published by a
// mentor (with verdict overrides and rubric grades), and the dashboard aggregates exactly as the
// app maintains them (flaw_results, trainee_stats, trainee_category_stats from each attempt's
// final score). Writes in batched transactions; a progress bar on a terminal.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { createDatabase, databaseKind, migrateToLatest, type Database } from "~/db/db.server";
import type { Insertable } from "kysely";
import type { DB } from "~/db/schema";
import { generateBatch } from "~/domain/generation/batch";
import { createRng } from "~/domain/generation/prng";
import { scoreAttempt, type MentorOverride, type ScoreBreakdown } from "~/domain/scoring";
import type { Category, Draft, Finding } from "~/domain/types";
import { packs } from "~/models/content.server";
import { insertDrafts } from "~/models/draft.server";
import { hashPassword } from "~/utils/password.server";
import { progress } from "./lib/progress";

export const DEFAULT_LOAD_DATABASE_URL = "file:data/load.db";
export const LOAD_PASSWORD = "redline-demo";
/** Marks a finished load (written last), so a half-written database is never reused. */
export const LOAD_MARKER_KEY = "load_seed";

export interface LoadOptions {
  attempts: number;
  traineesPerCohort: number;
  /** Drafts across all domains (split evenly). */
  drafts: number;
  seed: number;
  /** Days of activity, ending now. */
  days: number;
  /** Share of attempts older than ten days that a mentor has reviewed and published. */
  reviewedShare: number;
  /** Attempts per trainee, which decides the number of cohorts. */
  attemptsPerTrainee: number;
}

export const DEFAULT_LOAD_OPTIONS: LoadOptions = {
  attempts: 100_000,
  traineesPerCohort: 50,
  drafts: 400,
  seed: 20260501,
  days: 180,
  reviewedShare: 0.35,
  attemptsPerTrainee: 500,
};

export interface LoadSummary {
  cohorts: number;
  trainees: number;
  mentors: number;
  drafts: number;
  attempts: number;
  findings: number;
  flawResults: number;
  publishedReviews: number;
  draftReviews: number;
  seconds: number;
  accounts: { role: string; email: string; note: string }[];
}

const FIRST = ["Ada", "Ben", "Chloe", "Dev", "Eva", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kira", "Leo", "Maya", "Nils", "Olga", "Pavel", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wen", "Ximena", "Yusuf", "Zoe"];
const LAST = ["Adler", "Brandt", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Hoffmann", "Ivanova", "Jansen", "Kowalski", "Lindqvist", "Moreno", "Nakamura", "O'Brien", "Petrov", "Quist", "Rossi", "Schmidt", "Tanaka", "Usman", "Varga", "Weber", "Xu", "Yilmaz", "Zimmer"];
const FILLER = [
  "This changes what the draft claims compared with the brief.",
  "I checked it against the surrounding text and it does not hold.",
  "A reviewer downstream would rely on this, so it matters.",
  "The rest of the section is consistent, which makes this stand out.",
];
const FP_TEXT = [
  "This looks suspicious to me, the wording seems off.",
  "Not sure this is right; it may not match the brief.",
  "Possible error here, the number looks too high.",
  "This could be a problem, I would double-check it.",
];
const FEEDBACK = [
  "Solid review. You found the important flaws; explain the impact, not just the symptom.",
  'Good catch on the main issue. Watch your confidence on "maybe" findings: two were false alarms.',
  "You missed the drift from the brief. Re-read the brief before the draft, then compare line by line.",
  "Clear explanations, well done. Next time suggest a fix as well.",
  "Too many flags on lines that were fine; flag fewer, explain better.",
  "=Careful: formula-looking feedback, kept as text in exports.",
];

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

function gaussian(rng: () => number): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

function poisson(rng: () => number, lambda: number): number {
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rng();
  } while (p > l && k < 20);
  return k - 1;
}

function pick<T>(rng: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rng() * xs.length)];
}

const FAMILY_OFFSET: Record<string, number> = { classic: 0.5, drift: -0.4, hallucination: -0.1, overclaim: -0.6 };

interface LoadedDraft {
  id: string;
  draft: Draft;
  lines: number;
  categories: Category[];
}

interface Trainee {
  id: string;
  cohort: number;
  skill: number;
  falseAlarms: number;
  affinity: Map<string, number>;
  domain: string;
  start: number;
}

/** Rows per INSERT: stays below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
function chunks<T>(rows: T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(30_000 / columns));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

async function isEmpty(db: Database): Promise<boolean> {
  return !(await db.selectFrom("users").select("id").limit(1).executeTakeFirst());
}

export async function isCompleteLoad(db: Database, attempts: number): Promise<boolean> {
  try {
    const row = await db.selectFrom("settings").select("value").where("key", "=", LOAD_MARKER_KEY).executeTakeFirst();
    if (!row) return false;
    const marker = JSON.parse(row.value) as { attempts?: number };
    return marker.attempts === attempts;
  } catch {
    return false;
  }
}

/** Fills an empty, migrated database. Deterministic for a given seed, apart from timestamps. */
export async function seedLoad(db: Database, options: Partial<LoadOptions> = {}, log: (line: string) => void = console.log): Promise<LoadSummary> {
  const o = { ...DEFAULT_LOAD_OPTIONS, ...options };
  const t0 = Date.now();
  if (!(await isEmpty(db))) throw new Error("The database already has users. seed:load fills an empty database only: choose another --database or use --reset.");
  const rng = createRng(o.seed);
  const now = Date.now();
  const dayMs = 86_400_000;

  // People ------------------------------------------------------------------------------------
  const traineeCount = Math.max(o.traineesPerCohort, Math.round(o.attempts / o.attemptsPerTrainee / o.traineesPerCohort) * o.traineesPerCohort);
  const cohortCount = Math.ceil(traineeCount / o.traineesPerCohort);
  const passwordHash = await hashPassword(LOAD_PASSWORD); // one slow KDF run, shared by every load account
  const orgId = crypto.randomUUID();
  const createdAt = iso(now - (o.days + 30) * dayMs);
  await db.insertInto("organisations").values({ id: orgId, name: "Load test organisation", created_at: createdAt }).execute();
  const users: { id: string; org_id: string; email: string; name: string; role: "trainee" | "mentor" | "admin"; password_hash: string; disabled_at: null; created_at: string; last_active_at: null }[] = [];
  const person = (email: string, name: string, role: "trainee" | "mentor" | "admin") => {
    const id = crypto.randomUUID();
    users.push({ id, org_id: orgId, email, name, role, password_hash: passwordHash, disabled_at: null, created_at: createdAt, last_active_at: null });
    return id;
  };
  person("admin@load.test", "Alex Admin (load)", "admin");
  // Distinct names (two "Wen García"s in one cohort would only confuse the screens).
  const names = FIRST.flatMap((f) => LAST.map((l) => `${f} ${l}`));
  for (let i = names.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [names[i], names[j]] = [names[j], names[i]];
  }
  let nameNo = 0;
  const nextName = () => {
    const n = names[nameNo % names.length];
    const round = Math.floor(nameNo++ / names.length);
    return round ? `${n} ${round + 1}` : n;
  };
  const cohorts = Array.from({ length: cohortCount }, (_, c) => ({ id: crypto.randomUUID(), name: `Load cohort ${c + 1}`, start: now - o.days * dayMs + Math.floor((c * o.days * 0.5) / Math.max(1, cohortCount)) * dayMs }));
  // One mentor per cohort, and a lead mentor for the first two cohorts (so scopes overlap).
  const mentors = cohorts.map((_, c) => ({ id: person(`mentor${c + 1}@load.test`, `${nextName()} (mentor ${c + 1})`, "mentor"), cohorts: [c] }));
  mentors.push({ id: person("lead-mentor@load.test", "Lead Mentor (load)", "mentor"), cohorts: cohortCount > 1 ? [0, 1] : [0] });
  const loaded = packs();
  const domains = loaded.packs.map((p) => p.domain);
  const trainees: Trainee[] = [];
  for (let i = 0; i < traineeCount; i++) {
    const c = Math.floor(i / o.traineesPerCohort);
    const affinity = new Map<string, number>();
    for (const p of loaded.packs) for (const cat of p.categories) affinity.set(`${p.domain}/${cat.id}`, gaussian(rng) * 0.6);
    trainees.push({
      id: person(`trainee${String(i + 1).padStart(3, "0")}@load.test`, nextName(), "trainee"),
      cohort: c,
      skill: 0.35 + gaussian(rng) * 0.6,
      falseAlarms: Math.exp(gaussian(rng) * 0.6) * 1.75,
      affinity,
      domain: pick(rng, domains),
      start: cohorts[c].start + Math.floor(rng() * 7) * dayMs,
    });
  }
  for (const chunk of chunks(users, 9)) await db.insertInto("users").values(chunk).execute();
  await db.insertInto("cohorts").values(cohorts.map((c) => ({ id: c.id, org_id: orgId, name: c.name, created_at: iso(c.start) }))).execute();
  const members = [
    ...trainees.map((t) => ({ cohort_id: cohorts[t.cohort].id, user_id: t.id, member_role: "trainee" as const, added_at: iso(t.start) })),
    ...mentors.flatMap((m) => m.cohorts.map((c) => ({ cohort_id: cohorts[c].id, user_id: m.id, member_role: "mentor" as const, added_at: iso(cohorts[c].start) }))),
  ];
  for (const chunk of chunks(members, 4)) await db.insertInto("cohort_members").values(chunk).execute();
  log(`${traineeCount} trainees in ${cohortCount} cohorts, ${mentors.length} mentors`);

  // Drafts ------------------------------------------------------------------------------------
  const perDomain = Math.max(1, Math.round(o.drafts / domains.length));
  const pool = new Map<string, LoadedDraft[]>();
  for (const pack of loaded.packs) {
    const drafts = [...generateBatch(pack, { count: perDomain, seed: o.seed, cleanRate: 0.08, contentHash: loaded.hashes[pack.domain] })];
    const ids = await insertDrafts(db, drafts);
    pool.set(
      pack.domain,
      drafts.map((d, i) => ({ id: ids[i], draft: d, lines: Math.max(1, d.flawedText.split("\n").length - (d.flawedText.endsWith("\n") ? 1 : 0)), categories: pack.categories })),
    );
  }
  const draftCount = [...pool.values()].reduce((s, xs) => s + xs.length, 0);
  log(`${draftCount} verified drafts from the ${domains.join(", ")} packs`);

  // Categories the automatic scorer grades poorly (mentors often say "partly"): two per domain.
  const hardToGrade = new Set<string>();
  for (const p of loaded.packs) {
    const cats = [...p.categories].sort((a, b) => a.id.localeCompare(b.id));
    hardToGrade.add(`${p.domain}/${cats[o.seed % cats.length].id}`);
    hardToGrade.add(`${p.domain}/${cats[(o.seed + 5) % cats.length].id}`);
  }

  // Attempt schedule: each trainee's share, spread over their active days, in time order.
  const perTrainee = trainees.map(() => 0);
  for (let i = 0; i < o.attempts; i++) perTrainee[i % traineeCount]++;
  type Planned = { trainee: Trainee; at: number; progress: number };
  const plan: Planned[] = [];
  trainees.forEach((t, ti) => {
    const span = Math.max(dayMs, now - dayMs / 2 - t.start);
    const times = Array.from({ length: perTrainee[ti] }, () => {
      let at = t.start + rng() * span;
      // Fewer attempts at weekends.
      const wd = new Date(at).getUTCDay();
      if ((wd === 0 || wd === 6) && rng() < 0.7) at -= 2 * dayMs;
      return Math.max(t.start, Math.min(now - 60_000, at));
    }).sort((a, b) => a - b);
    times.forEach((at, k) => plan.push({ trainee: t, at, progress: times.length > 1 ? k / (times.length - 1) : 0 }));
  });
  plan.sort((a, b) => a.at - b.at);

  // Aggregates, accumulated from each attempt's final score exactly as aggregates.server.ts does.
  const stats = new Map<string, { attempts: number; total_sum: number; flaws: number; hits: number; false_alarm_lines: number; non_flaw_lines: number; findings: number; false_positives: number; last_submitted_at: string | null }>();
  const catStats = new Map<string, { user_id: string; domain: string; category: string; flaws: number; hits: number }>();
  const addStats = (userId: string, domain: string, score: ScoreBreakdown, at: string) => {
    const s = stats.get(userId) ?? { attempts: 0, total_sum: 0, flaws: 0, hits: 0, false_alarm_lines: 0, non_flaw_lines: 0, findings: 0, false_positives: 0, last_submitted_at: null };
    s.attempts++;
    s.total_sum += score.total;
    s.flaws += score.flaws.length;
    s.hits += score.flaws.filter((f) => f.status !== "missed").length;
    s.false_alarm_lines += score.signal.falseAlarmLines;
    s.non_flaw_lines += score.signal.nonFlawLines;
    s.findings += score.findings.length;
    s.false_positives += score.falsePositives.length;
    if (!s.last_submitted_at || at > s.last_submitted_at) s.last_submitted_at = at;
    stats.set(userId, s);
    for (const f of score.flaws) {
      const key = `${userId}\u0000${domain}\u0000${f.category}`;
      const c = catStats.get(key) ?? { user_id: userId, domain, category: f.category, flaws: 0, hits: 0 };
      c.flaws++;
      if (f.status !== "missed") c.hits++;
      catStats.set(key, c);
    }
  };

  const bar = progress("attempts", o.attempts);
  let findingsTotal = 0;
  let flawResultsTotal = 0;
  let published = 0;
  let draftReviews = 0;
  const BATCH = 1000;
  for (let b = 0; b < plan.length; b += BATCH) {
    const attempts: Insertable<DB["attempts"]>[] = [];
    const findings: Insertable<DB["findings"]>[] = [];
    const flawResults: Insertable<DB["flaw_results"]>[] = [];
    const reviews: Insertable<DB["reviews"]>[] = [];
    const findingReviews: Insertable<DB["finding_reviews"]>[] = [];
    for (const p of plan.slice(b, b + BATCH)) {
      const t = p.trainee;
      const domain = rng() < 0.55 ? t.domain : pick(rng, domains);
      const d = pick(rng, pool.get(domain)!);
      const attemptId = crypto.randomUUID();
      const submittedAt = iso(p.at);
      const startedMs = p.at - (6 + rng() * 35) * 60_000;
      const learning = 1.1 * p.progress;
      const attemptFindings: Finding[] = [];
      const rows: (Insertable<DB["findings"]> & { id: string })[] = [];
      const coverageOf = new Map<string, number>();
      const addFinding = (from: number, to: number, category: string, explanation: string, confidence: number) => {
        const id = crypto.randomUUID();
        const at = iso(startedMs + (attemptFindings.length + 1) * 60_000 * (1 + rng()));
        attemptFindings.push({ id, lines: { from, to }, category, explanation, confidence });
        rows.push({ id, attempt_id: attemptId, line_from: from, line_to: to, quote: null, category, explanation, confidence, suggested_fix: rng() < 0.2 ? "Restore the wording the brief asks for." : null, created_at: at, updated_at: at, auto_verdict: null, matched_flaw_id: null, flaw_category: null });
        return id;
      };
      for (const flaw of d.draft.answerKey) {
        const cat = d.categories.find((c) => c.id === flaw.category);
        const x = t.skill + (t.affinity.get(`${domain}/${flaw.category}`) ?? 0) + (FAMILY_OFFSET[cat?.family ?? "classic"] ?? 0) + 0.35 * (flaw.severity - 2) - 0.2 * (d.draft.difficulty - 3) + learning;
        if (rng() >= sigmoid(x)) continue;
        const from = Math.max(1, flaw.lines.from - (rng() < 0.15 ? 1 : 0));
        const to = Math.min(d.lines, flaw.lines.to + (rng() < 0.15 ? 1 : 0));
        const category = rng() < sigmoid(0.9 + t.skill + learning) ? flaw.category : pick(rng, d.categories).id;
        const covered = flaw.keyPoints.filter(() => rng() < sigmoid(0.2 + t.skill + learning)).map((k) => k.phrases[0]);
        const explanation = [covered.length ? `The draft ${covered.join(", and ")}.` : "Something is wrong on this line.", pick(rng, FILLER)].join(" ");
        const id = addFinding(from, Math.max(from, to), category, explanation, Math.round((0.5 + rng() * 0.5) * 100) / 100);
        coverageOf.set(id, flaw.keyPoints.length ? covered.length / flaw.keyPoints.length : 0.5);
      }
      const fps = poisson(rng, t.falseAlarms * (1 - 0.35 * p.progress));
      for (let k = 0; k < fps; k++) {
        const from = 1 + Math.floor(rng() * d.lines);
        addFinding(from, Math.min(d.lines, from + (rng() < 0.3 ? 1 : 0)), pick(rng, d.categories).id, pick(rng, FP_TEXT), Math.round((0.3 + rng() * 0.6) * 100) / 100);
      }
      const auto = scoreAttempt({ flawedText: d.draft.flawedText, answerKey: d.draft.answerKey, findings: attemptFindings });
      const flawCategory = new Map(auto.flaws.map((f) => [f.flawId, f.category]));
      const autoOf = new Map(auto.findings.map((f) => [f.findingId, f]));
      for (const r of rows) {
        const f = autoOf.get(r.id)!;
        r.auto_verdict = f.autoVerdict;
        r.matched_flaw_id = f.autoFlawId;
        r.flaw_category = f.autoFlawId ? flawCategory.get(f.autoFlawId)! : f.category;
      }

      // Review: older attempts are more likely to have been reviewed.
      const age = (now - p.at) / dayMs;
      const share = age > 10 ? o.reviewedShare : age > 3 ? o.reviewedShare * 0.5 : o.reviewedShare * 0.1;
      const cohortMentors = mentors.filter((m) => m.cohorts.includes(t.cohort));
      let final = auto;
      let publishedAt: string | null = null;
      let publishedReviewId: string | null = null;
      let reviewVersion = 0;
      const delay = Math.exp(Math.log(20 * 3_600_000) + gaussian(rng) * 0.9);
      if (rng() < share && p.at + delay < now) {
        const mentor = pick(rng, cohortMentors);
        const reviewId = crypto.randomUUID();
        publishedAt = iso(p.at + delay);
        publishedReviewId = reviewId;
        reviewVersion = 1;
        const overrides: Record<string, MentorOverride> = {};
        const labels = new Map<string, "correct" | "partly" | "wrong" | null>();
        for (const f of auto.findings) {
          const catKey = `${domain}/${f.autoFlawId ? flawCategory.get(f.autoFlawId) : f.category}`;
          let verdict: "correct" | "partly" | "wrong" | null = null;
          let grade: 0 | 1 | 2 | 3 | undefined;
          let unseeded = 0;
          if (f.autoVerdict === "hit") {
            const disagree = hardToGrade.has(catKey) ? 0.3 : 0.05;
            if (rng() < disagree) verdict = rng() < 0.7 ? "partly" : "wrong";
            else if (rng() < 0.3) verdict = "correct";
            const coverage = coverageOf.get(f.findingId) ?? 0.5;
            grade = Math.max(0, Math.min(3, Math.round(coverage * 3 + gaussian(rng) * 0.5))) as 0 | 1 | 2 | 3;
          } else if (rng() < 0.03) {
            verdict = "correct";
            unseeded = 1;
          }
          labels.set(f.findingId, verdict);
          if (verdict || grade !== undefined) {
            overrides[f.findingId] = { verdict: verdict ?? (f.autoVerdict === "hit" ? "correct" : "wrong"), ...(grade !== undefined ? { explanationGrade: grade } : {}), ...(unseeded ? { unseeded: true } : {}) };
          }
          findingReviews.push({ review_id: reviewId, finding_id: f.findingId, verdict, grade: grade ?? null, comment: verdict === "partly" ? "Right place, but the explanation misses why it matters." : "", unseeded, updated_at: publishedAt });
        }
        reviews.push({ id: reviewId, attempt_id: attemptId, mentor_id: mentor.id, status: "published", feedback: pick(rng, FEEDBACK), based_on_version: 0, created_at: iso(p.at + delay * 0.8), updated_at: publishedAt, published_at: publishedAt });
        final = scoreAttempt({ flawedText: d.draft.flawedText, answerKey: d.draft.answerKey, findings: attemptFindings, overrides });
        published++;
        // A second mentor sometimes reviews the same attempt (calibration between mentors): a
        // draft review with their own verdict on every finding.
        const others = cohortMentors.filter((m) => m.id !== mentor.id);
        if (others.length && rng() < 0.06) {
          const second = crypto.randomUUID();
          const at = iso(Math.min(now - 1000, p.at + delay * 1.3));
          reviews.push({ id: second, attempt_id: attemptId, mentor_id: pick(rng, others).id, status: "draft", feedback: "", based_on_version: 0, created_at: at, updated_at: at, published_at: null });
          for (const f of auto.findings) {
            const first = labels.get(f.findingId) ?? (f.autoVerdict === "hit" ? "correct" : "wrong");
            const verdict = rng() < 0.85 ? first : pick(rng, ["correct", "partly", "wrong"] as const);
            findingReviews.push({ review_id: second, finding_id: f.findingId, verdict, grade: null, comment: "", unseeded: 0, updated_at: at });
          }
          draftReviews++;
        }
      } else if (rng() < 0.01) {
        const at = iso(Math.min(now - 1000, p.at + 3_600_000));
        reviews.push({ id: crypto.randomUUID(), attempt_id: attemptId, mentor_id: pick(rng, cohortMentors).id, status: "draft", feedback: "Started reviewing…", based_on_version: 0, created_at: at, updated_at: at, published_at: null });
        draftReviews++;
      }

      attempts.push({
        id: attemptId,
        user_id: t.id,
        draft_id: d.id,
        status: "submitted",
        started_at: iso(startedMs),
        first_flag_at: rows[0]?.created_at ?? null,
        submitted_at: submittedAt,
        hints_taken: "[]",
        auto_total: auto.total,
        auto_score: JSON.stringify(auto),
        final_total: final.total,
        final_score: final === auto ? JSON.stringify(auto) : JSON.stringify(final),
        domain,
        updated_at: publishedAt ?? submittedAt,
        review_version: reviewVersion,
        published_review_id: publishedReviewId,
        published_at: publishedAt,
        feedback_seen_at: publishedAt && rng() < 0.8 ? publishedAt : null,
      });
      findings.push(...rows);
      for (const f of final.flaws) {
        flawResults.push({ attempt_id: attemptId, flaw_id: f.flawId, user_id: t.id, draft_id: d.id, domain, category: f.category, severity: f.severity, detected: f.status === "missed" ? 0 : 1, submitted_at: submittedAt });
      }
      addStats(t.id, domain, final, submittedAt);
    }
    await db.transaction().execute(async (trx) => {
      for (const c of chunks(attempts, 20)) await trx.insertInto("attempts").values(c).execute();
      for (const c of chunks(findings, 14)) await trx.insertInto("findings").values(c).execute();
      for (const c of chunks(flawResults, 9)) await trx.insertInto("flaw_results").values(c).execute();
      for (const c of chunks(reviews, 9)) await trx.insertInto("reviews").values(c).execute();
      for (const c of chunks(findingReviews, 7)) await trx.insertInto("finding_reviews").values(c).execute();
    });
    findingsTotal += findings.length;
    flawResultsTotal += flawResults.length;
    bar.tick(Math.min(plan.length, b + BATCH), `${findingsTotal.toLocaleString("en-US")} findings`);
  }
  bar.end(`${o.attempts.toLocaleString("en-US")} attempts, ${findingsTotal.toLocaleString("en-US")} findings, ${published.toLocaleString("en-US")} published reviews`);

  await db.transaction().execute(async (trx) => {
    const statRows = [...stats.entries()].map(([user_id, s]) => ({ user_id, ...s }));
    for (const c of chunks(statRows, 10)) await trx.insertInto("trainee_stats").values(c).execute();
    for (const c of chunks([...catStats.values()], 5)) await trx.insertInto("trainee_category_stats").values(c).execute();
    await trx
      .insertInto("settings")
      .values({ key: LOAD_MARKER_KEY, value: JSON.stringify({ attempts: o.attempts, seed: o.seed, completedAt: new Date().toISOString() }) })
      .execute();
  });
  const accounts = [
    { role: "admin", email: "admin@load.test", note: "the whole organisation" },
    { role: "mentor", email: "mentor1@load.test", note: `cohort 1 (${o.traineesPerCohort} trainees)` },
    { role: "mentor", email: "lead-mentor@load.test", note: cohortCount > 1 ? "cohorts 1 and 2" : "cohort 1" },
    { role: "trainee", email: "trainee001@load.test", note: "cohort 1" },
  ];
  return {
    cohorts: cohortCount,
    trainees: traineeCount,
    mentors: mentors.length,
    drafts: draftCount,
    attempts: o.attempts,
    findings: findingsTotal,
    flawResults: flawResultsTotal,
    publishedReviews: published,
    draftReviews,
    seconds: (Date.now() - t0) / 1000,
    accounts,
  };
}

// ---------------------------------------------------------------------------------------------
// CLI

const USAGE = `Usage: npm run seed:load -- [--attempts N] [--database URL] [options]

Fills an EMPTY database with a realistic volume for the mentor dashboards and queue.

  --attempts N              submitted attempts to create (default 100000; 1..2000000)
  --database URL            file:PATH (SQLite) or postgres://… (default: ${DEFAULT_LOAD_DATABASE_URL},
                            a separate file, so your data/redline.db is never touched;
                            DATABASE_URL is NOT used unless you pass it here)
  --reset                   delete the SQLite file first (SQLite only)
  --trainees-per-cohort N   default 50
  --attempts-per-trainee N  decides the number of trainees (default 500: 100k ⇒ 200 trainees, 4 cohorts)
  --drafts N                drafts across the four packs (default 400)
  --seed S                  random seed (default ${DEFAULT_LOAD_OPTIONS.seed})

Every load account's password is "${LOAD_PASSWORD}" (admin@load.test, mentor1@load.test, …).`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function intArg(name: string, raw: string | undefined, min: number, max: number, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < min || n > max) fail(`--${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
  return n;
}

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        attempts: { type: "string" },
        database: { type: "string" },
        reset: { type: "boolean" },
        "trainees-per-cohort": { type: "string" },
        "attempts-per-trainee": { type: "string" },
        drafts: { type: "string" },
        seed: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const options: LoadOptions = {
    ...DEFAULT_LOAD_OPTIONS,
    attempts: intArg("attempts", values.attempts, 1, 2_000_000, DEFAULT_LOAD_OPTIONS.attempts),
    traineesPerCohort: intArg("trainees-per-cohort", values["trainees-per-cohort"], 1, 1000, DEFAULT_LOAD_OPTIONS.traineesPerCohort),
    attemptsPerTrainee: intArg("attempts-per-trainee", values["attempts-per-trainee"], 1, 100_000, DEFAULT_LOAD_OPTIONS.attemptsPerTrainee),
    drafts: intArg("drafts", values.drafts, 4, 20_000, DEFAULT_LOAD_OPTIONS.drafts),
    seed: intArg("seed", values.seed, 0, 2 ** 31 - 1, DEFAULT_LOAD_OPTIONS.seed),
  };
  const url = values.database ?? DEFAULT_LOAD_DATABASE_URL;
  if (!/^(file:|sqlite:|postgres(ql)?:\/\/)/.test(url)) fail(`--database must start with file:, sqlite: or postgres:// (got "${url}").`);
  if (values.reset) {
    if (databaseKind(url) !== "sqlite") fail("--reset only deletes SQLite files; empty a PostgreSQL database yourself.");
    const file = path.resolve(url.replace(/^(file|sqlite):/, ""));
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  }
  console.log(`seed:load → ${url.replace(/\/\/[^@/]*@/, "//…@")} (${options.attempts.toLocaleString("en-US")} attempts)`);
  const db = createDatabase(url);
  try {
    await migrateToLatest(db);
    const s = await seedLoad(db, options);
    console.log(
      `Done in ${s.seconds.toFixed(1)} s: ${s.cohorts} cohorts, ${s.trainees} trainees, ${s.mentors} mentors, ${s.drafts} drafts, ` +
        `${s.attempts.toLocaleString("en-US")} attempts, ${s.findings.toLocaleString("en-US")} findings, ${s.flawResults.toLocaleString("en-US")} flaw results, ` +
        `${s.publishedReviews.toLocaleString("en-US")} published and ${s.draftReviews.toLocaleString("en-US")} draft reviews.`,
    );
    console.log(`Sign in with password "${LOAD_PASSWORD}":`);
    for (const a of s.accounts) console.log(`  ${a.role.padEnd(8)} ${a.email.padEnd(24)} ${a.note}`);
    console.log(`Serve it: DATABASE_URL=${url} npm run serve`);
  } catch (e) {
    console.error(`seed:load failed: ${(e as Error).message}`);
    process.exitCode = 1;
  } finally {
    await db.destroy();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
