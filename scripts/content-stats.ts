// npm run content:stats [-- --seed S] [--count N]
// Variety of the offline engine per domain: for N drafts (default 60) at difficulty 1, 3 and 5
// with one seed, how many distinct clean texts, how many flaws repeat an earlier one exactly
// (same clean text and same edit), and the largest share one source takes — drafts made by
// generateBatch, the function that fills the app's draft pool. Then one trainee's 20 drafts per
// domain at difficulty 3 drawn by the app's draw rules (traineeRun: least-seen source first, a
// fresh instantiation when a text was read); what each pack holds (sources, kinds, sites, variants,
// parameters, decoys) and how alike ten drafts of a source read; and generate + verify throughput.
// Goals from issue 9: ≥ 40 distinct, ≤ 5 % repeats, ≤ 15 % per source, 0 repeats for a trainee,
// ≥ 5,000 drafts/s.
import { parseArgs } from "node:util";
import { packInventory, mostAlike } from "~/domain/content/inventory";
import { generateBatch, generateVerified } from "~/domain/generation/batch";
import { traineeRun } from "~/domain/generation/draw";
import type { Draft } from "~/domain/types";
import { loadContent } from "~/models/content.server";
import { engineThroughput } from "./lib/engine-throughput";

const { values } = parseArgs({ options: { seed: { type: "string", default: "20261130" }, count: { type: "string", default: "60" } } });
const seed = Number(values.seed);
const count = Number(values.count);
if (!Number.isInteger(seed) || !Number.isInteger(count) || count < 1) {
  console.error("Usage: npm run content:stats -- [--seed S] [--count N]  (whole numbers, N ≥ 1)");
  process.exit(2);
}

export interface VarietyStats {
  distinctClean: number;
  flaws: number;
  repeatFlaws: number;
  largestSourceShare: number;
  largestSource: string;
}

function variety(drafts: Draft[]): VarietyStats {
  const clean = new Set(drafts.map((d) => d.cleanText));
  const seen = new Set<string>();
  let flaws = 0;
  let repeats = 0;
  for (const d of drafts) {
    for (const e of d.answerKey) {
      flaws++;
      const key = `${d.cleanText}\u0000${e.cleanSpan.start}:${e.cleanSpan.end}\u0000${e.replacement}`;
      if (seen.has(key)) repeats++;
      seen.add(key);
    }
  }
  const perSource = new Map<string, number>();
  for (const d of drafts) perSource.set(d.sourceId, (perSource.get(d.sourceId) ?? 0) + 1);
  const [largestSource, n] = [...perSource.entries()].sort((a, b) => b[1] - a[1])[0];
  return { distinctClean: clean.size, flaws, repeatFlaws: repeats, largestSourceShare: n / drafts.length, largestSource };
}

const { packs, problems } = loadContent();
if (problems.length) {
  console.error(`content has ${problems.length} problems; run npm run content:check`);
  process.exit(1);
}
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
let missed = 0;
console.log(`${count} drafts per domain and difficulty, seed ${seed}`);
console.log("domain    diff  sources(parametric)  distinct clean  repeat flaws     largest source");
for (const pack of packs) {
  for (const difficulty of [1, 3, 5]) {
    const drafts = [...generateBatch(pack, { count, seed, difficulty, cleanRate: 0.1 })];
    const s = variety(drafts);
    const repeatShare = s.flaws ? s.repeatFlaws / s.flaws : 0;
    const ok = s.distinctClean >= Math.min(40, count) && repeatShare <= 0.05 && s.largestSourceShare <= 0.15;
    if (!ok) missed++;
    console.log(
      `${pack.domain.padEnd(9)} ${String(difficulty).padStart(4)}  ${`${pack.sources.length}(${pack.sources.filter((x) => x.params).length})`.padStart(19)}  ${String(s.distinctClean).padStart(14)}  ${`${s.repeatFlaws}/${s.flaws} ${pct(repeatShare)}`.padStart(15)}  ${`${pct(s.largestSourceShare)} ${s.largestSource}`.padStart(0)}${ok ? "" : "  (goal missed)"}`,
    );
  }
}

// Through the app's draw rules: one trainee, 20 drafts per domain at difficulty 3.
console.log("one trainee, 20 drafts at difficulty 3 (the app's draw order, fresh drafts):");
for (const pack of packs) {
  const { drafts, repeats } = traineeRun(pack, { difficulty: 3, count: 20, seed });
  const sources = new Set(drafts.map((d) => d.sourceId)).size;
  if (repeats) missed++;
  console.log(`  ${pack.domain.padEnd(9)} ${new Set(drafts.map((d) => d.cleanText)).size} distinct texts from ${sources} sources, ${repeats} repeated${repeats ? "  (goal missed)" : ""}`);
}

// What each pack holds, counted from its sources, and how alike drafts read: 10 drafts per source
// at difficulty 3 (different seeds), the share of identical non-blank lines between two drafts of
// the same source and between drafts of different sources (app/domain/content/inventory.ts).
console.log("inventory (counted from the packs):");
console.log("  domain    sources(parametric)  sites  variants  operators  parameters  decoys  kinds (format/language)");
for (const pack of packs) {
  const i = packInventory(pack);
  console.log(
    `  ${i.domain.padEnd(9)} ${`${i.sources}(${i.parametric})`.padStart(19)}  ${String(i.sites).padStart(5)}  ${String(i.variants).padStart(8)}  ${String(i.operators).padStart(9)}  ${String(i.parameters).padStart(10)}  ${String(i.decoys).padStart(6)}  ${i.kinds.length}: ${i.kinds.join(", ")}`,
  );
}
console.log(`distinctness: 10 drafts per source at difficulty 3 (seeds ${seed + 1}..${seed + 10}), identical non-blank lines ÷ the shorter draft's:`);
for (const pack of packs) {
  const items = pack.sources.flatMap((source) =>
    Array.from({ length: 10 }, (_, k) => {
      const d = generateVerified(source, pack, { seed: seed + 1 + k, difficulty: 3 });
      return { label: `${source.id}#${d.seed}`, source: source.id, text: d.flawedText };
    }),
  );
  const perSource = pack.sources.map((source) => {
    const own = items.filter((x) => x.source === source.id);
    return { source: source.id, ...mostAlike(own, () => true) };
  });
  perSource.sort((a, b) => b.share - a.share);
  const median = perSource[Math.floor(perSource.length / 2)].share;
  const across = mostAlike(items, (a, b) => items[a].source !== items[b].source);
  console.log(
    `  ${pack.domain.padEnd(9)} same source: highest ${pct(perSource[0].share)} (${perSource[0].source}), median source ${pct(median)}, lowest ${pct(perSource[perSource.length - 1].share)} (${perSource[perSource.length - 1].source}); different sources: highest ${pct(across.share)} (${across.pair?.join(" / ") ?? "none"})`,
  );
}

// Throughput: generate + verify over all domains as the pool draws them, per CPU second of this
// process, after warm-up rounds (scripts/lib/engine-throughput.ts, the same figure as npm run bench).
const throughput = engineThroughput(packs, { seed: seed + 7, onSkip: (m) => console.log(m) });
const rates = (xs: number[]) => xs.map((r) => Math.round(r).toLocaleString("en")).join(", ");
console.log(
  `generate + verify: ${Math.round(throughput.median).toLocaleString("en")} drafts per CPU second (goal ≥ 5,000), median of ${throughput.rounds.length} rounds (${rates(throughput.rounds)}; ${throughput.drafts} drafts) after ${throughput.warmupRounds.length} warm-up rounds (${rates(throughput.warmupRounds)}, a fresh process), load average ${throughput.loadAverage.toFixed(1)}`,
);
console.log(`variety goals (≥ 40 distinct, ≤ 5 % repeat flaws, ≤ 15 % one source; 0 repeats for a trainee): ${packs.length * 4 - missed} of ${packs.length * 4} met`);
