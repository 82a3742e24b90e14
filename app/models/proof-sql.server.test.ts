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
