// The options of a draft: its document and candidate edits (its flaw sites' variants and the
// pack's operator matches), grouped so that each group yields at most one edit. A parametric
// source takes a fast path that renders only what a draft needs for a seed; `instantiatedOptions`
// is the long way it must equal.
import { applyDecoys, decoysAt } from "../content/decoys";
import { drawParams, instantiate } from "../content/instantiate";
import { compileTemplate, FORMATS, renderBound, SlotTable, type BoundTemplate } from "../content/template";
import { onceAt } from "../text/find";
import { lineAt, lineStarts } from "../text/lines";
import type { Category, FlawSite, FlawVariant, Pack, Severity, SourceDoc } from "../types";
import { asOption, variantTexts, withTexts, type Candidate, type Option, type VariantTemplates } from "./candidates";
import { memoPerPair } from "./memo";
import { compiledOperators, operatorOptions } from "./operators";

/**
 * All candidate edits of a concrete document, grouped by site/match; each group yields at most
 * one edit. Memoised per source: candidates do not depend on the seed. A parametric source's
 * instantiations take the faster path in `draftOptions`, which gives the same groups (a unit
 * test holds the two together).
 */
export const candidatesFor = memoPerPair((source: SourceDoc, pack: Pack): Candidate[][] => {
  const categories = new Map<string, Category>(pack.categories.map((c) => [c.id, c]));
  const starts = lineStarts(source.text);
  const lineOf = (offset: number) => lineAt(starts, offset);
  const groups: Candidate[][] = [];
  for (const site of source.sites) {
    const start = onceAt(source.text, site.anchor);
    if (start < 0) continue; // missing or ambiguous: content:check reports these
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
  groups.push(...operatorOptions(source.text, source.format, compiledOperators(pack), lineOf).map((o) => [withTexts(o)]));
  return groups;
});

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

interface CompiledVariant extends VariantTemplates {
  v: FlawVariant;
  i: number;
  severity: Severity;
  replacement: BoundTemplate;
}

const compileSource = memoPerPair((template: SourceDoc, pack: Pack): CompiledSource => {
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
  return { names: [...names], broken, table, text, title: compile(template.title), brief: compile(template.brief), sites, decoys, literalInTemplate };
});

/** What a draft is made from: the concrete document and its candidate edits. */
export interface Prepared {
  doc: Pick<SourceDoc, "id" | "domain" | "title" | "format" | "language" | "brief" | "text" | "difficulty">;
  groups: Option[][];
  /** lineCount(doc.text), when already known. */
  lines?: number;
}

/** A fixed source's prepared document per number of decoys shown (none for most sources). */
const preparedFixed = memoPerPair((_template: SourceDoc, _pack: Pack): Prepared[] => []);

/**
 * The document and candidate groups for a seed. A fixed source's are computed once. A parametric
 * source renders only its text, title, brief, anchors and replacements for the seed; a candidate's
 * explanation, key points and hint are rendered if it is chosen. The groups, their order and the
 * rendered texts are exactly those of `candidatesFor(instantiate(template, seed).source, pack)`.
 * `withGroups: false` (a clean control) makes the document alone and gives no groups.
 */
export function draftOptions(template: SourceDoc, pack: Pack, seed: number, difficulty = 0, withGroups = true): Prepared {
  if (!template.params) {
    const byShown = preparedFixed(template, pack);
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
    const start = onceAt(text, anchor);
    if (start < 0) continue; // missing or ambiguous: content:check reports these
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
  if (withGroups) for (const o of operatorOptions(text, template.format, compiledOperators(pack), lineOf, shown.length ? undefined : compiled.literalInTemplate)) groups.push([o]);
  const { id, domain, format, language } = template;
  return {
    doc: { id, domain, title: r(compiled.title), format, language, brief: r(compiled.brief), text, difficulty: template.difficulty },
    groups,
    lines: text.length === 0 ? 0 : starts.length - (text.endsWith("\n") ? 1 : 0),
  };
}
