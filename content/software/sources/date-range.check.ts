// Checks for the date-range helpers: strict parsing (impossible dates, month index), formatting,
// inclusive ranges at both ends, the range limit at exactly its maximum, reversed and one-day
// ranges, and the default end of a query.
import type { CheckSuite } from "~/domain/proof/format";

const suite: CheckSuite = ({ test, load, assert, params }) => {
  const each = String(params.each);
  const fromQuery = String(params.from_query);
  const max = Number(params.max);

  test("parseIsoDate returns UTC midnight of the given day", () => {
    const doc = load();
    assert.equal(doc.parseIsoDate(String(params.jan31)).toISOString(), `${params.jan31}T00:00:00.000Z`);
    assert.equal(doc.formatIsoDate(doc.parseIsoDate(String(params.ex_from))), String(params.ex_from));
  });

  test("impossible dates and malformed input throw a RangeError", () => {
    const doc = load();
    assert.throws(() => doc.parseIsoDate(String(params.bad_feb30)), /not a valid calendar date/);
    assert.throws(() => doc.parseIsoDate(String(params.bad_feb29)), /not a valid calendar date/);
    assert.throws(() => doc.parseIsoDate(String(params.ts_example)), /YYYY-MM-DD/);
  });

  test("a range includes both ends, exactly once each", () => {
    const doc = load();
    assert.deepEqual(doc[each](String(params.ex_from), String(params.ex_to)), [params.ex_from, params.ex_second, params.ex_to]);
  });

  test("a range of exactly the maximum passes; one day more throws", () => {
    const doc = load();
    assert.equal(doc[each](String(params.ex_from), String(params.max_end)).length, max);
    assert.throws(() => doc[each](String(params.ex_from), doc.formatIsoDate(new Date(Date.parse(`${params.max_end}T00:00:00Z`) + 86_400_000))), /maximum/);
  });

  test("a one-day range is valid; a reversed range throws", () => {
    const doc = load();
    assert.deepEqual(doc[each](String(params.ex_from), String(params.ex_from)), [params.ex_from]);
    assert.throws(() => doc[each](String(params.ex_to), String(params.ex_from)), /before its start/);
  });

  test("a missing end defaults to the start: a one-day report", () => {
    const doc = load();
    assert.deepEqual(doc[fromQuery]({ from: String(params.query_from) }), [params.query_from]);
    assert.throws(() => doc[fromQuery]({}), /required/);
  });
};
export default suite;
