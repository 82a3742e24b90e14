// The rules every concrete document of a pack must keep: a plain source as written, or each
// instantiation of a parametric one. Split from load.ts, which reads and validates the files.
import type { Category, FlawSite, SourceDoc } from "../types";
import { MAX_EDIT_LINES } from "../verification/verify";
import { occurrences } from "../text/find";
import { editLines } from "../text/lines";
import { decoyProblems } from "./decoys";
import type { ContentProblem, PackMinimums } from "./load";

/** The rules for one concrete document (a plain source, or one instantiation of a parametric one). */
export function checkConcrete(
  doc: SourceDoc,
  textPath: string,
  textName: string,
  yamlPath: string,
  yamlLine: (path: (string | number)[]) => number,
  siteIndex: (id: string) => number,
  categories: Map<string, Category>,
  minimums: PackMinimums,
  report: (key: string, problem: ContentProblem) => void,
) {
  const text = doc.text;
  const lineCount = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
  const [minLines, maxLines] = minimums.sourceLines;
  if (lineCount < minLines || lineCount > maxLines) {
    report("lines", { file: textPath, line: 1, message: `document has ${lineCount} lines; sources must have ${minLines}–${maxLines}` });
  }
  if (doc.sites.length < minimums.sitesPerSource) report("sites", { file: yamlPath, line: yamlLine(["sites"]), message: `needs at least ${minimums.sitesPerSource} flaw sites, has ${doc.sites.length}` });
  const ranges: { start: number; end: number; id: string; i: number }[] = [];
  const siteIds = new Set<string>();
  doc.sites.forEach((site: FlawSite) => {
    const i = siteIndex(site.id);
    if (siteIds.has(site.id)) report(`dup:${site.id}`, { file: yamlPath, line: yamlLine(["sites", i, "id"]), message: `duplicate site id "${site.id}"` });
    siteIds.add(site.id);
    const at = occurrences(text, site.anchor);
    if (at.length === 0) report(`anchor:${site.id}`, { file: yamlPath, line: yamlLine(["sites", i, "anchor"]), message: `site "${site.id}": anchor not found in ${textName}` });
    else if (at.length > 1) report(`anchor:${site.id}`, { file: yamlPath, line: yamlLine(["sites", i, "anchor"]), message: `site "${site.id}": anchor is ambiguous — found ${at.length} times in ${textName}; add surrounding words` });
    else ranges.push({ start: at[0], end: at[0] + site.anchor.length, id: site.id, i });
    site.variants.forEach((v, j) => {
      if (!categories.has(v.category)) report(`cat:${site.id}:${j}`, { file: yamlPath, line: yamlLine(["sites", i, "variants", j, "category"]), message: `site "${site.id}": unknown category "${v.category}"` });
      const size = editLines(site.anchor, v.replacement);
      if (size > MAX_EDIT_LINES) report(`size:${site.id}:${j}`, { file: yamlPath, line: yamlLine(["sites", i, "variants", j, "replacement"]), message: `site "${site.id}": a flaw may change at most ${MAX_EDIT_LINES} lines, this one changes ${size}` });
      if (v.replacement === site.anchor) report(`same:${site.id}:${j}`, { file: yamlPath, line: yamlLine(["sites", i, "variants", j, "replacement"]), message: `site "${site.id}": replacement equals the anchor, so nothing would change` });
    });
  });
  for (const p of decoyProblems(doc)) {
    report(`decoy:${p.message}`, { file: yamlPath, line: yamlLine(p.index < 0 ? ["decoys"] : ["decoys", p.index, "anchor"]), message: p.message });
  }
  ranges.sort((a, b) => a.start - b.start);
  for (let k = 1; k < ranges.length; k++) {
    if (ranges[k].start < ranges[k - 1].end) {
      report(`overlap:${ranges[k].id}`, { file: yamlPath, line: yamlLine(["sites", ranges[k].i, "anchor"]), message: `site "${ranges[k].id}" overlaps site "${ranges[k - 1].id}"` });
    }
  }
}
