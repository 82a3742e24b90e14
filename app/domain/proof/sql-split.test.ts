import { describe, expect, it } from "vitest";
import { splitSql } from "./sql-split";

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
