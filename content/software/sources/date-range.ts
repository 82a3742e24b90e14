// Date-range helpers for the {{api}}.
// All arithmetic is done in UTC, so a daylight-saving change can never add or drop a day.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 24 * 60 * 60 * 1000;
export const MAX_RANGE_DAYS = {{max}};

/**
 * Parses a strict `YYYY-MM-DD` string into a Date at UTC midnight.
 * Throws a RangeError for malformed input and for impossible dates such as {{bad_feb30}}.
 */
export function parseIsoDate(value: string): Date {
  const match = ISO_DATE.exec(value);
  if (!match) {
    throw new RangeError(`Expected a date as YYYY-MM-DD, got "${value}"`);
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const date = new Date(Date.UTC(year, month - 1, day));

  // Date.UTC silently rolls over (Feb 30 becomes Mar 1), so check that the parts round-trip.
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    throw new RangeError(`"${value}" is not a valid calendar date`);
  }
  return date;
}

/** Formats a UTC-midnight Date back to `YYYY-MM-DD`. */
export function formatIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Number of calendar days from `from` to `to`, counting both ends. */
export function daysInRange(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / MS_PER_DAY) + 1;
}

/**
 * Returns every day from `from` to `to`, both inclusive, as `YYYY-MM-DD` strings.
 * Throws a RangeError if `to` is before `from` or the range is longer than MAX_RANGE_DAYS.
 */
export function {{each}}(fromValue: string, toValue: string): string[] {
  const from = parseIsoDate(fromValue);
  const to = parseIsoDate(toValue);

  if (to.getTime() < from.getTime()) {
    throw new RangeError(`Range end ${toValue} is before its start ${fromValue}`);
  }
  const count = daysInRange(from, to);
  if (count > MAX_RANGE_DAYS) {
    throw new RangeError(`Range covers ${count} days; the maximum is ${MAX_RANGE_DAYS}`);
  }

  const days: string[] = [];
  for (let i = 0; i < count; i++) {
    days.push(formatIsoDate(new Date(from.getTime() + i * MS_PER_DAY)));
  }
  return days;
}

/**
 * Reads `from` and `to` from a parsed query string. A missing `to` defaults to `from`,
 * which gives a one-day report.
 */
export function {{from_query}}(query: { from?: string; to?: string }): string[] {
  if (query.from === undefined) {
    throw new RangeError('Query parameter "from" is required');
  }
  return {{each}}(query.from, query.to ?? query.from);
}

// Summary:
// - parseIsoDate rejects malformed input and impossible dates ({{bad_feb30}}, {{bad_feb29}}).
// - {{each}} is inclusive at both ends and works purely in UTC, so a range that crosses a
//   daylight-saving change still yields exactly one entry per calendar day.
// - Ranges longer than {{max}} days are rejected before any array is built.
