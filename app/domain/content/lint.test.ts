import { describe, expect, it } from "vitest";
import type { FlawSite } from "../types";
import { surfaceTells } from "./lint";

const site = (anchor: string, ...replacements: string[]): FlawSite => ({
  id: "s1",
  anchor,
  difficulty: 2,
  variants: replacements.map((replacement) => ({ category: "c", replacement, explanation: "e", keyPoints: [] })),
});

const kinds = (text: string, s: FlawSite, language = "en") => surfaceTells({ text, language, sites: [s] }).map((t) => t.kind);

describe("surfaceTells", () => {
  const prose = "The Supplier shall give notice within 30 days.\nThe Customer pays (in arrears) each month.\nThis Agreement is governed by the laws of England and Wales.\n";

  it("flags a replacement that leaves a line longer than any line of the source", () => {
    expect(kinds(prose, site("within 30 days", "within 30 days of the end of each calendar quarter as agreed"))).toEqual(["long-line"]);
    expect(kinds(prose, site("within 30 days", "within 60 days"))).toEqual([]);
  });

  it("flags a doubled word the edit introduced", () => {
    expect(kinds(prose, site("give notice", "give give notice"))).toEqual(["doubled-word"]);
  });

  it("flags 'a' before a vowel sound, not before a consonant sound", () => {
    expect(kinds(prose, site("give notice", "give a hour's notice"))).toEqual([]);
    expect(kinds(prose, site("give notice", "give a early notice"))).toEqual(["a-before-vowel"]);
    expect(kinds(prose, site("give notice", "give a useful notice"))).toEqual([]);
  });

  it("flags brackets or quotes the edit left unbalanced", () => {
    expect(kinds(prose, site("(in arrears)", "(in arrears"))).toEqual(["unbalanced"]);
    expect(kinds(prose, site("(in arrears)", "(in advance)"))).toEqual([]);
  });

  it("flags a TypeScript import or variable the edit made unused", () => {
    const code = [
      'import { retry, sleep } from "./util";',
      "export async function load(url: string) {",
      "  const limit = 3;",
      "  return retry(() => fetch(url), limit, sleep);",
      "}",
    ].join("\n");
    const tells = surfaceTells({ text: code, language: "typescript", sites: [site("retry(() => fetch(url), limit, sleep)", "retry(() => fetch(url), 3, sleep)", "fetch(url)")] });
    expect(tells.map((t) => [t.variant, t.kind, t.message])).toEqual([
      [0, "unused", "leaves `limit` declared but unused"],
      [1, "unused", "leaves `retry` declared but unused"],
      [1, "unused", "leaves `sleep` declared but unused"],
      [1, "unused", "leaves `limit` declared but unused"],
    ]);
  });

  it("counts a spread as a use, and not a declaration the edit removed along with its uses", () => {
    const code = [
      "const ALLOWED = new Set(['a', 'b']);",
      "export function allowedWithKeys(x: string, o: Record<string, number>): boolean {",
      "  const keys = Object.keys(o).sort();",
      "  return ALLOWED.has(x) && keys.length > 0;",
      "}",
    ].join("\n");
    const spread = site("ALLOWED.has(x)", "[...ALLOWED].some((a) => x.includes(a))");
    const block = site("  const keys = Object.keys(o).sort();\n  return ALLOWED.has(x) && keys.length > 0;", "  return ALLOWED.has(x) && Object.keys(o).length > 0;");
    const dropped = site("ALLOWED.has(x) && ", "");
    expect(surfaceTells({ text: code, language: "typescript", sites: [spread] })).toEqual([]);
    expect(surfaceTells({ text: code, language: "typescript", sites: [block] })).toEqual([]);
    expect(surfaceTells({ text: code, language: "typescript", sites: [dropped] }).map((t) => t.message)).toEqual(["leaves `ALLOWED` declared but unused"]);
  });
});

