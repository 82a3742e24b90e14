import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { loadPacks, PRODUCT_MINIMUMS, type ContentFile, type LoadedPacks, type LoadOptions, type PackMinimums } from "~/domain/content/load";
import { PARAM_REGISTRY } from "~/domain/content/param-registry";
import { lexiconFromFiles, type Lexicon } from "~/domain/text/concepts";
import type { Pack } from "~/domain/types";

export const CONTENT_ROOT = path.resolve(process.env.REDLINE_CONTENT_DIR || "content");

/** Every file under a content root, with paths relative to it ("legal/pack.yaml"). */
export function readContentFiles(root: string = CONTENT_ROOT): ContentFile[] {
  const out: ContentFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push({ path: path.relative(root, full).split(path.sep).join("/"), text: fs.readFileSync(full, "utf8") });
    }
  };
  walk(root);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** Parametric sources take their modules from the bundled registry unless `options.params` says otherwise. */
export function loadContent(root: string = CONTENT_ROOT, minimums: PackMinimums = PRODUCT_MINIMUMS, options: LoadOptions = {}): LoadedPacks {
  return loadPacks(readContentFiles(root), minimums, { params: PARAM_REGISTRY, ...options });
}

let cached: LoadedPacks | undefined;

/**
 * Packs as the app uses them, loaded once per process. A parametric source is checked on one
 * seed here, not the loader's twelve: `npm run content:check` is the gate for content (it samples
 * many seeds), and every draft is verified as it is made, an instantiation that fails being
 * skipped. Start-up no longer pays for instantiating every source a dozen times.
 */
export function packs(): LoadedPacks {
  cached ??= loadContent(CONTENT_ROOT, PRODUCT_MINIMUMS, { sampleSeeds: APP_SAMPLE_SEEDS });
  return cached;
}

/** Seeds the app samples per parametric source when it loads the packs. */
export const APP_SAMPLE_SEEDS = 1;

export function packFor(domain: string): Pack | undefined {
  return packs().packs.find((p) => p.domain === domain);
}

// ---------------------------------------------------------------------------------------------
// Names of domains and categories, as every screen shows them.

export interface Option {
  id: string;
  name: string;
}

/** Domains with a pack, named without the pack's parenthesised note. */
export function domainOptions(): Option[] {
  return packs().packs.map((p) => ({ id: p.domain, name: p.name.replace(/\s*\(.*\)$/, "") }));
}

export function domainName(domain: string): string {
  return domainOptions().find((d) => d.id === domain)?.name ?? domain;
}

export interface CategoryInfo {
  name: string;
  domains: string[];
}

/** Category names by id; an id used by several packs (drift-from-brief) is one category. */
export function categoryInfo(): Map<string, CategoryInfo> {
  const out = new Map<string, CategoryInfo>();
  for (const p of packs().packs) {
    for (const c of p.categories) {
      const cur = out.get(c.id);
      if (cur) cur.domains.push(p.domain);
      else out.set(c.id, { name: c.name, domains: [p.domain] });
    }
  }
  return out;
}

/** "Category (Domain)", or the bare name without a domain; an unknown id shows as itself. */
export function categoryName(category: string, domain?: string): string {
  const name = categoryInfo().get(category)?.name ?? category;
  return domain ? `${name} (${domainName(domain)})` : name;
}

const lexicons = new Map<string, Lexicon>();

/** Concept sets for scoring a draft of this domain: content/concepts.yaml plus the pack's own. */
export function lexiconFor(domain: string, root: string = CONTENT_ROOT): Lexicon {
  const key = `${root}\u0000${domain}`;
  let lex = lexicons.get(key);
  if (lex === undefined) {
    const files = [...new Set([path.join(root, "concepts.yaml"), path.join(root, domain, "concepts.yaml")])]
      .filter((p) => fs.existsSync(p))
      .map((p) => ({ path: path.relative(root, p), text: fs.readFileSync(p, "utf8") }));
    const { lexicon, problems } = lexiconFromFiles(files, parseYaml);
    if (problems.length > 0) throw new Error(`concept sets: ${problems.join("; ")}`);
    lexicons.set(key, (lex = lexicon));
  }
  return lex;
}
