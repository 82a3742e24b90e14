// The executable proof of the software and data packs: runs a source's checks against the clean
// text and each flawed variant (and, for a parametric source, a sample of instantiations), and
// says per variant what proves it. Used by `content:check -- --prove` and by model generation.
import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { InstantiationError, instantiate } from "~/domain/content/instantiate";
import { applyDecoys } from "~/domain/content/decoys";
import { renderTemplate } from "~/domain/content/template";
import { SqlCheckSchema, type ProofOutcome, type SqlCheckFile } from "~/domain/proof/format";
import { splitSql, sqlOfProse } from "~/domain/proof/sql-split";
import { mainModule, postImages } from "~/domain/proof/diff-post-image";
import { cleanProblem, judgeModelEdit, judgeVariant, observeSql, type Observed } from "~/domain/proof/judge";
import type { CheckRunner } from "~/domain/proof/prove";
import type { FlawVariant, Pack, SourceDoc } from "~/domain/types";
import { CheckSandbox, DEFAULT_LIMITS, transpile, type JobFile, type SandboxLimits, type SandboxRun } from "./proof-sandbox.server";
import { SqlEngine, DEFAULT_SQL_LIMITS, type SqlLimits } from "./proof-sql.server";

export interface RunnerOptions {
  /** The content root the check files live under (`<root>/<domain>/sources/<id>.check.*`). */
  root: string;
  /** Seeds a parametric source is proven on (each variant must be proven on every one). */
  seeds: number[];
  limits?: Partial<SandboxLimits>;
  sqlLimits?: Partial<SqlLimits>;
}

export interface EditsProof {
  /** Why the clean text does not pass its own checks (then no edit is judged), else null. */
  clean: string | null;
  /** Per edited text: proven (a check failed, an error) or unproven (nothing observable changed). */
  outcomes: ProofOutcome[];
}

export interface ProofRunners {
  runners: { software: CheckRunner; data: CheckRunner };
  proveEdits(source: SourceDoc, params: Record<string, string | number>, edited: string[]): Promise<EditsProof | null>;
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
    // A decoy is correct: with every decoy shown, the text must still pass its checks.
    const decoyed = applyDecoys(inst.source.text, inst.source.decoys, 5);
    if (decoyed !== inst.source.text) {
      const wrong = cleanProblem(await observe(inst.source, inst.params, decoyed));
      if (wrong) return variants.map(() => ({ kind: "unproven", message: `with its decoys shown: ${wrong}${at}` }));
    }
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
  if (run.compileError) return { checks: [], compileError: run.compileError };
  if (run.fatal) return { checks: [], stopped: run.fatal };
  if (run.loadError) return { checks: [], broken: `the check module does not load: ${run.loadError}` };
  return { checks: run.results };
}

/**
 * A pull request is proven on the files it produces (decision 097): its first changed module shown
 * whole is the document `load()` gives; every other changed file is loadable by its path.
 */
function diffJob(sourceId: string, diff: string): { doc: { js: string; error?: string }; files: JobFile[] } | { broken: string } {
  const images = postImages(diff);
  const main = mainModule(images);
  if ("error" in main) return { broken: `${sourceId}: ${main.error}` };
  const files = images
    .filter((p) => p !== main)
    .map((p): JobFile => {
      if (p.text === undefined) return { name: p.file, js: "", unavailable: p.error ?? `${p.file} cannot be rebuilt from the diff` };
      if (!/\.[cm]?[tj]sx?$/.test(p.file)) return { name: p.file, js: "", unavailable: `${p.file} is not a TypeScript or JavaScript file` };
      const t = transpile(p.text, p.file);
      return { name: p.file, js: t.js, ...(t.error ? { error: t.error } : {}) };
    });
  return { doc: transpile(main.text ?? "", main.file), files };
}

type Observer = (params: Record<string, string | number>, text: string) => Promise<Observed>;

export function createProofRunners(options: RunnerOptions): ProofRunners {
  const sandbox = new CheckSandbox({ ...DEFAULT_LIMITS, ...options.limits });
  const engine = new SqlEngine({ ...DEFAULT_SQL_LIMITS, ...options.sqlLimits });

  /** How to run a source's checks against one text, or why they cannot run (and which file). */
  const observerFor = (source: SourceDoc): { observe: Observer } | { missing: string; file: string } => {
    if (source.domain === "software") {
      const rel = `${source.domain}/sources/${source.id}.check.ts`;
      const file = path.join(options.root, rel);
      if (!fs.existsSync(file)) return { missing: "no check module", file: rel };
      if (source.format !== "code" || (source.language !== "typescript" && source.language !== "diff")) {
        return { missing: `a ${source.format} document in ${source.language} cannot be run; declare proof: { none: …, reason: … } per variant`, file: rel };
      }
      const check = transpile(fs.readFileSync(file, "utf8"), rel);
      if (check.error) return { missing: `the check module does not compile: ${check.error}`, file: rel };
      return {
        observe: async (params, text) => {
          const job = source.language === "diff" ? diffJob(source.id, text) : { doc: transpile(text, `${source.id}.ts`), files: [] };
          if ("broken" in job) return { checks: [], broken: job.broken };
          const { doc, files } = job;
          // A document that does not compile is reported as such, never judged by its checks.
          const compileError = doc.error ?? files.find((f) => f.error)?.error;
          if (compileError) return { checks: [], compileError };
          return observeSandbox(await sandbox.run({ docJs: doc.js, files, checkJs: check.js, paramsJson: JSON.stringify(params) }));
        },
      };
    }
    const rel = `${source.domain}/sources/${source.id}.check.yaml`;
    const file = path.join(options.root, rel);
    if (source.domain !== "data" || !fs.existsSync(file)) return { missing: "no check file", file: rel };
    // A prose report is proven by the SQL it shows (its ```sql blocks); its claims are declared.
    if (source.format !== "sql" && source.format !== "prose") return { missing: `a ${source.format} document cannot be run; declare proof: { none: …, reason: … } per variant`, file: rel };
    const sqlOf = (text: string) => (source.format === "prose" ? sqlOfProse(text) : text);
    const parsed = SqlCheckSchema.safeParse(parseYaml(fs.readFileSync(file, "utf8")));
    if (!parsed.success) return { missing: `the check file is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`, file: rel };
    const checks: SqlCheckFile = parsed.data;
    return {
      observe: async (params, text) => {
        const r = (t: string) => renderTemplate(t, params);
        const cell = (v: string | number | boolean | null) => (typeof v === "string" ? r(v) : v);
        const rendered: SqlCheckFile = {
          setup: r(checks.setup),
          checks: checks.checks.map((c) => ({
            ...c,
            name: r(c.name),
            ...(c.sql ? { sql: r(c.sql) } : {}),
            ...(c.expect ? { expect: c.expect.map((row) => row.map(cell)) } : {}),
            ...(typeof c.rows === "string" ? { rows: r(c.rows) } : {}),
          })),
        };
        const variables = Object.fromEntries(Object.entries(checks.variables ?? {}).map(([k, v]) => [r(k), typeof v === "string" ? r(v) : v]));
        const run = await engine.run({
          setup: rendered.setup,
          document: splitSql(sqlOf(text), variables),
          ...(checks.result_table ? { resultTable: checks.result_table } : {}),
          checks: rendered.checks.map((c) => ({ name: c.name, ...(c.sql ? { sql: c.sql } : {}) })),
        });
        return observeSql(rendered, run);
      },
    };
  };

  const runner: CheckRunner = async (source: SourceDoc, _pack: Pack, variants: Executable[]) => {
    const o = observerFor(source);
    if ("missing" in o) return missing(source, o.file, o.missing, variants);
    return proveAll(source, variants, options.seeds, (_concrete, params, text) => o.observe(params, text));
  };
  const software = runner;
  const data = runner;

  /**
   * Model-written edits of a concrete source (its clean text and parameters): the clean text must
   * pass the source's checks, and each edited text must make one fail or the document stop with an
   * error. null when the source has no checks (the visible-change rule is then the only proof).
   */
  const proveEdits = async (source: SourceDoc, params: Record<string, string | number>, edited: string[]): Promise<EditsProof | null> => {
    if (source.domain !== "software" && source.domain !== "data") return null;
    const o = observerFor(source);
    if ("missing" in o) return null;
    const clean = cleanProblem(await o.observe(params, source.text));
    if (clean) return { clean, outcomes: [] };
    const outcomes: ProofOutcome[] = [];
    for (const text of edited) outcomes.push(judgeModelEdit(await o.observe(params, text)));
    return { clean: null, outcomes };
  };

  return {
    runners: { software, data },
    proveEdits,
    async close() {
      await Promise.all([sandbox.close(), engine.close()]);
    },
  };
}
