// Splits a SQL script into statements the way psql sends them: one at a time, so statements that
// refuse to run inside a transaction block (CREATE INDEX CONCURRENTLY, VACUUM) behave as they do
// for the script's author. Quotes, quoted identifiers, dollar quotes and comments are respected.
// The psql features documents use are honoured: `\g` and `\gexec` end a statement (`\gexec` runs
// each cell of its result as a statement), and `:name`, `:'name'`, `:"name"` are replaced by the
// variables a `psql -v name=value` would set (an unset variable is left as written, as psql does).

export interface SqlStatement {
  sql: string;
  /** 1-based line where the statement starts. */
  line: number;
  /** psql `\gexec`: run each non-null cell of this statement's result as a statement. */
  gexec?: true;
  /** A psql meta-command the proof cannot run (`\set`, `\copy`, …): running it stops the document. */
  unsupported?: string;
}

/** Variables as `psql -v name=value` sets them. */
export type PsqlVariables = Record<string, string | number>;

function quoteLiteral(v: string): string {
  return `'${v.replace(/'/g, "''")}'`;
}

function quoteIdent(v: string): string {
  return `"${v.replace(/"/g, '""')}"`;
}

export function splitSql(script: string, variables: PsqlVariables = {}): SqlStatement[] {
  const out: SqlStatement[] = [];
  let start = 0;
  let i = 0;
  let parens = 0;
  // Variable references in the current statement: [from, to, replacement].
  let subs: [number, number, string][] = [];
  const n = script.length;
  const lineAt = (pos: number) => script.slice(0, pos).split("\n").length;
  const push = (end: number, next: number, extra: Partial<SqlStatement> = {}) => {
    let raw = script.slice(start, end);
    if (stripComments(raw).trim()) {
      const lead = raw.length - raw.trimStart().length;
      for (const [from, to, text] of [...subs].reverse()) raw = raw.slice(0, from - start) + text + raw.slice(to - start);
      out.push({ sql: raw.trim(), line: lineAt(start + lead), ...extra });
    }
    subs = [];
    start = next;
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
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(script.slice(i, i + 80));
      if (m && !/[A-Za-z0-9_]/.test(script[i - 1] ?? "")) {
        const e = script.indexOf(m[0], i + m[0].length);
        i = e < 0 ? n : e + m[0].length;
      } else i++;
    } else if (c === ":" && next === ":") {
      i += 2; // a cast, never a variable
    } else if (c === ":") {
      const m = /^:(?:'([A-Za-z0-9_]+)'|"([A-Za-z0-9_]+)"|([A-Za-z0-9_]+))/.exec(script.slice(i, i + 80));
      const name = m ? (m[1] ?? m[2] ?? m[3]) : undefined;
      if (m && name !== undefined && Object.hasOwn(variables, name)) {
        const value = String(variables[name]);
        subs.push([i, i + m[0].length, m[1] !== undefined ? quoteLiteral(value) : m[2] !== undefined ? quoteIdent(value) : value]);
        i += m[0].length;
      } else i++;
    } else if (c === "\\") {
      // A psql meta-command: its arguments run to the end of the line.
      const eol = script.indexOf("\n", i);
      const end = eol < 0 ? n : eol;
      const cmd = /^\\([A-Za-z]+|.)/.exec(script.slice(i, end))?.[1] ?? "";
      if (cmd === "g" || cmd === "gexec") push(i, end, cmd === "gexec" ? { gexec: true } : {});
      else {
        push(i, i);
        out.push({ sql: script.slice(i, end).trim(), line: lineAt(i), unsupported: `\\${cmd}` });
        start = end;
      }
      parens = 0;
      i = end;
    } else if (c === "(") {
      parens++;
      i++;
    } else if (c === ")") {
      parens = Math.max(0, parens - 1);
      i++;
    } else if (c === ";" && parens === 0) {
      push(i, i + 1);
      i++;
    } else i++;
  }
  if (start < n) push(n, n);
  return out;
}

function stripComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, "").replace(/\/\*[\s\S]*?\*\//g, "");
}

/**
 * The SQL a prose document shows (a run report with its statements): the lines inside its
 * ```sql fences, in order; every other line is left blank so line numbers stay the document's own.
 */
export function sqlOfProse(text: string): string {
  let inSql = false;
  let fence = "";
  return text
    .split("\n")
    .map((line) => {
      const open = /^\s*(`{3,}|~{3,})\s*(\w+)?\s*$/.exec(line);
      if (!fence && open) {
        fence = open[1];
        inSql = (open[2] ?? "").toLowerCase() === "sql";
        return "";
      }
      if (fence && line.trim() === fence) {
        fence = "";
        inSql = false;
        return "";
      }
      return inSql ? line : "";
    })
    .join("\n");
}
