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
      // What the summary states, and what the tool log shows; the relations below tie each claim
      // to the log line it summarises.
      migrated: files.filter((f) => f.startsWith("src/handlers/")).length,
      flaky: 1,
      retried: 1,
      tsc_cmd: "tsc --noEmit",
      tsc_run: "tsc --noEmit",
      lint_warnings: 1,
      log_warnings: 1,
      field_path: "items.0.quantity",
      curl_field: "items.0.quantity",
      reset_db: "data/test.db",
      reset_url: "file:./data/test.db",
      // The figures the flawed variants state instead (their replacements print these).
      field_path_wrong: "quantity",
      tsc_cmd_wrong: "tsc --noEmit --strictest",
      reset_url_wrong: `postgres://staging-db/${table}`,
    };
  },
  relations: {
    "totals-match-the-log": (p) => p.passed === p.t1 + p.t2 + p.t3 + p.t4 && p.total === p.passed + 2,
    "migrated-handlers-are-the-handler-files-in-the-diff-stat": (p) =>
      p.migrated === [p.stat1, p.stat2, p.stat3].filter((f) => String(f).trim().startsWith("src/handlers/")).length,
    "flaky-tests-are-the-retried-tests-in-the-log": (p) => p.flaky === p.retried,
    "typecheck-command-is-the-one-the-log-ran": (p) => p.tsc_cmd === p.tsc_run,
    "lint-warnings-are-the-ones-eslint-printed": (p) => p.lint_warnings === p.log_warnings,
    "field-example-is-the-field-the-curl-returned": (p) => p.field_path === p.curl_field,
    "reset-database-is-the-local-one-the-summary-names": (p) => p.reset_url === `file:./${p.reset_db}`,
  },
});
