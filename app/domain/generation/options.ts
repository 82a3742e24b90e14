// Candidate edits of a document: its flaw sites' variants and the pack's operator matches, grouped
// so that each group yields at most one edit. A parametric source takes a fast path that renders
// only what a draft needs for a seed; `instantiatedOptions` is the long way it must equal.
import { applyDecoys, decoysAt } from "../content/decoys";
import { compileOperator } from "../content/load";
import { drawParams, instantiate } from "../content/instantiate";
import type { Params } from "../content/param-kit";
import { compileTemplate, FORMATS, renderBound, SlotTable, type BoundTemplate } from "../content/template";
import { lineAt, lineStarts } from "../text/lines";
import { requiredLiteral } from "./required-literal";
import type { Category, FlawOrigin, FlawSite, FlawVariant, GenericOperator, KeyPoint, Pack, Severity, SourceDoc } from "../types";

/** A possible edit of the clean text, before selection. */
export interface Candidate {
  start: number;
  end: number;
  replacement: string;
  category: string;
  severity: Severity;
  difficulty: number;
  explanation: string;
  keyPoints: KeyPoint[];
  hint?: string;
  origin: FlawOrigin;
  /** Lines of the clean text the edit touches; selected edits never share or neighbour a line. */
  lineFrom: number;
  lineTo: number;
  weight: number;
}

const OPERATOR_WEIGHT = 0.6; // curated sites read better than generic mutations

/**
 * An operator's texts name what its match shows: `{original}`, `{replacement}` and `{1}`..`{9}`,
 * the pattern's capture groups (the identifier or figure the document has for this draw).
 */
export function fill(template: string, original: string, replacement: string, captures: readonly (string | undefined)[] = []): string {
  if (!template.includes("{")) return template;
  return template
    .replaceAll("{original}", original)
    .replaceAll("{replacement}", replacement === "" ? "(removed)" : replacement)
    .replace(/\{([1-9])\}/g, (_, n: string) => captures[Number(n)] ?? "");
}

/** `$1`..`$9` and `$&` from the match itself, so lookarounds in the pattern keep working. */
function expandReplacement(template: string, m: RegExpMatchArray): string {
  return template.replace(/\$(\d|&)/g, (_, g: string) => (g === "&" ? m[0] : (m[Number(g)] ?? "")));
}

/** Memoised per source: candidates do not depend on the seed. */
const candidateCache = new WeakMap<SourceDoc, WeakMap<Pack, Candidate[][]>>();

/**
 * All candidate edits of a concrete document, grouped by site/match; each group yields at most
 * one edit. A parametric source's instantiations take the faster path in `draftOptions`, which
 * gives the same groups (a unit test holds the two together).
 */
export function candidatesFor(source: SourceDoc, pack: Pack): Candidate[][] {
  let perPack = candidateCache.get(source);
  if (!perPack) candidateCache.set(source, (perPack = new WeakMap()));
  const cached = perPack.get(pack);
  if (cached) return cached;

  const categories = new Map<string, Category>(pack.categories.map((c) => [c.id, c]));
  const starts = lineStarts(source.text);
  const lineOf = (offset: number) => lineAt(starts, offset);
  const groups: Candidate[][] = [];
  for (const site of source.sites) {
    const start = source.text.indexOf(site.anchor);
    if (start < 0 || source.text.indexOf(site.anchor, start + 1) >= 0) continue; // content:check reports these
    const end = start + site.anchor.length;
    const group: Candidate[] = [];
    site.variants.forEach((v, i) => {
      const cat = categories.get(v.category);
      if (!cat || v.replacement === site.anchor) return;
      group.push({
        start,
        end,
        replacement: v.replacement,
        category: v.category,
        severity: v.severity ?? cat.severity,
        difficulty: site.difficulty,
        ...variantTexts(v),
        origin: { kind: "site", siteId: site.id, variant: i },
        lineFrom: lineOf(start),
        lineTo: lineOf(Math.max(start, end - 1)),
        weight: 1,
      });
    });
    if (group.length) groups.push(group);
  }
  groups.push(...operatorGroups(source.text, source.format, compiledOperators(pack), lineOf).map((g) => [withTexts(g)]));
  perPack.set(pack, groups);
  return groups;
}

type Texts = Pick<Candidate, "explanation" | "keyPoints" | "hint">;

function variantTexts(v: Pick<FlawVariant, "explanation" | "keyPoints" | "hint">): Texts {
  return { explanation: v.explanation.trim(), keyPoints: v.keyPoints, hint: v.hint?.trim() };
}

/** A candidate whose texts (explanation, key points, hint) are rendered only if it is chosen. */
export interface Option extends Omit<Candidate, keyof Texts> {
  texts: TextsFrom;
}

/** Where an option's texts come from (data, not a closure: a draft weighs hundreds of options). */
type TextsFrom =
  | { ready: Texts }
  | { variant: CompiledVariant; params: Params; memo: (string | undefined)[]; table: SlotTable }
  | { op: GenericOperator; original: string; replacement: string; captures: RegExpMatchArray };

function textsOf(from: TextsFrom): Texts {
  if ("ready" in from) return from.ready;
  if ("op" in from) {
    const { op, original, replacement, captures } = from;
    const f = (t: string) => fill(t, original, replacement, captures);
    return {
      explanation: f(op.explanation).trim(),
      keyPoints: op.keyPoints.some((k) => k.text.includes("{")) ? op.keyPoints.map((k) => ({ text: f(k.text), phrases: k.phrases })) : op.keyPoints,
      hint: op.hint === undefined ? undefined : f(op.hint).trim(),
    };
  }
  const { variant: v, params, memo, table } = from;
  const r = (t: BoundTemplate) => renderBound(t, table, params, memo);
  return {
    explanation: r(v.explanation).trim(),
    keyPoints: v.keyPoints.map((k): KeyPoint => ({ text: r(k.text), phrases: k.phrases.map(r) })),
    hint: v.hint ? r(v.hint).trim() : undefined,
  };
}

export function withTexts(o: Option): Candidate {
  // Spelled out: a rest/spread copy of every chosen option was a measurable share of a draft.
  const { explanation, keyPoints, hint } = textsOf(o.texts);
  return {
    start: o.start,
    end: o.end,
    replacement: o.replacement,
    category: o.category,
    severity: o.severity,
    difficulty: o.difficulty,
    origin: o.origin,
    lineFrom: o.lineFrom,
    lineTo: o.lineTo,
    weight: o.weight,
    explanation,
    keyPoints,
    hint,
  };
}

/**
 * The same as `draftOptions` the long way: the full instantiation (every template rendered) and
 * `candidatesFor` on it. Used when a template cannot be rendered for a seed (it throws the
 * InstantiationError naming it), and by the test that holds the fast path to it.
 */
export function instantiatedOptions(template: SourceDoc, pack: Pack, seed: number, difficulty = 0): Prepared {
  const { source: concrete } = instantiate(template, seed);
  const source = withDecoys(concrete, difficulty);
  return { doc: source, groups: candidatesFor(source, pack).map((g) => g.map(asOption)) };
}

/** The concrete source as a draft of this difficulty shows it: its decoys of that level applied. */
function withDecoys(source: SourceDoc, difficulty: number): SourceDoc {
  if (!decoysAt(source.decoys, difficulty).length) return source;
  return { ...source, text: applyDecoys(source.text, source.decoys, difficulty) };
}

function asOption({ explanation, keyPoints, hint, ...c }: Candidate): Option {
  return { ...c, texts: { ready: { explanation, keyPoints, hint } } };
}

interface CompiledOperator {
  op: GenericOperator;
  re: RegExp;
  /** Text every match contains: a document without it has no match, so the expression is not run. */
  literal: string;
  /** Every match lies within one line (see lineLocal): the expression runs only on lines holding the literal. */
  local: boolean;
  category: Category;
}

/**
 * Whether a pattern's matches always lie within one line and read no text beyond it: no `.`, no
 * negated class, no `\s`/`\S`/`\W`/`\D`/`\n`-style escape (nothing that can match a newline), no
 * `^`/`$`, lookaround or `\B`, no control character. `\b` is allowed: the newline at a line's end
 * and the end of the text are both non-word characters to it. Conservative: any doubt says no.
 */
export function lineLocal(pattern: string): boolean {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c.charCodeAt(0) < 0x20) return false;
    if (c === "\\") {
      const e = pattern[++i];
      if (e === undefined || "sSWDBnrtfvxucpPk0".includes(e)) return false;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") {
      if (pattern[i + 1] === "^") return false;
      inClass = true;
    } else if (c === "." || c === "^" || c === "$") return false;
    else if (c === "(" && pattern[i + 1] === "?" && pattern[i + 2] !== ":" && !(pattern[i + 2] === "<" && /[A-Za-z_]/.test(pattern[i + 3] ?? ""))) return false;
  }
  return !inClass;
}

/**
 * The matches of an operator in a text, as `text.matchAll(re)` gives them (index into the text).
 * A line-local operator runs only on the lines that hold its literal: the same matches, since
 * none can cross or look past a line's end.
 */
export function operatorMatches(text: string, { re, literal, local }: Pick<CompiledOperator, "re" | "literal" | "local">): { m: RegExpMatchArray; start: number }[] {
  const out: { m: RegExpMatchArray; start: number }[] = [];
  if (!local || !literal) {
    for (const m of text.matchAll(re)) out.push({ m, start: m.index! });
    return out;
  }
  for (let at = text.indexOf(literal); at >= 0; ) {
    const from = text.lastIndexOf("\n", at - 1) + 1;
    let to = text.indexOf("\n", at);
    if (to < 0) to = text.length;
    for (const m of text.slice(from, to).matchAll(re)) out.push({ m, start: from + m.index! });
    at = to < text.length ? text.indexOf(literal, to + 1) : -1;
  }
  return out;
}

const operatorCache = new WeakMap<Pack, CompiledOperator[]>();

/** The pack's operators with their regular expressions compiled once (operators of unknown categories left out). */
function compiledOperators(pack: Pack): CompiledOperator[] {
  let ops = operatorCache.get(pack);
  if (ops) return ops;
  const categories = new Map<string, Category>(pack.categories.map((c) => [c.id, c]));
  ops = [];
  for (const op of pack.operators) {
    const category = categories.get(op.category);
    if (category) ops.push({ op, re: compileOperator(op), literal: requiredLiteral(op.pattern), local: lineLocal(op.pattern), category });
  }
  operatorCache.set(pack, ops);
  return ops;
}

/**
 * One group per operator match in the text, in operator order, then match order. `present` says
 * per operator that the text is known to contain its required literal (no need to look).
 */
function operatorGroups(text: string, format: string, ops: CompiledOperator[], lineOf: (offset: number) => number, present?: readonly boolean[]): Option[] {
  const out: Option[] = [];
  for (let k = 0; k < ops.length; k++) {
    const compiled = ops[k];
    const { op, literal, local, category } = compiled;
    if (op.formats && !op.formats.includes(format as never)) continue;
    // A line-local operator looks for its literal itself (operatorMatches).
    if (literal && !local && !present?.[k] && !text.includes(literal)) continue;
    for (const { m, start } of operatorMatches(text, compiled)) {
      const original = m[0];
      if (!original) continue;
      const replacement = expandReplacement(op.replacement, m);
      if (replacement === original) continue;
      out.push({
        start,
        end: start + original.length,
        replacement,
        category: op.category,
        severity: op.severity ?? category.severity,
        difficulty: op.difficulty,
        texts: { op, original, replacement, captures: m },
        origin: { kind: "operator", operatorId: op.id },
        lineFrom: lineOf(start),
        lineTo: lineOf(Math.max(start, start + original.length - 1)),
        weight: OPERATOR_WEIGHT,
      });
    }
  }
  return out;
}

/** A parametric source compiled once per pack: its templates, which variants can ever apply, and every parameter name used. */
interface CompiledSource {
  names: string[];
  /** A template names an unknown format: every instantiation fails (instantiate says where). */
  broken: boolean;
  /** Every slot key of the source's templates, numbered: a draw's memo is an array. */
  table: SlotTable;
  text: BoundTemplate;
  title: BoundTemplate;
  brief: BoundTemplate;
  sites: { site: FlawSite; anchor: BoundTemplate; variants: CompiledVariant[] }[];
  decoys: { difficulty: number; anchor: BoundTemplate; replacement: BoundTemplate }[];
  /**
   * Per operator of the pack, whether its required literal lies in the text template's own
   * words (outside every slot): then every rendering contains it, and only a decoy could take it out.
   */
  literalInTemplate: boolean[];
}

interface CompiledVariant {
  v: FlawVariant;
  i: number;
  severity: Severity;
  replacement: BoundTemplate;
  explanation: BoundTemplate;
  hint?: BoundTemplate;
  keyPoints: { text: BoundTemplate; phrases: BoundTemplate[] }[];
}

const compiledCache = new WeakMap<SourceDoc, WeakMap<Pack, CompiledSource>>();

function compileSource(template: SourceDoc, pack: Pack): CompiledSource {
  let perPack = compiledCache.get(template);
  if (!perPack) compiledCache.set(template, (perPack = new WeakMap()));
  const cached = perPack.get(pack);
  if (cached) return cached;
  const categories = new Map<string, Category>(pack.categories.map((c) => [c.id, c]));
  const names = new Set<string>();
  let broken = false;
  const table = new SlotTable();
  const compile = (t: string) => {
    const c = compileTemplate(t);
    for (const s of c.slots) {
      names.add(s.name);
      if (s.format && !FORMATS[s.format]) broken = true;
    }
    return table.bind(c);
  };
  const sites = template.sites.map((site) => {
    const anchor = compile(site.anchor);
    const variants: CompiledVariant[] = [];
    site.variants.forEach((v, i) => {
      const c = {
        replacement: compile(v.replacement),
        explanation: compile(v.explanation),
        ...(v.hint ? { hint: compile(v.hint) } : {}),
        keyPoints: v.keyPoints.map((k) => ({ text: compile(k.text), phrases: k.phrases.map(compile) })),
      };
      if (v.proof && "none" in v.proof) compile(v.proof.reason);
      if (v.proof && "error" in v.proof) compile(v.proof.error);
      const cat = categories.get(v.category);
      if (cat) variants.push({ v, i, severity: v.severity ?? cat.severity, ...c });
    });
    return { site, anchor, variants };
  });
  const decoys = (template.decoys ?? []).map((d) => {
    compile(d.why);
    return { difficulty: d.difficulty, anchor: compile(d.anchor), replacement: compile(d.replacement) };
  });
  const text = compile(template.text);
  const words = text.literals.join("\u0000");
  const literalInTemplate = compiledOperators(pack).map((o) => o.literal !== "" && words.includes(o.literal));
  const c: CompiledSource = { names: [...names], broken, table, text, title: compile(template.title), brief: compile(template.brief), sites, decoys, literalInTemplate };
  perPack.set(pack, c);
  return c;
}

/** What a draft is made from: the concrete document and its candidate edits. */
export interface Prepared {
  doc: Pick<SourceDoc, "id" | "domain" | "title" | "format" | "language" | "brief" | "text" | "difficulty">;
  groups: Option[][];
  /** lineCount(doc.text), when already known. */
  lines?: number;
}

const preparedFixed = new WeakMap<SourceDoc, WeakMap<Pack, Prepared[]>>();

/**
 * The document and candidate groups for a seed. A fixed source's are computed once. A parametric
 * source renders only its text, title, brief, anchors and replacements for the seed; a candidate's
 * explanation, key points and hint are rendered if it is chosen. The groups, their order and the
 * rendered texts are exactly those of `candidatesFor(instantiate(template, seed).source, pack)`.
 * `withGroups: false` (a clean control) makes the document alone and gives no groups.
 */
export function draftOptions(template: SourceDoc, pack: Pack, seed: number, difficulty = 0, withGroups = true): Prepared {
  if (!template.params) {
    let perPack = preparedFixed.get(template);
    if (!perPack) preparedFixed.set(template, (perPack = new WeakMap()));
    let byShown = perPack.get(pack);
    if (!byShown) perPack.set(pack, (byShown = []));
    // One document per number of decoys shown (none for most sources).
    const shown = decoysAt(template.decoys, difficulty).length;
    let p = byShown[shown];
    if (!p) {
      const doc = withDecoys(template, difficulty);
      p = { doc, groups: candidatesFor(doc, pack).map((g) => g.map(asOption)) };
      byShown[shown] = p;
    }
    return p;
  }
  const compiled = compileSource(template, pack);
  const params = drawParams(template, template.params.module, seed);
  // A template this draw cannot render: the full instantiation throws the error that names it.
  if (compiled.broken || compiled.names.some((n) => params[n] === undefined)) return instantiatedOptions(template, pack, seed);
  const { table } = compiled;
  const memo = table.memo();
  const r = (t: BoundTemplate) => renderBound(t, table, params, memo);
  let text = r(compiled.text);
  const shown = decoysAt(compiled.decoys, difficulty);
  if (shown.length) text = applyDecoys(text, shown.map((d) => ({ anchor: r(d.anchor), replacement: r(d.replacement), difficulty: d.difficulty })), difficulty);
  const starts = lineStarts(text);
  const lineOf = (offset: number) => lineAt(starts, offset);
  const groups: Option[][] = [];
  // A clean control uses no candidate: only its document is made.
  for (const { site, anchor: anchorTemplate, variants } of withGroups ? compiled.sites : []) {
    const anchor = r(anchorTemplate);
    const start = text.indexOf(anchor);
    if (start < 0 || text.indexOf(anchor, start + 1) >= 0) continue; // content:check reports these
    const end = start + anchor.length;
    const lineFrom = lineOf(start);
    const lineTo = lineOf(Math.max(start, end - 1));
    const group: Option[] = [];
    for (const cv of variants) {
      const replacement = r(cv.replacement);
      if (replacement === anchor) continue;
      group.push({
        start,
        end,
        replacement,
        category: cv.v.category,
        severity: cv.severity,
        difficulty: site.difficulty,
        texts: { variant: cv, params, memo, table },
        origin: { kind: "site", siteId: site.id, variant: cv.i },
        lineFrom,
        lineTo,
        weight: 1,
      });
    }
    if (group.length) groups.push(group);
  }
  if (withGroups) for (const o of operatorGroups(text, template.format, compiledOperators(pack), lineOf, shown.length ? undefined : compiled.literalInTemplate)) groups.push([o]);
  const { id, domain, format, language } = template;
  return {
    doc: { id, domain, title: r(compiled.title), format, language, brief: r(compiled.brief), text, difficulty: template.difficulty },
    groups,
    lines: text.length === 0 ? 0 : starts.length - (text.endsWith("\n") ? 1 : 0),
  };
}
