import { describe, expect, it } from "vitest";
import { cellEquals, compareRows } from "./sql-compare";

describe("SQL expected rows", () => {
  it("compares numbers numerically and everything else as text", () => {
    expect(cellEquals(12, "12.00")).toBe(true);
    expect(cellEquals(0.1, 0.1000000000001)).toBe(true);
    expect(cellEquals(12, "12.01")).toBe(false);
    expect(cellEquals("12.00", "12.0")).toBe(false);
    expect(cellEquals("2025-01-31", "2025-01-31")).toBe(true);
    expect(cellEquals(true, true)).toBe(true);
    expect(cellEquals(false, "t")).toBe(false);
  });

  it("treats null as SQL NULL only", () => {
    expect(cellEquals(null, null)).toBe(true);
    expect(cellEquals(null, "")).toBe(false);
    expect(cellEquals(0, null)).toBe(false);
    expect(cellEquals("null", null)).toBe(false);
  });

  it("says which row differs, or which expected row is missing when unordered", () => {
    expect(compareRows([[1], [2]], [[1], [3]])).toBe("row 2: expected [1] [2], got [1] [3]");
    expect(compareRows([[1], [2]], [[2], [1]])).toMatch(/^row 1/);
    expect(compareRows([[1], [2]], [[2], [1]], true)).toBeNull();
    expect(compareRows([[1], [1]], [[1], [2]], true)).toMatch(/no returned row matches \[1\]/);
    expect(compareRows([], [[1]])).toMatch(/0 rows expected, 1 returned/);
  });
});
