import { describe, expect, it } from "vitest";
import { splitSql, sqlOfProse } from "./sql-split";

describe("splitSql", () => {
  it("splits on semicolons outside quotes, dollar quotes, comments and parentheses, with start lines", () => {
    const script = [
      "-- header; not a statement",
      "SET lock_timeout = '3s';",
      "INSERT INTO t VALUES ('a;b', \"odd;name\");",
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$;",
      "/* block; comment */ SELECT $$x;y$$;",
      "SELECT 1 -- trailing",
    ].join("\n");
    expect(splitSql(script)).toEqual([
      { sql: "-- header; not a statement\nSET lock_timeout = '3s'", line: 1 },
      { sql: "INSERT INTO t VALUES ('a;b', \"odd;name\")", line: 3 },
      { sql: "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$", line: 4 },
      { sql: "/* block; comment */ SELECT $$x;y$$", line: 5 },
      { sql: "SELECT 1 -- trailing", line: 6 },
    ]);
  });

  it("drops empty and comment-only statements", () => {
    expect(splitSql(";;\n-- only a comment\n")).toEqual([]);
  });
});

describe("splitSql: psql meta-commands and variables", () => {
  it("ends a statement at \\gexec (and \\g) and marks it to run its result cells", () => {
    const script = "SET x = 1;\nSELECT 'DROP INDEX ' || 'i' FROM t WHERE NOT ok \\gexec\nCREATE INDEX i ON t (a);\nSELECT 2 \\g\n";
    expect(splitSql(script)).toEqual([
      { sql: "SET x = 1", line: 1 },
      { sql: "SELECT 'DROP INDEX ' || 'i' FROM t WHERE NOT ok", line: 2, gexec: true },
      { sql: "CREATE INDEX i ON t (a)", line: 3 },
      { sql: "SELECT 2", line: 4 },
    ]);
  });

  it("a meta-command the proof cannot run becomes a statement that names it, at its line", () => {
    expect(splitSql("SELECT 1;\n\\set n 3\nSELECT :n;")).toEqual([
      { sql: "SELECT 1", line: 1 },
      { sql: "\\set n 3", line: 2, unsupported: "\\set" },
      { sql: "SELECT :n", line: 3 },
    ]);
  });

  it("replaces :name, :'name' and :\"name\" as psql -v would, but not casts, quotes, comments or unset names", () => {
    const script = "-- :id in a comment\nSELECT :id, :'who', :\"col\", 'x:id', $$:id$$, '1'::int, :unset FROM t WHERE a = :id;";
    const [st] = splitSql(script, { id: 42, who: "O'Brien", col: 'odd"name' });
    expect(st.sql).toBe("-- :id in a comment\nSELECT 42, 'O''Brien', \"odd\"\"name\", 'x:id', $$:id$$, '1'::int, :unset FROM t WHERE a = 42");
  });
});

describe("sqlOfProse", () => {
  it("keeps only the lines of ```sql blocks, at their own line numbers, so a failing statement names the report's line", () => {
    const report = ["# Run report", "", "```sql", "SELECT 1;", "```", "", "```text", "SELECT 'output, not run';", "```", "Prose; with a semicolon.", "```sql", "SELECT 2;", "```"].join("\n");
    expect(splitSql(sqlOfProse(report))).toEqual([
      { sql: "SELECT 1", line: 4 },
      { sql: "SELECT 2", line: 12 },
    ]);
  });
});
