// Checks for the payment webhook: signed deliveries go through a stand-in Express Router (with
// `express.raw` / `express.json` body parsers) into the handler, over a stand-in `pg` pool that
// models transactions (BEGIN/COMMIT/ROLLBACK, autocommit outside one) and the primary-key lock of
// `INSERT ... ON CONFLICT DO NOTHING`. `node:crypto` and `Buffer` are answered with a real
// HMAC-SHA256 written out below (the sandbox has no crypto). The checks observe what the provider
// and the database see: status codes, records applied, events recorded, connections returned.
import type { CheckSuite } from "~/domain/proof/format";

type Bytes = number[];
type Handler = (req: any, res: any, next: (err?: unknown) => void) => unknown;

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

  const secret = "whsec_test_0123456789";
  const tolerance = Number(params.tol_min) * 60;
  const route = String(params.route);
  const idField = String(params.id_field);
  const eventType = String(params.event);
  const nowS = () => Math.floor(clock.now() / 1000);
  const tick = async () => { for (let i = 0; i < 3; i++) await null; };

  /** A pg stand-in: committed state, one transaction per client, a lock per uncommitted event id. */
  function database(faults: { update?: number; commit?: number; down?: boolean } = {}) {
    const db = {
      events: new Set<string>(),
      applied: [] as string[],
      connected: 0,
      released: 0,
      locks: new Map<string, { until: Promise<void> }>(),
    };
    const failures = { update: faults.update ?? 0, commit: faults.commit ?? 0 };
    async function connect() {
      await tick();
      if (faults.down) throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
      db.connected++;
      let tx: { events: string[]; applied: string[]; done: () => void; until: Promise<void> } | null = null;
      const end = (commit: boolean) => {
        if (!tx) return;
        if (commit) {
          tx.events.forEach((id) => db.events.add(id));
          db.applied.push(...tx.applied);
        }
        tx.events.forEach((id) => db.locks.delete(id));
        tx.done();
        tx = null;
      };
      const client = {
        async query(sql: string, values: unknown[] = []) {
          await tick();
          const text = sql.replace(/\s+/g, " ").trim();
          if (text === "BEGIN") {
            let done = () => {};
            const until = new Promise<void>((r) => { done = r; });
            tx = { events: [], applied: [], done, until };
            return { rowCount: 0 };
          }
          if (text === "COMMIT") {
            if (failures.commit > 0) {
              failures.commit--;
              throw new Error("could not serialize access due to concurrent update");
            }
            end(true);
            return { rowCount: 0 };
          }
          if (text === "ROLLBACK") {
            end(false);
            return { rowCount: 0 };
          }
          if (/^SELECT 1 FROM \w+ WHERE id = \$1$/.test(text)) {
            const id = String(values[0]);
            return { rowCount: db.events.has(id) || tx?.events.includes(id) ? 1 : 0, rows: [] };
          }
          if (/^INSERT INTO \w+ \(id, type, received_at\) VALUES \(\$1, \$2, now\(\)\) ON CONFLICT \(id\) DO NOTHING$/.test(text)) {
            const id = String(values[0]);
            if (tx?.events.includes(id)) return { rowCount: 0 };
            // The primary key: a concurrent insert of the same id waits for the first to end.
            for (let lock = db.locks.get(id); lock; lock = db.locks.get(id)) await lock.until;
            if (db.events.has(id)) return { rowCount: 0 };
            if (tx) {
              tx.events.push(id);
              db.locks.set(id, { until: tx.until });
            } else db.events.add(id);
            return { rowCount: 1 };
          }
          if (/^UPDATE \w+ SET status = '[^']+', \w+ = now\(\) WHERE id = \$1$/.test(text)) {
            if (failures.update > 0) {
              failures.update--;
              throw new Error("deadlock detected");
            }
            if (tx) tx.applied.push(String(values[0]));
            else db.applied.push(String(values[0]));
            return { rowCount: 1 };
          }
          throw new Error(`unexpected statement: ${text}`);
        },
        release() { db.released++; },
      };
      return client;
    }
    return { db, pool: { connect } };
  }

  /** Loads the document over `pool`; returns a function that posts one delivery through the chain. */
  function endpoint(pool: unknown) {
    const routes: Record<string, Handler[]> = {};
    const Router = () => ({ post: (p: string, ...hs: Handler[]) => { routes[`POST ${p}`] = hs; } });
    const parsers = {
      raw: () => (req: any, _res: unknown, next: () => void) => {
        req.body = FakeBuffer.from(req.rawBytes);
        next();
      },
      json: () => (req: any, _res: unknown, next: () => void) => {
        req.body = JSON.parse(FakeBuffer.from(req.rawBytes).toString());
        next();
      },
    };
    (globalThis as any).Buffer = FakeBuffer;
    (globalThis as any).process = { env: { [String(params.env)]: secret } };
    load({ "node:crypto": crypto, express: { __esModule: true, default: { ...parsers, Router }, Router, ...parsers }, "./db": { pool } });
    const chain = routes[`POST ${route}`];
    assert.ok(chain, `no POST ${route} route`);
    return async (body: string, header: string | undefined) => {
      const out: { status: number; body: any; nextErr: unknown } = { status: 200, body: undefined, nextErr: undefined };
      const res = {
        status(code: number) { out.status = code; return res; },
        json(b: unknown) { out.body = b; return res; },
      };
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (header !== undefined) headers[String(params.header)] = header;
      const req = { rawBytes: utf8(body), body: undefined, headers, get: (n: string) => headers[n.toLowerCase()] };
      const run = async (i: number): Promise<void> => {
        if (i >= chain.length) return;
        let advanced = false;
        await chain[i](req, res, (err?: unknown) => {
          if (err !== undefined) out.nextErr = err;
          else advanced = true;
        });
        if (advanced) await run(i + 1);
      };
      await run(0);
      if (out.nextErr !== undefined) out.status = 500;
      return out;
    };
  }

  let serial = 0;
  function event(id = `evt_${++serial}`, record = `rec_${serial}`) {
    return JSON.stringify({ id, type: eventType, data: { [idField]: record } });
  }
  const sign = (body: string, t = nowS(), key = secret) => `t=${t},v1=${hex(hmacSha256(utf8(key), utf8(`${t}.${body}`)))}`;

  test("a correctly signed event is applied once and answered 200", async () => {
    const { db, pool } = database();
    const post = endpoint(pool);
    const body = event("evt_ok", "rec_ok");
    const r = await post(body, sign(body));
    assert.equal(r.status, 200, `a valid delivery got ${r.status}`);
    assert.deepEqual(r.body, { received: true, duplicate: false });
    assert.deepEqual(db.applied, ["rec_ok"]);
  });

  test(`a missing or wrong signature, or t more than ${params.tol_min} minutes away in either direction, is a 401`, async () => {
    const { db, pool } = database();
    const post = endpoint(pool);
    const body = event();
    const cases: [string, string | undefined][] = [
      ["no header", undefined],
      ["another secret", sign(body, nowS(), "whsec_other")],
      ["a signature over other bytes", sign(event())],
      ["t too old", sign(body, nowS() - tolerance - 1)],
      ["t too far in the future", sign(body, nowS() + tolerance + 1)],
    ];
    for (const [what, header] of cases) {
      const r = await post(body, header);
      assert.equal(r.status, 401, `${what}: got ${r.status}`);
    }
    assert.deepEqual(db.applied, [], "an unauthenticated event was applied");
    const edge = await post(body, sign(body, nowS() + tolerance));
    assert.equal(edge.status, 200, `t exactly ${tolerance} s ahead must still be accepted`);
  });

  test("the signature is compared in constant time (crypto.timingSafeEqual)", async () => {
    const { pool } = database();
    const post = endpoint(pool);
    const body = event();
    spy.timingSafeEqual = 0;
    await post(body, sign(body));
    assert.ok(spy.timingSafeEqual > 0, "the received signature was compared with a plain string comparison");
  });

  test("a duplicate delivery is answered 200 with duplicate: true and not applied again", async () => {
    const { db, pool } = database();
    const post = endpoint(pool);
    const body = event("evt_dup", "rec_dup");
    await post(body, sign(body));
    const again = await post(body, sign(body));
    assert.equal(again.status, 200, `a duplicate got ${again.status}; the provider would keep retrying or alert`);
    assert.deepEqual(again.body, { received: true, duplicate: true });
    assert.deepEqual(db.applied, ["rec_dup"]);
  });

  test("two simultaneous deliveries of one event apply it once", async () => {
    const { db, pool } = database();
    const post = endpoint(pool);
    const body = event("evt_race", "rec_race");
    const [a, b] = await Promise.all([post(body, sign(body)), post(body, sign(body))]);
    assert.deepEqual(db.applied, ["rec_race"], `applied ${db.applied.length} times`);
    assert.deepEqual([a.body?.duplicate, b.body?.duplicate].sort(), [false, true]);
  });

  test("when the update fails nothing is recorded, so the provider's retry applies the event", async () => {
    const { db, pool } = database({ update: 1 });
    const post = endpoint(pool);
    const body = event("evt_retry", "rec_retry");
    const first = await post(body, sign(body));
    assert.equal(first.status, 500);
    const retry = await post(body, sign(body));
    assert.equal(retry.status, 200);
    assert.deepEqual(db.applied, ["rec_retry"], "the retried event was treated as a duplicate and never applied");
  });

  test("a failed COMMIT is a 500, so the provider retries", async () => {
    const { pool } = database({ commit: 1 });
    const post = endpoint(pool);
    const body = event();
    const r = await post(body, sign(body));
    assert.equal(r.status, 500, `a delivery whose COMMIT failed got ${r.status}`);
  });

  test("a database outage is a 500, not a success", async () => {
    const { pool } = database({ down: true });
    const post = endpoint(pool);
    const body = event();
    const r = await post(body, sign(body));
    assert.equal(r.status, 500, `got ${r.status} while the database was down`);
    assert.ok(r.nextErr instanceof Error, "the error did not reach next(err)");
  });

  test("every pooled connection is given back, on success, duplicate and failure", async () => {
    const { db, pool } = database({ update: 1 });
    const post = endpoint(pool);
    const body = event();
    await post(body, sign(body));
    await post(body, sign(body));
    await post(body, sign(body));
    assert.equal(db.connected, 3);
    assert.equal(db.released, 3, `${db.connected - db.released} connections were never released`);
  });
};
export default suite;
