// A list of people to add to a cohort, as an admin pastes it or as a CSV file reads: e-mail
// addresses one or more a line (separated by commas, semicolons or tabs), or CSV rows in which the
// cell holding an "@" is the address (a header row naming an "email" column picks that column).
// Pure: every row that cannot be read comes back with its row number and what is wrong with it.

export const MEMBER_LIST_MAX = 500;

export interface ListedEmail {
  /** 1-based line of the text (the row of the CSV file). */
  row: number;
  email: string;
}

export interface ListError {
  row: number;
  text: string;
  message: string;
}

// Deliberately plain: one "@", something before it, a dot in the domain, no spaces or quotes.
const EMAIL = /^[^\s@"'<>,;]+@[^\s@"'<>,;]+\.[^\s@"'<>,;]+$/;

/** Splits one CSV line into cells, honouring double quotes ("Okoro, Dana"). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === "," || ch === ";" || ch === "\t") {
      out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

const short = (t: string) => (t.length > 60 ? `${t.slice(0, 59)}…` : t);

export function parseMemberList(text: string): { emails: ListedEmail[]; errors: ListError[] } {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  const emails: ListedEmail[] = [];
  const errors: ListError[] = [];
  const firstRow = new Map<string, number>();
  let column: number | null = null;
  let seenContent = false;
  for (let i = 0; i < lines.length; i++) {
    const row = i + 1;
    const line = lines[i].trim();
    if (!line) continue;
    const cs = cells(line);
    if (!seenContent) {
      seenContent = true;
      const header = cs.findIndex((c) => /^e-?mail( address)?$/i.test(c));
      if (header >= 0 && !cs.some((c) => c.includes("@"))) {
        column = header;
        continue;
      }
    }
    const candidates = column !== null ? [cs[column] ?? ""] : cs.filter((c) => c.includes("@"));
    if (candidates.length === 0 || candidates.every((c) => c === "")) {
      errors.push({ row, text: short(line), message: column !== null ? "the e-mail column is empty" : "no e-mail address on this row" });
      continue;
    }
    for (const c of candidates) {
      const email = c.replace(/^mailto:/i, "").replace(/^<|>$/g, "").trim().toLowerCase();
      if (!EMAIL.test(email)) {
        errors.push({ row, text: short(c), message: `“${short(c)}” is not an e-mail address` });
        continue;
      }
      const first = firstRow.get(email);
      if (first !== undefined) {
        errors.push({ row, text: email, message: `${email} is listed twice (first on row ${first})` });
        continue;
      }
      firstRow.set(email, row);
      emails.push({ row, email });
    }
  }
  if (emails.length > MEMBER_LIST_MAX) {
    for (const e of emails.splice(MEMBER_LIST_MAX)) errors.push({ row: e.row, text: e.email, message: `only ${MEMBER_LIST_MAX} people can be added at once` });
  }
  errors.sort((a, b) => a.row - b.row);
  return { emails, errors };
}
