// The pack's generic flaw operators: each compiled once per pack, matched line by line where its
// pattern allows (only on lines holding its required literal), and each match made an option.
import { compileOperator } from "../content/load";
import type { Category, GenericOperator, Pack } from "../types";
import type { Option } from "./candidates";
import { memoPer } from "./memo";
import { requiredLiteral } from "./required-literal";

const OPERATOR_WEIGHT = 0.6; // curated sites read better than generic mutations

export interface CompiledOperator {
  op: GenericOperator;
  re: RegExp;
  /** Text every match contains: a document without it has no match, so the expression is not run. */
  literal: string;
  /** Every match lies within one line (see lineLocal): the expression runs only on lines holding the literal. */
  local: boolean;
  category: Category;
}

/** `$1`..`$9` and `$&` from the match itself, so lookarounds in the pattern keep working. */
function expandReplacement(template: string, m: RegExpMatchArray): string {
  return template.replace(/\$(\d|&)/g, (_, g: string) => (g === "&" ? m[0] : (m[Number(g)] ?? "")));
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

/** The pack's operators with their regular expressions compiled once (operators of unknown categories left out). */
export const compiledOperators = memoPer((pack: Pack): CompiledOperator[] => {
  const categories = new Map<string, Category>(pack.categories.map((c) => [c.id, c]));
  const ops: CompiledOperator[] = [];
  for (const op of pack.operators) {
    const category = categories.get(op.category);
    if (category) ops.push({ op, re: compileOperator(op), literal: requiredLiteral(op.pattern), local: lineLocal(op.pattern), category });
  }
  return ops;
});

/**
 * One option per operator match in the text (each a group of its own), in operator order, then
 * match order. `present` says per operator that the text is known to contain its required literal.
 */
export function operatorOptions(text: string, format: string, ops: CompiledOperator[], lineOf: (offset: number) => number, present?: readonly boolean[]): Option[] {
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
