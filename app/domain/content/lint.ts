// Surface tells: a flaw a reader can spot by its look rather than by understanding the work.
// Each check compares the edited lines with the clean ones, so only what the edit introduced
// counts. Warnings for content:check (file:line and the seed come from the caller).
import { onceAt } from "../text/find";
import type { Pack, SourceDoc } from "../types";
import { concreteDraws } from "./instantiate";

export type TellKind = "long-line" | "unused" | "doubled-word" | "a-before-vowel" | "unbalanced";

export interface SurfaceTell {
  siteId: string;
  /** 0-based index of the variant in the site. */
  variant: number;
  kind: TellKind;
  message: string;
}

/** Words spelled with a vowel but read with a consonant sound ("a user", "a one-off", "a euro"). */
const CONSONANT_SOUND = /^(u[bcfhklmnrst][aeiou]|use|usu|uti|uni|ure|one|once|eu|ewe|uk\b|us\b|u\.)/i;
/** "a" before a word read with a vowel sound: written as a typist would not. */
const A_BEFORE_VOWEL = /\b[Aa] ([AEIOUaeiou][\w.-]*)/g;
const DOUBLED = /\b(\w+)\s+\1\b/gi;
const PAIRS: [string, string][] = [["(", ")"], ["[", "]"], ["{", "}"]];

function count(text: string, re: RegExp): number {
  return [...text.matchAll(re)].length;
}

function aBeforeVowel(text: string): number {
  let n = 0;
  for (const m of text.matchAll(A_BEFORE_VOWEL)) if (!CONSONANT_SOUND.test(m[1]) && !/^[A-Z]{2,}/.test(m[1])) n++;
  return n;
}

/** Per bracket kind open − close, and the parity of straight double quotes. */
function balance(text: string): string {
  const parts = PAIRS.map(([o, c]) => text.split(o).length - text.split(c).length);
  return [...parts, (text.split('"').length - 1) % 2].join(",");
}

/** Names a TypeScript text declares: imports, const/let/var, functions. */
function declaredNames(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/^\s*import\s+(?:type\s+)?(?:(\w+)\s*,?\s*)?(?:\{([^}]*)\})?\s*from/gm)) {
    if (m[1]) names.add(m[1]);
    for (const part of (m[2] ?? "").split(",")) {
      const name = part.trim().replace(/^type\s+/, "").split(/\s+as\s+/).pop()?.trim();
      if (name && /^\w+$/.test(name)) names.add(name);
    }
  }
  for (const m of text.matchAll(/\b(?:const|let|var|function)\s+(\w+)/g)) names.add(m[1]);
  return [...names];
}

/** Uses of a name as an identifier: not as a property (`x.name`), but spread (`...name`) counts. */
function uses(text: string, name: string): number {
  return count(text, new RegExp(`(?<![\\w$])(?<!(?:^|[^.])\\.)${name.replace(/\$/g, "\\$")}(?![\\w$])`, "gm"));
}

function isTypeScript(source: Pick<SourceDoc, "language">): boolean {
  return /^(typescript|ts|tsx|javascript|js)$/i.test(source.language);
}

/** The whole lines around [start, end) of a text. */
function linesAround(text: string, start: number, end: number): string {
  const from = text.lastIndexOf("\n", start - 1) + 1;
  const nl = text.indexOf("\n", end);
  return text.slice(from, nl < 0 ? text.length : nl);
}

/**
 * The surface tells of every variant of a concrete source (a parametric source instantiated for
 * a seed). Sites whose anchor is missing or ambiguous are skipped: content:check reports those.
 */
export function surfaceTells(source: Pick<SourceDoc, "text" | "sites" | "language">): SurfaceTell[] {
  const text = source.text;
  const longest = Math.max(...text.split("\n").map((l) => l.length));
  const ts = isTypeScript(source);
  const declared = ts ? declaredNames(text).filter((n) => uses(text, n) >= 2) : [];
  const tells: SurfaceTell[] = [];
  for (const site of source.sites) {
    const start = onceAt(text, site.anchor);
    if (start < 0) continue;
    const end = start + site.anchor.length;
    const before = linesAround(text, start, end);
    site.variants.forEach((v, variant) => {
      const flawed = text.slice(0, start) + v.replacement + text.slice(end);
      const after = linesAround(flawed, start, start + v.replacement.length);
      const tell = (kind: TellKind, message: string) => tells.push({ siteId: site.id, variant, kind, message });
      const long = Math.max(...after.split("\n").map((l) => l.length));
      if (long > longest) tell("long-line", `leaves a line of ${long} characters, longer than any line of the clean text (${longest})`);
      // Only a declaration the edit left behind counts (a replaced block may take it along).
      const stillDeclared = new Set(declaredNames(flawed));
      for (const name of declared) {
        if (stillDeclared.has(name) && uses(flawed, name) === 1) tell("unused", `leaves \`${name}\` declared but unused`);
      }
      const doubled = [...after.matchAll(DOUBLED)].map((m) => m[0]);
      if (doubled.length > count(before, DOUBLED)) tell("doubled-word", `doubles a word: "${doubled[doubled.length - 1]}"`);
      if (aBeforeVowel(after) > aBeforeVowel(before)) tell("a-before-vowel", `writes "a" before a vowel sound`);
      if (balance(after) !== balance(before)) tell("unbalanced", "leaves brackets or quotes unbalanced that were balanced");
    });
  }
  return tells;
}

export interface SourceTell extends SurfaceTell {
  sourceId: string;
  /** The first seed showing it, for a parametric source. */
  seed?: number;
}

/**
 * The surface tells of every source of a pack; a parametric source is checked over `seeds`
 * instantiations and each tell is reported once, with the first seed that shows it.
 */
export function packTells(pack: Pick<Pack, "sources">, seeds: readonly number[]): SourceTell[] {
  const out: SourceTell[] = [];
  for (const source of pack.sources) {
    if (!source.params) {
      out.push(...surfaceTells(source).map((t) => ({ ...t, sourceId: source.id })));
      continue;
    }
    const found = new Set<string>();
    for (const { source: concrete, seed } of concreteDraws(source, seeds)) {
      for (const t of surfaceTells(concrete)) {
        const key = `${t.siteId}\u0000${t.variant}\u0000${t.kind}`;
        if (found.has(key)) continue;
        found.add(key);
        out.push({ ...t, sourceId: source.id, seed });
      }
    }
  }
  return out;
}
