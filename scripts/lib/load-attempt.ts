// One simulated submitted attempt for seed:load: a trainee of some skill reviews a draft (finds
// flaws with a probability that grows with skill, severity and practice, explains them partly,
// raises false alarms), the real scoring engine scores it, and a mentor may review and publish.
import crypto from "node:crypto";
import type { Insertable } from "kysely";
import type { DB } from "~/db/schema";
import { scoreAttempt, type MentorOverride, type ScoreBreakdown } from "~/domain/scoring";
import { findingVerdicts } from "~/domain/stats/tally";
import type { Category, Draft, Finding } from "~/domain/types";

export const FIRST = ["Ada", "Ben", "Chloe", "Dev", "Eva", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kira", "Leo", "Maya", "Nils", "Olga", "Pavel", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wen", "Ximena", "Yusuf", "Zoe"];
export const LAST = ["Adler", "Brandt", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Hoffmann", "Ivanova", "Jansen", "Kowalski", "Lindqvist", "Moreno", "Nakamura", "O'Brien", "Petrov", "Quist", "Rossi", "Schmidt", "Tanaka", "Usman", "Varga", "Weber", "Xu", "Yilmaz", "Zimmer"];
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

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export function gaussian(rng: () => number): number {
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

export function pick<T>(rng: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rng() * xs.length)];
}

const FAMILY_OFFSET: Record<string, number> = { classic: 0.5, drift: -0.4, hallucination: -0.1, overclaim: -0.6 };

export interface LoadedDraft {
  id: string;
  draft: Draft;
  lines: number;
  categories: Category[];
}

export interface Trainee {
  id: string;
  cohort: number;
  skill: number;
  falseAlarms: number;
  affinity: Map<string, number>;
  domain: string;
  start: number;
}


export interface LoadWorld {
  rng: () => number;
  now: number;
  domains: string[];
  pool: Map<string, LoadedDraft[]>;
  mentors: { id: string; cohorts: number[] }[];
  /** `domain/category` keys the automatic scorer grades poorly (mentors often say "partly"). */
  hardToGrade: Set<string>;
  reviewedShare: number;
}

export interface SimulatedAttempt {
  attempt: Insertable<DB["attempts"]>;
  ref: { id: string; user_id: string; draft_id: string; domain: string };
  submittedAt: string;
  findings: Insertable<DB["findings"]>[];
  reviews: Insertable<DB["reviews"]>[];
  findingReviews: Insertable<DB["finding_reviews"]>[];
  /** The score the trainee sees: the mentor's when published, else the automatic one. */
  final: ScoreBreakdown;
  published: boolean;
  draftReviews: number;
}

const dayMs = 86_400_000;

export function simulateAttempt(w: LoadWorld, p: { trainee: Trainee; at: number; progress: number }): SimulatedAttempt {
  const { rng, now, domains, pool, mentors, hardToGrade } = w;
  const reviews: Insertable<DB["reviews"]>[] = [];
  const findingReviews: Insertable<DB["finding_reviews"]>[] = [];
  let published = false;
  let draftReviews = 0;
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
  // The automatic verdicts exactly as a real submit stores them.
  const flawCategory = new Map(auto.flaws.map((f) => [f.flawId, f.category]));
  const verdictOf = new Map(findingVerdicts(auto).map((v) => [v.findingId, v]));
  for (const r of rows) {
    const { findingId: _, ...v } = verdictOf.get(r.id)!;
    Object.assign(r, v);
  }

  // Review: older attempts are more likely to have been reviewed.
  const age = (now - p.at) / dayMs;
  const share = age > 10 ? w.reviewedShare : age > 3 ? w.reviewedShare * 0.5 : w.reviewedShare * 0.1;
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
    published = true;
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

  const attempt: Insertable<DB["attempts"]> = {
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
  };
  return { attempt, ref: { id: attemptId, user_id: t.id, draft_id: d.id, domain }, submittedAt, findings: rows, reviews, findingReviews, final, published, draftReviews };
}
