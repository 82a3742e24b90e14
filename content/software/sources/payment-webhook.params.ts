// Parameters of the payment webhook: the route, signature header and secret, the tolerance, the
// event type, the record it settles (table, id field, status) and the dedupe table.
import { defineParams } from "~/domain/content/param-kit";

export default defineParams({
  draw(k) {
    const [table, one, idField, status, stamp] = k.pick([
      ["orders", "order", "orderId", "paid", "paid_at"],
      ["invoices", "invoice", "invoiceId", "paid", "paid_at"],
      ["bookings", "booking", "bookingId", "confirmed", "confirmed_at"],
      ["subscriptions", "subscription", "subscriptionId", "active", "activated_at"],
      ["tickets", "ticket order", "ticketOrderId", "paid", "paid_at"],
    ]);
    const [route, header, env] = k.pick([
      ["/webhooks/payments", "x-signature", "WEBHOOK_SECRET"],
      ["/webhooks/psp", "x-psp-signature", "PSP_WEBHOOK_SECRET"],
      ["/hooks/billing", "x-billing-signature", "BILLING_WEBHOOK_SECRET"],
      ["/api/payment-events", "x-webhook-signature", "PAYMENT_SIGNING_SECRET"],
    ]);
    const tolMin = k.pick([3, 5, 10]);
    return {
      table,
      one,
      id_field: idField,
      status,
      stamp,
      route,
      header,
      header_title: header.split("-").map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("-"),
      env,
      tol_min: tolMin,
      tol_words: k.words(tolMin),
      event: k.pick(["payment.succeeded", "payment.captured", "charge.paid", "transaction.settled"]),
      events_table: k.pick(["webhook_events", "payment_events", "processed_webhooks"]),
      limit: k.pick(["1mb", "512kb", "256kb"]),
      ts_example: k.int(1_700_000_000, 1_790_000_000),
    };
  },
});
