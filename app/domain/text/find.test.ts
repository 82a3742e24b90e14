import { describe, expect, it } from "vitest";
import { occurrences, onceAt } from "./find";

describe("onceAt", () => {
  it("finds a passage that stands once, and refuses one that is missing or stands twice", () => {
    expect(onceAt("net 30 days; late fee 2%", "late fee")).toBe(13);
    expect(onceAt("net 30 days; late fee 2%", "net 60")).toBe(-1);
    expect(onceAt("net 30 days; net 30 days", "net 30")).toBe(-1);
  });

  it("counts overlapping occurrences as two", () => {
    expect(onceAt("aaa", "aa")).toBe(-1);
    expect(onceAt("aab", "ab")).toBe(1);
  });
});

describe("occurrences", () => {
  it("lists every place a passage starts, overlapping ones too, and none for an empty passage", () => {
    expect(occurrences("net 30; net 30; net 60", "net 30")).toEqual([0, 8]);
    expect(occurrences("aaa", "aa")).toEqual([0, 1]);
    expect(occurrences("net 30", "net 60")).toEqual([]);
    expect(occurrences("net 30", "")).toEqual([]);
  });
});
