// Checks for the money helpers: exact parsing (float artefacts, one-digit fractions), half-away-
// from-zero tax on both signs and its overflow guard, allocation sums and remainder order, and
// the en-US display format.
import type { CheckSuite } from "~/domain/proof/format";

const suite: CheckSuite = ({ test, load, assert, params }) => {
  test("toCents parses exactly, without floating-point loss", () => {
    const doc = load();
    assert.equal(doc.toCents(String(params.floaty)), Number(params.floaty_cents));
    assert.equal(doc.toCents(String(params.pad_in)), Number(params.pad_clean));
    assert.equal(doc.toCents("-1234.56"), -123456);
    assert.throws(() => doc.toCents("$1,234.56"), /Not a money amount/);
  });

  test("tax rounds half away from zero, symmetrically for negative amounts", () => {
    const doc = load();
    const rateBps = Number(params.rate_pct) * 100;
    assert.equal(doc.applyTaxCents(-Number(params.net), rateBps), Number(params.tax_clean));
    assert.equal(doc.applyTaxCents(Number(params.net), rateBps), -Number(params.tax_clean));
    assert.equal(doc.applyTaxCents(25, 1000), 3);
    assert.equal(doc.applyTaxCents(24, 1000), 2);
  });

  test("tax refuses products beyond the exact integer range", () => {
    const doc = load();
    assert.throws(() => doc.applyTaxCents(10_000_000_000_000, 2000), /too large/);
  });

  test("allocate parts always sum to the total", () => {
    const doc = load();
    const parts: number[] = doc.allocate(Number(params.total), [1, 1, 1]);
    assert.equal(parts.join(", "), String(params.alloc_clean));
    assert.equal(doc.allocate(300, [1, 1, 1]).join(","), "100,100,100");
  });

  test("leftover cents go to the largest remainders first", () => {
    const doc = load();
    assert.equal(doc.allocate(Number(params.pair), [1, 2]).join(", "), String(params.pair_clean));
  });

  test("formatCents prints en-US currency from cents", () => {
    const doc = load();
    assert.equal(doc.formatCents(Number(params.shown), String(params.cur)), String(params.shown_fmt));
  });
};
export default suite;
