// Checks for the paginated history route: they call the GET handler through a small stand-in
// for an Express Router, against a stand-in `pg` pool that answers the route's two query shapes
// from an in-memory table, and observe what a client sees: status, items, total.
import type { CheckSuite } from "~/domain/proof/format";

type Row = Record<string, string | number>;
type Handler = (req: unknown, res: unknown, next: (err?: unknown) => void) => Promise<void> | void;

const suite: CheckSuite = ({ test, load, assert, params }) => {
  const table = String(params.table);
  const owner = String(params.owner);
  const amount = String(params.amount);
  const date = String(params.date);
  const status = String(params.status);
  const pageSize = Number(params.page_size);
  const max = Number(params.max);
  const me = 7;

  /** Rows of two owners: mine (pageSize + 3, so there are two pages) and someone else's (5). */
  function fixture(): Row[] {
    const rows: Row[] = [];
    let id = 1;
    for (let i = 0; i < pageSize + 3; i++) rows.push({ id: id++, [owner]: me, [status]: "paid", [amount]: 100 * ((i % 4) + 1), currency: "EUR", [date]: `2025-01-${String((i % 28) + 1).padStart(2, "0")}` });
    for (let i = 0; i < 5; i++) rows.push({ id: id++, [owner]: 99, [status]: "paid", [amount]: 1000, currency: "EUR", [date]: "2025-02-01" });
    return rows;
  }

  /** A stand-in pool for exactly the two statements the brief needs; anything else is refused. */
  function poolOver(rows: Row[], fail = false) {
    const seen: string[] = [];
    const query = async (sql: string, values: unknown[] = []) => {
      seen.push(sql);
      if (fail) throw new Error("connection terminated unexpectedly");
      const text = sql.replace(/\s+/g, " ").trim();
      const scoped = new RegExp(`WHERE ${owner} = \\$1`).test(text) ? rows.filter((r) => r[owner] === values[0]) : rows;
      if (/^SELECT count\(\*\)::int AS total FROM/.test(text)) return { rows: [{ total: scoped.length }] };
      const m = /ORDER BY (\w+) (ASC|DESC), id (ASC|DESC) LIMIT \$2 OFFSET \$3$/.exec(text);
      if (!m || !new Set([amount, date]).has(m[1])) throw new Error(`syntax error or unknown column in: ${text}`);
      const dir = m[2] === "ASC" ? 1 : -1;
      const sorted = [...scoped].sort((a, b) => (a[m[1]] < b[m[1]] ? -dir : a[m[1]] > b[m[1]] ? dir : (Number(a.id) - Number(b.id)) * dir));
      const limit = Number(values[1]);
      const offset = Number(values[2]);
      return { rows: sorted.slice(offset, offset + limit).map((r) => ({ id: r.id, [status]: r[status], [amount]: r[amount], currency: r.currency, [date]: r[date] })) };
    };
    return { seen, pool: { query } };
  }

  /** Loads the document and calls its GET handler with `query`; resolves with what the client got. */
  async function get(query: Record<string, string>, rows = fixture(), fail = false) {
    const routes: Record<string, Handler> = {};
    const Router = () => ({ get: (p: string, h: Handler) => { routes[`GET ${p}`] = h; } });
    const db = poolOver(rows, fail);
    load({ express: { Router }, "./db": { pool: db.pool } });
    const handler = routes[`GET /api/${params.version}/${table}`];
    assert.ok(handler, `no GET /api/${params.version}/${table} route`);
    const out: { status: number; body: any; nextErr: unknown } = { status: 200, body: undefined, nextErr: undefined };
    const res = {
      status(code: number) { out.status = code; return res; },
      json(body: unknown) { out.body = body; return res; },
    };
    await handler({ query, user: { id: me } }, res, (err?: unknown) => { out.nextErr = err ?? "next() without error"; });
    return { ...out, queries: db.seen };
  }

  test("page 1 starts at the newest row and page 2 holds the rest", async () => {
    const all = fixture().filter((r) => r[owner] === me).sort((a, b) => (a[date] < b[date] ? 1 : a[date] > b[date] ? -1 : Number(b.id) - Number(a.id)));
    const first = await get({});
    assert.equal(first.status, 200);
    assert.deepEqual(first.body.items.map((r: Row) => r.id), all.slice(0, pageSize).map((r) => r.id), "page 1 does not hold the first rows");
    const second = await get({ page: "2" });
    assert.deepEqual(second.body.items.map((r: Row) => r.id), all.slice(pageSize).map((r) => r.id), "page 2 does not hold the remaining rows");
  });

  test("total counts only the signed-in owner's rows", async () => {
    const r = await get({});
    assert.equal(r.body.total, pageSize + 3, `total should be ${pageSize + 3} (this owner's rows only)`);
    assert.ok(r.body.items.every((row: Row) => row[amount] !== 1000), "another owner's row was returned");
  });

  test("a sort value outside the allow-list is a 400 and never reaches the database", async () => {
    const r = await get({ sort: `(CASE WHEN (SELECT 1) = 1 THEN ${amount} ELSE ${date} END)` });
    assert.equal(r.status, 400);
    assert.equal(r.queries.length, 0, "the raw sort value was sent to the database");
  });

  test(`pageSize above the maximum (${max}) is a 400; the maximum itself is accepted`, async () => {
    const over = await get({ pageSize: String(max + 1) });
    assert.equal(over.status, 400, `pageSize=${max + 1} was accepted`);
    assert.ok(/pageSize/.test(over.body?.error ?? ""), "the message does not name pageSize");
    const at = await get({ pageSize: String(max) });
    assert.equal(at.status, 200);
  });

  test("invalid page values are answered with 400 and an error message", async () => {
    for (const page of ["abc", "0", "-1", "1.5"]) {
      const r = await get({ page });
      assert.equal(r.status, 400, `page=${page} got ${r.status}`);
      assert.ok(/page/.test(r.body?.error ?? ""), `page=${page}: no message naming page`);
    }
    const order = await get({ order: "sideways" });
    assert.equal(order.status, 400);
  });

  test("a database failure goes to next(err), not to a success response", async () => {
    const r = await get({}, fixture(), true);
    assert.ok(r.nextErr instanceof Error, "the database error did not reach next(err)");
    assert.equal(r.body, undefined, "a body was sent although the database failed");
  });
};
export default suite;
