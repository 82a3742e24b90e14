import { describe, expect, it } from "vitest";
import { buildDiffRows } from "./diff-view";

const clean = ["a", "b", "for (i = 0; i < n; i++)", "c", "d", "e", "f", "g", "h", "i", "j", "k"].join("\n") + "\n";
const flawed = clean.replace("i < n", "i <= n");

describe("buildDiffRows", () => {
  it("shows the changed line with the changed characters, the trainee's flag and the flaw", () => {
    const rows = buildDiffRows(clean, flawed, [{ from: 3, to: 3 }, { from: 11, to: 11 }], [{ id: "f1", lines: { from: 3, to: 3 } }], 1);
    const del = rows.find((r) => r.kind === "del")!;
    const add = rows.find((r) => r.kind === "add")!;
    expect(del.cleanLine).toBe(3);
    expect(add.flawedLine).toBe(3);
    expect(add.segments).toContainEqual(["add", "<="]);
    expect(add.flags).toEqual([1]);
    expect(add.flaws).toEqual(["f1"]);
    // Line 11 carries a false alarm, so it is shown; the long unchanged stretches are folded.
    expect(rows.find((r) => r.flawedLine === 11)?.flags).toEqual([2]);
    expect(rows.filter((r) => r.kind === "gap").map((r) => r.segments[0][1])).toEqual(["5 unchanged lines"]);
  });
});

describe("changed lines are marked by whole words or tokens", () => {
  it("prose: a changed word is struck whole, never a single letter", () => {
    const rows = buildDiffRows("Either party may terminate in London.\n", "Neither party may terminate in Paris.\n", [], [], 3, true);
    const del = rows.find((r) => r.kind === "del")!;
    const add = rows.find((r) => r.kind === "add")!;
    expect(del.segments.filter(([k]) => k === "del").map(([, t]) => t)).toEqual(["Either", "London"]);
    expect(add.segments.filter(([k]) => k === "add").map(([, t]) => t)).toEqual(["Neither", "Paris"]);
    expect(add.segments.map(([, t]) => t).join("")).toBe("Neither party may terminate in Paris.");
  });

  it("prose: a changed amount or rate is marked whole", () => {
    const rows = buildDiffRows("| Rent | 1,300 | 2,500 | 3.5% |\n", "| Rent | 1,300 | 2,600 | 3.6% |\n", [], [], 3, true);
    const add = rows.find((r) => r.kind === "add")!;
    expect(add.segments.filter(([k]) => k === "add").map(([, t]) => t)).toEqual(["2,600", "3.6"]);
  });

  it("code: an operator or name changes as one token", () => {
    const rows = buildDiffRows("if (a.length > 0) return total;\n", "if (a.length >= 0) return totals;\n", [], []);
    const del = rows.find((r) => r.kind === "del")!;
    const add = rows.find((r) => r.kind === "add")!;
    expect(del.segments.filter(([k]) => k === "del").map(([, t]) => t)).toEqual([">", "total"]);
    expect(add.segments.filter(([k]) => k === "add").map(([, t]) => t)).toEqual([">=", "totals"]);
    expect(del.segments.map(([, t]) => t).join("")).toBe("if (a.length > 0) return total;");
  });
});
