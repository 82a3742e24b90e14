// Filters shared by the mentor dashboards and the CSV exports, parsed from a query string.
import { z } from "zod";

export interface Filters {
  cohort?: string;
  domain?: string;
  trainee?: string;
  /** A program: its trainees, and only the work done inside it. */
  program?: string;
  /** A module of `program` (its stable key): only the work done inside that module. */
  module?: string;
  /** Inclusive first day, YYYY-MM-DD (UTC). */
  from?: string;
  /** Inclusive last day, YYYY-MM-DD (UTC). */
  to?: string;
}

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v);

const id = (what: string) =>
  z.preprocess(blankToUndefined, z.string().max(64, `${what} is too long`).regex(/^[A-Za-z0-9_-]+$/, `${what} must be an id from the list`).optional());

function isCalendarDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const day = (what: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, `${what} must be a date written YYYY-MM-DD, e.g. 2026-03-01`)
      .refine(isCalendarDate, `${what} is not a real calendar date`)
      .optional(),
  );

const FILTER_FIELDS = {
  cohort: id("Cohort"),
  domain: z.preprocess(blankToUndefined, z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, "Domain must be one of the listed domains").optional()),
  trainee: id("Trainee"),
  program: id("Program"),
  module: id("Module"),
  from: day("From"),
  to: day("To"),
};
const periodInOrder = (f: Filters) => !f.from || !f.to || f.from <= f.to;
const moduleHasProgram = (f: Filters) => !f.module || !!f.program;
const MODULE_NEEDS_PROGRAM = { message: "Module needs its program: choose the program too", path: ["module"] };

export const FiltersSchema = z.object(FILTER_FIELDS).refine(periodInOrder, { message: "From must be on or before To", path: ["from"] }).refine(moduleHasProgram, MODULE_NEEDS_PROGRAM);

/** The review queue: the same filters, plus its tab and score band. */
export const QueueFiltersSchema = z
  .object({
    ...FILTER_FIELDS,
    tab: z.preprocess(blankToUndefined, z.enum(["todo", "mine", "all"], { error: "Tab must be todo, mine or all" }).default("todo")),
    band: z.preprocess(blankToUndefined, z.enum(["low", "mid", "high"], { error: "Score band must be low, mid or high" }).optional()),
  })
  .refine(periodInOrder, { message: "From must be on or before To", path: ["from"] })
  .refine(moduleHasProgram, MODULE_NEEDS_PROGRAM);
export type QueueFilters = Filters & { tab: "todo" | "mine" | "all"; band?: "low" | "mid" | "high" };

export type FilterParse<F = Filters> = { ok: true; filters: F } | { ok: false; field: string | null; message: string };

/**
 * Unknown parameters are ignored; the first problem is reported in words a person can act on,
 * naming the field. One parser for every page with filters (dashboard, calibration, exports, queue).
 */
export function parseFilters(params: URLSearchParams): FilterParse;
export function parseFilters(params: URLSearchParams, schema: typeof QueueFiltersSchema): FilterParse<QueueFilters>;
export function parseFilters(params: URLSearchParams, schema: z.ZodType = FiltersSchema): FilterParse<Filters | QueueFilters> {
  const input: Record<string, string> = {};
  for (const [key, v] of params) input[key] = v;
  const r = schema.safeParse(input);
  if (r.success) {
    const filters: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r.data as object)) if (v !== undefined) filters[k] = v;
    return { ok: true, filters: filters as Filters };
  }
  const issue = r.error.issues[0];
  return { ok: false, field: issue.path.length ? String(issue.path[0]) : null, message: `Invalid filter: ${issue.message}.` };
}

/** Half-open ISO bounds for timestamps: [from 00:00, day after `to` 00:00). */
export function periodBounds(f: Pick<Filters, "from" | "to">): { start?: string; end?: string } {
  const out: { start?: string; end?: string } = {};
  if (f.from) out.start = `${f.from}T00:00:00.000Z`;
  if (f.to) out.end = new Date(Date.parse(`${f.to}T00:00:00.000Z`) + 86_400_000).toISOString();
  return out;
}

/** The same filters as a query string (for links between pages and to the exports). */
export function filtersToQuery(f: Filters, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const k of ["cohort", "domain", "trainee", "program", "module", "from", "to"] as const) if (f[k]) p.set(k, f[k]!);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : "";
}
