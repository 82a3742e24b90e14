// Compares a SQL check's expected rows with what the engine returned (docs/content-format.md,
// "Data: sources/<id>.check.yaml"): numerically when both sides are numbers, else as text;
// null is SQL NULL; `unordered` compares as a multiset.

export type Cell = string | number | boolean | null;

function asNumber(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "string" && /^\s*-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(v)) return Number(v);
  return null;
}

function asText(v: unknown): string {
  if (v === true) return "true";
  if (v === false) return "false";
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object" && v !== null) return JSON.stringify(v);
  return String(v);
}

export function cellEquals(expected: Cell, actual: unknown): boolean {
  if (expected === null || actual === null || actual === undefined) return expected === null && (actual === null || actual === undefined);
  if (typeof expected === "boolean") return actual === expected || (typeof actual === "string" && ["t", "true"].includes(actual) === expected && ["t", "true", "f", "false"].includes(actual));
  if (typeof expected === "number") {
    const a = asNumber(actual);
    return a !== null && Math.abs(a - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
  }
  return asText(actual) === expected;
}

function rowEquals(expected: Cell[], actual: unknown[]): boolean {
  return expected.length === actual.length && expected.every((c, i) => cellEquals(c, actual[i]));
}

export function showRows(rows: unknown[][], max = 6): string {
  const shown = rows.slice(0, max).map((r) => `[${r.map((c) => (c === null || c === undefined ? "null" : typeof c === "string" && asNumber(c) === null ? JSON.stringify(c) : asText(c))).join(", ")}]`);
  return `${shown.join(" ")}${rows.length > max ? ` … (${rows.length} rows)` : rows.length ? "" : "(no rows)"}`;
}

/** null when the rows match; else a message saying what differs. */
export function compareRows(expected: Cell[][], actual: unknown[][], unordered = false): string | null {
  const diff = () => `expected ${showRows(expected)}, got ${showRows(actual)}`;
  if (expected.length !== actual.length) return `${diff()} (${expected.length} rows expected, ${actual.length} returned)`;
  if (!unordered) {
    const i = expected.findIndex((row, k) => !rowEquals(row, actual[k]));
    return i < 0 ? null : `row ${i + 1}: ${diff()}`;
  }
  const left = [...actual];
  for (const row of expected) {
    const k = left.findIndex((a) => rowEquals(row, a));
    if (k < 0) return `${diff()} (no returned row matches ${showRows([row])})`;
    left.splice(k, 1);
  }
  return null;
}
