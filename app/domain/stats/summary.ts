// Small order statistics used by the dashboards and the bench.

/** Linear-interpolated quantile (the "type 7" rule of R and NumPy's default); null when empty. */
export function quantile(values: readonly number[], q: number): number | null {
  if (!values.length) return null;
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be within 0..1, got ${q}`);
  const xs = [...values].sort((a, b) => a - b);
  const pos = (xs.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo);
}

/** The middle value; the mean of the two middle values for an even count; null when empty. */
export function median(values: readonly number[]): number | null {
  return quantile(values, 0.5);
}

export function mean(values: readonly number[]): number | null {
  return values.length ? values.reduce((s, x) => s + x, 0) / values.length : null;
}

/** a / b, or null when b is 0 (a rate with no opportunity is unknown, not zero). */
export function ratio(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}
