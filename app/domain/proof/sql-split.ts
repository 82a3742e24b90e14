// Splits a SQL script into statements the way psql sends them: one at a time, so statements that
// refuse to run inside a transaction block (CREATE INDEX CONCURRENTLY, VACUUM) behave as they do
// for the script's author. Quotes, quoted identifiers, dollar quotes and comments are respected.

export interface SqlStatement {
  sql: string;
  /** 1-based line where the statement starts. */
  line: number;
}

export function splitSql(script: string): SqlStatement[] {
  const out: SqlStatement[] = [];
  let start = 0;
  let i = 0;
  let parens = 0;
  const n = script.length;
  const push = (end: number) => {
    const raw = script.slice(start, end);
    if (stripComments(raw).trim()) {
      const lead = raw.length - raw.trimStart().length;
      out.push({ sql: raw.trim(), line: script.slice(0, start + lead).split("\n").length });
    }
    start = end + 1;
  };
  while (i < n) {
    const c = script[i];
    const next = script[i + 1];
    if (c === "-" && next === "-") {
      const e = script.indexOf("\n", i);
      i = e < 0 ? n : e + 1;
    } else if (c === "/" && next === "*") {
      let depth = 1;
      i += 2;
      while (i < n && depth) {
        if (script[i] === "/" && script[i + 1] === "*") {
          depth++;
          i += 2;
        } else if (script[i] === "*" && script[i + 1] === "/") {
          depth--;
          i += 2;
        } else i++;
      }
    } else if (c === "'" || c === '"') {
      i++;
      while (i < n) {
        if (script[i] === c) {
          if (script[i + 1] === c) i += 2;
          else break;
        } else i++;
      }
      i++;
    } else if (c === "$") {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(script.slice(i));
      if (m && !/[A-Za-z0-9_]/.test(script[i - 1] ?? "")) {
        const e = script.indexOf(m[0], i + m[0].length);
        i = e < 0 ? n : e + m[0].length;
      } else i++;
    } else if (c === "(") {
      parens++;
      i++;
    } else if (c === ")") {
      parens = Math.max(0, parens - 1);
      i++;
    } else if (c === ";" && parens === 0) {
      push(i);
      i++;
    } else i++;
  }
  if (start < n) push(n);
  return out;
}

function stripComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, "").replace(/\/\*[\s\S]*?\*\//g, "");
}
