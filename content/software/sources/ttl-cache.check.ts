// Checks for the cache: expiry with an injected clock, LRU eviction (a hit counts as use), the
// size limit, falsy values, single-flight loading, delete during a load, and failed loads.
import type { CheckSuite } from "~/domain/proof/format";

const suite: CheckSuite = ({ test, load, assert, params }) => {
  const cls = String(params.cls);
  const make = (maxEntries: number, clock = { t: 0 }) => {
    const Cache = load()[cls];
    return new Cache({ ttlMs: 1000, maxEntries, now: () => clock.t });
  };

  test("an entry expires ttlMs after it was set", () => {
    const clock = { t: 0 };
    const cache = make(10, clock);
    cache.set("k", 1);
    clock.t = 999;
    assert.equal(cache.get("k"), 1);
    clock.t = 1000;
    assert.equal(cache.get("k"), undefined);
  });

  test("a full cache evicts the least recently used key, and a hit counts as use", () => {
    const cache = make(2);
    cache.set("a", 1);
    cache.set("b", 2);
    assert.equal(cache.get("a"), 1);
    cache.set("c", 3);
    assert.equal(cache.get("b"), undefined, "b was least recently used");
    assert.equal(cache.get("a"), 1);
    assert.equal(cache.get("c"), 3);
  });

  test("a cache of one entry keeps the entry it just stored", () => {
    const cache = make(1);
    cache.set("a", 1);
    assert.equal(cache.get("a"), 1);
  });

  test("falsy values are cached like any other", async () => {
    const cache = make(5);
    let calls = 0;
    const loader = async () => { calls++; return 0; };
    assert.equal(await cache.getOrLoad("zero", loader), 0);
    assert.equal(await cache.getOrLoad("zero", loader), 0);
    assert.equal(calls, 1);
  });

  test("concurrent callers share one loader call", async () => {
    const cache = make(5);
    let calls = 0;
    const waiting: ((v: string) => void)[] = [];
    const loader = () => { calls++; return new Promise<string>((r) => { waiting.push(r); }); };
    const all = Array.from({ length: Number(params.callers) }, () => cache.getOrLoad("k", loader));
    await Promise.resolve();
    await Promise.resolve();
    for (const r of waiting) r("v");
    const values = await Promise.all(all);
    assert.equal(calls, 1);
    assert.ok(values.every((v) => v === "v"));
  });

  test("a load finished after delete() does not put the value back", async () => {
    const cache = make(5);
    let release!: (v: string) => void;
    const pending = cache.getOrLoad("k", () => new Promise<string>((r) => { release = r; }));
    await Promise.resolve();
    await Promise.resolve();
    cache.delete("k");
    release("stale");
    await pending;
    assert.equal(cache.get("k"), undefined);
  });

  test("a failed load is not cached: the next call loads again", async () => {
    const cache = make(5);
    let calls = 0;
    const loader = async () => { calls++; if (calls === 1) throw new Error("backend down"); return "ok"; };
    let failed = false;
    try { await cache.getOrLoad("k", loader); } catch { failed = true; }
    assert.ok(failed);
    assert.equal(await cache.getOrLoad("k", loader), "ok");
  });
};
export default suite;
