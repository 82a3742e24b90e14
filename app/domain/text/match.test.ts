import { describe, expect, it } from "vitest";
import type { KeyPoint } from "../types";
import {
  compileKeyPoint,
  compilePhrase,
  explanationSimilarity,
  keyPointsCovered,
  NEG_MARK,
  termSet,
} from "./match";

const kp = (...phrases: string[]): KeyPoint => ({ text: phrases[0] ?? "", phrases });

describe("compilePhrase", () => {
  it("drops stopwords and stems", () => {
    expect(compilePhrase("one too many")).toEqual(["on", "too", "mani"]);
    // A negation is also bound to the word after it (decision 137).
    expect(compilePhrase("does not exist")).toEqual(["not", "exist", `${NEG_MARK}not exist`]);
    expect(compilePhrase("retries + 2")).toEqual(["retri", "+", "2"]);
  });
  it("keeps the stopwords of a one-word phrase, bound to their neighbours", () => {
    expect(compilePhrase("is null")).toEqual(["null", "\u0004\u0001is null"]);
    expect(compilePhrase("on behalf of")).toEqual(["behalf", "\u0004\u0001on behalf", "\u0004behalf \u0001of"]);
    expect(compilePhrase("cost of sales")).toEqual(["cost", "sale"]);
  });
  it("keeps an all-stopword phrase, marked so it never meets a content stem", () => {
    // "/" is its one content word, so "and" and "or" stay bound to it: "and/or" as written
    expect(compilePhrase("and / or")).toEqual(["/", "\u0004\u0001and /", "\u0004/ \u0001or"]);
    expect(compilePhrase("on")).toEqual(["\u0001on"]);
  });
});

describe("keyPointsCovered", () => {
  it("matches through stemming", () => {
    const points = [kp("count twice"), kp("retries")];
    expect(keyPointsCovered("It counted the item twice and never retried.", points)).toEqual([
      true,
      true,
    ]);
  });

  it("matches operator symbols exactly", () => {
    const lte = [kp("<=")];
    expect(keyPointsCovered("The loop uses <= where it needs <", lte)).toEqual([true]);
    expect(keyPointsCovered("The loop should use < here", lte)).toEqual([false]);
    // "===" is one token: it does not contain "=="
    expect(keyPointsCovered("Compare with === instead", [kp("==")])).toEqual([false]);
    expect(keyPointsCovered("Rate is 10%, not 1%", [kp("%"), kp("10%")])).toEqual([true, true]);
    expect(keyPointsCovered("The fee is $1000", [kp("$1,000")])).toEqual([true]);
  });

  it("needs every word of a multi-word phrase, in any order", () => {
    const point = [kp("one too many", "one extra")];
    expect(keyPointsCovered("The loop runs one time too many.", point)).toEqual([true]);
    expect(keyPointsCovered("An extra request is sent, one more than allowed", point)).toEqual([
      true,
    ]);
    expect(keyPointsCovered("The loop runs too many times.", point)).toEqual([false]);
  });

  it("gives no cover from a generic or lookalike word", () => {
    const points = [kp("off by one", "boundary"), kp("null check")];
    // "one" alone is not "off by one"; "bound" is not "boundary"; "check" alone is not enough
    expect(
      keyPointsCovered("This is wrong: one bound is bad, check it again.", points),
    ).toEqual([false, false]);
    // the preposition "on" does not stand in for "one" (one → on after stemming)
    expect(keyPointsCovered("off by on", [kp("off by one")])).toEqual([false]);
    expect(keyPointsCovered("an off-by-one at the boundary", points)).toEqual([true, false]);
  });

  it("understands negation contractions and identifiers", () => {
    expect(keyPointsCovered("the value isn't null-checked", [kp("not null")])).toEqual([true]);
    expect(keyPointsCovered("maxRetries is ignored", [kp("max retries")])).toEqual([true]);
  });

  it("returns one boolean per key point; no key points → []", () => {
    expect(keyPointsCovered("anything", [])).toEqual([]);
    expect(keyPointsCovered("", [kp("x"), kp("y")])).toEqual([false, false]);
  });

  it("caches compiled phrases per KeyPoint object and notices replaced phrase arrays", () => {
    const point = kp("one extra");
    const a = compileKeyPoint(point);
    expect(compileKeyPoint(point)).toBe(a);
    point.phrases = ["budget"];
    const b = compileKeyPoint(point);
    expect(b).not.toBe(a);
    expect(b.phrases).toEqual([["budget"]]);
  });
});

describe("explanationSimilarity", () => {
  it("is the Jaccard index of stemmed non-stopword terms", () => {
    // {loop, run, on, extra, time} vs {loop, ran, on, extra, time}: 4 shared / 6 in union
    expect(
      explanationSimilarity("The loop runs one extra time", "loop ran one extra times"),
    ).toBeCloseTo(4 / 6, 12);
    expect(explanationSimilarity("Counting is off", "counted OFF")).toBe(1);
    expect(explanationSimilarity("the a of", "")).toBe(1);
    expect(explanationSimilarity("budget", "")).toBe(0);
    expect(explanationSimilarity("alpha beta", "gamma delta")).toBe(0);
  });

  it("drops stopwords from term sets used for similarity", () => {
    expect([...termSet("the loop is slow", false)]).toEqual(["loop", "slow"]);
  });
});
