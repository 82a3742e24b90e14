// Parameters of the duplicate-merge data fix: which people table is deduplicated, which child
// table refuses the delete (ON DELETE RESTRICT) and which one would be cascaded away, and who
// the rows without an email are. Every table, key, temp table and counter name is built from them.
import { defineParams } from "~/domain/content/param-kit";

export default defineParams({
  draw(k) {
    const [table, one, guests, guestsLong] = k.pick([
      ["customers", "customer", "guests", "guest checkouts"],
      ["members", "member", "front-desk members", "members signed up at the front desk"],
      ["clients", "client", "phone-only clients", "clients created by phone"],
      ["subscribers", "subscriber", "gift recipients", "gift recipients"],
      ["patients", "patient", "walk-in patients", "walk-in registrations"],
    ]);
    const [kids, kid] = k.pick([
      ["orders", "order"],
      ["invoices", "invoice"],
      ["bookings", "booking"],
      ["payments", "payment"],
    ]);
    const [side, sideWord] = k.pick([
      ["addresses", "address"],
      ["contact_details", "contact detail"],
      ["notification_settings", "notification setting"],
      ["saved_cards", "saved card"],
    ]);
    return {
      table, one, a_one: /^[aeiou]/.test(one) ? `an ${one}` : `a ${one}`, guests, guests_long: guestsLong, fk: `${one}_id`,
      kids, kid, side, side_word: sideWord,
    };
  },
});
