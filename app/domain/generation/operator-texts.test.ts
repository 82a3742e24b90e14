// An operator is generic: it knows only its match. Its explanation, hint and key points must name
// only figures and code the trainee's draft (or its brief) shows, never an example value that a
// parametric source draws differently (a folder "/uploads/42" when the document has another).
import { describe, expect, it } from "vitest";
import { loadContent } from "~/models/content.server";
import { loadPacks, NO_MINIMUMS } from "../content/load";
import { fill, withTexts } from "./candidates";
import { draftOptions } from "./options";

const { packs } = loadContent("content");
const SEEDS = 20;

/** Figures (two characters or more, thousands separators dropped) and `code spans` a text names. */
export function namedFigures(text: string): string[] {
  const plain = text.replace(/(\d),(?=\d{3})/g, "$1");
  const figures = (plain.match(/\d+(?:\.\d+)?/g) ?? []).filter((n) => n.length >= 2);
  const code = [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
  return [...figures, ...code];
}

describe("operator texts", () => {
  it("fill names the match's capture groups, its original and its replacement", () => {
    const m = "target.startsWith(userDir + path.sep)".match(/\.startsWith\((\w+) \+ path\.sep\)/)!;
    expect(fill("`{original}` → `{replacement}` in the `{1}` folder{2}", m[0], ".startsWith(userDir)", m)).toBe(
      "`.startsWith(userDir + path.sep)` → `.startsWith(userDir)` in the `userDir` folder",
    );
    expect(fill("{original} was removed: {replacement}", "x", "")).toBe("x was removed: (removed)");
  });

  it(`over ${SEEDS} instantiations of every source, name only what the draft or its brief shows`, () => {
    const checked = new Set<string>();
    const problems: string[] = [];
    for (const pack of packs) {
      for (const source of pack.sources) {
        for (let i = 0; i < (source.params ? SEEDS : 1); i++) {
          const seed = (i * 2654435761 + 17) >>> 0;
          const { doc, groups } = draftOptions(source, pack, seed);
          for (const group of groups) {
            for (const option of group) {
              if (option.origin.kind !== "operator") continue;
              const c = withTexts(option);
              const flawed = doc.text.slice(0, c.start) + c.replacement + doc.text.slice(c.end);
              const shown = [doc.text, flawed, doc.brief, doc.title].join("\n").replace(/(\d),(?=\d{3})/g, "$1");
              for (const text of [c.explanation, c.hint ?? "", ...c.keyPoints.map((k) => k.text)]) {
                if (/\{(?:original|replacement|[1-9])\}/.test(text)) problems.push(`${option.origin.operatorId}: unfilled placeholder in "${text}"`);
                for (const name of namedFigures(text)) {
                  const plain = name.replace(/(\d),(?=\d{3})/g, "$1");
                  if (!shown.includes(plain)) problems.push(`${pack.domain}/${option.origin.operatorId} on ${source.id} seed ${seed}: names "${name}", which the draft does not show`);
                }
              }
              checked.add(`${pack.domain}/${option.origin.operatorId}`);
            }
          }
        }
      }
    }
    expect([...new Set(problems)].slice(0, 10)).toEqual([]);
    // Every operator of every pack was looked at in some draft.
    expect([...checked].sort()).toEqual(packs.flatMap((p) => p.operators.map((o) => `${p.domain}/${o.id}`)).sort());
  }, 120_000);

  it("namedFigures finds figures of two or more characters and code spans", () => {
    expect(namedFigures("one in three becomes 33, at 2 places; `x + 1` and 5,000.25")).toEqual(["33", "5000.25", "x + 1"]);
  });
});

describe("content check of operator texts", () => {
  const pack = `domain: demo
name: Demo
description: A pack for the operator tests.
categories:
  - id: wrong-check
    name: Wrong check
    family: classic
    severity: 2
    description: A check that lets the wrong value through.
    keyPoints:
      - text: Names the check
        phrases: ["check"]
`;
  const source = `id: route
title: Route
format: code
language: typescript
difficulty: 2
text: route.ts
brief: Serve the user's files only.
sites: []
`;
  const operators = (hint: string) => `operators:
  - id: no-separator
    category: wrong-check
    pattern: '\\.startsWith\\((\\w+) \\+ path\\.sep\\)'
    replacement: '.startsWith($1)'
    difficulty: 3
    explanation: The check on \`{1}\` lost its separator.
    keyPoints:
      - text: Prefix check
        phrases: ["separator"]
    hint: ${hint}
`;
  const load = (hint: string) =>
    loadPacks(
      [
        { path: "demo/pack.yaml", text: pack },
        { path: "demo/sources/route.yaml", text: source },
        { path: "demo/sources/route.ts", text: "export const inside = (target: string, userDir: string) => target.startsWith(userDir + path.sep);\n" },
        { path: "demo/operators.yaml", text: operators(hint) },
      ],
      NO_MINIMUMS,
    );

  it("reports a {n} that names a capture group the pattern does not have, with file and line", () => {
    expect(load("Is `{1}` the user's folder?").problems).toEqual([]);
    expect(load("Compare `{1}` with `{2}`.").problems).toEqual([
      { file: "demo/operators.yaml", line: 11, message: 'operator "no-separator": {2} names capture group 2, but the pattern has 1' },
    ]);
  });
});
