// Parameters of the pagination pull request: the resource (table, timestamp column, route and
// test helpers follow it), the limits, the test fixture sizes, the PR number and blob hashes.
import { defineParams } from "~/domain/content/param-kit";

export default defineParams({
  draw(k) {
    const [table, one, ts, tsCamel, verb, ref] = k.pick([
      ["invoices", "invoice", "issued_at", "issuedAt", "issued", "number"],
      ["orders", "order", "placed_at", "placedAt", "placed", "reference"],
      ["payments", "payment", "captured_at", "capturedAt", "captured", "reference"],
      ["shipments", "shipment", "shipped_at", "shippedAt", "shipped", "tracking_no"],
      ["refunds", "refund", "refunded_at", "refundedAt", "refunded", "reference"],
    ]);
    const def = k.pick([20, 25, 50]);
    const max = k.pick([100, 200, 250, 500]);
    const seeded = def * k.int(2, 4) + k.int(3, def - 3);
    const hex = () => k.int(0x1000000, 0xfffffff).toString(16);
    return {
      table,
      one,
      Table: table.charAt(0).toUpperCase() + table.slice(1),
      One: one.charAt(0).toUpperCase() + one.slice(1),
      ts,
      ts_camel: tsCamel,
      verb,
      ref,
      def,
      max,
      max_plus: max + 1,
      seeded,
      same: k.pick([5, 7, 9, 12]),
      big: k.pick(["25k+", "40k+", "60k+", "100k+"]),
      pr: k.int(180, 2400),
      h1: hex(), h2: hex(), h3: hex(), h4: hex(),
    };
  },
  relations: {
    "fixture-spans-three-pages": (p) => p.seeded > p.def * 2 && p.seeded % p.def !== 0,
    "default-below-max": (p) => p.def < p.max,
  },
});
