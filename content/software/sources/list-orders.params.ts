// Parameters of the paginated history route: the resource (table, columns, owner), its route and
// router names, and the page-size defaults every message, note and explanation repeats.
import { defineParams } from "~/domain/content/param-kit";

export default defineParams({
  draw(k) {
    const [table, one, amount, date, owner, ownerNoun, status] = k.pick([
      ["orders", "order", "total_cents", "created_at", "customer_id", "customer", "status"],
      ["invoices", "invoice", "amount_due_cents", "issued_at", "account_id", "account", "state"],
      ["shipments", "shipment", "shipping_cents", "shipped_at", "customer_id", "customer", "carrier_status"],
      ["subscriptions", "subscription", "monthly_cents", "started_at", "account_id", "account", "plan_status"],
      ["refunds", "refund", "amount_cents", "requested_at", "customer_id", "customer", "status"],
      ["quotes", "quote", "total_cents", "sent_at", "account_id", "account", "stage"],
    ]);
    const pageSize = k.pick([10, 20, 25, 30, 50]);
    const max = k.pick([100, 200, 250, 500]);
    const huge = k.pick([100000, 250000, 1000000]);
    return {
      table,
      one,
      amount,
      date,
      owner,
      owner_noun: ownerNoun,
      owner_var: `${ownerNoun}Id`,
      status,
      page_size: pageSize,
      max,
      huge,
      page2_offset: pageSize,
      version: k.pick(["v1", "v2"]),
    };
  },
  relations: {
    "default-page-below-max": (p) => p.page_size < p.max,
  },
});
