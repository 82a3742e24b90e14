// Checks for outbound webhooks: `node:crypto` and `Buffer` are answered with stand-ins whose
// HMAC-SHA256 is the kit's `hash` (the host's node:crypto); deliveries go to a scripted `fetch` that follows
// redirects unless told `redirect: "manual"`, as fetch does. The checks observe what a subscriber
// and the sender see: signatures accepted or refused, requests made, results per subscription.
import type { CheckSuite } from "~/domain/proof/format";

type Bytes = number[];

const suite: CheckSuite = ({ test, load, assert, params, clock, hash }) => {
  /** HMAC-SHA256 from the kit (the host's node:crypto; the sandbox has no crypto of its own). */
  const utf8 = (s: string): number[] => hash.bytes(s);
  const hmacSha256 = (key: number[], msg: number[]): number[] => hash.hmacSha256(key, msg);
  const hex = (b: number[]) => hash.hex(b);

  /** The parts of Node's Buffer the document uses. */
  class FakeBuffer extends Uint8Array {
    static isBuffer(x: unknown): boolean {
      return x instanceof FakeBuffer;
    }
    static alloc(n: number): FakeBuffer {
      return new FakeBuffer(n);
    }
    static from(v: any, enc?: any): any {
      if (typeof v !== "string") return new FakeBuffer(v);
      if (enc !== "hex") return new FakeBuffer(utf8(v));
      const out: Bytes = [];
      for (let i = 0; i + 1 < v.length && /^[0-9a-fA-F]{2}$/.test(v.slice(i, i + 2)); i += 2) out.push(parseInt(v.slice(i, i + 2), 16));
      return new FakeBuffer(out);
    }
    toString(enc = "utf8"): string {
      const b = Array.from(this);
      return enc === "hex" ? hex(b) : decodeURIComponent(escape(String.fromCharCode(...b)));
    }
  }
  const bytesOf = (d: string | Uint8Array): Bytes => (typeof d === "string" ? utf8(d) : Array.from(d));
  const spy = { timingSafeEqual: 0 };
  const crypto = {
    createHmac(alg: string, key: string) {
      assert.equal(alg, "sha256");
      const parts: Bytes = [];
      const h = {
        update(d: string | Uint8Array) { parts.push(...bytesOf(d)); return h; },
        digest(enc?: string) {
          const mac = hmacSha256(utf8(key), parts);
          return enc === "hex" ? hex(mac) : FakeBuffer.from(mac);
        },
      };
      return h;
    },
    timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
      spy.timingSafeEqual++;
      if (a.length !== b.length) throw new RangeError("Input buffers must have the same byte length");
      let diff = 0;
      for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
      return diff === 0;
    },
  };

  const tolerance = Number(params.tol_s);
  const secret = "whsec_subscriber_42";
  function doc() {
    (globalThis as any).Buffer = FakeBuffer;
    return load({ "node:crypto": crypto });
  }

  type Answer = { status: number; location?: string };
  /** A fetch that answers by URL, follows redirects unless `redirect: "manual"`, and records bodies released. */
  function network(answers: Record<string, Answer | "hang">) {
    const log = { requests: [] as { url: string; headers: Record<string, string>; body: string }[], released: 0, responses: 0 };
    const fake = async (url: string, init: any = {}): Promise<any> => {
      log.requests.push({ url, headers: init.headers ?? {}, body: init.body });
      const a = answers[url] ?? { status: 200 };
      if (a === "hang") {
        return new Promise((_, reject) => {
          init.signal?.addEventListener("abort", () => reject(new Error("The operation was aborted due to timeout")));
        });
      }
      await clock.sleep(5);
      if (a.status >= 300 && a.status < 400 && a.location && init.redirect !== "manual") return fake(a.location, { ...init });
      log.responses++;
      return { status: a.status, ok: a.status < 300, headers: new Headers(a.location ? { location: a.location } : {}), body: { cancel: async () => { log.released++; } } };
    };
    (globalThis as any).fetch = fake;
    return log;
  }

  const sub = (id: string, events: string[], endpoint = `https://hooks.example.test/${id}`) => ({ id, endpoint, secret, events });
  const ev = { id: "evt_1", type: "invoice.paid", createdAt: "2025-03-01T00:00:00Z", data: { b: 2, a: { z: 1, y: [{ d: 4, c: 3 }] } } };

  async function settle(p: Promise<any>): Promise<any> {
    await clock.runAll();
    return p;
  }

  test("the body is canonical JSON: keys sorted at every depth, nested values kept", () => {
    const d = doc();
    assert.equal(d.canonicalJson({ b: 2, a: { z: 1, y: [{ d: 4, c: 3 }] }, u: undefined }), '{"a":{"y":[{"c":3,"d":4}],"z":1},"b":2}');
    assert.equal(d.canonicalJson({ b: 1, a: 2 }), d.canonicalJson({ a: 2, b: 1 }));
  });

  test("a delivered event carries a signature the SDK's verifySignature accepts", async () => {
    const d = doc();
    const log = network({});
    const sent = clock.now();
    const t = Math.floor(sent / 1000);
    const r = await settle(d.deliver(sub("s1", ["*"]), ev, sent));
    assert.equal(r.status, "delivered");
    const req = log.requests[0];
    const header = req.headers[String(params.header)];
    assert.ok(header, `no ${params.header} header`);
    assert.equal(req.body, d.canonicalJson(ev));
    assert.equal(header, `t=${t},v1=${hex(hmacSha256(utf8(secret), utf8(`${t}.${req.body}`)))}`, "not an HMAC-SHA256 of \"<t>.<body>\" with the subscriber's secret");
    assert.equal(d.verifySignature(secret, req.body, header, t), true);
  });

  test("verifySignature refuses a wrong, truncated or missing signature without throwing", () => {
    const d = doc();
    const body = d.canonicalJson(ev);
    const t = 1_750_000_000;
    const good = d.signatureHeader(secret, body, t);
    const cases: [string, string][] = [
      ["another secret", d.signatureHeader("whsec_other", body, t)],
      ["a truncated signature", good.slice(0, good.length - 10)],
      ["no v1", `t=${t}`],
      ["a tampered body", d.signatureHeader(secret, body.replace("2", "3"), t)],
    ];
    for (const [what, header] of cases) {
      let verdict: unknown;
      try {
        verdict = d.verifySignature(secret, body, header, t);
      } catch (e) {
        verdict = `threw ${(e as Error).message}`;
      }
      assert.equal(verdict, false, `${what}: ${String(verdict)}`);
    }
  });

  test(`verifySignature accepts t up to ${tolerance} s away and refuses a replay one second later`, () => {
    const d = doc();
    const body = d.canonicalJson(ev);
    const t = 1_750_000_000;
    const header = d.signatureHeader(secret, body, t);
    assert.equal(d.verifySignature(secret, body, header, t + tolerance), true);
    assert.equal(d.verifySignature(secret, body, header, t - tolerance), true);
    assert.equal(d.verifySignature(secret, body, header, t + tolerance + 1), false, `a signature ${tolerance + 1} s old was accepted`);
    assert.equal(d.verifySignature(secret, body, header, t - tolerance - 1), false);
  });

  test("a redirect is not followed and counts as a failed delivery", async () => {
    const d = doc();
    const target = sub("s2", ["*"]);
    const log = network({ [target.endpoint]: { status: 302, location: "http://169.254.169.254/latest/meta-data" } });
    const r = await settle(d.deliver(target, ev, clock.now()));
    assert.deepEqual(log.requests.map((q) => q.url), [target.endpoint], "the redirect was followed");
    assert.equal(r.status, "failed");
    assert.equal(r.httpStatus, 302);
  });

  test("every response body is released, whatever the status", async () => {
    const d = doc();
    const log = network({ "https://hooks.example.test/bad": { status: 500 } });
    await settle(d.fanOut([sub("ok", ["*"]), sub("bad", ["*"])], ev));
    assert.equal(log.responses, 2);
    assert.equal(log.released, 2, `${log.responses - log.released} response bodies left unread`);
  });

  test("a subscriber that never answers fails after the deadline, the others are delivered", async () => {
    const d = doc();
    network({ "https://hooks.example.test/slow": "hang" });
    const results = await settle(d.fanOut([sub("slow", ["*"]), sub("fast", ["invoice.paid"])], ev));
    assert.deepEqual(results.map((r: any) => [r.subscriptionId, r.status]), [["slow", "failed"], ["fast", "delivered"]]);
  });

  test("fanOut delivers to every subscription that wants the type or '*', and only those", async () => {
    const d = doc();
    const subs = [sub("all", ["*"]), sub("paid", ["invoice.paid"]), sub("other", ["invoice.voided"]), sub("both", ["invoice.voided", "invoice.paid"])];
    const log = network({});
    const results = await settle(d.fanOut(subs, ev, 2));
    assert.deepEqual(results.map((r: any) => `${r.subscriptionId}:${r.status}`), ["all:delivered", "paid:delivered", "both:delivered"]);
    assert.equal(log.requests.length, 3);
  });

  test("fanOut resolves only after every delivery, with one result per subscription", async () => {
    const d = doc();
    const subs = Array.from({ length: 7 }, (_, i) => sub(`s${i}`, ["*"]));
    const log = network({});
    let results: any[] | undefined;
    let early: unknown[] | undefined;
    const p = d.fanOut(subs, ev, 3).then((r: any[]) => {
      early = [...r];
      results = r;
    });
    await clock.runAll();
    await p;
    assert.ok(results, "fanOut did not resolve");
    assert.equal(early?.filter((r) => r !== undefined).length, 7, "fanOut resolved before the deliveries finished");
    assert.equal(log.requests.length, 7);
  });
};
export default suite;
