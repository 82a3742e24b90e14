import { describe, expect, it } from "vitest";
import { CSV_BOM, csvCell, csvFileName, csvRow, toCsv } from "./csv";

/** A minimal RFC 4180 reader, to prove that what we write reads back to the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        cell += c;
        i++;
      }
    } else if (c === '"' && cell === "") {
      quoted = true;
      i++;
    } else if (c === ",") {
      row.push(cell);
      cell = "";
      i++;
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i += 2;
    } else {
      cell += c;
      i++;
    }
  }
  if (cell !== "" || row.length) throw new Error("CSV does not end with CRLF");
  return rows;
}

describe("csv writer", () => {
  it("leaves plain fields alone and quotes fields with comma, quote, CR or LF", () => {
    expect(csvCell("plain text")).toBe("plain text");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("cr\rhere")).toBe('"cr\rhere"');
    expect(csvCell("")).toBe("");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("writes numbers and booleans as such, never prefixed", () => {
    expect(csvCell(42.5)).toBe("42.5");
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell(true)).toBe("1");
    expect(csvCell(false)).toBe("0");
  });

  it("neutralises formula injection with a leading apostrophe", () => {
    expect(csvCell("=HYPERLINK(\"http://x\")")).toBe("\"'=HYPERLINK(\"\"http://x\"\")\"");
    expect(csvCell("+1+1")).toBe("'+1+1");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
    expect(csvCell("\r=1")).toBe("\"'\r=1\"");
    // Only at the start: inside a field these are harmless.
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("x - y")).toBe("x - y");
  });

  it("ends every row with CRLF and round-trips through an RFC 4180 reader", () => {
    const cells = ["id", 'He said "no", twice', "line1\r\nline2", "=cmd|' /C calc'!A0", "", "ümlaut ✓"];
    expect(csvRow(["a", "b"])).toBe("a,b\r\n");
    const doc = toCsv(["h1", "h2", "h3", "h4", "h5", "h6"], [cells, [1, null, "x", -1, true, "y"]]);
    expect(doc.endsWith("\r\n")).toBe(true);
    const back = parseCsv(doc.slice(CSV_BOM.length));
    expect(back).toHaveLength(3);
    expect(back[1]).toEqual(["id", 'He said "no", twice', "line1\r\nline2", "'=cmd|' /C calc'!A0", "", "ümlaut ✓"]);
    expect(back[2]).toEqual(["1", "", "x", "-1", "1", "y"]);
  });

  it("starts the file with the UTF-8 byte order mark so Excel shows “—” and accents", () => {
    const doc = toCsv(["draft_title"], [["Q3 — Zürich"]]);
    const bytes = new TextEncoder().encode(doc);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(doc.slice(CSV_BOM.length)).toBe("draft_title\r\nQ3 — Zürich\r\n");
    // Only once, at the very start: rows never carry it.
    expect(doc.lastIndexOf(CSV_BOM)).toBe(0);
    expect(csvRow(["x"])).toBe("x\r\n");
  });

  it("makes header-safe file names", () => {
    expect(csvFileName(["redline", "findings", "Spring cohort — analysts", undefined, "2026-01-01"])).toBe("redline_findings_spring-cohort-analysts_2026-01-01.csv");
    expect(csvFileName(['"; evil\r\n'])).toBe("evil.csv");
    expect(csvFileName([])).toBe("export.csv");
  });
});
