import { afterAll, describe, expect, it } from "vitest";
import { observeSql } from "~/domain/proof/judge";
import { splitSql } from "~/domain/proof/sql-split";
import { SqlEngine } from "./proof-sql.server";

// One embedded engine for the file, as a proof run uses one (its WebAssembly start is the slow part).
const engine = new SqlEngine({ timeoutMs: 120_000, memoryMb: 512 });
afterAll(() => engine.close());

const SETUP = `
  CREATE TABLE orders (id bigint PRIMARY KEY, total_cents bigint NOT NULL, paid_on date);
  INSERT INTO orders VALUES (1, 1000, '2025-01-31'), (2, 250, NULL), (3, 250, '2025-02-01');
`;

describe("SQL check engine (embedded PostgreSQL)", () => {
  it("runs setup, the document statement by statement, and the checks; compares numbers, text, NULL and unordered rows", { timeout: 180_000 }, async () => {
    const doc = `
      -- a report
      ALTER TABLE orders ADD COLUMN note text;
      CREATE INDEX CONCURRENTLY orders_paid_idx ON orders (paid_on);
      SELECT to_char(paid_on, 'YYYY-MM') AS month, sum(total_cents) / 100.0 AS total FROM orders GROUP BY 1 ORDER BY 1 NULLS LAST;
    `;
    const file = {
      setup: SETUP,
      checks: [
        { name: "report by month", expect: [["2025-01", 10], ["2025-02", 2.5], [null, "2.5000000000000000"]] },
        { name: "unordered ids", sql: "SELECT id, paid_on FROM orders", expect: [[3, "2025-02-01"], [2, null], [1, "2025-01-31"]], unordered: true },
        { name: "a wrong expectation", sql: "SELECT count(*) FROM orders WHERE paid_on IS NULL", expect: [[2]] },
      ],
    };
    const run = await engine.run({ setup: file.setup, document: splitSql(doc), checks: file.checks });
    expect(run.fatal).toBeUndefined();
    const observed = observeSql(file, run);
    expect(observed.checks.map((c) => [c.name, c.ok])).toEqual([
      ["report by month", true],
      ["unordered ids", true],
      ["a wrong expectation", false],
    ]);
    expect(observed.checks[2].message).toBe("row 1: expected [2], got [1]");
  });

  it("starts each run from an empty database and reports the failing statement's line", { timeout: 180_000 }, async () => {
    const run = await engine.run({ setup: SETUP, document: splitSql("SELECT 1;\nSELECT * FROM missing_table;"), checks: [{ name: "x", sql: "SELECT 1" }] });
    expect(run.documentError).toBe('line 2: relation "missing_table" does not exist');
    // The table from the previous test's document is gone: setup succeeded again on a clean schema.
    expect(run.setupError).toBeUndefined();
  });

  it("psql's \\gexec runs each result cell, psql variables are replaced, and checks can query the document's result (its last statement that returned columns) or count its rows", { timeout: 180_000 }, async () => {
    const doc = [
      "CREATE INDEX orders_total_idx ON orders (total_cents);",
      "UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'orders_total_idx'::regclass;",
      "SELECT 'DROP INDEX ' || indexrelid::regclass FROM pg_index WHERE indexrelid = to_regclass('orders_total_idx') AND NOT indisvalid \\gexec",
      "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY;",
      "SELECT id, total_cents FROM orders WHERE total_cents >= :min_cents AND :'who' = 'ann' ORDER BY id;",
      "COMMIT;",
    ].join("\n");
    const file = {
      setup: SETUP,
      checks: [
        { name: "the invalid index was dropped", sql: "SELECT count(*) FROM pg_class WHERE relname = 'orders_total_idx'", expect: [[0]] },
        { name: "one row per qualifying order", rows: "3" },
        { name: "the result table holds the report, with its types", sql: "SELECT max(id), sum(total_cents), pg_typeof(max(id))::text FROM report", expect: [[3, 1500, "bigint"]] },
        { name: "a wrong count", sql: "SELECT * FROM report", rows: 2 },
      ],
    };
    const run = await engine.run({ setup: SETUP, document: splitSql(doc, { min_cents: 250, who: "ann" }), resultTable: "report", checks: file.checks });
    expect(run.documentError).toBeUndefined();
    const observed = observeSql(file, run);
    expect(observed.checks.map((c) => [c.name, c.ok])).toEqual([
      ["the invalid index was dropped", true],
      ["one row per qualifying order", true],
      ["the result table holds the report, with its types", true],
      ["a wrong count", false],
    ]);
    expect(observed.checks[3].message).toBe("expected 2 rows, got 3: [1, 1000] [2, 250] [3, 250]");
    // The next run starts without the previous run's result table.
    const again = await engine.run({ setup: SETUP, document: splitSql("SELECT 1 AS one;"), resultTable: "report", checks: [{ name: "kept", sql: "SELECT * FROM report" }] });
    expect(again.documentError).toBeUndefined();
    expect(again.checks[0].rows?.rows).toEqual([[1]]);

    const unset = await engine.run({ setup: SETUP, document: splitSql("SELECT * FROM orders WHERE id = :missing;\n\\set x 1\n"), checks: [] });
    expect(unset.documentError).toMatch(/^line 1: syntax error at or near ":"/);
    const meta = await engine.run({ setup: SETUP, document: splitSql("SELECT 1;\n\\copy orders TO 'x.csv'\n"), checks: [] });
    expect(meta.documentError).toBe("line 2: the psql meta-command \\copy is not supported by the proof runner");
  });

  it("a statement that never ends is stopped by the time limit, and the engine restarts for the next run", { timeout: 300_000 }, async () => {
    const short = new SqlEngine({ timeoutMs: 60_000, memoryMb: 512 });
    try {
      const hang = await short.run({ setup: "SELECT 1", document: splitSql("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r;"), checks: [] }, 5_000);
      expect(hang.fatal).toMatch(/still running after 5 s \(time limit\)/);
    } finally {
      await short.close();
    }
  });
});
