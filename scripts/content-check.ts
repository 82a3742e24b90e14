// npm run content:check [-- --root DIR] [--no-minimums]: validates every pack; each problem as file:line: message.
import path from "node:path";
import { NO_MINIMUMS, PRODUCT_MINIMUMS } from "~/domain/content/load";
import { echoPhrases } from "~/domain/scoring/rubric-check";
import { loadContent } from "~/models/content.server";

const args = process.argv.slice(2);
const rootIdx = args.indexOf("--root");
const root = path.resolve(rootIdx >= 0 && args[rootIdx + 1] ? args[rootIdx + 1] : "content");

// --no-minimums: check the format only (for small packs in tests), not the product's counts.
const { packs, problems } = loadContent(root, args.includes("--no-minimums") ? NO_MINIMUMS : PRODUCT_MINIMUMS);
const rel = path.relative(process.cwd(), root) || ".";
for (const p of problems) console.log(`${rel}/${p.file}:${p.line}: ${p.message}`);
for (const pack of packs) {
  const sites = pack.sources.reduce((n, s) => n + s.sites.length, 0);
  const variants = pack.sources.reduce((n, s) => n + s.sites.reduce((m, x) => m + x.variants.length, 0), 0);
  console.log(
    `${pack.domain.padEnd(9)} ${String(pack.categories.length).padStart(3)} categories ${String(pack.sources.length).padStart(3)} sources ${String(sites).padStart(4)} sites ${String(variants).padStart(4)} variants ${String(pack.operators.length).padStart(3)} operators`,
  );
}
// Rubric phrases a quote of the flawed line would "cover": warnings (the matcher skips them when
// the key point has a better phrase); --echo lists every one.
for (const pack of packs) {
  const echoes = echoPhrases(pack);
  for (const e of echoes.filter((x) => x.keyPointHasNoOtherPhrase || args.includes("--echo"))) {
    const why = e.keyPointHasNoOtherPhrase ? "every phrase of this key point only repeats the flawed line or generic words" : "phrase only repeats the flawed line or generic words";
    console.log(`warning: ${rel}/${pack.domain}/sources/${e.sourceId}.yaml: site ${e.siteId} variant ${e.variant}, key point "${e.keyPoint}": ${why}: "${e.phrase}"`);
  }
  if (echoes.length) console.log(`${pack.domain}: ${echoes.length} rubric phrases only repeat the flawed line or generic words (list them with --echo)`);
}
if (problems.length) {
  console.log(`\n${problems.length} problem${problems.length === 1 ? "" : "s"} found.`);
  process.exit(1);
}
console.log("\nAll packs are valid.");
