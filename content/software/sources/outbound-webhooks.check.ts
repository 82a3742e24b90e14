// Checks for outbound webhooks: `node:crypto` and `Buffer` are answered with a real HMAC-SHA256
// written out below (the sandbox has no crypto); deliveries go to a scripted `fetch` that follows
// redirects unless told `redirect: "manual"`, as fetch does. The checks observe what a subscriber
// and the sender see: signatures accepted or refused, requests made, results per subscription.
import type { CheckSuite } from "~/domain/proof/format";

type Bytes = number[];

const suite: CheckSuite = ({ test, load, assert, params, clock }) => {
  /** SHA-256 and HMAC-SHA256 over bytes (FIPS 180-4 / RFC 2104): the sandbox has no crypto. */
  const K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ];
  function sha256(msg: number[]): number[] {
    const h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    const bytes = [...msg, 0x80];
    while (bytes.length % 64 !== 56) bytes.push(0);
    const bits = msg.length * 8;
    for (let i = 7; i >= 0; i--) bytes.push(i >= 4 ? 0 : (bits >>> (i * 8)) & 0xff);
    const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
    for (let off = 0; off < bytes.length; off += 64) {
      const w: number[] = [];
      for (let i = 0; i < 64; i++) {
        if (i < 16) w[i] = (bytes[off + 4 * i] << 24) | (bytes[off + 4 * i + 1] << 16) | (bytes[off + 4 * i + 2] << 8) | bytes[off + 4 * i + 3];
        else {
          const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
          const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
          w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
        }
      }
      let [a, b, c, d, e, f, g, hh] = h;
      for (let i = 0; i < 64; i++) {
        const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
        const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        [hh, g, f, e, d, c, b, a] = [g, f, e, (d + t1) | 0, c, b, a, (t1 + t2) | 0];
      }
      [a, b, c, d, e, f, g, hh].forEach((v, i) => { h[i] = (h[i] + v) | 0; });
    }
    return h.flatMap((v) => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff]);
  }
  const utf8 = (s: string): number[] => Array.from(unescape(encodeURIComponent(s)), (c) => c.charCodeAt(0));
  function hmacSha256(key: number[], msg: number[]): number[] {
    const k = key.length > 64 ? sha256(key) : key;
    const pad = (x: number) => Array.from({ length: 64 }, (_, i) => (k[i] ?? 0) ^ x);
    return sha256([...pad(0x5c), ...sha256([...pad(0x36), ...msg])]);
  }
  const hex = (b: number[]) => b.map((x) => x.toString(16).padStart(2, "0")).join("");

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
