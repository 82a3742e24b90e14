// Reads packs from file contents (the caller does the I/O) and reports every authoring problem
// with file and line, so a broken pack never reaches a trainee.
import { isNode, LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import type { Category, GenericOperator, Pack, SourceDoc } from "../types";
import { MAX_EDIT_LINES } from "../verification/verify";
import { contentHash } from "./hash";
import { OperatorsFileSchema, PackFileSchema, SiteSchema, SourceFileSchema } from "./schema";

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
    for (const e of doc.errors) problems.push({ file: file.path, line: e.linePos?.[0]?.line ?? 1, message: `YAML: ${e.message.split("\n")[0]}` });
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

/** All occurrences of needle in haystack (non-overlapping count is enough to prove uniqueness). */
export function occurrences(haystack: string, needle: string): number[] {
  const out: number[] = [];
  if (!needle) return out;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) out.push(i);
  return out;
}

export function compileOperator(op: Pick<GenericOperator, "pattern">): RegExp {
  return new RegExp(op.pattern, "g");
}

export function loadPacks(files: ContentFile[], minimums: PackMinimums = PRODUCT_MINIMUMS): LoadedPacks {
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
    for (const f of domainFiles.filter((x) => /^[^/]+\/sources\/[^/]+\.ya?ml$/.test(x.path))) {
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
      const text = textFile.text;
      const lineCount = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
      const [minLines, maxLines] = minimums.sourceLines;
      if (lineCount < minLines || lineCount > maxLines) {
        problems.push({ file: textPath, line: 1, message: `document has ${lineCount} lines; sources must have ${minLines}–${maxLines}` });
      }
      if (s.sites.length < minimums.sitesPerSource) problems.push({ file: f.path, line: lineOf(y, ["sites"]), message: `needs at least ${minimums.sitesPerSource} flaw sites, has ${s.sites.length}` });
      const ranges: { start: number; end: number; id: string; i: number }[] = [];
      const siteIds = new Set<string>();
      s.sites.forEach((site) => {
        const i = head.sites.findIndex((raw) => (raw as { id?: string })?.id === site.id);
        if (siteIds.has(site.id)) problems.push({ file: f.path, line: lineOf(y, ["sites", i, "id"]), message: `duplicate site id "${site.id}"` });
        siteIds.add(site.id);
        const at = occurrences(text, site.anchor);
        if (at.length === 0) problems.push({ file: f.path, line: lineOf(y, ["sites", i, "anchor"]), message: `site "${site.id}": anchor not found in ${s.text}` });
        else if (at.length > 1) problems.push({ file: f.path, line: lineOf(y, ["sites", i, "anchor"]), message: `site "${site.id}": anchor is ambiguous — found ${at.length} times in ${s.text}; add surrounding words` });
        else ranges.push({ start: at[0], end: at[0] + site.anchor.length, id: site.id, i });
        site.variants.forEach((v, j) => {
          if (!categories.has(v.category)) problems.push({ file: f.path, line: lineOf(y, ["sites", i, "variants", j, "category"]), message: `site "${site.id}": unknown category "${v.category}"` });
          const size = Math.max(site.anchor.split("\n").length, v.replacement.split("\n").length);
          if (size > MAX_EDIT_LINES) problems.push({ file: f.path, line: lineOf(y, ["sites", i, "variants", j, "replacement"]), message: `site "${site.id}": a flaw may change at most ${MAX_EDIT_LINES} lines, this one changes ${size}` });
          if (v.replacement === site.anchor) problems.push({ file: f.path, line: lineOf(y, ["sites", i, "variants", j, "replacement"]), message: `site "${site.id}": replacement equals the anchor, so nothing would change` });
        });
      });
      ranges.sort((a, b) => a.start - b.start);
      for (let k = 1; k < ranges.length; k++) {
        if (ranges[k].start < ranges[k - 1].end) {
          problems.push({ file: f.path, line: lineOf(y, ["sites", ranges[k].i, "anchor"]), message: `site "${ranges[k].id}" overlaps site "${ranges[k - 1].id}"` });
        }
      }
      sources.push({ ...s, domain, text } as SourceDoc);
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
          const applicable = sources.filter((src) => !op.formats || op.formats.includes(src.format));
          if (!applicable.some((src) => { re.lastIndex = 0; return re.test(src.text); })) {
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
