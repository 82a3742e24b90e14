import { describe, expect, it } from "vitest";
import { findingInputSchema } from "./finding-input";

const schema = findingInputSchema(20, ["off-by-one"]);
const base = { lineFrom: "3", lineTo: "4", category: "off-by-one", confidence: "80", explanation: "The loop stops one item early.", suggestedFix: "" };
const errorsOf = (over: Record<string, string>) => {
  const r = schema.safeParse({ ...base, ...over });
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
};

describe("finding input: text that shows nothing is refused, naming the field", () => {
  it("refuses an explanation of ten zero-width characters", () => {
    expect(errorsOf({ explanation: "\u200B".repeat(10) })).toEqual({ explanation: "The explanation has only invisible characters (zero-width spaces or direction marks): write it in words" });
  });

  it("refuses an explanation of bidi controls and spaces", () => {
    expect(errorsOf({ explanation: "\u202E \u2066 \u202C\u200F  \u2069 " }).explanation).toMatch(/^The explanation has only invisible characters/);
  });

  it("refuses a suggested fix of only format characters, but not an empty one", () => {
    expect(errorsOf({ suggestedFix: "\uFEFF\u200D\u00AD" })).toEqual({ suggestedFix: "The suggested fix has only invisible characters (zero-width spaces or direction marks): write it in words" });
    expect(errorsOf({ suggestedFix: "" })).toEqual({});
    expect(errorsOf({ suggestedFix: "   " })).toEqual({});
  });

  it("accepts text that holds a format character among visible words", () => {
    expect(errorsOf({ explanation: "The loop\u200B stops one item early.", suggestedFix: "Use <= \u202Ehere" })).toEqual({});
  });

  it("keeps the length rule for short visible text", () => {
    expect(errorsOf({ explanation: "short" })).toEqual({ explanation: "Explain what is wrong in at least 10 characters" });
  });
});
