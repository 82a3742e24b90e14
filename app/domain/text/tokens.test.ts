import { describe, expect, it } from "vitest";
import { normalize, tokenize } from "./tokens";

describe("tokenize", () => {
  it("keeps operator symbols as tokens, longest first", () => {
    expect(tokenize("use <= not <, and === over == or !=; x % 2; $5")).toEqual([
      "use", "<=", "not", "<", "and", "===", "over", "==", "or", "!=", "x", "%", "2", "$", "5",
    ]);
  });

  it("keeps numbers whole and normalises them", () => {
    expect(tokenize("1,000 and 2.5 and 10% and 10 % and f(1,2)")).toEqual([
      "1000", "and", "2.5", "and", "10%", "and", "10%", "and", "f", "1", "2",
    ]);
    // extras: the parts of a percentage, so a phrase "%" or "10" is found in "10%"
    expect(tokenize("10%", true)).toEqual(["10%", "10", "%"]);
  });

  it("splits hyphenated words, drops possessives, expands n't", () => {
    expect(tokenize("The trainee's off-by-one isn't fixed")).toEqual([
      "the", "trainee", "off", "by", "one", "is", "not", "fixed",
    ]);
    expect(normalize("It Doesn't")).toBe("it does not");
  });

  it("keeps words that start with digits as words and ends a sentence's number cleanly", () => {
    expect(tokenize("5xx errors in version 2.")).toEqual(["5xx", "errors", "in", "version", "2"]);
  });

  it("adds camelCase and snake_case parts only as extras", () => {
    expect(tokenize("maxRetries max_retries")).toEqual(["maxretries", "max_retries"]);
    expect(tokenize("maxRetries max_retries", true)).toEqual([
      "maxretries", "max", "retries", "max_retries", "max", "retries",
    ]);
  });
});
