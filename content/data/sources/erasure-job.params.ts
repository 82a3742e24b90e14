// Parameters of the nightly erasure job: the people table and the records that must be retained
// for legal reasons, the two side tables holding personal data, the waiting period before a
// request is processed and the batch-size safety net (the flawed cap is ten times it).
import { defineParams } from "~/domain/content/param-kit";

export default defineParams({
  draw(k) {
    const [table, one, kept, keptWords, keptTable, keptRow] = k.pick([
      ["customers", "customer", "orders and invoices", "Orders and invoices", "orders", "order"],
      ["members", "member", "bookings and invoices", "Bookings and invoices", "bookings", "booking"],
      ["users", "user", "payments and invoices", "Payments and invoices", "payments", "payment"],
      ["subscribers", "subscriber", "invoices and credit notes", "Invoices and credit notes", "invoices", "invoice"],
    ]);
    const [side, sideWord, sideWords] = k.pick([
      ["addresses", "address", "addresses"],
      ["delivery_addresses", "delivery address", "delivery addresses"],
      ["saved_addresses", "saved address", "saved addresses"],
    ]);
    const [consents, consentWords] = k.pick([
      ["marketing_consents", "marketing consents"],
      ["newsletter_subscriptions", "newsletter subscriptions"],
      ["contact_preferences", "contact preferences"],
    ]);
    const days = k.pick([7, 14, 21, 30]);
    const cap = k.pick([200, 250, 500, 1000, 2000]);
    return {
      table, one, kept, kept_words: keptWords, kept_table: keptTable, kept_row: keptRow,
      side, side_word: sideWord, side_words: sideWords, consents, consent_words: consentWords,
      fk: `${one}_id`, days, cap, cap_wrong: cap * 10,
    };
  },
  relations: {
    "the flawed cap is ten times the brief's": (p) => p.cap_wrong === p.cap * 10,
  },
});
