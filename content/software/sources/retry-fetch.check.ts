// Checks for retry-fetch: they drive the helper with a scripted fetch and the virtual clock, and
// observe what a caller would: how many requests, how long the waits, what comes back.
import type { CheckKit, CheckSuite } from "~/domain/proof/format";

type Fetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

const suite: CheckSuite = ({ test, load, assert, clock, params }: CheckKit) => {
  const retries = Number(params.retries);
  const base = Number(params.base);
  const max = Number(params.max);

  /** The helper, with `node:timers/promises` answered by the virtual clock. */
  function helper(): (url: string, init?: RequestInit, options?: Record<string, number>) => Promise<Response> {
    const doc = load({ "node:timers/promises": { setTimeout: clock.sleep } });
    return doc[params.fn as string];
  }

  /** Installs a fetch that answers from `script` (the last entry repeats) and records call times. */
  function scripted(script: (() => Response)[]): number[] {
    const times: number[] = [];
    const fake: Fetch = async () => {
      times.push(clock.now());
      const answer = script[Math.min(times.length - 1, script.length - 1)];
      return answer();
    };
    globalThis.fetch = fake as typeof fetch;
    return times;
  }

  /** Waits between consecutive requests, in whole ms (virtual time is a float far from zero). */
  const gaps = (times: number[]) => times.slice(1).map((t, i) => Math.round(t - times[i]));

  async function settle<T>(p: Promise<T>): Promise<T> {
    await clock.runAll();
    return p;
  }

  test("a plain 500 is retried up to the default budget, then returned", async () => {
    const calls = scripted([() => new Response("boom", { status: 500 })]);
    const res = await settle(helper()("https://api.example.test/"));
    assert.equal(res.status, 500);
    assert.equal(calls.length, retries + 1, `expected ${retries + 1} requests for a 500`);
  });

  test("a 404 is returned at once, without a retry", async () => {
    const calls = scripted([() => new Response("missing", { status: 404 })]);
    const res = await settle(helper()("https://api.example.test/"));
    assert.equal(res.status, 404);
    assert.equal(calls.length, 1, "a 404 must not be retried");
  });

  test("network errors are retried up to the budget, then the last one is rethrown", async () => {
    let calls = 0;
    globalThis.fetch = (async () => {
      calls++;
      throw new TypeError(`connect ECONNREFUSED (call ${calls})`);
    }) as typeof fetch;
    const done = helper()("https://api.example.test/");
    const outcome = done.then(
      () => "resolved",
      (e: Error) => e.message,
    );
    await clock.runAll();
    assert.equal(await outcome, `connect ECONNREFUSED (call ${retries + 1})`);
    assert.equal(calls, retries + 1, `expected ${retries + 1} attempts on network errors`);
  });

  test("the waits follow the full-jitter backoff", async () => {
    Math.random = () => 0.5;
    const calls = scripted([() => new Response("busy", { status: 502 })]);
    await settle(helper()("https://api.example.test/"));
    const waits = gaps(calls);
    assert.equal(waits.length, retries);
    assert.deepEqual(
      waits,
      waits.map((_, attempt) => Math.round(Math.floor(0.5 * Math.min(max, base * 2 ** attempt)))),
    );
  });

  test("a Retry-After hint is honoured, and still capped at maxDelayMs", async () => {
    const calls = scripted([() => new Response("slow down", { status: 429, headers: { "retry-after": "2" } }), () => new Response("busy", { status: 503, headers: { "retry-after": "3600" } }), () => new Response("ok")]);
    const res = await settle(helper()("https://api.example.test/", {}, { retries: 3 }));
    assert.equal(res.status, 200);
    assert.deepEqual(gaps(calls), [Math.min(2000, Math.round(max)), Math.round(max)]);
  });

  test("the body of a response that will be retried is discarded", async () => {
    const first = new Response("busy", { status: 503 });
    scripted([() => first, () => new Response("ok")]);
    const res = await settle(helper()("https://api.example.test/"));
    assert.equal(res.status, 200);
    assert.ok(first.bodyUsed, "the 503's body was left unread and not cancelled");
  });

  test("an abort during a wait rejects with the caller's reason and makes no further request", async () => {
    const calls = scripted([() => new Response("busy", { status: 503, headers: { "retry-after": "1" } })]);
    const controller = new AbortController();
    const outcome = helper()("https://api.example.test/", { signal: controller.signal }).then(
      () => "resolved",
      (e: unknown) => String(e),
    );
    await clock.advance(10);
    controller.abort("caller gave up");
    await clock.runAll();
    assert.equal(await outcome, "caller gave up");
    assert.equal(calls.length, 1);
  });
};

export default suite;
