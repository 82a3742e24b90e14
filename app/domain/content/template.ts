// Templates of parametric sources: `{{name}}` inserts a parameter, `{{name|n1}}` formats a number.
// Anything else between braces (`{{ a: 1 }}` in code) is plain text.
import { grouped, round, type ParamValue, type Params } from "./param-kit";

export const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\|\s*([a-z0-9]+)\s*)?\}\}/g;

/** Formats: n0..n4 grouped with commas and fixed decimals, f0..f4 fixed decimals, upper, lower, cap. */
export const FORMATS: Record<string, (v: ParamValue) => string> = {
  upper: (v) => String(v).toUpperCase(),
  lower: (v) => String(v).toLowerCase(),
  cap: (v) => String(v).charAt(0).toUpperCase() + String(v).slice(1),
};
for (let dp = 0; dp <= 4; dp++) {
  FORMATS[`n${dp}`] = (v) => grouped(Number(v), dp);
  FORMATS[`f${dp}`] = (v) => round(Number(v), dp).toFixed(dp);
}

interface Slot {
  name: string;
  format?: string;
  /** `name` or `name|format`: what a slot's rendering is remembered under for one draw. */
  key: string;
  /** Offset of the placeholder in the template. */
  at: number;
}

export interface CompiledTemplate {
  /** Literal text around the slots: literals.length === slots.length + 1. */
  literals: string[];
  slots: Slot[];
}

const compiled = new Map<string, CompiledTemplate>();

export function compileTemplate(template: string): CompiledTemplate {
  let c = compiled.get(template);
  if (c) return c;
  const literals: string[] = [];
  const slots: Slot[] = [];
  let cursor = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    literals.push(template.slice(cursor, m.index));
    slots.push({ name: m[1], format: m[2], key: m[2] ? `${m[1]}|${m[2]}` : m[1], at: m.index! });
    cursor = m.index! + m[0].length;
  }
  literals.push(template.slice(cursor));
  c = { literals, slots };
  // Room for every template of every pack (about 10,000 today); a cap only guards against misuse.
  if (compiled.size > 100_000) compiled.clear();
  compiled.set(template, c);
  return c;
}

export function hasPlaceholders(template: string): boolean {
  PLACEHOLDER.lastIndex = 0;
  const found = PLACEHOLDER.test(template);
  PLACEHOLDER.lastIndex = 0;
  return found;
}

export interface TemplateProblem {
  /** Offset of the placeholder in the template. */
  at: number;
  message: string;
}

/** Every placeholder naming an unknown parameter or format. */
export function templateProblems(template: string, params: Params): TemplateProblem[] {
  const out: TemplateProblem[] = [];
  for (const s of compileTemplate(template).slots) {
    if (!(s.name in params)) out.push({ at: s.at, message: `undefined parameter "${s.name}"` });
    else if (s.format && !FORMATS[s.format]) out.push({ at: s.at, message: `unknown format "${s.format}" for "${s.name}" (use n0..n4, f0..f4, upper, lower, cap)` });
    else if (s.format && /^[nf]\d$/.test(s.format) && !Number.isFinite(Number(params[s.name]))) {
      out.push({ at: s.at, message: `"${s.name}" is ${JSON.stringify(params[s.name])}, not a number, but the format ${s.format} needs one` });
    }
  }
  return out;
}

export class TemplateError extends Error {}

/** Renders a template; an undefined parameter or format is an error (content:check reports where). */
export function renderTemplate(template: string, params: Params): string {
  return renderCompiled(compileTemplate(template), params);
}

/** Renders a template compiled once with compileTemplate. */
export function renderCompiled({ literals, slots }: CompiledTemplate, params: Params): string {
  if (!slots.length) return literals[0];
  let out = literals[0];
  for (let i = 0; i < slots.length; i++) {
    out += slotText(slots[i].name, slots[i].format, params);
    out += literals[i + 1];
  }
  return out;
}

function slotText(name: string, format: string | undefined, params: Params): string {
  const v = params[name];
  if (v === undefined) throw new TemplateError(`undefined parameter "${name}"`);
  if (!format) return String(v);
  const f = FORMATS[format];
  if (!f) throw new TemplateError(`unknown format "${format}"`);
  return f(v);
}

/** A template whose slots are numbered in a source's SlotTable. */
export interface BoundTemplate {
  literals: string[];
  /** Per slot, its key's number in the table. */
  ids: number[];
}

/**
 * The distinct slot keys (`name` or `name|format`) of one source's templates, numbered. The engine
 * binds every template of a source to one table once; a draw then remembers each key's text in an
 * array by number: a draft's text, anchors and replacements format the same figures again and again.
 */
export class SlotTable {
  private readonly ids = new Map<string, number>();
  readonly slots: { name: string; format?: string }[] = [];

  bind({ literals, slots }: CompiledTemplate): BoundTemplate {
    const ids = slots.map((s) => {
      let id = this.ids.get(s.key);
      if (id === undefined) {
        id = this.slots.length;
        this.ids.set(s.key, id);
        this.slots.push({ name: s.name, format: s.format });
      }
      return id;
    });
    return { literals, ids };
  }

  /** A fresh memo for one set of parameters. */
  memo(): (string | undefined)[] {
    return new Array<string | undefined>(this.slots.length);
  }
}

/** Renders a bound template, each key formatted once per memo (one memo per set of parameters). */
export function renderBound({ literals, ids }: BoundTemplate, table: SlotTable, params: Params, memo: (string | undefined)[]): string {
  if (!ids.length) return literals[0];
  let out = literals[0];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    let text = memo[id];
    if (text === undefined) {
      const s = table.slots[id];
      text = memo[id] = slotText(s.name, s.format, params);
    }
    out += text;
    out += literals[i + 1];
  }
  return out;
}
