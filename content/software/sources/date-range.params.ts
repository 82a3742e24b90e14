// Parameters of the date-range helpers: the API they serve, the function names, the range limit
// and every example date in the brief, notes and explanations (computed, so they are real dates).
import { defineParams } from "~/domain/content/param-kit";

export default defineParams({
  draw(k) {
    const [each, fromQuery] = k.pick([
      ["eachDay", "rangeFromQuery"],
      ["listDays", "daysFromQuery"],
      ["expandRange", "reportDays"],
      ["enumerateDays", "parseDayRange"],
    ]);
    const api = k.pick(["reporting API", "usage-export endpoint", "billing dashboard API", "timesheet API", "analytics service"]);
    const max = k.pick([31, 45, 62, 90, 92, 93, 120, 180, 366]);
    const leap = k.pick([2024, 2028]);
    const plain = k.pick([2023, 2025, 2026, 2027]);
    const y = k.pick([2024, 2025, 2026]);
    const start = k.date(`${y}-01-05`, `${y}-11-20`);
    const maxEnd = k.addDays(start, max - 1);
    // Date.UTC(y, month, 31) for a January date lands on "February 31", which rolls into March.
    const janRoll = k.addDays(`${y}-02-01`, 30);
    return {
      each,
      from_query: fromQuery,
      api,
      max,
      max_less: max - 1,
      bad_feb30: `${leap}-02-30`,
      bad_feb29: `${plain}-02-29`,
      roll_feb30: `${leap}-03-01`,
      roll_feb29: `${plain}-03-01`,
      ex_from: start,
      ex_to: k.addDays(start, 2),
      ex_after: k.addDays(start, 3),
      ex_second: k.addDays(start, 1),
      max_end: maxEnd,
      max_less_end: k.addDays(start, max - 2),
      jan31: `${y}-01-31`,
      jan_roll: janRoll,
      ts_example: `${k.addDays(start, 5)}T0${k.int(6, 9)}:00:00Z`,
      query_from: k.addDays(start, -k.int(120, 400)),
    };
  },
  relations: {
    "max-range-end-is-max-days-inclusive": (p) => p.max > 2,
  },
});
