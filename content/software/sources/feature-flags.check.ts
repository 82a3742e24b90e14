// Checks for the feature-flag evaluator: FNV-1a test vectors, the rollout threshold at exact
// bucket boundaries (found through the exported bucket function), precedence of the kill switch,
// deny and allow lists, targeting, and parseFlag's validation.
import type { CheckSuite } from "~/domain/proof/format";

const suite: CheckSuite = ({ test, load, assert, params }) => {
  const fn = String(params.fn);
  const attr = String(params.attr);
  const flag = (over: Record<string, unknown> = {}) => ({ key: "checkout-v2", enabled: true, rolloutPercent: 0, allow: [], deny: [], ...over });
  /** An id whose bucket for `key` lies in [from, to). */
  const idInBuckets = (doc: any, key: string, from: number, to: number): string => {
    for (let i = 0; i < 200_000; i++) {
      const id = `u${i}`;
      const b = doc.bucketOf(key, id);
      if (b >= from && b < to) return id;
    }
    throw new Error(`no id with a bucket in [${from}, ${to})`);
  };

  test("fnv1a matches the published 32-bit FNV-1a test vectors", () => {
    const doc = load();
    assert.equal(doc.fnv1a(""), 0x811c9dc5);
    assert.equal(doc.fnv1a("a"), 0xe40c292c);
    assert.equal(doc.fnv1a("foobar"), 0xbf9cf968);
  });

  test("buckets lie in 0..9999 and depend on the flag key", () => {
    const doc = load();
    let same = 0;
    for (let i = 0; i < 200; i++) {
      const a = doc.bucketOf("flag-a", `id-${i}`);
      const b = doc.bucketOf("flag-b", `id-${i}`);
      assert.ok(Number.isInteger(a) && a >= 0 && a < 10_000, `bucket ${a} out of range`);
      if (a === b) same++;
    }
    assert.ok(same < 10, `${same} of 200 ids share their bucket across two flags`);
  });

  test("at 0 % nobody outside the allow list gets the flag", () => {
    const doc = load();
    const f = flag({ rolloutPercent: 0 });
    const zero = idInBuckets(doc, f.key, 0, 1);
    assert.equal(doc[fn](f, { id: zero }), false, "bucket 0 is on at 0 %");
    for (let i = 0; i < 300; i++) assert.equal(doc[fn](f, { id: `x${i}` }), false, `x${i} is on at 0 %`);
  });

  test("the threshold is exact to the bucket, also for fractional percentages", () => {
    const doc = load();
    const f = flag({ rolloutPercent: 12.5 });
    assert.equal(doc[fn](f, { id: idInBuckets(doc, f.key, 1249, 1250) }), true, "bucket 1249 should be on at 12.5 %");
    assert.equal(doc[fn](f, { id: idInBuckets(doc, f.key, 1250, 1251) }), false, "bucket 1250 should be off at 12.5 %");
    assert.equal(doc[fn](f, { id: idInBuckets(doc, f.key, 1251, 1300) }), false, "a bucket in 1251..1299 is on at 12.5 %");
  });

  test("the kill switch wins over the allow list, deny wins over allow", () => {
    const doc = load();
    assert.equal(doc[fn](flag({ enabled: false, rolloutPercent: 100, allow: ["vip"] }), { id: "vip" }), false);
    assert.equal(doc[fn](flag({ rolloutPercent: 100, allow: ["both"], deny: ["both"] }), { id: "both" }), false);
    assert.equal(doc[fn](flag({ rolloutPercent: 0, allow: ["pilot"] }), { id: "pilot" }), true);
  });

  test("targeting: only listed values, and never a subject without the attribute", () => {
    const doc = load();
    const f = flag({ rolloutPercent: 100, [`${attr}s`]: [String(params.attr_value)] });
    assert.equal(doc[fn](f, { id: "t1", [attr]: String(params.attr_value) }), true);
    assert.equal(doc[fn](f, { id: "t2", [attr]: String(params.other_value) }), false);
    assert.equal(doc[fn](f, { id: "t3" }), false, "a subject without the attribute got a targeted flag");
  });

  test("parseFlag accepts 0 and 100 and two decimals, rejects the rest", () => {
    const doc = load();
    assert.equal(doc.parseFlag({ key: "k", enabled: true, rolloutPercent: 100 }).rolloutPercent, 100);
    assert.equal(doc.parseFlag({ key: "k", enabled: true, rolloutPercent: 0 }).rolloutPercent, 0);
    assert.equal(doc.parseFlag({ key: "k", enabled: true, rolloutPercent: 33.33 }).rolloutPercent, 33.33);
    assert.throws(() => doc.parseFlag({ key: "k", enabled: true, rolloutPercent: 100.5 }), /0 to 100/);
    assert.throws(() => doc.parseFlag({ key: "k", enabled: true, rolloutPercent: 12.345 }), /two decimals/);
  });

  test("parseFlag enables a flag only for the boolean true", () => {
    const doc = load();
    assert.equal(doc.parseFlag({ key: "k", enabled: "false", rolloutPercent: 5 }).enabled, false);
    assert.equal(doc.parseFlag({ key: "k", enabled: true, rolloutPercent: 5 }).enabled, true);
  });
};
export default suite;
