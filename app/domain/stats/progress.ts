// A trainee's progress: score trend and hit rate per flaw category, from their scored attempts.

export interface ScoredAttempt {
  id: string;
  submittedAt: string;
  domain: string;
  total: number;
  /** Per seeded flaw: its category and whether the trainee detected it (found or wrong category). */
  flaws: { category: string; detected: boolean }[];
}

export interface CategoryRate {
  category: string;
  hits: number;
  total: number;
  rate: number;
}

export interface Progress {
  series: { id: string; at: string; total: number; domain: string }[];
  categories: CategoryRate[];
  strongest: CategoryRate[];
  weakest: CategoryRate[];
  average: number | null;
  /** Mean of the last five minus the mean of the five before them (null until ten attempts). */
  recentChange: number | null;
}

/** Categories need this many seeded flaws before they count as strong or weak. */
export const MIN_FLAWS_FOR_RANKING = 3;

export function computeProgress(attempts: readonly ScoredAttempt[]): Progress {
  const sorted = [...attempts].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  const byCat = new Map<string, { hits: number; total: number }>();
  for (const a of sorted) {
    for (const f of a.flaws) {
      const c = byCat.get(f.category) ?? { hits: 0, total: 0 };
      c.total++;
      if (f.detected) c.hits++;
      byCat.set(f.category, c);
    }
  }
  const categories = [...byCat.entries()]
    .map(([category, c]) => ({ category, hits: c.hits, total: c.total, rate: c.hits / c.total }))
    .sort((a, b) => b.rate - a.rate || b.total - a.total || a.category.localeCompare(b.category));
  const ranked = categories.filter((c) => c.total >= MIN_FLAWS_FOR_RANKING);
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
  const totals = sorted.map((a) => a.total);
  const last = mean(totals.slice(-5));
  const before = totals.length >= 10 ? mean(totals.slice(-10, -5)) : null;
  // Top and bottom never overlap: each takes at most half of the ranked categories.
  const k = Math.min(3, Math.floor(ranked.length / 2));
  return {
    series: sorted.map((a) => ({ id: a.id, at: a.submittedAt, total: a.total, domain: a.domain })),
    categories,
    strongest: ranked.slice(0, k),
    weakest: k ? ranked.slice(-k).reverse() : [],
    average: mean(totals),
    recentChange: last !== null && before !== null ? last - before : null,
  };
}
