// Reads packs from file contents (the caller does the I/O) and reports every authoring problem
// with file and line, so a broken pack never reaches a trainee.
import { isNode, LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import { SqlCheckSchema } from "../proof/format";
import type { Category, GenericOperator, Pack, SourceDoc } from "../types";
import { checkConcrete } from "./concrete-check";
import { contentHash } from "./hash";
import { failedRelations, InstantiationError, instantiate, paramSeed } from "./instantiate";
import { createKit, type ParamRegistry } from "./param-kit";
import { OperatorsFileSchema, PackFileSchema, SiteSchema, SourceFileSchema } from "./schema";
import { templateProblems } from "./template";

export interface ContentFile {
  /** Path relative to the content root, e.g. "legal/sources/mutual-nda.yaml". */
  path: string;
  text: string;
}

export interface ContentProblem {
  file: string;
  line: number;
  message: string;
}

export interface PackMinimums {
  categories: number;
  sources: number;
  sitesPerSource: number;
  operators: number;
  sourceLines: [number, number];
}

export const PRODUCT_MINIMUMS: PackMinimums = { categories: 8, sources: 6, sitesPerSource: 5, operators: 5, sourceLines: [30, 200] };
export const NO_MINIMUMS: PackMinimums = { categories: 0, sources: 0, sitesPerSource: 0, operators: 0, sourceLines: [1, 100000] };

export interface LoadOptions {
  /** Parameter modules of parametric sources, per domain and source id (the app's static index). */
  params?: ParamRegistry;
  /** Seeds each parametric source is instantiated with while checking (content:check uses more). */
  sampleSeeds?: number;
}

/** Seeds the app checks each parametric source with when it loads the packs. */
export const DEFAULT_SAMPLE_SEEDS = 12;

/** A source yaml, not a check file beside it. */
const SOURCE_YAML = /^[^/]+\/sources\/[^/]+(?<!\.check)\.ya?ml$/;
const PARAMS_FILE = /^[^/]+\/sources\/([^/]+)\.params\.ts$/;
const CHECK_FILE = /^[^/]+\/sources\/([^/]+)\.check\.(ts|ya?ml)$/;

/** 1-based line of an offset in a text. */
function lineAtOffset(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** The line of a parameter module an error came from (its stack names the file), else 1. */
function lineInStack(error: unknown, file: string): number {
  const stack = (error as Error)?.stack ?? "";
  const name = file.split("/").pop()!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`${name}:(\\d+)`).exec(stack);
  return m ? Number(m[1]) : 1;
}

/** The line where `needle` first appears in a text, else 1. */
function lineOfText(text: string, needle: string): number {
  const at = text.indexOf(needle);
  return at < 0 ? 1 : lineAtOffset(text, at);
}

export interface LoadedPacks {
  packs: Pack[];
  /** contentHash per domain */
  hashes: Record<string, string>;
  problems: ContentProblem[];
}

interface ParsedYaml {
  doc: Document.Parsed;
  lc: LineCounter;
  file: string;
}

function lineOf(p: ParsedYaml, path: (string | number)[]): number {
  for (let n = path.length; n >= 0; n--) {
    const node = p.doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return p.lc.linePos(node.range[0]).line;
  }
  return 1;
}

function parseYaml(file: ContentFile, problems: ContentProblem[]): ParsedYaml | null {
  const lc = new LineCounter();
  const doc = parseDocument(file.text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length) {
    for (const e of doc.errors) {
      const line = e.linePos?.[0]?.line ?? lc.linePos(e.pos[0]).line;
      const text = file.text.split("\n")[line - 1] ?? "";
      // `key: {{x}} …` reads as a YAML flow mapping: the classic slip in a parametric source.
      const tip = /:\s+\{\{/.test(text) ? " (a value that starts with {{ must be quoted)" : "";
      problems.push({ file: file.path, line, message: `YAML: ${e.message.split("\n")[0]}${tip}` });
    }
    return null;
  }
  return { doc, lc, file: file.path };
}

function validate<T extends z.ZodTypeAny>(
  p: ParsedYaml,
  schema: T,
  problems: ContentProblem[],
  value: unknown = p.doc.toJS(),
  prefix: (string | number)[] = [],
): z.infer<T> | null {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = [...prefix, ...(issue.path as (string | number)[])];
    problems.push({ file: p.file, line: lineOf(p, path), message: `${path.join(".") || "(file)"}: ${issue.message}` });
  }
  return null;
}

export function compileOperator(op: Pick<GenericOperator, "pattern">): RegExp {
  return new RegExp(op.pattern, "g");
}

export function loadPacks(files: ContentFile[], minimums: PackMinimums = PRODUCT_MINIMUMS, options: LoadOptions = {}): LoadedPacks {
  const problems: ContentProblem[] = [];
  const byPath = new Map(files.map((f) => [f.path, f]));
  // Packs are folders; files at the top (concepts.yaml, the shared thesaurus) are not packs.
  const domains = [...new Set(files.filter((f) => f.path.includes("/")).map((f) => f.path.split("/")[0]))].sort();
  const packs: Pack[] = [];
  const hashes: Record<string, string> = {};

  for (const domain of domains) {
    const domainFiles = files.filter((f) => f.path.startsWith(`${domain}/`)).sort((a, b) => a.path.localeCompare(b.path));
    hashes[domain] = contentHash(domainFiles.flatMap((f) => [f.path, f.text]));
    const packPath = `${domain}/pack.yaml`;
    const packFile = byPath.get(packPath);
    if (!packFile) {
      problems.push({ file: packPath, line: 1, message: "missing pack.yaml" });
      continue;
    }
    const packYaml = parseYaml(packFile, problems);
    const meta = packYaml ? validate(packYaml, PackFileSchema, problems) : null;
    if (!meta || !packYaml) continue;
    if (meta.domain !== domain) problems.push({ file: packPath, line: lineOf(packYaml, ["domain"]), message: `domain "${meta.domain}" must equal the folder name "${domain}"` });

    const categories = new Map<string, Category>();
    meta.categories.forEach((c, i) => {
      if (categories.has(c.id)) problems.push({ file: packPath, line: lineOf(packYaml, ["categories", i, "id"]), message: `duplicate category id "${c.id}"` });
      categories.set(c.id, c);
    });
    if (categories.size < minimums.categories) problems.push({ file: packPath, line: lineOf(packYaml, ["categories"]), message: `needs at least ${minimums.categories} categories, has ${categories.size}` });
    if (minimums.categories > 0) {
      for (const family of ["drift", "hallucination", "overclaim"] as const) {
        if (![...categories.values()].some((c) => c.family === family)) {
          problems.push({ file: packPath, line: lineOf(packYaml, ["categories"]), message: `needs a category of the "${family}" family` });
        }
      }
    }

    const sources: SourceDoc[] = [];
    /** A concrete text per source (the first instantiation of a parametric one), for operator checks. */
    const sampleText = new Map<SourceDoc, string>();
    const registry = options.params?.[domain] ?? {};
    const declaredParams = new Set<string>();
    for (const f of domainFiles.filter((x) => SOURCE_YAML.test(x.path))) {
      const y = parseYaml(f, problems);
      const head = y ? validate(y, SourceFileSchema, problems) : null;
      if (!head || !y) continue;
      const sites = head.sites
        .map((raw, i) => validate(y, SiteSchema, problems, raw, ["sites", i]))
        .filter((x): x is z.infer<typeof SiteSchema> => x !== null);
      const s = { ...head, sites };
      const fileId = f.path.split("/").pop()!.replace(/\.ya?ml$/, "");
      if (s.id !== fileId) problems.push({ file: f.path, line: lineOf(y, ["id"]), message: `id "${s.id}" must equal the file name "${fileId}"` });
      const textPath = `${domain}/sources/${s.text}`;
      const textFile = byPath.get(textPath);
      if (!textFile) {
        problems.push({ file: f.path, line: lineOf(y, ["text"]), message: `clean text file "${s.text}" not found beside it` });
        continue;
      }
      const siteIndex = (id: string) => head.sites.findIndex((raw) => (raw as { id?: string })?.id === id);
      const source = { ...s, domain, text: textFile.text } as SourceDoc;
      delete (source as { params?: unknown }).params;
      if (!source.decoys) delete source.decoys;

      // A concrete document: the source itself, or each sampled instantiation of a parametric one.
      let concretes: { doc: SourceDoc; seed?: number }[] = [{ doc: source }];
      if (s.params) {
        const paramsPath = `${domain}/sources/${s.params}`;
        declaredParams.add(s.id);
        const module = registry[s.id];
        if (!byPath.has(paramsPath)) {
          problems.push({ file: f.path, line: lineOf(y, ["params"]), message: `parameter module "${s.params}" not found beside it` });
          continue;
        }
        if (!module) {
          problems.push({ file: f.path, line: lineOf(y, ["params"]), message: `parameter module "${s.params}" is not registered in ${domain}/params.index.ts` });
          continue;
        }
        source.params = { file: s.params, module };
        const paramsText = byPath.get(paramsPath)!.text;
        // Undefined parameters and formats, named where they are written (checked on seed 0's draw).
        const before = problems.length;
        let params0: Record<string, string | number> | null = null;
        try {
          params0 = module.draw(createKit(paramSeed(source, 0)));
        } catch {
          params0 = null; // reported with its line by the seed loop below
        }
        if (params0) {
          const params = params0;
          for (const t of templateProblems(source.text, params)) problems.push({ file: textPath, line: lineAtOffset(source.text, t.at), message: t.message });
          for (const key of ["title", "brief"] as const) for (const t of templateProblems(source[key], params)) problems.push({ file: f.path, line: lineOf(y, [key]), message: `${key}: ${t.message}` });
          (source.decoys ?? []).forEach((d, i) => {
            for (const field of ["anchor", "replacement", "why"] as const) {
              for (const t of templateProblems(d[field], params)) problems.push({ file: f.path, line: lineOf(y, ["decoys", i, field]), message: `decoy "${d.id}": ${field}: ${t.message}` });
            }
          });
          source.sites.forEach((site) => {
            const i = siteIndex(site.id);
            for (const t of templateProblems(site.anchor, params)) problems.push({ file: f.path, line: lineOf(y, ["sites", i, "anchor"]), message: `site "${site.id}": anchor: ${t.message}` });
            site.variants.forEach((v, j) => {
              const at = (...field: (string | number)[]) => lineOf(y, ["sites", i, "variants", j, ...field]);
              const fields: [(string | number)[], string][] = [
                [["replacement"], v.replacement],
                [["explanation"], v.explanation],
                [["hint"], v.hint ?? ""],
                ...v.keyPoints.map((k, n): [(string | number)[], string] => [["keyPoints", n], [k.text, ...k.phrases].join("\n")]),
                ...(v.proof && "none" in v.proof ? [[["proof", "reason"], v.proof.reason] as [(string | number)[], string]] : []),
              ];
              for (const [field, text] of fields) {
                for (const t of templateProblems(text, params)) problems.push({ file: f.path, line: at(...field), message: `site "${site.id}": ${field.join(".")}: ${t.message}` });
              }
              if (v.proof && "recompute" in v.proof) {
                for (const [k, val] of Object.entries(v.proof.recompute)) {
                  if (!(k in params)) problems.push({ file: f.path, line: at("proof"), message: `site "${site.id}": proof.recompute names undefined parameter "${k}"` });
                  if (typeof val === "string" && !(val in params)) problems.push({ file: f.path, line: at("proof"), message: `site "${site.id}": proof.recompute: "${val}" is not a parameter` });
                }
              }
            });
          });
        }
        const templateBroken = problems.length > before;
        concretes = [];
        const reported = new Set<string>();
        const once = (key: string, problem: ContentProblem) => {
          if (reported.has(key)) return;
          reported.add(key);
          problems.push(problem);
        };
        for (let seed = 0; seed < (options.sampleSeeds ?? DEFAULT_SAMPLE_SEEDS); seed++) {
          let inst;
          try {
            inst = instantiate(source, seed);
          } catch (e) {
            if (!(e instanceof InstantiationError)) throw e;
            const thrown = /^the parameter function|^parameter "/.test(e.reason);
            if (thrown) once(`draw:${e.reason}`, { file: paramsPath, line: lineInStack(e.cause, paramsPath), message: `${e.reason} (seed ${seed})` });
            // A broken template is named where it is written (above); another seed's draw may
            // lack a parameter seed 0 had.
            else if (!templateBroken) once(`tpl:${e.reason}`, { file: f.path, line: 1, message: `${e.reason} (seed ${seed})` });
            continue;
          }
          for (const rel of failedRelations(module, inst.params)) {
            once(`rel:${rel}`, { file: paramsPath, line: lineOfText(paramsText, rel), message: `relation "${rel}" does not hold — the figures do not foot (seed ${seed})` });
          }
          concretes.push({ doc: inst.source, seed });
        }
      }
      if (!source.params) {
        source.sites.forEach((site) =>
          site.variants.forEach((v, j) => {
            if (v.proof && "recompute" in v.proof) {
              problems.push({ file: f.path, line: lineOf(y, ["sites", siteIndex(site.id), "variants", j, "proof"]), message: `site "${site.id}": proof.recompute needs a parametric source (params:)` });
            }
          }),
        );
      }
      if (!concretes.length) continue;

      const reported = new Set<string>();
      for (const { doc, seed } of concretes) {
        const at = seed === undefined ? "" : ` (seed ${seed})`;
        const report = (key: string, problem: ContentProblem) => {
          if (reported.has(key)) return;
          reported.add(key);
          problems.push({ ...problem, message: problem.message + at });
        };
        checkConcrete(doc, textPath, s.text, f.path, (path) => lineOf(y, path), siteIndex, categories, minimums, report);
      }
      sampleText.set(source, concretes[0].doc.text);
      sources.push(source);
    }
    // Every parameter module belongs to a source that declares it, and is registered.
    for (const f of domainFiles) {
      const m = PARAMS_FILE.exec(f.path);
      if (m && !declaredParams.has(m[1])) problems.push({ file: f.path, line: 1, message: `no source declares "params: ${m[1]}.params.ts"` });
      const c = CHECK_FILE.exec(f.path);
      if (c) {
        if (!byPath.has(`${domain}/sources/${c[1]}.yaml`)) problems.push({ file: f.path, line: 1, message: `check file for an unknown source "${c[1]}"` });
        if (c[2] !== "ts") {
          const y = parseYaml(f, problems);
          if (y) validate(y, SqlCheckSchema, problems);
        }
      }
    }
    if (sources.length < minimums.sources) problems.push({ file: packPath, line: 1, message: `needs at least ${minimums.sources} source documents, has ${sources.length}` });

    const operators: GenericOperator[] = [];
    const opPath = `${domain}/operators.yaml`;
    const opFile = byPath.get(opPath);
    if (!opFile) {
      if (minimums.operators > 0) problems.push({ file: opPath, line: 1, message: "missing operators.yaml" });
    } else {
      const y = parseYaml(opFile, problems);
      const parsed = y ? validate(y, OperatorsFileSchema, problems) : null;
      if (parsed && y) {
        parsed.operators.forEach((op, i) => {
          let re: RegExp;
          try {
            re = compileOperator(op);
          } catch (e) {
            problems.push({ file: opPath, line: lineOf(y, ["operators", i, "pattern"]), message: `operator "${op.id}": invalid regular expression: ${(e as Error).message}` });
            return;
          }
          if (!categories.has(op.category)) problems.push({ file: opPath, line: lineOf(y, ["operators", i, "category"]), message: `operator "${op.id}": unknown category "${op.category}"` });
          // `{1}`..`{9}` in its texts name the pattern's capture groups.
          const groups = new RegExp(`${op.pattern}|`).exec("")!.length - 1;
          const texts: [string, (string | number)[]][] = [
            [op.explanation, ["operators", i, "explanation"]],
            ...(op.hint ? [[op.hint, ["operators", i, "hint"]] as [string, (string | number)[]]] : []),
            ...op.keyPoints.map((k, j): [string, (string | number)[]] => [k.text, ["operators", i, "keyPoints", j, "text"]]),
          ];
          for (const [text, path] of texts) {
            for (const m of text.matchAll(/\{([1-9])\}/g)) {
              if (Number(m[1]) > groups) problems.push({ file: opPath, line: lineOf(y, path), message: `operator "${op.id}": {${m[1]}} names capture group ${m[1]}, but the pattern has ${groups}` });
            }
          }
          const applicable = sources.filter((src) => !op.formats || op.formats.includes(src.format));
          if (!applicable.some((src) => { re.lastIndex = 0; return re.test(sampleText.get(src) ?? src.text); })) {
            problems.push({ file: opPath, line: lineOf(y, ["operators", i, "pattern"]), message: `operator "${op.id}" matches no source of the pack` });
          }
          operators.push(op as GenericOperator);
        });
        if (operators.length < minimums.operators) problems.push({ file: opPath, line: 1, message: `needs at least ${minimums.operators} operators, has ${operators.length}` });
      }
    }
    packs.push({ domain, name: meta.name, description: meta.description, categories: [...categories.values()] as Category[], sources, operators });
  }
  return { packs, hashes, problems };
}
