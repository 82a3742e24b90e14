// Parameters of the subject access export: whose data it is (the people table, which also names
// the author kind of their own support messages), what they buy, the credential column that must
// stay out, the login retention period and the id on the example command line.
import { defineParams } from "~/domain/content/param-kit";

export default defineParams({
  draw(k) {
    const [table, one] = k.pick([
      ["customers", "customer"],
      ["members", "member"],
      ["clients", "client"],
      ["users", "user"],
    ]);
    const [kids, kidDate] = k.pick([
      ["orders", "placed_at"],
      ["bookings", "booked_at"],
      ["purchases", "purchased_at"],
    ]);
    const [secret, secretWords] = k.pick([
      ["mfa_secret", "the TOTP seed"],
      ["totp_secret", "the TOTP seed"],
      ["otp_seed", "the one-time-password seed"],
    ]);
    return {
      table, one, kids, kid_date: kidDate, secret, secret_words: secretWords,
      fk: `${one}_id`, months: k.pick([6, 12, 13, 18, 24]), sample_id: k.int(1000, 98000),
    };
  },
});
