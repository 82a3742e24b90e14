// Parameters of the monthly revenue query: the business's time zone and currency (with how far
// a boundary computed in UTC lands from local midnight), the rows that are sold, the statuses
// that count as revenue and the reporting window. The month bounds, the notes and the flawed
// window are all computed from them.
import { defineParams } from "~/domain/content/param-kit";

export default defineParams({
  draw(k) {
    // ahead of UTC: a UTC boundary falls after local midnight, so the first local hours of the
    // 1st land in the previous month; behind UTC: the last local hours of a month land in the next
    const [tz, cur, curWords, ahead, hours] = k.pick([
      ["Europe/Amsterdam", "eur", "euros", 1, "one or two hours"],
      ["Europe/Berlin", "eur", "euros", 1, "one or two hours"],
      ["Europe/Madrid", "eur", "euros", 1, "one or two hours"],
      ["Europe/Helsinki", "eur", "euros", 1, "two or three hours"],
      ["America/New_York", "usd", "dollars", 0, "four or five hours"],
      ["America/Chicago", "usd", "dollars", 0, "five or six hours"],
      ["Australia/Sydney", "aud", "Australian dollars", 1, "ten or eleven hours"],
    ] as const);
    const [table, row, rows, aRow] = k.pick([
      ["orders", "order", "orders", "an order"],
      ["bookings", "booking", "bookings", "a booking"],
      ["sales", "sale", "sales", "a sale"],
      ["invoices", "invoice", "invoices", "an invoice"],
    ]);
    const [paid, done] = k.pick([
      ["paid", "shipped"],
      ["paid", "fulfilled"],
      ["captured", "delivered"],
      ["settled", "completed"],
    ]);
    const months = k.pick([6, 12, 18, 24]);
    const team = k.pick(["finance dashboard", "monthly board pack", "revenue dashboard", "controller's close pack"]);
    return {
      tz, cur, cur_words: curWords, hours,
      shift: ahead
        ? `${rows} placed in the first ${hours} of the 1st (local time) land in the previous month`
        : `${rows} placed in the last ${hours} of a month (local time) land in the next month`,
      table, row, a_row: aRow, fk: `${row}_id`,
      paid, done, months, months_less: months - 1, team,
    };
  },
  relations: {
    "the flawed series still has as many months": (p) => p.months_less === p.months - 1,
  },
});
