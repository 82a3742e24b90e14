// npm run content:check [-- --root DIR] [--no-minimums] [--seeds N] [--source ID] [--prove [--ci]]
// Validates every pack; each problem as file:line: message (with the seed for parametric sources).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { isNode, LineCounter, parseDocument, type Document } from "yaml";
import { InstantiationError } from "~/domain/content/instantiate";
import { NO_MINIMUMS, PRODUCT_MINIMUMS, type ContentProblem } from "~/domain/content/load";
import type { ParamModule, ParamRegistry } from "~/domain/content/param-kit";
import { PARAM_REGISTRY } from "~/domain/content/param-registry";
import { generateDraft } from "~/domain/generation/generate";
import { provePack, tally, type VariantProofResult } from "~/domain/proof/prove";
import { verifyDraft } from "~/domain/verification/verify";
import { echoPhrases } from "~/domain/scoring/rubric-check";
import { packTells } from "~/domain/content/lint";
import { CONTENT_ROOT, loadContent } from "~/models/content.server";

const USAGE = `Usage: npm run content:check -- [options]

  --root DIR       content root (default: content)
  --no-minimums    check the format only, not the product's minimum counts
  --seeds N        instantiations checked per parametric source (default 100)
  --source ID      only this source for instantiation and proof checks
  --prove          also prove every flaw variant (software, data, finance) and print the tally
  --ci             with --prove: fail only on unproven variants of sources under proof (a software
                   or data source with a check file, a parametric finance source); unproven
                   variants of sources not under proof yet are listed but do not fail. A flawed
                   variant that does not compile always fails
  --time-limit S   seconds one text's checks may run before they are stopped (default 20)`;

let values;
try {
  ({ values } = parseArgs({
    options: {
      root: { type: "string" },
      "no-minimums": { type: "boolean" },
      seeds: { type: "string", default: "100" },
      source: { type: "string" },
      prove: { type: "boolean" },
      ci: { type: "boolean" },
      "time-limit": { type: "string", default: "20" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  }));
} catch (e) {
  console.error(`${(e as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const seedCount = Number(values.seeds);
if (!Number.isInteger(seedCount) || seedCount < 1 || seedCount > 100_000) {
  console.error(`--seeds must be a whole number from 1 to 100000, got "${values.seeds}"\n\n${USAGE}`);
  process.exit(2);
}
const timeLimit = Number(values["time-limit"]);
if (!(timeLimit >= 1 && timeLimit <= 600)) {
  console.error(`--time-limit must be a number of seconds from 1 to 600, got "${values["time-limit"]}"\n\n${USAGE}`);
  process.exit(2);
}
const root = path.resolve(values.root ?? "content");
const isAppContent = root === CONTENT_ROOT;

/**
 * Parameter modules straight from the files (this script runs under tsx), so a pack outside the
 * app's content folder can be checked too. For the app's own content the bundled registry must
 * list the same modules: a module missing from it would be invisible to the running app.
 */
async function modulesOnDisk(dir: string): Promise<{ registry: ParamRegistry; problems: ContentProblem[] }> {
  const registry: ParamRegistry = {};
  const problems: ContentProblem[] = [];
  if (!fs.existsSync(dir)) return { registry, problems };
  for (const domain of fs.readdirSync(dir).sort()) {
    const sourcesDir = path.join(dir, domain, "sources");
    if (!fs.existsSync(sourcesDir)) continue;
    for (const name of fs.readdirSync(sourcesDir).sort()) {
      const m = /^(.+)\.params\.ts$/.exec(name);
      if (!m) continue;
      const file = `${domain}/sources/${name}`;
      try {
        const mod = (await import(pathToFileURL(path.join(sourcesDir, name)).href)) as { default?: ParamModule };
        if (!mod.default || typeof mod.default.draw !== "function") {
          problems.push({ file, line: 1, message: "must `export default defineParams({ draw(k) { … } })`" });
          continue;
        }
        (registry[domain] ??= {})[m[1]] = mod.default;
        if (isAppContent && PARAM_REGISTRY[domain]?.[m[1]] !== mod.default) {
          problems.push({ file: `${domain}/params.index.ts`, line: 1, message: `"${m[1]}" is missing: add \`"${m[1]}": ${camel(m[1])}\` and import it from "./sources/${m[1]}.params"` });
        }
      } catch (e) {
        problems.push({ file, line: 1, message: `the module does not load: ${(e as Error).message.split("\n")[0]}` });
      }
    }
  }
  return { registry, problems };
}

function camel(id: string): string {
  return id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

const started = performance.now();
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const disk = await modulesOnDisk(root);
const { packs, problems } = loadContent(root, values["no-minimums"] ? NO_MINIMUMS : PRODUCT_MINIMUMS, { params: disk.registry, sampleSeeds: seedCount });
problems.unshift(...disk.problems);

// Every sampled instantiation of a parametric source, with all its flaws applied, must verify.
const seeds = Array.from({ length: seedCount }, (_, i) => i);
let instances = 0;
for (const pack of packs) {
  for (const source of pack.sources) {
    if (!source.params || (values.source && source.id !== values.source)) continue;
    const yamlFile = `${pack.domain}/sources/${source.id}.yaml`;
    let reported = 0;
    for (const seed of seeds) {
      try {
        const d = generateDraft(source, pack, { seed, difficulty: source.difficulty, flawCount: 1000 });
        instances++;
        const v = verifyDraft(d);
        if (!v.ok && reported++ < 3) problems.push({ file: yamlFile, line: 1, message: `the draft of seed ${seed} fails verification: ${v.problems.join("; ")}` });
      } catch (e) {
        if (!(e instanceof InstantiationError)) throw e;
        // The loader already named the line; this confirms the instantiation is skipped, never stored.
      }
    }
  }
}

const rel = path.relative(process.cwd(), root) || ".";
for (const p of problems) console.log(`${rel}/${p.file}:${p.line}: ${p.message}`);
for (const pack of packs) {
  const sites = pack.sources.reduce((n, s) => n + s.sites.length, 0);
  const variants = pack.sources.reduce((n, s) => n + s.sites.reduce((m, x) => m + x.variants.length, 0), 0);
  const parametric = pack.sources.filter((s) => s.params).length;
  console.log(
    `${pack.domain.padEnd(9)} ${String(pack.categories.length).padStart(3)} categories ${String(pack.sources.length).padStart(3)} sources (${parametric} parametric) ${String(sites).padStart(4)} sites ${String(variants).padStart(4)} variants ${String(pack.operators.length).padStart(3)} operators`,
  );
}
if (instances) console.log(`${instances} instantiations of parametric sources verified (${seedCount} seeds each).`);

// Rubric phrases a quote of the flawed line would "cover" (warnings; the matcher skips them when
// the key point has a better phrase). Parametric sources are checked on the drafts of the first
// 20 seeds, as the tells are: a phrase is listed, in the author's template form, with the line of
// the source file and the first seed whose draft makes it an echo.
for (const pack of packs) {
  const echoes = echoPhrases(pack, seeds.slice(0, 20)).filter((e) => !values.source || e.sourceId === values.source);
  const files = new Map<string, { doc: Document.Parsed; lc: LineCounter } | null>();
  for (const e of echoes) {
    const file = `${pack.domain}/sources/${e.sourceId}.yaml`;
    if (!files.has(file)) {
      const full = path.join(root, file);
      const lc = new LineCounter();
      files.set(file, fs.existsSync(full) ? { doc: parseDocument(fs.readFileSync(full, "utf8"), { lineCounter: lc }), lc } : null);
    }
    const parsed = files.get(file);
    const node = parsed?.doc.getIn(["sites", e.siteIndex, "variants", e.variant, "keyPoints", e.keyPointIndex, "phrases", e.phraseIndex], true);
    const line = parsed && isNode(node) && node.range ? parsed.lc.linePos(node.range[0]).line : 1;
    const only = e.keyPointHasNoOtherPhrase ? " (every phrase of this key point does)" : "";
    console.log(`warning: ${rel}/${file}:${line}: site ${e.siteId} variant ${e.variant + 1}${e.seed === undefined ? "" : ` (seed ${e.seed})`}, key point "${e.keyPoint}": phrase "${e.phrase}" only repeats the flawed line or generic words${only}`);
  }
  if (echoes.length) console.log(`${pack.domain}: ${echoes.length} rubric phrases only repeat the flawed line or generic words`);
}
// Surface tells (errors, decision 092): flaws a reader could spot by their look, per site variant and seed.
let tellCount = 0;
for (const pack of packs) {
  const tells = packTells(pack, seeds.slice(0, 20)).filter((t) => !values.source || t.sourceId === values.source);
  for (const t of tells) {
    const file = `${pack.domain}/sources/${t.sourceId}.yaml`;
    const yaml = fs.existsSync(path.join(root, file)) ? fs.readFileSync(path.join(root, file), "utf8").split("\n") : [];
    const line = yaml.findIndex((l) => new RegExp(`^\\s*-?\\s*id:\\s*["']?${t.siteId}["']?\\s*$`).test(l)) + 1 || 1;
    console.log(`error: ${rel}/${file}:${line}: site ${t.siteId} variant ${t.variant + 1}${t.seed === undefined ? "" : ` (seed ${t.seed})`}: ${t.message}`);
  }
  tellCount += tells.length;
  if (tells.length) {
    const byKind = new Map<string, number>();
    for (const t of tells) byKind.set(t.kind, (byKind.get(t.kind) ?? 0) + 1);
    console.log(`${pack.domain}: ${tells.length} surface tells (${[...byKind].map(([k, n]) => `${k} ${n}`).join(", ")})`);
  }
}
if (problems.length) console.log(`\n${problems.length} problem${problems.length === 1 ? "" : "s"} found.`);
if (tellCount) console.log(`${problems.length ? "" : "\n"}${tellCount} surface tell${tellCount === 1 ? "" : "s"} found: a flaw must not betray itself by its look.`);
if (!problems.length && !tellCount) console.log("\nAll packs are valid.");

/** Instantiations of a parametric source its executable checks run on. */
const PROOF_SEEDS = 3;
let unproven = 0;
let doNotCompile = 0;
if (values.prove) {
  const all: VariantProofResult[] = [];
  console.log("\nProof of flaws:");
  // Executed checks run on a small sample of instantiations (each is a sandbox or engine run);
  // recomputation is cheap and samples more.
  // Loaded only here: the runners bring the TypeScript compiler, which the format checks do not need.
  const { createProofRunners } = await import("~/models/proof-runner.server");
  const proofStarted = performance.now();
  const proof = createProofRunners({ root, seeds: seeds.slice(0, Math.min(seedCount, PROOF_SEEDS)), limits: { timeoutMs: timeLimit * 1000 } });
  // The packs are proven at the same time: software runs in the sandbox's worker, data in the SQL
  // engine's, so the two overlap on two cores; the tally is printed in pack order.
  // Each pack yields between sources, so finance's synchronous recomputation does not keep the
  // sandbox and SQL workers waiting for their next text.
  const between = () => new Promise<void>((resolve) => setImmediate(resolve));
  const packMs: number[] = packs.map(() => 0);
  const proven = await Promise.all(
    packs.map(async (pack, i) => {
      const t0 = performance.now();
      const r = await provePack(pack, { seeds: seeds.slice(0, Math.min(seedCount, 50)), sourceId: values.source, runners: proof.runners, between });
      packMs[i] = performance.now() - t0;
      return r;
    }),
  );
  for (const [i, pack] of packs.entries()) {
    const results = proven[i];
    if (!results.length) continue;
    all.push(...results);
    const t = tally(results);
    const reasons = Object.entries(t.reasons).map(([r, n]) => `${r} ${n}`).join(", ");
    console.log(
      `${pack.domain.padEnd(9)} ${t.checkFailed} by a failing check, ${t.error} by an error, ${t.recomputed} by recomputation, ${t.declared} declared non-behavioural${reasons ? ` (${reasons})` : ""}, ${t.unproven} unproven${t.doesNotCompile ? `, ${t.doesNotCompile} do not compile` : ""}`,
    );
    for (const r of results) {
      if (r.outcome.kind === "unproven") console.log(`  unproven: ${r.domain}/${r.sourceId} site "${r.siteId}" variant ${r.variant + 1}: ${r.outcome.message}`);
      // A trainee would see a syntax error, not the flaw: neither proven nor a matter of missing checks.
      if (r.outcome.kind === "does-not-compile") console.log(`  does not compile: ${r.domain}/${r.sourceId} site "${r.siteId}" variant ${r.variant + 1}: ${r.outcome.message}`);
    }
  }
  await proof.close();
  const timed = packs.map((p, i) => (proven[i].length ? `${p.domain} ${seconds(packMs[i])}` : "")).filter(Boolean);
  console.log(`proof time: ${seconds(performance.now() - proofStarted)} (${timed.join(", ")}, at the same time) after ${seconds(proofStarted - started)} of format checks`);
  const t = tally(all);
  unproven = t.unproven;
  doNotCompile = t.doesNotCompile;
  if (values.ci) {
    // CI fails on what is under proof, so a source that is proven today cannot regress unnoticed,
    // while a source still waiting for its checks is named without blocking the build.
    const byId = new Map(packs.flatMap((p) => p.sources.map((s) => [`${p.domain}/${s.id}`, s] as const)));
    const underProof = (r: VariantProofResult) => {
      const source = byId.get(`${r.domain}/${r.sourceId}`);
      if (r.domain === "finance") return Boolean(source?.params);
      return ["check.ts", "check.yaml"].some((ext) => fs.existsSync(path.join(root, r.domain, "sources", `${r.sourceId}.${ext}`)));
    };
    const open = all.filter((r) => r.outcome.kind === "unproven");
    const failing = open.filter(underProof);
    const waiting = [...new Set(open.filter((r) => !underProof(r)).map((r) => `${r.domain}/${r.sourceId}`))];
    console.log(
      `proof gate: ${failing.length} unproven in sources under proof${doNotCompile ? `, ${doNotCompile} flawed variant${doNotCompile === 1 ? " that does" : "s that do"} not compile` : ""}${failing.length || doNotCompile ? " (fails)" : ""}; ${open.length - failing.length} in ${waiting.length} source${waiting.length === 1 ? "" : "s"} not under proof yet${waiting.length ? ` (${waiting.join(", ")})` : ""}`,
    );
    unproven = failing.length;
  }
  // The last line, for CI and for people: the whole tally.
  console.log(`proof: ${t.checkFailed + t.error + t.recomputed} proven, ${t.declared} declared non-behavioural, ${t.unproven} unproven${t.doesNotCompile ? `, ${t.doesNotCompile} do not compile` : ""}`);
}
process.exit(problems.length || unproven || doNotCompile || tellCount ? 1 : 0);
