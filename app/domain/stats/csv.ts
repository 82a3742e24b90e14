// CSV as RFC 4180 writes it (CRLF line ends; a field holding a comma, a double quote, CR or LF
// is quoted and its quotes doubled), and safe to open in a spreadsheet: a text cell that starts
// with = + - @ TAB or CR could run as a formula (CSV injection), so it gets a leading apostrophe
// — the spreadsheet then shows it as text. Numbers are written as numbers and never prefixed
// (a number cannot be a formula; "-3" must stay the number −3).
// A file starts with the UTF-8 byte order mark: without it Excel reads the file in the system's
// legacy code page and shows "—" as "â€”" and "ü" as "Ã¼".

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "1" : "0";
  let text = value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(",") + "\r\n";
}

/** The UTF-8 byte order mark every CSV file starts with (a streamed file sends it first). */
export const CSV_BOM = "\uFEFF";

/** A whole document: the BOM, header then rows, every line (the last too) ending in CRLF. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  let out = CSV_BOM + csvRow(header);
  for (const r of rows) out += csvRow(r);
  return out;
}

/** A file name safe for Content-Disposition: letters, digits, dot, dash and underscore only. */
export function csvFileName(parts: readonly (string | undefined)[]): string {
  const base = parts
    .filter((p): p is string => !!p)
    .map((p) => p.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^-+|-+$/g, ""))
    .filter(Boolean)
    .join("_");
  return `${base || "export"}.csv`;
}
