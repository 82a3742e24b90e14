import fs from "node:fs";
import path from "node:path";
import { loadPacks, PRODUCT_MINIMUMS, type ContentFile, type LoadedPacks, type PackMinimums } from "~/domain/content/load";
import { parse as parseYaml } from "yaml";
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

export function loadContent(root: string = CONTENT_ROOT, minimums: PackMinimums = PRODUCT_MINIMUMS): LoadedPacks {
  return loadPacks(readContentFiles(root), minimums);
}

let cached: LoadedPacks | undefined;

/** Packs as the app uses them, loaded once per process. */
export function packs(): LoadedPacks {
  cached ??= loadContent();
  return cached;
}

export function packFor(domain: string): Pack | undefined {
  return packs().packs.find((p) => p.domain === domain);
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
