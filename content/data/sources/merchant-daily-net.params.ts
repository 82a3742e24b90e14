// Parameters of the daily net report over deduplicated webhook deliveries: the sellers the
// platform pays out to, the webhook table and its event kinds, the reported month (its length
// drives the day series), the example amount in the integer-division explanation and the
// rolling frame the flawed variant uses.
import { defineParams } from "~/domain/content/param-kit";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export default defineParams({
  draw(k) {
    const [m, mWord, mWords] = k.pick([
      ["merchant", "merchant", "merchants"],
      ["seller", "seller", "sellers"],
      ["store", "store", "stores"],
      ["venue", "venue", "venues"],
    ]);
    const table = k.pick(["payment_events", "psp_webhook_events", "processor_events"]);
    const [plus, minus] = k.pick([
      ["capture", "refund"],
      ["charge", "refund"],
      ["sale", "refund"],
    ]);
    const year = k.int(2024, 2027);
    const month = k.int(1, 12);
    const mm = String(month).padStart(2, "0");
    const start = `${year}-${mm}-01`;
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const next = k.addDays(start, days);
    const monthName = MONTHS[month - 1];
    const nextName = MONTHS[month % 12];
    const cents = k.int(10_001, 99_999);
    const roll = k.pick([6, 13]);
    return {
      m, m_word: mWord, m_words: mWords, table, plus, minus,
      month_long: `${monthName} ${year}`,
      first_day: `1 ${monthName}`,
      second_day: `2 ${monthName}`,
      next_first: `1 ${nextName}`,
      start, next, days, last: days - 1,
      cents, cents_units: (cents / 100).toFixed(2), cents_trunc: `${Math.trunc(cents / 100)}.00`,
      roll, roll_days: roll + 1, forget_day: `${roll + 2} ${monthName}`, hint_day: `${roll + 14} ${monthName}`,
    };
  },
  relations: {
    "the day series ends on the last day of the month": (p) => p.last === p.days - 1 && p.days >= 28 && p.days <= 31,
  },
});
