// Money helpers for {{context}}. Every amount is an integer number of minor units (cents);
// rounding happens once, explicitly, in the function that needs it.

const DECIMAL = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/** Parses "12", "12.5" or "-1234.56" into integer cents. Throws on anything else. */
export function toCents(input: string): number {
  const match = DECIMAL.exec(input.trim());
  if (!match) {
    throw new TypeError(`Not a money amount: "${input}"`);
  }
  const [, minus, whole, fraction = ''] = match;
  // Build cents from the digits instead of multiplying: {{floaty}} * 100 is {{floaty_x100}}.
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) {
    throw new RangeError(`Amount out of range: "${input}"`);
  }
  // 0 - cents rather than -cents, so "-0.00" gives 0 and not -0.
  return minus ? 0 - cents : cents;
}

/**
 * Tax on a net amount at a rate in basis points (1 bp = 0.01 %), rounded half away
 * from zero to the cent. Integer arithmetic only: 2.5 cents becomes 3, -2.5 becomes -3.
 */
export function applyTaxCents(netCents: number, rateBps: number): number {
  if (!Number.isSafeInteger(netCents) || !Number.isSafeInteger(rateBps) || rateBps < 0) {
    throw new RangeError('netCents and rateBps must be integers, rateBps not negative');
  }
  const product = netCents * rateBps;
  if (!Number.isSafeInteger(product)) {
    throw new RangeError('Amount too large for exact tax calculation');
  }
  const remainder = product % 10_000;
  const quotient = (product - remainder) / 10_000;
  // A remainder of at least half a cent moves the result one cent away from zero.
  const roundAway = Math.abs(remainder) * 2 >= 10_000 ? Math.sign(product) : 0;
  return quotient + roundAway;
}

/**
 * Splits totalCents across integer weights so that the parts always sum to totalCents.
 * Each part gets its floor share; the leftover cents go one each to the parts with the
 * largest remainders (ties: lower index first).
 */
export function allocate(totalCents: number, weights: number[]): number[] {
  if (!Number.isSafeInteger(totalCents) || totalCents < 0) {
    throw new RangeError('totalCents must be a non-negative integer');
  }
  if (weights.length === 0 || weights.some((w) => !Number.isSafeInteger(w) || w < 0)) {
    throw new RangeError('weights must be a non-empty list of non-negative integers');
  }
  const weightSum = weights.reduce((sum, w) => sum + w, 0);
  if (weightSum === 0 || !Number.isSafeInteger(totalCents * Math.max(...weights))) {
    throw new RangeError('weights must not all be zero, nor so large that shares lose precision');
  }

  const shares = weights.map((w, index) => {
    const scaled = totalCents * w;
    const rest = scaled % weightSum;
    return { index, floor: (scaled - rest) / weightSum, rest };
  });
  const parts = shares.map((share) => share.floor);
  const leftover = totalCents - parts.reduce((sum, p) => sum + p, 0);

  const byRemainder = [...shares].sort((a, b) => b.rest - a.rest || a.index - b.index);
  for (let i = 0; i < leftover; i++) {
    parts[byRemainder[i].index] += 1;
  }
  return parts;
}

/** Display format, e.g. formatCents({{shown}}, '{{cur}}') === '{{shown_fmt}}' (2-decimal currencies). */
export function formatCents(cents: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100);
}

// Summary:
// - toCents never goes through floating point, so "{{floaty}}" is exactly {{floaty_cents}}.
// - applyTaxCents rounds half away from zero, symmetric for {{negatives}}.
// - allocate({{total}}, [1, 1, 1]) returns [{{alloc_clean}}]: the parts always add up to the total.
