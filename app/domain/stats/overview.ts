// The cohort overview's figures from what its queries return: heatmap, trend series, most
// missed flaws and categories, over-flagging and review times per mentor. Pure, so each figure
// can be checked by a unit test with pencil-and-paper numbers.
import { bucketLabel, round1 } from "./progress";
import { median, ratio } from "./summary";
import { foldTrend, type Bucket, type DayTotal } from "./trend";

/** A flaw needs this many results before it can rank among the most missed. */
export const MIN_RESULTS_PER_FLAW = 5;
export const MIN_FLAWS_PER_CATEGORY = 10;

export interface Named {
  id: string;
  name: string;
}

// ---------------------------------------------------------------------------------------------
// Heatmap

export interface HeatmapColumn {
  category: string;
  name: string;
  /** Domain heading the column sits under: a domain's name, or "Across domains". */
  group: string;
}

export interface HeatCell {
  flaws: number;
  hits: number;
}

export interface HeatmapRow {
  traineeId: string;
  name: string;
  cells: (HeatCell | null)[];
  overall: HeatCell;
}

export const ACROSS_DOMAINS = "Across domains";

/**
 * Columns are the categories with data, grouped "across domains" first (an id several packs
 * share, e.g. drift from the brief), then per domain in pack order; rows are the trainees.
 */
export function buildHeatmap(
  trainees: readonly Named[],
  tallies: readonly { user_id: string; category: string; flaws: number; hits: number }[],
  categories: ReadonlyMap<string, { name: string; domains: string[] }>,
  domains: readonly Named[],
  domain?: string,
): { columns: HeatmapColumn[]; rows: HeatmapRow[] } {
  const domainName = (id: string) => domains.find((d) => d.id === id)?.name ?? id;
  const groupOf = (category: string) => {
    const ds = (categories.get(category)?.domains ?? []).filter((d) => !domain || d === domain);
    return ds.length > 1 ? ACROSS_DOMAINS : domainName(ds[0] ?? "");
  };
  const groupOrder = [ACROSS_DOMAINS, ...domains.map((d) => d.name)];
  const columns: HeatmapColumn[] = [...new Set(tallies.map((h) => h.category))]
    .map((category) => ({ category, name: categories.get(category)?.name ?? category, group: groupOf(category) }))
    .sort((a, b) => groupOrder.indexOf(a.group) - groupOrder.indexOf(b.group) || a.name.localeCompare(b.name));
  const colIndex = new Map(columns.map((c, i) => [c.category, i]));
  const rowsById = new Map<string, HeatmapRow>(trainees.map((t) => [t.id, { traineeId: t.id, name: t.name, cells: columns.map(() => null), overall: { flaws: 0, hits: 0 } }]));
  for (const h of tallies) {
    const row = rowsById.get(h.user_id);
    if (!row || h.flaws <= 0) continue;
    row.cells[colIndex.get(h.category)!] = { flaws: h.flaws, hits: h.hits };
    row.overall.flaws += h.flaws;
    row.overall.hits += h.hits;
  }
  return { columns, rows: [...rowsById.values()] };
}

// ---------------------------------------------------------------------------------------------
// Trend

export interface TrendSeries {
  traineeId: string;
  name: string;
  attempts: number;
  values: (number | null)[];
  /** Mean of the period, attempt-weighted. */
  mean: number | null;
}

export interface CohortTrend {
  buckets: (Bucket & { label: string })[];
  overall: (number | null)[];
  series: TrendSeries[];
  attempts: number;
  meanScore: number | null;
}

export function cohortTrend(trainees: readonly Named[], days: readonly DayTotal[], buckets: readonly Bucket[]): CohortTrend {
  const folded = foldTrend(days, buckets);
  const series: TrendSeries[] = trainees.map((t) => {
    const values = folded.byKey.get(t.id) ?? buckets.map(() => ({ n: 0, mean: null }));
    const n = values.reduce((s, v) => s + v.n, 0);
    const sum = values.reduce((s, v) => s + (v.mean ?? 0) * v.n, 0);
    return { traineeId: t.id, name: t.name, attempts: n, values: values.map((v) => (v.mean === null ? null : round1(v.mean))), mean: n ? round1(sum / n) : null };
  });
  const attempts = folded.overall.reduce((s, v) => s + v.n, 0);
  const sum = folded.overall.reduce((s, v) => s + (v.mean ?? 0) * v.n, 0);
  return {
    buckets: buckets.map((b) => ({ ...b, label: bucketLabel(b) })),
    overall: folded.overall.map((v) => (v.mean === null ? null : round1(v.mean))),
    series,
    attempts,
    meanScore: attempts ? round1(sum / attempts) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Most missed

export interface FlawResultCount {
  draftId: string;
  flawId: string;
  domain: string;
  category: string;
  results: number;
  hits: number;
}

export interface FlawFacts {
  /** The same authored site in several drafts of one source shares this key. */
  site: string;
  severity: number;
  lines: { from: number; to: number };
  explanation: string;
}

export interface MissedFlaw {
  draftId: string;
  title: string;
  domain: string;
  flawId: string;
  category: string;
  categoryName: string;
  severity: number | null;
  lines: string;
  explanation: string;
  /** Drafts this flaw site was seeded into (lines are those of the first). */
  drafts: number;
  results: number;
  misses: number;
  missRate: number;
}

export interface MissedCategory {
  category: string;
  domain: string;
  name: string;
  flaws: number;
  misses: number;
  missRate: number;
}

export function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s;
}

/**
 * The ten flaws missed most often. A flaw site seeded into several drafts of one source is one
 * flaw: results merge across those drafts. Flaws with too few results rank only when no flaw
 * has enough.
 */
export function mostMissedFlaws(
  flaws: readonly FlawResultCount[],
  drafts: ReadonlyMap<string, { title: string; flaws: ReadonlyMap<string, FlawFacts> }>,
  categoryName: (category: string) => string,
): MissedFlaw[] {
  const bySite = new Map<string, FlawResultCount & { drafts: Set<string> }>();
  for (const f of flaws) {
    const site = drafts.get(f.draftId)?.flaws.get(f.flawId)?.site ?? `${f.draftId}#${f.flawId}`;
    const cur = bySite.get(site) ?? { ...f, results: 0, hits: 0, drafts: new Set<string>() };
    cur.results += f.results;
    cur.hits += f.hits;
    cur.drafts.add(f.draftId);
    bySite.set(site, cur);
  }
  const sites = [...bySite.values()];
  const enough = sites.filter((f) => f.results >= MIN_RESULTS_PER_FLAW);
  return (enough.length ? enough : sites)
    .map((f) => ({ ...f, misses: f.results - f.hits, missRate: (f.results - f.hits) / f.results }))
    .filter((f) => f.misses > 0)
    .sort((a, b) => b.missRate - a.missRate || b.misses - a.misses || a.draftId.localeCompare(b.draftId) || a.flawId.localeCompare(b.flawId))
    .slice(0, 10)
    .map((f) => {
      const d = drafts.get(f.draftId);
      const e = d?.flaws.get(f.flawId);
      return {
        draftId: f.draftId,
        title: d?.title ?? "",
        domain: f.domain,
        flawId: f.flawId,
        category: f.category,
        categoryName: categoryName(f.category),
        severity: e?.severity ?? null,
        lines: e ? (e.lines.from === e.lines.to ? `line ${e.lines.from}` : `lines ${e.lines.from}–${e.lines.to}`) : "",
        explanation: e ? clip(e.explanation, 220) : "",
        drafts: f.drafts.size,
        results: f.results,
        misses: f.misses,
        missRate: f.missRate,
      };
    });
}

/** The eight categories (per domain) missed most often. */
export function mostMissedCategories(flaws: readonly FlawResultCount[], name: (category: string, domain: string) => string): MissedCategory[] {
  const byCategory = new Map<string, MissedCategory>();
  for (const f of flaws) {
    const key = `${f.domain}/${f.category}`;
    const c = byCategory.get(key) ?? { category: f.category, domain: f.domain, name: name(f.category, f.domain), flaws: 0, misses: 0, missRate: 0 };
    c.flaws += f.results;
    c.misses += f.results - f.hits;
    byCategory.set(key, c);
  }
  const cats = [...byCategory.values()].map((c) => ({ ...c, missRate: c.misses / c.flaws }));
  const enough = cats.filter((c) => c.flaws >= MIN_FLAWS_PER_CATEGORY);
  return (enough.length ? enough : cats)
    .filter((c) => c.misses > 0)
    .sort((a, b) => b.missRate - a.missRate || b.misses - a.misses || a.name.localeCompare(b.name))
    .slice(0, 8);
}

// ---------------------------------------------------------------------------------------------
// Over-flagging

export interface OverFlagging {
  traineeId: string;
  name: string;
  findings: number;
  falsePositives: number;
  /** Share of the trainee's findings that matched no flaw. */
  falsePositiveShare: number | null;
  /** False-alarm lines ÷ lines without a flaw (signal detection). */
  falseAlarmRate: number | null;
}

export function overFlagging(
  stats: readonly { user_id: string; findings: number; false_positives: number; false_alarm_lines: number; non_flaw_lines: number }[],
  names: ReadonlyMap<string, string>,
): OverFlagging[] {
  return stats
    .filter((s) => names.has(s.user_id) && s.findings > 0)
    .map((s) => ({
      traineeId: s.user_id,
      name: names.get(s.user_id)!,
      findings: s.findings,
      falsePositives: s.false_positives,
      falsePositiveShare: ratio(s.false_positives, s.findings),
      falseAlarmRate: ratio(s.false_alarm_lines, s.non_flaw_lines),
    }))
    .sort((a, b) => (b.falsePositiveShare ?? 0) - (a.falsePositiveShare ?? 0) || a.name.localeCompare(b.name));
}

// ---------------------------------------------------------------------------------------------
// Reviews per mentor

export interface MentorReviews {
  mentorId: string;
  name: string;
  /** Submitted, unpublished attempts of trainees in this mentor's cohorts (within the viewer's scope). */
  open: number;
  oldestOpenAt: string | null;
  inProgress: number;
  publishedInPeriod: number;
  medianHoursToReview: number | null;
}

export interface ReviewSummary {
  open: number;
  oldestOpenAt: string | null;
  publishedInPeriod: number;
  medianHoursToReview: number | null;
}

const hoursBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 3_600_000;

function openOf(trainees: Iterable<string>, openBy: ReadonlyMap<string, { n: number; oldest: string | null }>) {
  let open = 0;
  let oldest: string | null = null;
  for (const t of trainees) {
    const o = openBy.get(t);
    if (!o) continue;
    open += o.n;
    if (o.oldest && (!oldest || o.oldest < oldest)) oldest = o.oldest;
  }
  return { open, oldest };
}

/**
 * Open reviews, reviews in progress and median time to review, per mentor and for everyone in
 * view. `mentors` maps each mentor to the trainees of their cohorts in scope (a mentor who
 * published here but no longer mentors a cohort in view comes with no trainees).
 */
export function reviewsPerMentor(
  mentors: ReadonlyMap<string, { name: string; trainees: ReadonlySet<string> }>,
  openBy: ReadonlyMap<string, { n: number; oldest: string | null }>,
  published: readonly { mentor_id: string; submitted_at: string | null; published_at: string | null }[],
  inProgress: ReadonlyMap<string, number>,
): { reviews: MentorReviews[]; summary: ReviewSummary } {
  const durations = new Map<string, number[]>();
  const all: number[] = [];
  for (const p of published) {
    if (!p.submitted_at || !p.published_at) continue;
    const h = hoursBetween(p.submitted_at, p.published_at);
    all.push(h);
    durations.set(p.mentor_id, [...(durations.get(p.mentor_id) ?? []), h]);
  }
  const med = (xs: number[]) => {
    const m = median(xs);
    return m === null ? null : round1(m);
  };
  const reviews = [...mentors.entries()]
    .map(([mentorId, m]) => {
      const { open, oldest } = openOf(m.trainees, openBy);
      const d = durations.get(mentorId) ?? [];
      return { mentorId, name: m.name, open, oldestOpenAt: oldest, inProgress: inProgress.get(mentorId) ?? 0, publishedInPeriod: d.length, medianHoursToReview: med(d) };
    })
    .sort((a, b) => b.open - a.open || a.name.localeCompare(b.name));
  const { open, oldest } = openOf(openBy.keys(), openBy);
  return { reviews, summary: { open, oldestOpenAt: oldest, publishedInPeriod: all.length, medianHoursToReview: med(all) } };
}
