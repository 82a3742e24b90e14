import { describe, expect, it } from "vitest";
import type { KeyPoint } from "../types";
import type { Lexicon } from "./concepts";
import { keyPointsCoveredInContext, ownWords, undismissedClauses } from "./evidence";

const kp = (...phrases: string[]): KeyPoint => ({ text: phrases[0], phrases });
const LEX: Lexicon = {
  version: "test",
  sets: [
    ["cogs", "cost of goods sold", "cost of sales"],
    ["replay", "captured request can be resent"],
    ["no such export", "no member named"],
  ],
};

describe("matcher v2: concept sets", () => {
  it("credits paraphrases through the shared concept sets", () => {
    expect(keyPointsCoveredInContext("Payables should be divided by cost of sales.", [kp("instead of cogs", "cogs")], { lexicon: LEX })).toEqual([true]);
    expect(keyPointsCoveredInContext("A captured request can be resent later.", [kp("replay")], { lexicon: LEX })).toEqual([true]);
    expect(keyPointsCoveredInContext("timers/promises has no member named sleep", [kp("no such export")], { lexicon: LEX })).toEqual([true]);
    // without the concept sets the same words earn nothing
    expect(keyPointsCoveredInContext("Payables should be divided by cost of sales.", [kp("cogs")])).toEqual([false]);
  });
});

describe("matcher v3: a one-word member inside a longer member of another set", () => {
  const lex: Lexicon = { version: "test", sets: [["cogs", "cost of goods sold", "cost of sales"], ["revenue", "sales", "turnover"]] };
  const revenue = [kp("revenue instead", "revenue")];
  it("does not read “cost of sales” as “sales”", () => {
    expect(keyPointsCoveredInContext("DPO is supposed to be measured against cost of sales.", revenue, { lexicon: lex })).toEqual([false]);
    expect(keyPointsCoveredInContext("Divide payables by the cost of goods sold.", revenue, { lexicon: lex })).toEqual([false]);
  });
  it("still reads “sales” written on its own, and “cost of sales” as COGS", () => {
    expect(keyPointsCoveredInContext("It divides by sales.", revenue, { lexicon: lex })).toEqual([true]);
    expect(keyPointsCoveredInContext("Use cost of sales, not sales.", revenue, { lexicon: lex })).toEqual([true]);
    expect(keyPointsCoveredInContext("DPO is supposed to be measured against cost of sales.", [kp("cogs")], { lexicon: lex })).toEqual([true]);
  });
  it("reads a longer member only where its words stand together", () => {
    // "cost" and "sales" far apart are not "cost of sales": sales stands on its own
    expect(keyPointsCoveredInContext("The cost is fine but sales are divided wrongly.", revenue, { lexicon: lex })).toEqual([true]);
  });
});

describe("matcher v3: stopwords bound in one-word phrases", () => {
  const useIsNull = [kp("is null", "null test")];
  it("needs “is” right before “null”", () => {
    expect(keyPointsCoveredInContext("Use IS NULL here.", useIsNull)).toEqual([true]);
    expect(keyPointsCoveredInContext("It should be is null.", useIsNull)).toEqual([true]);
    expect(keyPointsCoveredInContext("= NULL is never true, so nothing matches.", useIsNull)).toEqual([false]);
    expect(keyPointsCoveredInContext("Filter with IS NOT NULL.", useIsNull)).toEqual([false]);
  });
  it("an “is null” phrase is not an echo of a line that says “= NULL”", () => {
    const ctx = { flawedLines: "WHERE r.processed_at = NULL" };
    expect(keyPointsCoveredInContext("Use IS NULL instead.", [kp("is null", "null test", "never true")], ctx)).toEqual([true]);
  });
  it("does not read “not in” from any “not” or “no where” from any “no”", () => {
    expect(keyPointsCoveredInContext("The customer is not blocked.", [kp("not in")])).toEqual([false]);
    expect(keyPointsCoveredInContext("NOT IN over a nullable column returns nothing.", [kp("not in")])).toEqual([true]);
    expect(keyPointsCoveredInContext("There is no index.", [kp("no where")])).toEqual([false]);
    expect(keyPointsCoveredInContext("There is no WHERE clause, so every row is deleted.", [kp("no where")])).toEqual([true]);
  });
  it("copied text breaks a bound pair", () => {
    const ctx = { flawedLines: "DELETE FROM users WHERE id IS NULL OR 1 = 1" };
    expect(keyPointsCoveredInContext("DELETE FROM users WHERE id IS NULL deletes too much.", [kp("is null")], ctx)).toEqual([false]);
  });
});

describe("matcher v4: a negation counts for the word it stands before", () => {
  // content/data erasure-job: "Nothing is ever erased" has the phrase "never processed".
  const neverProcessed = [kp("never processed", "nothing erased")];
  const ctx = { flawedLines: "WHERE r.processed_at = NULL" };
  it("does not read “never processed” from “processed_at … never true”", () => {
    expect(keyPointsCoveredInContext("processed_at = NULL is never true: a comparison with NULL is unknown, not true.", neverProcessed, ctx)).toEqual([false]);
    expect(keyPointsCoveredInContext("Rows are processed in batches; the flag is never set.", neverProcessed)).toEqual([false]);
  });
  it("still reads it where the negation stands before the word, a few words apart at most", () => {
    expect(keyPointsCoveredInContext("So the due requests are never processed.", neverProcessed, ctx)).toEqual([true]);
    expect(keyPointsCoveredInContext("The requests never get processed at all.", neverProcessed, ctx)).toEqual([true]);
    expect(keyPointsCoveredInContext("A request is never actually picked up or processed.", neverProcessed, ctx)).toEqual([true]);
    expect(keyPointsCoveredInContext("Never mind the logs: every request in the batch ends up processed.", neverProcessed, ctx)).toEqual([false]);
    // The word just before a negation is what it speaks of: "Postgres doesn't …" says "not postgres".
    expect(keyPointsCoveredInContext("Postgres doesn't support AUTO_INCREMENT.", [kp("not postgres")])).toEqual([true]);
  });
  it("a contraction is a negation too, and a concept alternative keeps the binding", () => {
    expect(keyPointsCoveredInContext("The fetch isn't awaited.", [kp("not awaited")])).toEqual([true]);
    expect(keyPointsCoveredInContext("It awaits the fetch, which is not the problem here.", [kp("not awaited")])).toEqual([false]);
    const lex: Lexicon = { version: "test", sets: [["processed", "handled"]] };
    expect(keyPointsCoveredInContext("Due requests are never handled.", neverProcessed, { lexicon: lex })).toEqual([true]);
    expect(keyPointsCoveredInContext("Due requests are handled in a batch that never retries.", neverProcessed, { lexicon: lex })).toEqual([false]);
  });
});

describe("matcher v2: dismissal cancels", () => {
  const point = [kp("one extra", "off by one")];
  it.each([
    "Not a problem, this is correct as written: the loop runs one extra time.",
    "This is fine. The loop runs one extra time by design.",
    "No issue here, it runs one extra time to include the end.",
    "Should stay as it is, the one extra iteration is intended.",
    "It isn't a problem that it runs one extra time.",
  ])("%s", (text) => {
    expect(keyPointsCoveredInContext(text, point)).toEqual([false]);
  });

  it("a contrast word ends the dismissal, and a scoped 'otherwise fine' cancels nothing else", () => {
    expect(keyPointsCoveredInContext("The parsing is fine, but the loop runs one extra time.", point)).toEqual([true]);
    expect(keyPointsCoveredInContext("The loop runs one extra time. Otherwise the function is fine.", point)).toEqual([true]);
    expect(undismissedClauses("Looks fine to me.").dismissed).toBe(true);
  });
});

describe("matcher v2: own words only", () => {
  const flawedLines = "  for (let attempt = 0; attempt <= opts.retries; attempt++) {\n";
  const brief = "Retry at most opts.retries times after the first attempt, never more than the retry budget.";
  it("ignores a quoted flawed line and copied runs of the brief", () => {
    const points = [kp("retry budget", "budget"), kp("one extra")];
    expect(keyPointsCoveredInContext(`"for (let attempt = 0; attempt <= opts.retries; attempt++)" — this contradicts the brief.`, points, { flawedLines, brief })).toEqual([false, false]);
    expect(keyPointsCoveredInContext("The brief says never more than the retry budget.", points, { flawedLines, brief })).toEqual([false, false]);
    // the same idea in the trainee's own words counts
    expect(keyPointsCoveredInContext("It makes one extra call, which blows the budget.", points, { flawedLines, brief })).toEqual([true, true]);
  });

  it("skips phrases that only echo the flawed line or generic words when the key point has better ones", () => {
    const point = [kp("<=", "one extra", "off by one")];
    expect(keyPointsCoveredInContext("The <= is wrong.", point, { flawedLines })).toEqual([false]);
    // a key point with nothing but echo phrases still counts them
    expect(keyPointsCoveredInContext("The <= is wrong.", [kp("<=")], { flawedLines })).toEqual([true]);
    expect(keyPointsCoveredInContext("This contradicts the brief.", [kp("brief", "budget")], { flawedLines })).toEqual([false]);
  });

  it("is deterministic and keeps the trainee's own identifiers", () => {
    const a = ownWords("maxRetries is ignored", { flawedLines, brief });
    expect([...a.terms].sort()).toEqual([...ownWords("maxRetries is ignored", { flawedLines, brief }).terms].sort());
    expect(a.terms.has("max")).toBe(true);
  });
});
