// The simulated cohort's clock: the program starts on `start` (a date, midnight UTC) and each
// trainee spreads a week's exercises evenly over that week's seven days, so submissions, due
// reviews and due dates fall where a real cohort's would instead of all at the present moment.
const DAY = 86_400_000;

/** When a trainee does exercise `k` (0-based) of `perWeek` in week `week` (0-based). */
export function exerciseTime(start: string, week: number, k: number, perWeek: number): Date {
  if (!Number.isInteger(perWeek) || perWeek < 1 || k < 0 || k >= perWeek) throw new RangeError(`exercise ${k} of ${perWeek} is not in a week`);
  return new Date(Date.parse(`${start}T00:00:00Z`) + (week * 7 + ((k + 0.5) * 7) / perWeek) * DAY);
}

/** The end of the simulation: midnight after its last week, when completion and overdue are read. */
export function simulationEnd(start: string, weeks: number): Date {
  return new Date(Date.parse(`${start}T00:00:00Z`) + weeks * 7 * DAY);
}
