// A cohort's optional start and end dates, as typed by an admin (YYYY-MM-DD from a date input).
// Pure: returns the dates to store or a message naming what is wrong.

export type CohortDates = { startsOn: string | null; endsOn: string | null };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date in YYYY-MM-DD form (not 2027-02-30). */
function isCalendarDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export function parseCohortDates(start: string, end: string): { ok: true; dates: CohortDates } | { ok: false; field: "startsOn" | "endsOn"; message: string } {
  const s = start.trim();
  const e = end.trim();
  if (s && !isCalendarDate(s)) return { ok: false, field: "startsOn", message: `The start date “${s}” is not a date; use the form YYYY-MM-DD.` };
  if (e && !isCalendarDate(e)) return { ok: false, field: "endsOn", message: `The end date “${e}” is not a date; use the form YYYY-MM-DD.` };
  // ISO dates compare as text.
  if (s && e && e < s) return { ok: false, field: "endsOn", message: `The end date (${e}) is before the start date (${s}).` };
  return { ok: true, dates: { startsOn: s || null, endsOn: e || null } };
}

/** "1 Mar 2027 – 30 Jun 2027", "from 1 Mar 2027", "until 30 Jun 2027", or "" without dates. */
export function cohortDatesText(d: CohortDates): string {
  const fmt = (iso: string) => {
    const [y, m, day] = iso.split("-").map(Number);
    return new Date(Date.UTC(y, m - 1, day)).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  };
  if (d.startsOn && d.endsOn) return `${fmt(d.startsOn)} – ${fmt(d.endsOn)}`;
  if (d.startsOn) return `from ${fmt(d.startsOn)}`;
  if (d.endsOn) return `until ${fmt(d.endsOn)}`;
  return "";
}
