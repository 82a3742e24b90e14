// Programs: ordered modules a firm assigns to a cohort. Pure validation and form parsing; no
// database or Remix imports. A program's spec is stored whole per version (see decision 040).

export interface PassRule {
  /** Mean final score (0–100) over the last `lastN` drafts must reach this; null: not required. */
  minMeanScore: number | null;
  lastN: number;
  /** Hit rate (0–100 %) in each focus category over the last `lastN` drafts; null: not required. */
  minHitRate: number | null;
}

export interface ModuleSpec {
  /** Stable across versions: progress and completions are keyed by it. */
  key: string;
  title: string;
  domains: string[];
  /** Category ids (of the module's domains) the module concentrates on; empty: all. */
  focusCategories: string[];
  difficultyMin: number;
  difficultyMax: number;
  /** Drafts a trainee reviews in the module at least. */
  drafts: number;
  passRule: PassRule;
  signOff: boolean;
  /** The same drafts for the whole cohort, served in this order before adaptive ones. */
  assignedDraftIds: string[];
  /** Days after the cohort's start date the module is due; null: no due date. */
  dueDays: number | null;
}

export interface ProgramSpec {
  name: string;
  description: string;
  modules: ModuleSpec[];
}

/** What the validator needs to know about content: categories per domain and known draft ids. */
export interface ProgramCatalog {
  categories: Record<string, string[]>;
  draftDomains?: Record<string, string>;
}

export type FieldErrors = Record<string, string>;

export type Validated = { ok: true; spec: ProgramSpec } | { ok: false; errors: FieldErrors };

const MAX_MODULES = 20;

/** Raw module fields as a form sends them: strings, possibly empty. */
export interface RawModule {
  key?: string;
  title?: string;
  domains?: string[];
  focus?: string;
  difficultyMin?: string;
  difficultyMax?: string;
  drafts?: string;
  minMeanScore?: string;
  lastN?: string;
  minHitRate?: string;
  signOff?: boolean;
  assigned?: string;
  dueDays?: string;
}

export interface RawProgram {
  name?: string;
  description?: string;
  modules: RawModule[];
}

/**
 * Reads the program editor's form: module fields are named `m<i>.<field>` (domains repeat);
 * a module whose title and domains are both empty is the unused "add a module" row; a module
 * with `m<i>.remove` ticked is left out (the model refuses when it has progress).
 */
export function rawProgramFromForm(entries: Iterable<[string, string]>): RawProgram & { removed: string[] } {
  const out: RawProgram & { removed: string[] } = { modules: [], removed: [] };
  const mods = new Map<number, RawModule & { remove?: boolean }>();
  for (const [name, value] of entries) {
    if (name === "name") out.name = value;
    else if (name === "description") out.description = value;
    const m = /^m(\d+)\.(\w+)$/.exec(name);
    if (!m) continue;
    const i = Number(m[1]);
    const mod = mods.get(i) ?? {};
    mods.set(i, mod);
    const field = m[2];
    if (field === "domains") (mod.domains ??= []).push(value);
    else if (field === "signOff") mod.signOff = value === "on" || value === "1" || value === "true";
    else if (field === "remove") mod.remove = value === "on" || value === "1" || value === "true";
    else (mod as Record<string, unknown>)[field] = value;
  }
  for (const i of [...mods.keys()].sort((a, b) => a - b)) {
    const mod = mods.get(i)!;
    if (mod.remove) {
      if (mod.key) out.removed.push(mod.key);
      continue;
    }
    const blank = !mod.title?.trim() && !(mod.domains ?? []).length && !mod.key;
    if (blank) continue;
    const { remove: _r, ...rest } = mod;
    out.modules.push(rest);
  }
  return out;
}

function intField(value: string | undefined, errors: FieldErrors, field: string, label: string, opts: { min: number; max: number; optional?: boolean; why?: string }): number | null {
  const v = (value ?? "").trim();
  if (v === "") {
    if (opts.optional) return null;
    errors[field] ??= `${label}: enter a number.`;
    return null;
  }
  const n = Number(v);
  if (!Number.isFinite(n) || !Number.isInteger(n)) {
    errors[field] ??= `${label}: “${v}” is not a whole number.`;
    return null;
  }
  if (n < opts.min || n > opts.max) {
    errors[field] ??= `${label}: ${n} is outside ${opts.min}–${opts.max}${opts.why ? ` — ${opts.why}` : ""}.`;
    return null;
  }
  return n;
}

/** Checks a program as an admin typed it; every error names the module and field. */
export function validateProgram(raw: RawProgram, catalog: ProgramCatalog, newKey: () => string): Validated {
  const errors: FieldErrors = {};
  const name = (raw.name ?? "").trim();
  if (name.length < 2) errors.name = "Program name: give it a name of at least 2 characters.";
  if (name.length > 100) errors.name = "Program name: keep it under 100 characters.";
  const description = (raw.description ?? "").trim().slice(0, 2000);
  if (!raw.modules.length) errors.modules = "Modules: add at least one module.";
  if (raw.modules.length > MAX_MODULES) errors.modules = `Modules: at most ${MAX_MODULES} modules.`;
  const modules: ModuleSpec[] = [];
  const seenKeys = new Set<string>();
  let prevDue: { days: number; title: string } | null = null;
  raw.modules.forEach((m, i) => {
    const f = (field: string) => `modules.${i}.${field}`;
    const title = (m.title ?? "").trim();
    const label = (field: string) => `Module ${i + 1}${title ? ` “${title}”` : ""}, ${field}`;
    if (title.length < 2) errors[f("title")] = `Module ${i + 1}, title: give it a title of at least 2 characters.`;
    const domains = [...new Set(m.domains ?? [])];
    const unknown = domains.filter((d) => !catalog.categories[d]);
    if (!domains.length) errors[f("domains")] = `${label("domains")}: choose at least one domain.`;
    else if (unknown.length) errors[f("domains")] = `${label("domains")}: unknown domain “${unknown[0]}”.`;
    const focus = [...new Set((m.focus ?? "").split(/[\s,]+/).map((s) => s.trim()).filter(Boolean))];
    for (const c of focus) {
      if (!domains.some((d) => catalog.categories[d]?.includes(c))) {
        errors[f("focus")] ??= `${label("focus categories")}: “${c}” is not a category of ${domains.length ? domains.join(", ") : "the module's domains"}, so no draft could ever test it.`;
      }
    }
    const dMin = intField(m.difficultyMin, errors, f("difficultyMin"), label("lowest difficulty"), { min: 1, max: 5 });
    const dMax = intField(m.difficultyMax, errors, f("difficultyMax"), label("highest difficulty"), { min: 1, max: 5 });
    if (dMin !== null && dMax !== null && dMin > dMax) errors[f("difficultyMax")] = `${label("highest difficulty")}: ${dMax} is below the lowest difficulty ${dMin}.`;
    const drafts = intField(m.drafts, errors, f("drafts"), label("number of drafts"), { min: 1, max: 100, why: "a module needs at least one draft to pass" });
    const minMean = intField(m.minMeanScore, errors, f("minMeanScore"), label("pass score"), { min: 0, max: 100, optional: true, why: "scores run from 0 to 100, so the rule could never pass" });
    const minHit = intField(m.minHitRate, errors, f("minHitRate"), label("hit rate"), { min: 0, max: 100, optional: true, why: "a hit rate is a percentage, so the rule could never pass" });
    const lastN = intField(m.lastN || m.drafts, errors, f("lastN"), label("drafts the rule looks at"), { min: 1, max: 100 });
    if (lastN !== null && drafts !== null && lastN > drafts) errors[f("lastN")] = `${label("drafts the rule looks at")}: ${lastN} is more than the module's ${drafts} drafts.`;
    if (minHit !== null && !focus.length) errors[f("minHitRate")] = `${label("hit rate")}: a hit-rate rule needs focus categories to measure.`;
    if (minMean === null && minHit === null && !errors[f("minMeanScore")] && !errors[f("minHitRate")]) {
      errors[f("minMeanScore")] = `${label("pass rule")}: set a pass score, a hit rate, or both.`;
    }
    const assigned = [...new Set((m.assigned ?? "").split(/[\s,]+/).map((s) => s.trim()).filter(Boolean))];
    for (const id of assigned) {
      const d = catalog.draftDomains?.[id];
      if (!d) errors[f("assigned")] ??= `${label("assigned drafts")}: no draft with id “${id}”.`;
      else if (!domains.includes(d)) errors[f("assigned")] ??= `${label("assigned drafts")}: draft “${id}” is a ${d} draft, not one of ${domains.join(", ")}.`;
    }
    const due = intField(m.dueDays, errors, f("dueDays"), label("due (days after start)"), { min: 0, max: 3650, optional: true, why: "a module cannot be due before the program starts" });
    if (due !== null && prevDue && due < prevDue.days) {
      errors[f("dueDays")] = `${label("due (days after start)")}: day ${due} is before the previous module “${prevDue.title}” (day ${prevDue.days}); modules unlock in order.`;
    }
    if (due !== null) prevDue = { days: due, title };
    let key = (m.key ?? "").trim();
    if (!key || seenKeys.has(key)) key = newKey();
    seenKeys.add(key);
    modules.push({
      key,
      title,
      domains,
      focusCategories: focus,
      difficultyMin: dMin ?? 1,
      difficultyMax: dMax ?? 5,
      drafts: drafts ?? 1,
      passRule: { minMeanScore: minMean, lastN: lastN ?? 1, minHitRate: minHit },
      signOff: !!m.signOff,
      assignedDraftIds: assigned,
      dueDays: due,
    });
  });
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, spec: { name, description, modules } };
}

/** The editor's starting values for a stored spec (inverse of validateProgram). */
export function rawFromSpec(spec: ProgramSpec): RawProgram {
  return {
    name: spec.name,
    description: spec.description,
    modules: spec.modules.map((m) => ({
      key: m.key,
      title: m.title,
      domains: m.domains,
      focus: m.focusCategories.join(", "),
      difficultyMin: String(m.difficultyMin),
      difficultyMax: String(m.difficultyMax),
      drafts: String(m.drafts),
      minMeanScore: m.passRule.minMeanScore === null ? "" : String(m.passRule.minMeanScore),
      lastN: String(m.passRule.lastN),
      minHitRate: m.passRule.minHitRate === null ? "" : String(m.passRule.minHitRate),
      signOff: m.signOff,
      assigned: m.assignedDraftIds.join(", "),
      dueDays: m.dueDays === null ? "" : String(m.dueDays),
    })),
  };
}

/** A start date as the admin types it: YYYY-MM-DD, a real calendar day. */
export function parseStartDate(value: string): string | null {
  const v = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return null;
  const d = new Date(`${v}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v ? null : v;
}

/** The end of the due day (UTC): a module due on day 7 may still be finished on day 7. */
export function dueAt(startDate: string, dueDays: number | null): string | null {
  if (dueDays === null) return null;
  const d = new Date(`${startDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + dueDays);
  d.setUTCHours(23, 59, 59, 999);
  return d.toISOString();
}
