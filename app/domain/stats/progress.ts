// A trainee's progress, the same for the trainee's own page and the mentor's page about them:
// hit rate per flaw category (per domain, from the tallies maintained at submit and publish),
// strongest and weakest categories, and the score trend of their submitted attempts.
import { foldTrend, makeBuckets, type Bucket } from "./trend";

/** Categories need this many seeded flaws before they count as strong or weak. */
export const MIN_FLAWS_FOR_RANKING = 3;
/** Up to this many attempts the trend shows each one; beyond, period means. */
export const TREND_POINTS = 60;

export interface CategoryTally {
  category: string;
  domain: string;
  /** As shown: "Category (Domain)". */
  name: string;
  flaws: number;
  hits: number;
}

export interface CategoryRate extends CategoryTally {
  rate: number;
}

export interface RankedCategories {
  categories: CategoryRate[];
  strongest: CategoryRate[];
  weakest: CategoryRate[];
  /** How many categories have enough flaws to be ranked. */
  ranked: number;
  /** The one hit rate all ranked categories share (two or more of them), else null: then nothing is strongest or weakest. */
  allEqualRate: number | null;
}

/**
 * Best first; strongest and weakest only among categories with enough flaws, never overlapping,
 * and never tied: two categories with the same rate are never one strongest and one weakest. A
 * rate on both sides stays strongest when it is the best rate, weakest when it is the worst, and
 * is in neither list otherwise; when all rates are equal neither list names any.
 */
export function rankCategories(tallies: readonly CategoryTally[]): RankedCategories {
  const categories = tallies
    .filter((c) => c.flaws > 0)
    .map((c) => ({ ...c, rate: c.hits / c.flaws }))
    .sort((a, b) => b.rate - a.rate || b.flaws - a.flaws || a.name.localeCompare(b.name));
  const ranked = categories.filter((c) => c.flaws >= MIN_FLAWS_FOR_RANKING);
  // Top and bottom never overlap: each takes at most half of the ranked categories.
  const k = Math.min(3, Math.floor(ranked.length / 2));
  const top = ranked.slice(0, k);
  const bottom = k ? ranked.slice(-k).reverse() : [];
  const same = (a: number, b: number) => Math.abs(a - b) < 1e-9;
  const allEqualRate = ranked.length >= 2 && ranked.every((c) => same(c.rate, ranked[0].rate)) ? ranked[0].rate : null;
  // A rate on both sides: the best rate stays strongest, the worst stays weakest, one in between is neither.
  const best = ranked[0]?.rate ?? 0;
  const worst = ranked.at(-1)?.rate ?? 0;
  const tied = (c: CategoryRate, other: CategoryRate[]) => allEqualRate !== null || other.some((o) => same(o.rate, c.rate));
  const strongest = top.filter((c) => !tied(c, bottom) || (same(c.rate, best) && !same(c.rate, worst)));
  const weakest = bottom.filter((c) => !tied(c, top) || (same(c.rate, worst) && !same(c.rate, best)));
  return { categories, strongest, weakest, ranked: ranked.length, allEqualRate };
}

export interface TrendAttempt {
  /** ISO timestamp of submission. */
  at: string;
  title: string;
  domain: string;
  total: number;
}

export interface ScoreTrend {
  /** true when the points are period means rather than single attempts. */
  grouped: boolean;
  points: { label: string; value: number; n: number }[];
  average: number | null;
  /** Mean of the last five minus the mean of the five before them (null until ten attempts). */
  recentChange: number | null;
}

const shortDay = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

/** "3 Mar" for a day, "3 Mar – 9 Mar" for a longer bucket. */
export function bucketLabel(b: Bucket): string {
  const s = shortDay.format(new Date(`${b.start}T00:00:00Z`));
  return b.days === 1 ? s : `${s} – ${shortDay.format(new Date(`${b.end}T00:00:00Z`))}`;
}

export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);

/** Each attempt oldest first, or period means once there are more than TREND_POINTS. */
export function scoreTrend(attempts: readonly TrendAttempt[]): ScoreTrend {
  const sorted = [...attempts].sort((a, b) => a.at.localeCompare(b.at));
  const totals = sorted.map((a) => a.total);
  const last = mean(totals.slice(-5));
  const before = totals.length >= 10 ? mean(totals.slice(-10, -5)) : null;
  const average = mean(totals);
  const common = { average: average === null ? null : round1(average), recentChange: last !== null && before !== null ? round1(last - before) : null };
  if (sorted.length <= TREND_POINTS) {
    return { grouped: false, points: sorted.map((a) => ({ label: `${a.at.slice(0, 10)} · ${a.title} (${a.domain})`, value: a.total, n: 1 })), ...common };
  }
  const buckets = makeBuckets(sorted[0].at.slice(0, 10), sorted[sorted.length - 1].at.slice(0, 10), 40);
  const folded = foldTrend(
    sorted.map((a) => ({ key: "t", day: a.at.slice(0, 10), n: 1, sum: a.total })),
    buckets,
  ).overall;
  return {
    grouped: true,
    points: buckets.flatMap((b, i) => (folded[i].mean === null ? [] : [{ label: `${bucketLabel(b)} (${folded[i].n} attempts)`, value: round1(folded[i].mean!), n: folded[i].n }])),
    ...common,
  };
}
