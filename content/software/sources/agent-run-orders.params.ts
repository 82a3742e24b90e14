// Parameters of the agent's run report: the resource and its three handlers, the ticket ids, the
// quantity limit, the package, port and seed sizes, and the test counts. The totals the report
// states are computed from the per-file counts in the log, so the clean report matches its log.
import { defineParams } from "~/domain/content/param-kit";

export default defineParams({
  draw(k) {
    const [table, one, One, aOne, third] = k.pick([
      ["orders", "order", "Order", "an order", "cancelOrder"],
      ["invoices", "invoice", "Invoice", "an invoice", "voidInvoice"],
      ["bookings", "booking", "Booking", "a booking", "cancelBooking"],
      ["subscriptions", "subscription", "Subscription", "a subscription", "pauseSubscription"],
      ["quotes", "quote", "Quote", "a quote", "withdrawQuote"],
    ]);
    const prefix = k.pick(["RL", "OPS", "API", "CORE", "SHOP"]);
    const num = k.int(1200, 8800);
    const t1 = k.int(9, 18), t2 = k.int(7, 14), t3 = k.int(6, 12), t4 = k.int(4, 8);
    const passed = t1 + t2 + t3 + t4;
    const d = [k.int(20, 60), k.int(150, 320), k.int(220, 480), k.int(60, 140)];
    const files = [`src/handlers/create${One}.ts`, `src/handlers/update${One}.ts`, `src/validation/${table}.ts`];
    const width = Math.max(...files.map((f) => f.length));
    return {
      stat1: files[0].padEnd(width),
      stat2: files[1].padEnd(width),
      stat3: files[2].padEnd(width),
      table, one, One, a_one: aOne, third,
      third_lower: third.toLowerCase(),
      ticket: `${prefix}-${num}`,
      ticket_ref: `${prefix}-${num - k.int(3, 40)}`,
      qmax: k.pick([99, 100, 500, 999]),
      ver: `${k.int(2, 6)}.${k.int(0, 14)}.${k.int(0, 9)}`,
      port: k.pick([3000, 3001, 4000, 8080]),
      accounts: k.int(2, 6),
      seed_rows: k.pick([60, 120, 150, 240, 300]),
      reasons: k.int(4, 9),
      sku: `${k.pick(["A", "B", "K", "SK"])}-${k.int(1, 99)}`,
      t1, t2, t3, t4,
      d1: d[0], d2: d[1], d3: d[2], d4: d[3],
      duration: k.round((d[0] + d[1] + d[2] + d[3]) / 1000 + k.real(0.9, 1.4, 2), 2),
      passed,
      total: passed + 2,
    };
  },
  relations: {
    "totals-match-the-log": (p) => p.passed === p.t1 + p.t2 + p.t3 + p.t4 && p.total === p.passed + 2,
  },
});
