// Grader calibration: how often the automatic scorer and the mentors agree on a finding, and
// how often two mentors agree with each other, as percent agreement and Cohen's kappa.
//
// Labels are verdicts on one finding: correct | partly | wrong.
//  - Automatic: the verdict at submit (findings.auto_verdict): hit → correct, false-positive → wrong.
//  - Mentor: the finding review's verdict. In a PUBLISHED review a blank verdict (or no row)
//    means the mentor kept the automatic verdict, so it agrees. In a draft review only the
//    findings the mentor has judged count (an untouched finding is not a judgement yet).
// Category: the flaw's category for a hit, the category the trainee chose for a false alarm
// (findings.flaw_category), per domain.
import type { Database } from "~/db/db.server";
import { agreement, FLAG_KAPPA_BELOW, FLAG_MIN_PAIRS, kappaStrength, type Agreement, type RatedPair } from "~/domain/stats/agreement";
import type { Filters } from "~/domain/stats/filters";
import { categoryName, domainOptions, type Option } from "./content.server";
import { MODEL_RATER, modelGradePairs } from "./model-rater.server";
import { resolveScope, traineeScope, type Viewer } from "./scope.server";

export type Verdict = "correct" | "partly" | "wrong";


export function autoLabel(autoVerdict: string | null): Verdict | null {
  return autoVerdict === "hit" ? "correct" : autoVerdict === "false-positive" ? "wrong" : null;
}

export interface AgreementDTO {
  n: number;
  percent: number | null;
  kappa: number | null;
  strength: string;
}

export interface CategoryCalibration extends AgreementDTO {
  key: string;
  name: string;
  domain: string;
  /** The most common disagreement, e.g. "automatic correct → mentor partly (12)". */
  topDisagreement: string | null;
  flagged: boolean;
}

export interface Calibration {
  cohorts: Option[];
  domains: Option[];
  filters: Filters;
  period: { from: string | null; to: string | null };
  autoVsMentor: {
    overall: AgreementDTO;
    /** Rows: automatic label; columns: mentor label. */
    matrix: { labels: Verdict[]; counts: number[][] };
    categories: CategoryCalibration[];
    flagged: CategoryCalibration[];
  };
  betweenMentors: {
    overall: AgreementDTO;
    attempts: number;
    pairs: { mentorA: string; mentorB: string; attempts: number; agreement: AgreementDTO }[];
  };
  thirdRater: { name: string; scale: string; overall: AgreementDTO; categories: (AgreementDTO & { name: string })[] } | null;
}

const LABELS: Verdict[] = ["correct", "partly", "wrong"];

function dto(a: Agreement): AgreementDTO {
  return { n: a.n, percent: a.percent, kappa: a.kappa, strength: kappaStrength(a.kappa) };
}

/**
 * Calibration over the findings of attempts in scope: without from/to, all time; with them,
 * attempts submitted in the period.
 */
export async function gradingCalibration(db: Database, viewer: Viewer, filters: Filters): Promise<Calibration> {
  const { scope, cohorts } = await resolveScope(db, viewer, filters);
  const inScope = (column: string) => traineeScope(db, scope, column);
  const bounded = !!(filters.from || filters.to);

  // Automatic vs mentor, grouped: (domain, category, automatic verdict, mentor verdict) → count.
  const autoRows = await db
    .selectFrom("attempts")
    .innerJoin("reviews", (j) => j.onRef("reviews.attempt_id", "=", "attempts.id").on("reviews.status", "=", "published"))
    .innerJoin("findings", "findings.attempt_id", "attempts.id")
    .leftJoin("finding_reviews", (j) => j.onRef("finding_reviews.review_id", "=", "reviews.id").onRef("finding_reviews.finding_id", "=", "findings.id"))
    .select((eb) => ["attempts.domain", "findings.flaw_category", "findings.auto_verdict", "finding_reviews.verdict", eb.fn.countAll<number>().as("n")])
    .where("attempts.status", "=", "submitted")
    .where("attempts.published_at", "is not", null)
    .where(inScope("attempts.user_id"))
    .where("findings.auto_verdict", "is not", null)
    .$if(!!scope.domain, (q) => q.where("attempts.domain", "=", scope.domain!))
    .$if(bounded, (q) => q.where("attempts.submitted_at", ">=", scope.start).where("attempts.submitted_at", "<", scope.end))
    .groupBy(["attempts.domain", "findings.flaw_category", "findings.auto_verdict", "finding_reviews.verdict"])
    .execute();

  const perCategory = new Map<string, RatedPair<Verdict>[]>();
  const all: RatedPair<Verdict>[] = [];
  for (const r of autoRows) {
    const a = autoLabel(r.auto_verdict);
    if (!a) continue;
    const pair = { a, b: (r.verdict ?? a) as Verdict, n: Number(r.n) };
    all.push(pair);
    const key = `${r.domain}/${r.flaw_category ?? "unknown"}`;
    const list = perCategory.get(key) ?? [];
    list.push(pair);
    perCategory.set(key, list);
  }
  const overall = agreement(all);
  const matrix = LABELS.map((a) => LABELS.map((b) => all.filter((p) => p.a === a && p.b === b).reduce((s, p) => s + (p.n ?? 1), 0)));
  const categories: CategoryCalibration[] = [...perCategory.entries()]
    .map(([key, pairs]) => {
      const ag = agreement(pairs);
      const [domain, category] = key.split("/");
      const off = pairs.filter((p) => p.a !== p.b).sort((x, y) => (y.n ?? 1) - (x.n ?? 1))[0];
      const flagged = ag.kappa !== null && ag.kappa < FLAG_KAPPA_BELOW && ag.n >= FLAG_MIN_PAIRS;
      return {
        key,
        name: categoryName(category, domain),
        domain,
        ...dto(ag),
        topDisagreement: off ? `automatic ${off.a} → mentor ${off.b} (${off.n ?? 1})` : null,
        flagged,
      };
    })
    .sort((x, y) => (x.kappa ?? 2) - (y.kappa ?? 2) || y.n - x.n || x.name.localeCompare(y.name));

  // Between mentors: every pair of reviews of the same attempt, compared finding by finding.
  const multi = db.selectFrom("reviews as r2").select("r2.attempt_id").groupBy("r2.attempt_id").having((eb) => eb.fn.countAll(), ">=", 2);
  const mentorRows = await db
    .selectFrom("attempts")
    .innerJoin("reviews", "reviews.attempt_id", "attempts.id")
    .innerJoin("users as m", "m.id", "reviews.mentor_id")
    .innerJoin("findings", "findings.attempt_id", "attempts.id")
    .leftJoin("finding_reviews", (j) => j.onRef("finding_reviews.review_id", "=", "reviews.id").onRef("finding_reviews.finding_id", "=", "findings.id"))
    .select(["attempts.id as attempt_id", "reviews.id as review_id", "reviews.status", "m.id as mentor_id", "m.name as mentor", "findings.id as finding_id", "findings.auto_verdict", "finding_reviews.verdict", "finding_reviews.finding_id as judged"])
    .where("attempts.id", "in", multi)
    .where("attempts.status", "=", "submitted")
    .where(inScope("attempts.user_id"))
    .$if(!!scope.domain, (q) => q.where("attempts.domain", "=", scope.domain!))
    .$if(bounded, (q) => q.where("attempts.submitted_at", ">=", scope.start).where("attempts.submitted_at", "<", scope.end))
    .execute();
  // attempt → finding → mentor → label
  const labels = new Map<string, Map<string, Map<string, Verdict>>>();
  const mentorName = new Map<string, string>();
  for (const r of mentorRows) {
    mentorName.set(r.mentor_id, r.mentor);
    const auto = autoLabel(r.auto_verdict);
    let label: Verdict | null = null;
    if (r.verdict) label = r.verdict;
    else if (r.status === "published") label = auto; // kept the automatic verdict
    // A draft review's untouched finding is not a judgement yet.
    if (!label) continue;
    const byFinding = labels.get(r.attempt_id) ?? new Map<string, Map<string, Verdict>>();
    const byMentor = byFinding.get(r.finding_id) ?? new Map<string, Verdict>();
    byMentor.set(r.mentor_id, label);
    byFinding.set(r.finding_id, byMentor);
    labels.set(r.attempt_id, byFinding);
  }
  const mentorPairs: RatedPair<Verdict>[] = [];
  const byMentorPair = new Map<string, { a: string; b: string; attempts: Set<string>; pairs: RatedPair<Verdict>[] }>();
  for (const [attemptId, byFinding] of labels) {
    for (const byMentor of byFinding.values()) {
      const ids = [...byMentor.keys()].sort();
      for (let i = 0; i < ids.length; i++) {
        for (let j = i + 1; j < ids.length; j++) {
          const pair = { a: byMentor.get(ids[i])!, b: byMentor.get(ids[j])! };
          mentorPairs.push(pair);
          const key = `${ids[i]}|${ids[j]}`;
          const entry = byMentorPair.get(key) ?? { a: ids[i], b: ids[j], attempts: new Set<string>(), pairs: [] };
          entry.attempts.add(attemptId);
          entry.pairs.push(pair);
          byMentorPair.set(key, entry);
        }
      }
    }
  }
  const attemptsCompared = new Set([...byMentorPair.values()].flatMap((e) => [...e.attempts])).size;

  // The model's grade suggestions as a third rater (empty until a mentor asks for them).
  const pairs = await modelGradePairs(db, inScope, { domain: scope.domain, period: bounded ? { start: scope.start, end: scope.end } : null });
  const per = new Map<string, RatedPair[]>();
  for (const p of pairs) per.set(p.category, [...(per.get(p.category) ?? []), { a: p.rater, b: p.mentor }]);
  const third: Calibration["thirdRater"] = {
    ...MODEL_RATER,
    overall: dto(agreement(pairs.map((p) => ({ a: p.rater, b: p.mentor })))),
    categories: [...per.entries()].map(([key, ps]) => ({ name: categoryName(key.split("/")[1] ?? key), ...dto(agreement(ps)) })),
  };

  return {
    cohorts,
    domains: domainOptions(),
    filters,
    period: { from: filters.from ?? null, to: filters.to ?? null },
    autoVsMentor: { overall: dto(overall), matrix: { labels: LABELS, counts: matrix }, categories, flagged: categories.filter((c) => c.flagged) },
    betweenMentors: {
      overall: dto(agreement(mentorPairs)),
      attempts: attemptsCompared,
      pairs: [...byMentorPair.values()]
        .map((e) => ({ mentorA: mentorName.get(e.a) ?? "?", mentorB: mentorName.get(e.b) ?? "?", attempts: e.attempts.size, agreement: dto(agreement(e.pairs)) }))
        .sort((x, y) => y.agreement.n - x.agreement.n),
    },
    thirdRater: third,
  };
}
