// Generate + verify throughput as the app's draft pool works: generateBatch over every pack (the
// source spread, all difficulties, clean controls; each draft verified once), counted in drafts per
// second of this process's CPU time, so other work on a shared machine does not lower it much.
// `npm run bench` and `npm run content:stats` both print it from here.
import os from "node:os";
import { generateBatch } from "~/domain/generation/batch";
import type { Pack } from "~/domain/types";

export interface Throughput {
  /** Drafts per CPU second of each measured round, in order. */
  rounds: number[];
  median: number;
  drafts: number;
  /** Rounds run first and not counted. */
  warmup: number;
  loadAverage: number;
}

/**
 * `warmup` rounds run first and are not counted: the app's pool is a long-lived process, so its
 * drafts are made by compiled code with every source's templates already bound; the first rounds of
 * a fresh process also pay for that compilation (on this machine up to half the figure). Each draft
 * is dropped once counted, as the pool stores its drafts in chunks. The median round is the figure.
 */
export function engineThroughput(packs: readonly Pack[], options: { perPack?: number; rounds?: number; warmup?: number; seed?: number; onSkip?: (m: string) => void } = {}): Throughput {
  const { perPack = 400, rounds = 5, warmup = 2, seed = 1, onSkip } = options;
  const round = (s: number) => {
    let n = 0;
    for (const pack of packs) for (const _draft of generateBatch(pack, { count: perPack, seed: s, cleanRate: 0.1, onSkip })) n++;
    return n;
  };
  for (let w = 0; w < warmup; w++) round(seed + 1000 + w);
  const rates: number[] = [];
  let drafts = 0;
  for (let r = 0; r < rounds; r++) {
    const c0 = process.cpuUsage();
    const n = round(seed + r);
    const c = process.cpuUsage(c0);
    drafts += n;
    rates.push(n / ((c.user + c.system) / 1e6));
  }
  const sorted = [...rates].sort((a, b) => a - b);
  return { rounds: rates, median: sorted[Math.floor(sorted.length / 2)], drafts, warmup, loadAverage: os.loadavg()[0] };
}
