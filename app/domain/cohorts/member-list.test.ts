import { describe, expect, it } from "vitest";
import { MEMBER_LIST_MAX, parseMemberList } from "./member-list";

describe("a pasted or uploaded list of people", () => {
  it("reads addresses one or several a line, trims and lower-cases them", () => {
    const r = parseMemberList(" Dana@Example.com \n\nli@example.com, kai@example.com;mo@example.com\n");
    expect(r.errors).toEqual([]);
    expect(r.emails).toEqual([
      { row: 1, email: "dana@example.com" },
      { row: 3, email: "li@example.com" },
      { row: 3, email: "kai@example.com" },
      { row: 3, email: "mo@example.com" },
    ]);
  });

  it("reads a CSV file: the header's email column, quoted names with commas, a byte order mark", () => {
    const csv = '\uFEFFname,email,team\r\n"Okoro, Dana",dana@example.com,ops\r\nLi Wei,,ops\r\nKai,kai@example.com,\r\n';
    const r = parseMemberList(csv);
    expect(r.emails).toEqual([
      { row: 2, email: "dana@example.com" },
      { row: 4, email: "kai@example.com" },
    ]);
    expect(r.errors).toEqual([{ row: 3, text: "Li Wei,,ops", message: "the e-mail column is empty" }]);
  });

  it("names the row and what is wrong: not an address, no address, listed twice", () => {
    const r = parseMemberList("dana@example.com\ndana.example.com\nLi Wei\nDANA@example.com\n");
    expect(r.emails).toEqual([{ row: 1, email: "dana@example.com" }]);
    expect(r.errors.map((e) => [e.row, e.message])).toEqual([
      [2, "no e-mail address on this row"],
      [3, "no e-mail address on this row"],
      [4, "dana@example.com is listed twice (first on row 1)"],
    ]);
    expect(parseMemberList("x@y\n").errors[0]).toMatchObject({ row: 1, message: "“x@y” is not an e-mail address" });
  });

  it(`refuses more than ${MEMBER_LIST_MAX} at once, naming the rows left out`, () => {
    const text = Array.from({ length: MEMBER_LIST_MAX + 2 }, (_, i) => `p${i}@example.com`).join("\n");
    const r = parseMemberList(text);
    expect(r.emails).toHaveLength(MEMBER_LIST_MAX);
    expect(r.errors.map((e) => e.row)).toEqual([MEMBER_LIST_MAX + 1, MEMBER_LIST_MAX + 2]);
  });
});
