import fs from "node:fs";
import path from "node:path";
import { loadPacks, PRODUCT_MINIMUMS, type ContentFile, type LoadedPacks, type LoadOptions, type PackMinimums } from "~/domain/content/load";
import { PARAM_REGISTRY } from "~/domain/content/param-registry";
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

/** Packs as the app uses them, loaded once per process. */
export function packs(): LoadedPacks {
  cached ??= loadContent();
  return cached;
}

export function packFor(domain: string): Pack | undefined {
  return packs().packs.find((p) => p.domain === domain);
}
