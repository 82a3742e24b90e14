// Checks for the pagination pull request, run against the files the diff produces (decision 097).
//
// The route (src/routes/<table>.ts, shown whole) runs over a stand-in Express Router,
// `requireAccount`, a `Buffer` with base64url, and a stand-in Kysely `db` whose builder filters,
// orders and limits an in-memory table. Rows that share a timestamp are stored out of id order, as
// a heap would hold them, so an ORDER BY without a tie-break gives an order that keyset paging
// cannot follow. These checks observe what a client sees: rows, statuses, nextCursor, and whether
// walking the cursor visits every row exactly once.
//
// The test file's hunk (src/routes/<table>.test.ts, inside its `describe`) runs with stand-ins for
// what it uses from outside the hunk: vitest's describe / it / expect, `as(account).get(path)
// .query(q)` against an in-memory endpoint, `alice`, `bob<One>`, `newAccount()` and
// `seed<Table>(account, n, { sameInstant: k })` (k consecutive rows share each timestamp). The
// tests must pass against a correct endpoint, and each must fail against the bug its name promises
// to catch (per-test mutation testing, as in rate-limiter-test).
import type { CheckSuite } from "~/domain/proof/format";

type Row = Record<string, string | number>;
type Pred = (r: Row) => boolean;
type Handler = (req: any, res: any, next: () => void) => unknown;

const suite: CheckSuite = ({ test, load, assert, params }) => {
  const table = String(params.table);
  const ts = String(params.ts);
  const ref = String(params.ref);
  const def = Number(params.def);
  const max = Number(params.max);
  const me = 11;
  const other = 12;

  const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const utf8 = (s: string) => Array.from(unescape(encodeURIComponent(s)), (c) => c.charCodeAt(0));
  /** The parts of Node's Buffer the route uses: utf8 and base64url. */
  class FakeBuffer extends Uint8Array {
    static from(v: any, enc?: any): any {
      if (enc !== "base64url") return new FakeBuffer(utf8(String(v)));
      const out: number[] = [];
      let bits = 0;
      let acc = 0;
      for (const ch of String(v)) {
        const i = B64.indexOf(ch);
        if (i < 0) break;
        acc = (acc << 6) | i;
        bits += 6;
        if (bits >= 8) {
          bits -= 8;
          out.push((acc >> bits) & 0xff);
        }
      }
      return new FakeBuffer(out);
    }
    toString(enc = "utf8"): string {
      const b = Array.from(this);
      if (enc !== "base64url") return decodeURIComponent(escape(String.fromCharCode(...b)));
      let s = "";
      for (let i = 0; i < b.length; i += 3) {
        const n = (b[i] << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
        const chars = Math.ceil(((Math.min(3, b.length - i)) * 8) / 6);
        for (let j = 0; j < chars; j++) s += B64[(n >> (18 - 6 * j)) & 63];
      }
      return s;
    }
  }

  /** The caller's rows: groups of 5 sharing an instant, stored out of id order; plus newer rows of another account. */
  function fixture(n: number): Row[] {
    const rows: Row[] = [];
    const heap = [2, 0, 4, 1, 3];
    for (let g = 0; g * 5 < n; g++) {
      for (const k of heap) {
        const i = g * 5 + k;
        if (i >= n) continue;
        rows.push({ id: 1000 + i, account_id: me, [ref]: `R-${1000 + i}`, [ts]: `2025-01-01T00:${String(g).padStart(2, "0")}:00.000Z`, total_cents: 100 * (i + 1), status: "open" });
      }
    }
    for (let i = 0; i < 4; i++) rows.push({ id: 5000 + i, account_id: other, [ref]: `X-${i}`, [ts]: "2026-01-01T00:00:00.000Z", total_cents: 1, status: "open" });
    return rows;
  }
  const expected = (rows: Row[]) =>
    rows.filter((r) => r.account_id === me).sort((a, b) => (a[ts] === b[ts] ? Number(b.id) - Number(a.id) : a[ts] < b[ts] ? 1 : -1)).map((r) => r.id);

  /** A Kysely-shaped, immutable query builder over `rows`. */
  function kysely(rows: Row[]) {
    const cmp = (a: unknown, op: string, b: unknown) => {
      const x = a as number | string;
      const y = b as number | string;
      return op === "=" ? x === y : op === "<" ? x < y : op === "<=" ? x <= y : op === ">" ? x > y : op === ">=" ? x >= y : (() => { throw new Error(`operator ${op}`); })();
    };
    const eb = Object.assign((col: string, op: string, val: unknown): Pred => (r) => cmp(r[col], op, val), {
      or: (ps: Pred[]): Pred => (r) => ps.some((p) => p(r)),
      and: (ps: Pred[]): Pred => (r) => ps.every((p) => p(r)),
    });
    type State = { from: string; cols?: string[]; preds: Pred[]; order: [string, string][]; limit?: number };
    const builder = (s: State): any => ({
      select: (cols: string[]) => builder({ ...s, cols }),
      selectAll: () => builder({ ...s }),
      where: (a: string | ((e: typeof eb) => Pred), op?: string, val?: unknown) =>
        builder({ ...s, preds: [...s.preds, typeof a === "function" ? a(eb) : eb(a, String(op), val)] }),
      orderBy: (col: string, dir = "asc") => builder({ ...s, order: [...s.order, [col, dir]] }),
      limit: (n: number) => builder({ ...s, limit: n }),
      offset: () => { throw new Error("offset is not part of keyset pagination"); },
      execute: async () => {
        assert.equal(s.from, table, "queried another table");
        const out = rows.filter((r) => s.preds.every((p) => p(r)));
        // A stable sort: rows equal on every ORDER BY key keep their heap order.
        out.sort((a, b) => {
          for (const [col, dir] of s.order) {
            if (a[col] !== b[col]) return (a[col] < b[col] ? -1 : 1) * (dir === "desc" ? -1 : 1);
          }
          return 0;
        });
        return out.slice(0, s.limit ?? out.length).map((r) => (s.cols ? Object.fromEntries(s.cols.map((c) => [c, r[c]])) : { ...r }));
      },
    });
    return { selectFrom: (from: string) => builder({ from, preds: [], order: [] }) };
  }

  /** Loads the route over `rows`; returns a GET that resolves with the status and body. */
  function route(rows: Row[]) {
    const handlers: Record<string, Handler[]> = {};
    const Router = () => ({ get: (p: string, ...hs: Handler[]) => { handlers[`GET ${p}`] = hs; } });
    const requireAccount: Handler = (req, _res, next) => {
      req.account = { id: me };
      next();
    };
    (globalThis as any).Buffer = FakeBuffer;
    load({ express: { Router }, "../db": { db: kysely(rows) }, "../auth": { requireAccount } });
    const chain = handlers[`GET /api/${table}`];
    assert.ok(chain, `no GET /api/${table} route`);
    return async (query: Record<string, string>) => {
      const out: { status: number; body: any } = { status: 200, body: undefined };
      const res = {
        status(code: number) { out.status = code; return res; },
        json(b: unknown) { out.body = b; return res; },
      };
      const req: any = { query };
      for (const h of chain) {
        let next = false;
        await h(req, res, () => { next = true; });
        if (!next) break;
      }
      return out;
    };
  }

  const n = def * 2 + 7;

  test("the first page is the caller's newest rows, newest first, ties by id, with a nextCursor", async () => {
    const rows = fixture(n);
    const get = route(rows);
    const r = await get({});
    assert.equal(r.status, 200);
    assert.deepEqual(r.body[table].map((x: Row) => x.id), expected(rows).slice(0, def), "wrong rows on the first page");
    assert.ok(typeof r.body.nextCursor === "string", "no nextCursor although more rows exist");
  });

  test("walking nextCursor visits each of the caller's rows exactly once, in order, and ends with null", async () => {
    for (const limit of [def, 5, 3]) {
      const rows = fixture(n);
      const get = route(rows);
      const seen: unknown[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 100; pages++) {
        const r = await get({ limit: String(limit), ...(cursor ? { cursor } : {}) });
        assert.equal(r.status, 200, `page ${pages + 1}: ${JSON.stringify(r.body)}`);
        seen.push(...r.body[table].map((x: Row) => x.id));
        if (r.body.nextCursor === null) break;
        cursor = r.body.nextCursor;
      }
      assert.deepEqual(seen, expected(rows), `limit ${limit}: the walk did not visit every row exactly once, in order`);
    }
  });

  test(`limit ${max} is accepted; 0, -4, ${max + 1}, 2.5 and "ten" are a 400 with a message`, async () => {
    const get = route(fixture(n));
    assert.equal((await get({ limit: String(max) })).status, 200);
    for (const limit of ["0", "-4", String(max + 1), "2.5", "ten"]) {
      const r = await get({ limit });
      assert.equal(r.status, 400, `limit=${limit} got ${r.status}`);
      assert.ok(/limit/.test(r.body?.error ?? ""), `limit=${limit}: no message naming limit`);
    }
  });

  test("a malformed cursor is a 400 asking to restart", async () => {
    const get = route(fixture(n));
    for (const cursor of ["not-a-cursor", FakeBuffer.from(JSON.stringify({ id: "7" })).toString("base64url")]) {
      const r = await get({ cursor });
      assert.equal(r.status, 400, `cursor ${cursor} got ${r.status}`);
    }
  });

  // --- The test file: per-test mutation testing against an in-memory endpoint ---------------

  /** The bugs an endpoint may have; the correct one has none. */
  type Bug = "inclusive-cursor" | "no-tie-break" | "rejects-max" | "ignores-bad-cursor" | "leaks-accounts";
  type Item = { id: number; account_id: number; at: number };
  type Account = { id: number };
  const testFile = `src/routes/${table}.test.ts`;
  const One = String(params.One);
  const Table = String(params.Table);

  /** The endpoint of the PR, written plainly, with at most one bug. */
  function endpoint(bug?: Bug) {
    const items: Item[] = [];
    let ids = 0;
    let accounts = 0;
    let clock = 0;
    const newAccount = async (): Promise<Account> => ({ id: ++accounts });
    /** n rows; with sameInstant k, each k consecutive rows share a timestamp. */
    const seed = async (account: Account, count: number, options?: { sameInstant?: number }) => {
      const k = Math.max(1, options?.sameInstant ?? 1);
      for (let made = 0; made < count; made += k) {
        const at = ++clock;
        // Stored in insertion order (ids ascending): without ORDER BY id, tied rows come back
        // oldest first, the opposite of what the keyset condition assumes.
        for (let i = 0; i < Math.min(k, count - made); i++) items.push({ id: ++ids, account_id: account.id, at });
      }
    };
    const list = (account: Account, query: Record<string, unknown>) => {
      const limit = Number(query.limit ?? def);
      if (!Number.isInteger(limit) || limit < 1 || (bug === "rejects-max" ? limit >= max : limit > max)) return { status: 400, body: { error: `limit must be a whole number from 1 to ${max}` } };
      let cursor: { at: number; id: number } | null = null;
      if (typeof query.cursor === "string") {
        const m = /^c\.(\d+)\.(\d+)$/.exec(query.cursor);
        if (m) cursor = { at: Number(m[1]), id: Number(m[2]) };
        else if (bug !== "ignores-bad-cursor") return { status: 400, body: { error: "cursor is not valid; restart from the first page" } };
      }
      const rows = items
        .filter((r) => bug === "leaks-accounts" || r.account_id === account.id)
        .filter((r) => !cursor || r.at < cursor.at || (r.at === cursor.at && (bug === "inclusive-cursor" ? r.id <= cursor.id : r.id < cursor.id)))
        .sort((a, b) => b.at - a.at || (bug === "no-tie-break" ? 0 : b.id - a.id))
        .slice(0, limit + 1);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return { status: 200, body: { [table]: page.map((r) => ({ id: r.id })), nextCursor: rows.length > limit && last ? `c.${last.at}.${last.id}` : null } };
    };
    /** supertest's shape: `await as(account).get(path)`, optionally `.query(q)`; undefined values are not sent. */
    const as = (account: Account) => ({
      get(path: string) {
        const request = (query: Record<string, unknown>): any => ({
          query: (more: Record<string, unknown>) => request({ ...query, ...Object.fromEntries(Object.entries(more).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])) }),
          then: (resolve: (r: unknown) => unknown, reject: (e: unknown) => unknown) =>
            Promise.resolve(path === `/api/${table}` ? list(account, query) : { status: 404, body: {} }).then(resolve, reject),
        });
        return request({});
      },
    });
    return { as, newAccount, seed };
  }

  /** vitest's expect, with the matchers the file may use (and `.not`); an unknown matcher is not a function. */
  function expect(actual: unknown) {
    const show = (v: unknown) => JSON.stringify(v);
    const matchers = (negate: boolean) => {
      const check = (pass: boolean, what: string) => {
        if (pass === negate) throw new Error(`expected ${show(actual)} ${negate ? "not " : ""}${what}`);
      };
      return {
        toBe: (e: unknown) => check(Object.is(actual, e), `to be ${show(e)}`),
        toEqual: (e: unknown) => check(show(actual) === show(e), `to equal ${show(e)}`),
        toContain: (e: unknown) => check(Array.isArray(actual) && actual.includes(e), `to contain ${show(e)}`),
        toHaveLength: (n: number) => check((actual as { length?: number })?.length === n, `to have length ${n}`),
      };
    };
    return { ...matchers(false), not: matchers(true) };
  }

  /** Loads the test file against an endpoint; returns its tests by name. */
  async function collect(bug?: Bug): Promise<Map<string, () => unknown>> {
    const app = endpoint(bug);
    const alice = await app.newAccount();
    const bob = await app.newAccount();
    await app.seed(alice, 3);
    await app.seed(bob, 1);
    const bobsRow = { id: 4 };
    const tests = new Map<string, () => unknown>();
    const g = globalThis as any;
    Object.assign(g, {
      describe: (_name: string, body: () => void) => body(),
      it: (name: string, body: () => unknown) => { tests.set(name, body); },
      expect,
      as: app.as,
      alice,
      [`bob${One}`]: bobsRow,
      newAccount: app.newAccount,
      [`seed${Table}`]: app.seed,
    });
    load({}, testFile);
    return tests;
  }

  /** The failures of the tests whose name contains `match` (all when omitted): name → message. */
  async function runTests(bug: Bug | undefined, match?: string): Promise<Record<string, string>> {
    const tests = await collect(bug);
    const picked = [...tests.keys()].filter((name) => !match || name.includes(match));
    assert.ok(picked.length > 0, `no test named "…${match}…" in ${testFile}`);
    const failures: Record<string, string> = {};
    for (const name of picked) {
      try {
        await tests.get(name)?.();
      } catch (e) {
        failures[name] = String(e);
      }
    }
    return failures;
  }

  test(`every test of ${testFile} passes against a correct endpoint`, async () => {
    const tests = await collect();
    assert.ok(tests.size >= 4, `only ${tests.size} tests were declared`);
    assert.deepEqual(await runTests(undefined), {});
  });

  function catches(testName: string, bug: Bug, what: string) {
    test(`the test "${testName}…" fails against ${what}`, async () => {
      const failures = await runTests(bug, testName);
      assert.ok(Object.keys(failures).length > 0, `the test passes against ${what}`);
    });
  }
  catches("lists only the caller", "leaks-accounts", "an endpoint that lists every account's rows");
  catches(`walks every ${params.one} exactly once`, "inclusive-cursor", "an endpoint whose next page starts with the cursor row again");
  catches(`walks every ${params.one} exactly once`, "no-tie-break", "an endpoint that does not order rows sharing a timestamp by id");
  catches(`accepts a limit of ${max}`, "rejects-max", `an endpoint that rejects limit=${max}`);
  catches("rejects a malformed cursor", "ignores-bad-cursor", "an endpoint that ignores a malformed cursor");
};
export default suite;
