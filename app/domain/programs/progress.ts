// Where a trainee stands in a program: pass-rule evaluation and module states. Pure.
import { dueAt, type ModuleSpec, type PassRule, type ProgramSpec } from "./program";

/** A submitted attempt counted in a module, as the pass rule sees it. */
export interface ModuleAttempt {
  submittedAt: string;
  /** Final score 0–100 (after a published mentor review). */
  total: number;
  /** Flaws of the draft: category id and credit (0 missed … 1 found). */
  flaws: { category: string; credit: number }[];
}

export interface RuleStatus {
  submitted: number;
  required: number;
  /** Mean over the last N (null before any attempt). */
  mean: number | null;
  hitRates: { category: string; rate: number | null; flaws: number }[];
  met: boolean;
  /** One line a trainee can act on. */
  summary: string;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** `label` turns a category id into the name a trainee reads in the summary. */
export function evaluatePassRule(
  module: Pick<ModuleSpec, "drafts" | "focusCategories"> & { passRule: PassRule },
  attempts: readonly ModuleAttempt[],
  label: (category: string) => string = (c) => c,
): RuleStatus {
  const sorted = [...attempts].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  const rule = module.passRule;
  const last = sorted.slice(-rule.lastN);
  const mean = last.length ? round1(last.reduce((s, a) => s + a.total, 0) / last.length) : null;
  const hitRates = rule.minHitRate === null
    ? []
    : module.focusCategories.map((category) => {
        const flaws = last.flatMap((a) => a.flaws.filter((f) => f.category === category));
        return { category, flaws: flaws.length, rate: flaws.length ? round1((100 * flaws.reduce((s, f) => s + f.credit, 0)) / flaws.length) : null };
      });
  const enough = sorted.length >= module.drafts && last.length >= rule.lastN;
  const meanOk = rule.minMeanScore === null || (mean !== null && mean >= rule.minMeanScore);
  const hitsOk = rule.minHitRate === null || hitRates.every((h) => h.rate !== null && h.rate >= rule.minHitRate!);
  const met = enough && meanOk && hitsOk;
  const parts: string[] = [];
  if (!enough) parts.push(`${sorted.length} of ${module.drafts} drafts reviewed`);
  if (rule.minMeanScore !== null) parts.push(`mean of last ${rule.lastN}: ${mean ?? "–"} (pass at ${rule.minMeanScore})`);
  for (const h of hitRates) parts.push(`${label(h.category)} hit rate ${h.rate === null ? "not measured yet: your recent drafts had no such flaw" : `${h.rate} %`} (pass at ${rule.minHitRate} %)`);
  return { submitted: sorted.length, required: module.drafts, mean, hitRates, met, summary: (met ? "Pass rule met: " : "") + parts.join(" · ") };
}

export type ModuleState = "complete" | "awaiting-sign-off" | "current" | "locked";

/** What is stored when a module's pass rule is met (kept even if the program changes). */
export interface CompletionRecord {
  moduleKey: string;
  status: "awaiting-sign-off" | "complete" | "returned";
  passedAt: string;
  returnedAt: string | null;
  note: string | null;
}

export interface ModuleProgress {
  module: ModuleSpec;
  index: number;
  state: ModuleState;
  dueAt: string | null;
  overdue: boolean;
  dueSoon: boolean;
  rule: RuleStatus;
  completion: CompletionRecord | null;
}

const DAY = 86_400_000;

/**
 * Module states in order: a module unlocks when every module before it is complete (passed and,
 * where required, signed off). A returned module is current again; its rule counts only drafts
 * submitted after the return.
 */
export function programProgress(
  spec: ProgramSpec,
  startDate: string,
  completions: readonly CompletionRecord[],
  attemptsByModule: Readonly<Record<string, readonly ModuleAttempt[]>>,
  now: Date,
  label: (category: string) => string = (c) => c,
): ModuleProgress[] {
  const byKey = new Map(completions.map((c) => [c.moduleKey, c]));
  let open = true;
  return spec.modules.map((module, index) => {
    const completion = byKey.get(module.key) ?? null;
    const after = completion?.status === "returned" && completion.returnedAt ? completion.returnedAt : "";
    const attempts = (attemptsByModule[module.key] ?? []).filter((a) => a.submittedAt > after);
    const rule = evaluatePassRule(module, attempts, label);
    let state: ModuleState;
    if (completion?.status === "complete") state = "complete";
    else if (completion?.status === "awaiting-sign-off") state = open ? "awaiting-sign-off" : "locked";
    else state = open ? "current" : "locked";
    if (state !== "complete") open = false;
    const due = dueAt(startDate, module.dueDays);
    const finished = state === "complete" || state === "awaiting-sign-off";
    const overdue = !finished && due !== null && now.getTime() > new Date(due).getTime();
    const dueSoon = !finished && !overdue && due !== null && new Date(due).getTime() - now.getTime() < 3 * DAY;
    return { module, index, state, dueAt: due, overdue, dueSoon, rule, completion };
  });
}

/** The module the trainee works on now (current or awaiting sign-off), or null when all are complete. */
export function currentModule(progress: readonly ModuleProgress[]): ModuleProgress | null {
  return progress.find((p) => p.state === "current" || p.state === "awaiting-sign-off") ?? null;
}
