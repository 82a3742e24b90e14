// What a pack holds, counted from its sources (for content:stats and the closing note), and
// how alike two drafts read (identical non-blank lines). Pure.
import type { Pack } from "../types";
import { drawParams } from "./instantiate";

export interface PackInventory {
  domain: string;
  sources: number;
  parametric: number;
  /** Document kinds, as format/language ("code/typescript", "code/diff", "prose/en"), most used first. */
  kinds: string[];
  sites: number;
  /** Site × option: every variant a site offers. */
  variants: number;
  operators: number;
  /** Distinct parameter names over the sources (each source's own; drawn with `seeds`). */
  parameters: number;
  decoys: number;
}

/** Seeds whose drawn parameters are counted (a module may add a name only for some draws). */
const PARAM_SEEDS = [1, 2, 3];

export function packInventory(pack: Pack): PackInventory {
  const kinds = new Map<string, number>();
  let sites = 0;
  let variants = 0;
  let parameters = 0;
  let decoys = 0;
  for (const s of pack.sources) {
    const kind = `${s.format}/${s.language}`;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    sites += s.sites.length;
    for (const site of s.sites) variants += site.variants.length;
    decoys += s.decoys?.length ?? 0;
    if (s.params) {
      const names = new Set<string>();
      for (const seed of PARAM_SEEDS) {
        try {
          for (const name of Object.keys(drawParams(s, s.params.module, seed))) names.add(name);
        } catch {
          // A seed the module cannot draw for: content:check reports it; the others still count.
        }
      }
      parameters += names.size;
    }
  }
  return {
    domain: pack.domain,
    sources: pack.sources.length,
    parametric: pack.sources.filter((s) => s.params).length,
    kinds: [...kinds.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k),
    sites,
    variants,
    operators: pack.operators.length,
    parameters,
    decoys,
  };
}

function nonBlankLines(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
}

/**
 * Share of identical non-blank lines between two texts (lines compared trimmed, each line of one
 * text matched at most once): matched lines ÷ the non-blank lines of the shorter text. 1 means the
 * shorter text's every line also stands in the other; 0 that no line does.
 */
export function sharedLineShare(a: string, b: string): number {
  const la = nonBlankLines(a);
  const lb = nonBlankLines(b);
  if (!la.length || !lb.length) return 0;
  const counts = new Map<string, number>();
  for (const l of la) counts.set(l, (counts.get(l) ?? 0) + 1);
  let shared = 0;
  for (const l of lb) {
    const n = counts.get(l) ?? 0;
    if (n > 0) {
      shared++;
      counts.set(l, n - 1);
    }
  }
  return shared / Math.min(la.length, lb.length);
}

export interface Likeness {
  /** The highest share and the pair it was found in (labels given by the caller). */
  share: number;
  pair: [string, string] | null;
}

/** The most alike pair among the texts (every pair compared). */
export function mostAlike(items: readonly { label: string; text: string }[], samePair: (a: number, b: number) => boolean): Likeness {
  let best: Likeness = { share: 0, pair: null };
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if (!samePair(i, j)) continue;
      const share = sharedLineShare(items[i].text, items[j].text);
      if (share > best.share) best = { share, pair: [items[i].label, items[j].label] };
    }
  }
  return best;
}
