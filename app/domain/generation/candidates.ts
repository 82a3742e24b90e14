// What a candidate edit of a document is, and its texts (explanation, key points, hint): ready
// for a site of a concrete document, rendered from a parametric source's templates, or filled
// in from an operator's match. Option texts are rendered only for the edits a draft chooses.
import type { Params } from "../content/param-kit";
import { renderBound, type BoundTemplate, type SlotTable } from "../content/template";
import type { AnswerKeyEntry, FlawVariant, GenericOperator, KeyPoint } from "../types";

/** A possible edit of the clean text, before selection; a chosen one becomes an answer-key entry with the same texts. */
export interface Candidate extends Pick<AnswerKeyEntry, "category" | "severity" | "replacement" | "explanation" | "keyPoints" | "hint" | "origin"> {
  /** Span of the passage it replaces in the clean text. */
  start: number;
  end: number;
  difficulty: number;
  /** Lines of the clean text the edit touches; selected edits never share or neighbour a line. */
  lineFrom: number;
  lineTo: number;
  weight: number;
}

type Texts = Pick<Candidate, "explanation" | "keyPoints" | "hint">;

/** A candidate whose texts (explanation, key points, hint) are rendered only if it is chosen. */
export interface Option extends Omit<Candidate, keyof Texts> {
  texts: TextsFrom;
}

/** A flaw variant's texts as bound templates of a parametric source. */
export interface VariantTemplates {
  explanation: BoundTemplate;
  hint?: BoundTemplate;
  keyPoints: { text: BoundTemplate; phrases: BoundTemplate[] }[];
}

/** Where an option's texts come from (data, not a closure: a draft weighs hundreds of options). */
type TextsFrom =
  | { ready: Texts }
  | { variant: VariantTemplates; params: Params; memo: (string | undefined)[]; table: SlotTable }
  | { op: GenericOperator; original: string; replacement: string; captures: RegExpMatchArray };

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

/** The texts of a concrete document's flaw variant, as written. */
export function variantTexts(v: Pick<FlawVariant, "explanation" | "keyPoints" | "hint">): Texts {
  return { explanation: v.explanation.trim(), keyPoints: v.keyPoints, hint: v.hint?.trim() };
}

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

/** The candidate an option stands for, its texts rendered. */
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

/** An option whose texts are already rendered. */
export function asOption({ explanation, keyPoints, hint, ...c }: Candidate): Option {
  return { ...c, texts: { ready: { explanation, keyPoints, hint } } };
}
