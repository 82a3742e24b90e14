// Checks for the payment webhook: signed deliveries go through a stand-in Express Router (with
// `express.raw` / `express.json` body parsers) into the handler, over a stand-in `pg` pool that
// models transactions (BEGIN/COMMIT/ROLLBACK, autocommit outside one) and the primary-key lock of
// `INSERT ... ON CONFLICT DO NOTHING`. `node:crypto` and `Buffer` are answered with stand-ins
// whose HMAC-SHA256 is the kit's `hash` (the host's node:crypto). The checks observe what the provider
// and the database see: status codes, records applied, events recorded, connections returned.
import type { CheckSuite } from "~/domain/proof/format";

type Bytes = number[];
type Handler = (req: any, res: any, next: (err?: unknown) => void) => unknown;

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
