// A tiny hand-made pack for unit tests whose expected answers can be checked by eye.
import type { Pack, SourceDoc } from "../types";

export const FIXTURE_TEXT = [
  "export function sumFirst(xs: number[], n: number): number {", // 1
  "  let total = 0;", // 2
  "  for (let i = 0; i < n; i++) {", // 3
  "    total += xs[i];", // 4
  "  }", // 5
  "  return total;", // 6
  "}", // 7
  "", // 8
  "export async function save(db: Db, row: Row) {", // 9
  "  await db.insert(row);", // 10
  "  return row.id === null ? null : row.id;", // 11
  "}", // 12
].join("\n") + "\n";

export const FIXTURE_SOURCE: SourceDoc = {
  id: "sum-first",
  domain: "fixture",
  title: "Sum of the first n numbers",
  format: "code",
  language: "typescript",
  difficulty: 2,
  brief: "Write sumFirst(xs, n) returning the sum of the first n elements, and save(db, row).",
  text: FIXTURE_TEXT,
  sites: [
    {
      id: "loop-bound",
      anchor: "i < n",
      difficulty: 2,
      variants: [
        {
          category: "off-by-one",
          replacement: "i <= n",
          explanation: "The loop runs n + 1 times and reads past the first n elements.",
          keyPoints: [{ text: "One iteration too many", phrases: ["one too many", "n + 1", "off by one", "<="] }],
          hint: "Count the iterations for n = 1.",
        },
      ],
    },
    {
      id: "await-insert",
      anchor: "  await db.insert(row);\n",
      difficulty: 3,
      variants: [
        {
          category: "missing-await",
          replacement: "",
          explanation: "The insert was removed entirely, so save() never writes the row.",
          keyPoints: [{ text: "The row is never saved", phrases: ["never saved", "not saved", "insert removed", "no insert"] }],
        },
      ],
    },
    {
      id: "accumulate",
      anchor: "total += xs[i];",
      difficulty: 1,
      variants: [
        {
          category: "wrong-operator",
          replacement: "total = xs[i];",
          explanation: "Assignment instead of accumulation keeps only the last element.",
          keyPoints: [{ text: "Overwrites instead of adding", phrases: ["overwrite", "only the last", "+="] }],
        },
      ],
    },
  ],
};

export const FIXTURE_PACK: Pack = {
  domain: "fixture",
  name: "Fixture",
  description: "Test pack",
  categories: [
    { id: "off-by-one", name: "Off-by-one", family: "classic", severity: 2, description: "Boundary one step off.", keyPoints: [] },
    { id: "missing-await", name: "Missing await", family: "classic", severity: 3, description: "Async work not awaited.", keyPoints: [] },
    { id: "wrong-operator", name: "Wrong operator", family: "classic", severity: 2, description: "Operator changed.", keyPoints: [] },
    { id: "wrong-comparison", name: "Wrong comparison", family: "classic", severity: 1, description: "Comparison changed.", keyPoints: [] },
  ],
  sources: [FIXTURE_SOURCE],
  operators: [
    {
      id: "strict-to-loose-null",
      category: "wrong-comparison",
      pattern: "(\\w+(?:\\.\\w+)*) === null",
      replacement: "$1 == undefined",
      difficulty: 4,
      explanation: "`{original}` became `{replacement}`, which also treats undefined ids as missing.",
      keyPoints: [{ text: "Loose equality also matches undefined", phrases: ["undefined", "loose equality", "=="] }],
    },
  ],
};
