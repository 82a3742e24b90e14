// Score trends over a period: per-day totals (what the database groups cheaply) folded into a
// handful of equal buckets (days, weeks or multi-week spans), the last one ending on the last day.

export interface DayTotal {
  key: string;
  /** YYYY-MM-DD (UTC). */
  day: string;
  /** Attempts that day. */
  n: number;
  /** Sum of their total scores. */
  sum: number;
}

export interface Bucket {
  /** First day, YYYY-MM-DD. */
  start: string;
  /** Last day (inclusive), YYYY-MM-DD. */
  end: string;
  days: number;
}

export interface BucketValue {
  n: number;
  mean: number | null;
}

const DAY = 86_400_000;
const toMs = (day: string) => Date.parse(`${day}T00:00:00.000Z`);
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Bucket length in days for a period: single days up to three weeks, then weeks, then several weeks so there are at most `maxBuckets`. */
export function bucketDays(periodDays: number, maxBuckets = 26): number {
  if (periodDays <= 21) return 1;
  if (periodDays <= maxBuckets * 7) return 7;
  return 7 * Math.ceil(periodDays / (maxBuckets * 7));
}

/** Buckets covering from..to (inclusive days); the first one may be shorter. */
export function makeBuckets(from: string, to: string, maxBuckets = 26): Bucket[] {
  const start = toMs(from);
  const end = toMs(to);
  if (!(end >= start)) return [];
  const periodDays = Math.round((end - start) / DAY) + 1;
  const size = bucketDays(periodDays, maxBuckets);
  const out: Bucket[] = [];
  for (let last = end; last >= start; last -= size * DAY) {
    const first = Math.max(start, last - (size - 1) * DAY);
    out.push({ start: toDay(first), end: toDay(last), days: Math.round((last - first) / DAY) + 1 });
  }
  return out.reverse();
}

function bucketIndex(buckets: readonly Bucket[], day: string): number {
  // Buckets are few and sorted: a binary search keeps thousands of rows cheap.
  let lo = 0;
  let hi = buckets.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (day < buckets[mid].start) hi = mid - 1;
    else if (day > buckets[mid].end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Mean total per key and bucket (attempt-weighted), plus the same over all keys together. */
export function foldTrend(rows: readonly DayTotal[], buckets: readonly Bucket[]): { byKey: Map<string, BucketValue[]>; overall: BucketValue[] } {
  const acc = new Map<string, { n: number; sum: number }[]>();
  const all = buckets.map(() => ({ n: 0, sum: 0 }));
  for (const r of rows) {
    const i = bucketIndex(buckets, r.day);
    if (i < 0) continue;
    let series = acc.get(r.key);
    if (!series) acc.set(r.key, (series = buckets.map(() => ({ n: 0, sum: 0 }))));
    series[i].n += r.n;
    series[i].sum += r.sum;
    all[i].n += r.n;
    all[i].sum += r.sum;
  }
  const finish = (xs: { n: number; sum: number }[]): BucketValue[] => xs.map((x) => ({ n: x.n, mean: x.n ? x.sum / x.n : null }));
  return { byKey: new Map([...acc].map(([k, v]) => [k, finish(v)])), overall: finish(all) };
}
