// Parametric sources: the engine renders every template from the drawn parameters, and every
// authoring mistake is reported with file, line and the seed that shows it.
import { describe, expect, it } from "vitest";
import { generateBatch, generateVerified } from "../generation/batch";
import { generateDraft } from "../generation/generate";
import { verifyDraft } from "../verification/verify";
import { instantiate } from "./instantiate";
import { loadPacks, NO_MINIMUMS, type ContentFile } from "./load";
import { defineParams, type AnyParamModule } from "./param-kit";

const PACK = `domain: demo
name: Demo
description: A pack for the parametric tests.
categories:
  - id: wrong-figure
    name: Wrong figure
    family: classic
    severity: 2
    description: A figure that does not match its inputs.
    keyPoints:
      - text: Names the wrong figure
        phrases: ["wrong", "total"]
`;

const TEXT = `Invoice for {{client}}

Units: {{units}}
Price: {{price|n2}}
Total: {{total|n2}}
`;

function source(extra = "", anchor = "Total: {{total|n2}}", replacement = "Total: {{wrong_total|n2}}") {
  return `id: memo
title: "Invoice for {{client}}"
format: prose
language: en
difficulty: 2
text: memo.md
params: memo.params.ts
brief: Write the invoice for {{client}} with units, price and total.
sites:
  - id: total
    anchor: "${anchor}"
    difficulty: 2
    variants:
      - category: wrong-figure
        replacement: "${replacement}"
        explanation: The total should be {{total|n2}}, units times price; {{wrong_total|n2}} is not.
        keyPoints:
          - text: "{{total|n2}} is the right total"
            phrases: ["{{total|n2}}", "units times price"]
        proof:
          recompute:
            total: wrong_total
${extra}`;
}

const good: AnyParamModule = defineParams({
  draw(k) {
    const units = k.int(2, 40);
    const price = k.real(5, 90, 2);
    const total = k.round(units * price, 2);
    return { client: k.company(), units, price, total, wrong_total: k.round(total + price, 2) };
  },
  relations: { "total-foots": (p) => k2(p.units * p.price, p.total) },
});

function k2(a: number, b: number) {
  return Math.abs(a - b) < 0.006;
}

function load(module: AnyParamModule | undefined, yaml = source(), text = TEXT, extraFiles: ContentFile[] = []) {
  const files: ContentFile[] = [
    { path: "demo/pack.yaml", text: PACK },
    { path: "demo/sources/memo.yaml", text: yaml },
    { path: "demo/sources/memo.md", text },
    { path: "demo/sources/memo.params.ts", text: "export default defineParams({\n  draw(k) {\n    return {};\n  },\n  relations: {\n    \"total-foots\": (p) => true,\n  },\n});\n" },
    ...extraFiles,
  ];
  return loadPacks(files, NO_MINIMUMS, { params: module ? { demo: { memo: module } } : {}, sampleSeeds: 40 });
}

describe("parametric sources", () => {
  it("render text, brief, anchors, replacements and explanations from one draw, reproducibly", () => {
    const { packs, problems } = load(good);
    expect(problems).toEqual([]);
    const pack = packs[0];
    const src = pack.sources[0];
    const texts = new Set<string>();
    for (let seed = 0; seed < 30; seed++) {
      const d = generateDraft(src, pack, { seed, flawCount: 1 });
      expect(verifyDraft(d)).toEqual({ ok: true });
      expect(d.cleanText).not.toContain("{{");
      expect(d.brief).toMatch(/^Write the invoice for [A-Z]/);
      const [units, price, total] = ["Units", "Price", "Total"].map((l) => Number(new RegExp(`${l}: ([\\d,.]+)`).exec(d.cleanText)![1].replace(/,/g, "")));
      expect(Math.abs(units * price - total)).toBeLessThan(0.006);
      const flaw = d.answerKey[0];
      expect(flaw.replacement).not.toBe(flaw.original);
      expect(flaw.explanation).toContain(flaw.original.replace("Total: ", ""));
      expect(JSON.stringify(generateDraft(src, pack, { seed, flawCount: 1 }))).toBe(JSON.stringify(d));
      texts.add(d.cleanText);
    }
    expect(texts.size).toBeGreaterThanOrEqual(28);
  });

  it("reports an undefined parameter at the line of the text where it is used", () => {
    const { problems } = load(good, source(), TEXT + "Due: {{due_date}}\n");
    expect(problems).toContainEqual({ file: "demo/sources/memo.md", line: 6, message: 'undefined parameter "due_date"' });
  });

  it("reports an undefined parameter in a variant at its yaml line", () => {
    const { problems } = load(good, source("", "Total: {{total|n2}}", "Total: {{totl|n2}}"));
    expect(problems).toContainEqual({ file: "demo/sources/memo.yaml", line: 15, message: 'site "total": replacement: undefined parameter "totl"' });
  });

  it("reports a parameter function that throws, with the seed", () => {
    const throwing = defineParams({
      draw(k) {
        const units = k.int(0, 3);
        if (units === 0) throw new Error("no units to bill");
        return { client: "Acme", units, price: 10, total: units * 10, wrong_total: units * 10 + 1 };
      },
    });
    const { problems } = load(throwing);
    const p = problems.find((x) => x.file === "demo/sources/memo.params.ts");
    expect(p?.message).toMatch(/^the parameter function threw: no units to bill \(seed \d+\)$/);
  });

  it("reports figures that do not foot, naming the relation, its line and the seed", () => {
    const sloppy = defineParams({
      draw(k) {
        const units = k.int(2, 40);
        const price = k.real(5, 90, 2);
        // Rounds the total to whole units: does not foot for most prices.
        return { client: "Acme", units, price, total: Math.round(units * price), wrong_total: 1 };
      },
      relations: { "total-foots": (p) => k2(p.units * p.price, p.total) },
    });
    const { problems } = load(sloppy);
    expect(problems).toContainEqual({ file: "demo/sources/memo.params.ts", line: 6, message: expect.stringMatching(/^relation "total-foots" does not hold — the figures do not foot \(seed \d+\)$/) });
  });

  it("reports an anchor that becomes ambiguous for some seed, with that seed", () => {
    const clash = defineParams({
      draw(k) {
        const units = k.int(1, 4);
        const price = 10;
        // For some seeds the units line renders exactly like the total line's figure.
        return { client: "Acme", units, price, total: units * price, wrong_total: units * price + 1 };
      },
    });
    const text = "Invoice for {{client}}\n\nPrice {{price}}\nTotal {{total}}\nTotal {{units}}0\n";
    const { problems } = load(clash, source("", "Total {{total}}", "Total {{wrong_total}}"), text);
    expect(problems).toContainEqual({ file: "demo/sources/memo.yaml", line: 11, message: expect.stringMatching(/^site "total": anchor is ambiguous — found 2 times in memo.md; add surrounding words \(seed \d+\)$/) });
  });

  it("reports a module that is not registered, and a module no source declares", () => {
    expect(load(undefined).problems).toContainEqual({ file: "demo/sources/memo.yaml", line: 7, message: 'parameter module "memo.params.ts" is not registered in demo/params.index.ts' });
    const orphan = load(good, source(), TEXT, [{ path: "demo/sources/other.params.ts", text: "" }]);
    expect(orphan.problems).toContainEqual({ file: "demo/sources/other.params.ts", line: 1, message: 'no source declares "params: other.params.ts"' });
  });

  it("tells the author to quote a value that starts with {{", () => {
    const { problems } = load(good, source().replace('title: "Invoice for {{client}}"', "title: {{client}} invoice"));
    expect(problems[0]).toMatchObject({ file: "demo/sources/memo.yaml", line: 2, message: expect.stringContaining("a value that starts with {{ must be quoted") });
  });

  it("skips and logs an instantiation that cannot be built, and never returns it", () => {
    const flaky = defineParams({
      draw(k) {
        if (k.random() < 0.3) throw new Error("bad draw");
        const units = k.int(2, 9);
        return { client: "Acme", units, price: 10, total: units * 10, wrong_total: units * 10 + 1 };
      },
    });
    const { packs } = load(flaky);
    const pack = { ...packs[0], sources: [{ ...packs[0].sources[0], params: { file: "memo.params.ts", module: flaky } }] };
    const skipped: string[] = [];
    const drafts = [...generateBatch(pack, { count: 40, seed: 5, cleanRate: 0, onSkip: (m) => skipped.push(m) })];
    expect(drafts).toHaveLength(40);
    for (const d of drafts) expect(verifyDraft(d)).toEqual({ ok: true });
    expect(skipped.length).toBeGreaterThan(0);
    expect(skipped[0]).toMatch(/^skipped demo\/memo seed \d+: source "memo" seed \d+: the parameter function threw: bad draw$/);
    // The draft records the seed that reproduces it.
    for (const d of drafts) expect(instantiate(pack.sources[0], d.seed).source.text).toBe(d.cleanText);
  });

  it("gives up on a source broken for every seed with the reason", () => {
    const broken: AnyParamModule = {
      draw() {
        throw new Error("always");
      },
    };
    const { packs } = load(good);
    const src = { ...packs[0].sources[0], params: { file: "memo.params.ts", module: broken } };
    expect(() => generateVerified(src, packs[0], { seed: 1 })).toThrow(/the parameter function threw: always/);
  });
});
