// CSV reader for the {{job}}: RFC 4180 quoting (quoted fields, "" escapes,
// embedded commas and newlines) with \n or \r\n line endings. No dependencies.
import { open } from 'node:fs/promises';

export type CsvRow = string[];

const MAX_BYTES = {{mb}} * 1024 * 1024;

export function {{parse}}(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let quoteStartLine = 0;

  for (let i = 0; i < text.length; i++) {
    const ch = text[i];

    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++; // skip the second quote of the escaped pair
        } else {
          inQuotes = false;
        }
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }

    if (ch === '"' && field === '') {
      inQuotes = true;
      quoteStartLine = line;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      if (ch === '\r') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      line++;
    } else {
      field += ch;
    }
  }

  if (inQuotes) {
    throw new Error(`Unterminated quoted field starting on line ${quoteStartLine}`);
  }
  // The last row may have no trailing newline; a trailing newline adds no empty row.
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Reads a UTF-8 CSV file and returns one object per record, keyed by the header row. */
export async function {{read}}(path: string): Promise<Record<string, string>[]> {
  let text: string;
  const handle = await open(path, 'r');
  try {
    // stat and read through the same handle, so the size we checked is the file we read.
    const { size } = await handle.stat();
    if (size > MAX_BYTES) {
      throw new RangeError(`${path} is ${size} bytes; the limit is ${MAX_BYTES}`);
    }
    text = await handle.readFile({ encoding: 'utf8' });
  } finally {
    await handle.close();
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // Excel writes a BOM

  const [header, ...records] = {{parse}}(text);
  if (header === undefined) return [];

  return records.map((fields, index) => {
    if (fields.length !== header.length) {
      // Record numbers count data rows from 1; the header is not a record.
      throw new Error(`Record ${index + 1} has ${fields.length} fields, expected ${header.length}`);
    }
    // fromEntries defines own properties, so a "__proto__" column is just a column.
    return Object.fromEntries(header.map((name, column) => [name, fields[column]]));
  });
}

// Summary:
// - {{parse}} is a single pass over the text; quoted fields may span lines, and the
//   line number in the "unterminated" error is the line where the quote opened.
// - {{read}} refuses files over {{mb}} MB before reading them and always closes the handle.
// - A record whose field count differs from the header fails the whole import.
