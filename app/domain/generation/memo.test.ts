// The engine's caches are keyed by a source and a pack: a reloaded pack (edited content) must not
// be served the candidates of the pack it replaced.
import { describe, expect, it } from "vitest";
import { loadContent } from "~/models/content.server";
import { instantiate } from "../content/instantiate";
import { memoPerPair } from "./memo";
import { candidatesFor } from "./options";

const { packs } = loadContent("content");

describe("memoPerPair", () => {
  it("computes once per pair and keeps pairs apart", () => {
    const calls: string[] = [];
    const f = memoPerPair((a: { n: string }, b: { n: string }) => (calls.push(a.n + b.n), [a.n, b.n]));
    const [a, b, c] = [{ n: "a" }, { n: "b" }, { n: "c" }];
    expect(f(a, b)).toBe(f(a, b));
    expect(f(a, c)).toEqual(["a", "c"]);
    expect(f(c, b)).toEqual(["c", "b"]);
    expect(calls).toEqual(["ab", "ac", "cb"]);
  });

  it("gives a reloaded pack its own candidates, not the old pack's", () => {
    const found = packs
      .flatMap((pack) => pack.sources.map((s) => ({ pack, source: instantiate(s, 1).source })))
      .find(({ pack, source }) => candidatesFor(source, pack).flat().some((c) => c.origin.kind === "operator"));
    expect(found).toBeDefined();
    const { pack, source } = found!;
    const before = candidatesFor(source, pack);
    const withoutOperators = { ...pack, operators: [] };
    const after = candidatesFor(source, withoutOperators);
    expect(after).not.toBe(before);
    expect(after.flat().some((c) => c.origin.kind === "operator")).toBe(false);
    expect(candidatesFor(source, pack)).toBe(before);
  });
});
