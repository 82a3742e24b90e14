// The executable proof of the software and data packs: runs a source's checks against the clean
// text and each flawed variant (and, for a parametric source, a sample of instantiations), and
// says per variant what proves it. Used by `content:check -- --prove` and by model generation.
import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { InstantiationError, instantiate } from "~/domain/content/instantiate";
import { renderTemplate } from "~/domain/content/template";
import { SqlCheckSchema, type ProofOutcome, type SqlCheckFile } from "~/domain/proof/format";
import { splitSql } from "~/domain/proof/sql-split";
import { cleanProblem, judgeVariant, observeSql, type Observed } from "~/domain/proof/judge";
import type { CheckRunner } from "~/domain/proof/prove";
import type { FlawVariant, Pack, SourceDoc } from "~/domain/types";
import { CheckSandbox, DEFAULT_LIMITS, transpile, type SandboxLimits, type SandboxRun } from "./proof-sandbox.server";
import { SqlEngine, DEFAULT_SQL_LIMITS, type SqlLimits } from "./proof-sql.server";

export interface RunnerOptions {
  /** The content root the check files live under (`<root>/<domain>/sources/<id>.check.*`). */
  root: string;
  /** Seeds a parametric source is proven on (each variant must be proven on every one). */
  seeds: number[];
  limits?: Partial<SandboxLimits>;
  sqlLimits?: Partial<SqlLimits>;
}

export interface ProofRunners {
  runners: { software: CheckRunner; data: CheckRunner };
  close(): Promise<void>;
}

type Executable = { siteId: string; index: number; variant: FlawVariant };

/** The document text with one site's variant applied (the anchor occurs exactly once). */
export function applyVariant(source: SourceDoc, siteId: string, index: number): string {
  const site = source.sites.find((s) => s.id === siteId);
  const variant = site?.variants[index];
  if (!site || !variant) throw new Error(`no variant ${index + 1} at site "${siteId}"`);
  const at = source.text.indexOf(site.anchor);
  if (at < 0) throw new Error(`site "${siteId}": the anchor is not in the text`);
  return source.text.slice(0, at) + variant.replacement + source.text.slice(at + site.anchor.length);
}


/** A concrete source per sampled seed (one for a plain source); broken instantiations are skipped. */
function instances(source: SourceDoc, seeds: number[]): { source: SourceDoc; params: Record<string, string | number>; seed?: number }[] {
  if (!source.params) return [{ source, params: {} }];
  const out: { source: SourceDoc; params: Record<string, string | number>; seed?: number }[] = [];
  for (const seed of seeds) {
    try {
      const i = instantiate(source, seed);
      out.push({ source: i.source, params: i.params, seed });
    } catch (e) {
      if (!(e instanceof InstantiationError)) throw e;
    }
  }
  return out;
}

/**
 * Proves each variant on every instance: the clean text must pass, the variant must be proven
 * on each; the first unproven instance decides, else the first instance's proof is reported.
 */
async function proveAll(
  source: SourceDoc,
  variants: Executable[],
  seeds: number[],
  observe: (concrete: SourceDoc, params: Record<string, string | number>, text: string) => Promise<Observed>,
): Promise<ProofOutcome[]> {
  const outcomes: (ProofOutcome | null)[] = variants.map(() => null);
  const insts = instances(source, seeds);
  if (!insts.length) return variants.map(() => ({ kind: "unproven", message: `${source.id}: no sampled instantiation can be built` }));
  for (const inst of insts) {
    const at = inst.seed === undefined ? "" : ` (seed ${inst.seed})`;
    const clean = cleanProblem(await observe(inst.source, inst.params, inst.source.text));
    if (clean) return variants.map(() => ({ kind: "unproven", message: `${clean}${at}` }));
    for (let i = 0; i < variants.length; i++) {
      const prior = outcomes[i];
      if (prior?.kind === "unproven") continue;
      const e = variants[i];
      const concrete = inst.source.sites.find((s) => s.id === e.siteId)?.variants[e.index];
      const outcome = judgeVariant(await observe(inst.source, inst.params, applyVariant(inst.source, e.siteId, e.index)), concrete?.proof ?? e.variant.proof);
      if (outcome.kind === "unproven") outcomes[i] = { kind: "unproven", message: `${outcome.message}${at}` };
      else if (!prior) outcomes[i] = outcome;
    }
  }
  return outcomes.map((o) => o ?? { kind: "unproven", message: "not run" });
}

function missing(source: SourceDoc, file: string, why: string, variants: Executable[]): ProofOutcome[] {
  return variants.map(() => ({ kind: "unproven", message: `${why} (${file})` }));
}

export function observeSandbox(run: SandboxRun): Observed {
  if (run.fatal) return { checks: [], stopped: run.fatal };
  if (run.loadError) return { checks: [], broken: `the check module does not load: ${run.loadError}` };
  return { checks: run.results };
}

export function createProofRunners(options: RunnerOptions): ProofRunners {
  const sandbox = new CheckSandbox({ ...DEFAULT_LIMITS, ...options.limits });
  const engine = new SqlEngine({ ...DEFAULT_SQL_LIMITS, ...options.sqlLimits });

  const software: CheckRunner = async (source: SourceDoc, _pack: Pack, variants: Executable[]) => {
    const rel = `${source.domain}/sources/${source.id}.check.ts`;
    const file = path.join(options.root, rel);
    if (!fs.existsSync(file)) return missing(source, rel, "no check module", variants);
    if (source.format !== "code" || source.language !== "typescript") {
      return missing(source, rel, `a ${source.format} document in ${source.language} cannot be run; declare proof: { none: …, reason: … } per variant`, variants);
    }
    const check = transpile(fs.readFileSync(file, "utf8"), rel);
    if (check.error) return missing(source, rel, `the check module does not compile: ${check.error}`, variants);
    return proveAll(source, variants, options.seeds, async (_concrete, params, text) => {
      const doc = transpile(text, `${source.id}.ts`);
      return observeSandbox(await sandbox.run({ docJs: doc.js, ...(doc.error ? { docError: doc.error } : {}), checkJs: check.js, paramsJson: JSON.stringify(params) }));
    });
  };

  const data: CheckRunner = async (source: SourceDoc, _pack: Pack, variants: Executable[]) => {
    const rel = `${source.domain}/sources/${source.id}.check.yaml`;
    const file = path.join(options.root, rel);
    if (!fs.existsSync(file)) return missing(source, rel, "no check file", variants);
    if (source.format !== "sql") return missing(source, rel, `a ${source.format} document cannot be run; declare proof: { none: …, reason: … } per variant`, variants);
    const parsed = SqlCheckSchema.safeParse(parseYaml(fs.readFileSync(file, "utf8")));
    if (!parsed.success) return missing(source, rel, `the check file is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`, variants);
    const checks: SqlCheckFile = parsed.data;
    return proveAll(source, variants, options.seeds, async (_concrete, params, text) => {
      const r = (t: string) => renderTemplate(t, params);
      const cell = (v: string | number | boolean | null) => (typeof v === "string" ? r(v) : v);
      const rendered: SqlCheckFile = {
        setup: r(checks.setup),
        checks: checks.checks.map((c) => ({ ...c, name: r(c.name), ...(c.sql ? { sql: r(c.sql) } : {}), expect: c.expect.map((row) => row.map(cell)) })),
      };
      const run = await engine.run({ setup: rendered.setup, document: splitSql(text), checks: rendered.checks.map((c) => ({ name: c.name, ...(c.sql ? { sql: c.sql } : {}) })) });
      return observeSql(rendered, run);
    });
  };

  return {
    runners: { software, data },
    async close() {
      await Promise.all([sandbox.close(), engine.close()]);
    },
  };
}
