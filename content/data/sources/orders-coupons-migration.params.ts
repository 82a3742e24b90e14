// Parameters of the online migration: which table gets which kind of discount reference, the
// migration number and the lock timeout. Every identifier is built from them, so names agree
// across the statements, the comments and the brief.
import { defineParams } from "~/domain/content/param-kit";

export default defineParams({
  draw(k) {
    const [table, rowWord] = k.pick([
      ["orders", "order"],
      ["invoices", "invoice"],
      ["enrollments", "enrollment"],
    ]);
    const [ref, refWord, refs, refsWords] = k.pick([
      ["coupon", "coupon", "coupons", "coupons"],
      ["voucher", "voucher", "vouchers", "vouchers"],
      ["promo_code", "promo code", "promo_codes", "promo codes"],
      ["discount_code", "discount code", "discount_codes", "discount codes"],
    ]);
    return {
      table,
      row_word: rowWord,
      ref,
      ref_word: refWord,
      refs,
      refs_words: refsWords,
      mig: String(k.int(12, 140)).padStart(4, "0"),
      timeout: k.int(2, 5),
      rows: k.pick([18, 40, 60, 85, 120]),
    };
  },
});
