// Turns what the check runners observed into a proof outcome per variant. Pure: the runners
// (app/models/proof-runner.server.ts) execute, this decides what the execution proves.
import type { SqlCheckFile } from "./format";
import type { ProofOutcome } from "./format";
import { compareRows, showRows } from "./sql-compare";
import type { VariantProof } from "../types";

/** One check's result against one text. */
export interface ObservedCheck {
  name: string;
  ok: boolean;
  message: string;
}

/** What a run against one text observed: check results, or why no check ran. */
export interface Observed {
  checks: ObservedCheck[];
  /** The run could not start its checks (the check module or the SQL setup failed). */
  broken?: string;
  /** The run was stopped (time limit, memory limit, crash). */
  stopped?: string;
  /** SQL: the document itself failed with this error. */
  documentError?: string;
  /** TypeScript: the document does not compile (its checks could only see a SyntaxError). */
  compileError?: string;
}

/** Why the clean text does not pass, or null when every check passes on it. */
export function cleanProblem(clean: Observed): string | null {
  if (clean.stopped) return `the clean text's run was ${clean.stopped}`;
  if (clean.broken) return clean.broken;
  if (clean.compileError) return `the clean text does not compile: ${clean.compileError}`;
  if (clean.documentError) return `the clean document fails: ${clean.documentError}`;
  const failed = clean.checks.find((c) => !c.ok);
  return failed ? `the clean text fails check "${failed.name}": ${failed.message}` : null;
}

function errorPattern(pattern: string): RegExp {
  try {
    return new RegExp(pattern, "i");
  } catch {
    return new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i");
  }
}

/** The outcome for a flawed text, given the clean text passed. */
export function judgeVariant(observed: Observed, proof: VariantProof | undefined): ProofOutcome {
  // Checked first: a failing check that only saw a SyntaxError proves nothing about the flaw.
  if (observed.compileError) return { kind: "does-not-compile", message: observed.compileError };
  if (observed.stopped) return { kind: "unproven", message: observed.stopped };
  if (observed.broken) return { kind: "unproven", message: observed.broken };
  const failed = observed.checks.filter((c) => !c.ok);
  if (proof && "error" in proof) {
    const re = errorPattern(proof.error);
    if (observed.documentError !== undefined) {
      return re.test(observed.documentError)
        ? { kind: "error", message: observed.documentError }
        : { kind: "unproven", message: `the flawed document fails with "${observed.documentError}", which does not match the declared error /${proof.error}/` };
    }
    const hit = failed.find((c) => re.test(c.message));
    if (hit) return { kind: "error", message: `${hit.name}: ${hit.message}` };
    return { kind: "unproven", message: failed.length ? `checks fail, but none with an error matching /${proof.error}/ (first: "${failed[0].name}": ${failed[0].message})` : `every check passes; no error matching /${proof.error}/` };
  }
  if (observed.documentError !== undefined) {
    return { kind: "unproven", message: `the flawed document fails with "${observed.documentError}"; if that failure is the flaw, declare proof: { error: "<pattern>" }` };
  }
  if (failed.length) return { kind: "check-failed", check: failed[0].name, message: failed[0].message };
  return { kind: "unproven", message: "every check passes on the flawed text: the flaw changes nothing the checks observe" };
}

/**
 * A model-written edit (no `proof:` declaration to consult): proven when a check fails, or when the
 * edited document errors or is stopped while the clean one passed (an invented function, a loop
 * that never ends); otherwise it changes nothing observable.
 */
export function judgeModelEdit(observed: Observed): ProofOutcome {
  if (observed.compileError) return { kind: "does-not-compile", message: observed.compileError };
  if (observed.stopped) return { kind: "error", message: observed.stopped };
  if (observed.broken) return { kind: "error", message: observed.broken };
  if (observed.documentError !== undefined) return { kind: "error", message: observed.documentError };
  const failed = observed.checks.find((c) => !c.ok);
  if (failed) return { kind: "check-failed", check: failed.name, message: failed.message };
  return { kind: "unproven", message: "changes nothing observable: every check of the source passes on the edited text" };
}

/** SQL: each check's expected rows against what the engine returned. */
export function observeSql(
  file: SqlCheckFile,
  run: { setupError?: string; documentError?: string; fatal?: string; checks: { name: string; rows?: { rows: unknown[][] }; error?: string }[] },
): Observed {
  if (run.fatal) return { checks: [], stopped: run.fatal };
  if (run.setupError) return { checks: [], broken: `the check's setup fails: ${run.setupError}` };
  if (run.documentError !== undefined) return { checks: [], documentError: run.documentError };
  const checks = file.checks.map((c, i): ObservedCheck => {
    const r = run.checks[i];
    if (!r) return { name: c.name, ok: false, message: "did not run" };
    if (r.error !== undefined) return { name: c.name, ok: false, message: `the query fails: ${r.error}` };
    const got = r.rows?.rows ?? [];
    if (c.rows !== undefined) {
      const want = Number(c.rows);
      if (!Number.isInteger(want) || want < 0) return { name: c.name, ok: false, message: `rows must be a whole number, got "${c.rows}"` };
      return { name: c.name, ok: got.length === want, message: got.length === want ? "" : `expected ${want} rows, got ${got.length}: ${showRows(got)}` };
    }
    const diff = compareRows(c.expect ?? [], got, c.unordered);
    return { name: c.name, ok: diff === null, message: diff ?? "" };
  });
  return { checks };
}
