// Parameters of the receivables ageing report: whose invoices (the buyer table), the payment
// table, the as-of date, the three bucket limits, the currency and the status a disputed
// invoice carries. Bucket column names and every bound are computed from the limits.
import { defineParams } from "~/domain/content/param-kit";

export default defineParams({
  draw(k) {
    const [custs, cust] = k.pick([
      ["customers", "customer"],
      ["clients", "client"],
      ["accounts", "account"],
      ["distributors", "distributor"],
    ]);
    const [payments, paidOn] = k.pick([
      ["payments", "received_on"],
      ["receipts", "received_on"],
      ["remittances", "booked_on"],
    ]);
    const [b1, b2, b3] = k.pick([
      [30, 60, 90],
      [15, 30, 60],
      [30, 60, 120],
      [30, 90, 180],
    ]);
    const [cur, curWords] = k.pick([
      ["eur", "euros"],
      ["usd", "dollars"],
      ["gbp", "pounds"],
      ["chf", "Swiss francs"],
    ]);
    const asOf = k.date("2024-01-31", "2026-10-31");
    return {
      custs, cust, payments, paid_on: paidOn, cur, cur_words: curWords,
      as_of: asOf, as_of_long: k.formatDate(asOf, "long"),
      b1, b2, b3, b1p: b1 + 1, b2p: b2 + 1,
      disputed: k.pick(["disputed", "on_hold", "in_dispute"]),
      // the invoice in the boundary examples: due this many days before the as-of date
      due_b1: k.addDays(asOf, -b1),
      due_b3: k.addDays(asOf, -b3),
    };
  },
  relations: {
    "buckets are increasing": (p) => p.b1 < p.b2 && p.b2 < p.b3,
    "the boundary examples are exactly b1 and b3 days past due": (p) =>
      (Date.parse(p.as_of) - Date.parse(p.due_b1)) / 86_400_000 === p.b1 && (Date.parse(p.as_of) - Date.parse(p.due_b3)) / 86_400_000 === p.b3,
  },
});
