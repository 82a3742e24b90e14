// Generate + verify throughput as the app's draft pool works: generateBatch over every pack (the
// source spread, all difficulties, clean controls; each draft verified once), counted in drafts per
// second of this process's CPU time, so other work on a shared machine does not lower it much.
// `npm run bench` and `npm run content:stats` both print it from here.
import os from "node:os";
import { generateBatch } from "~/domain/generation/batch";
import type { Pack } from "~/domain/types";

export interface Throughput {
  /** Drafts per CPU second of each warm-up round (not counted), in order: the cold figures. */
  warmupRounds: number[];
  /** Drafts per CPU second of each measured round, in order. */
  rounds: number[];
  median: number;
  drafts: number;
  loadAverage: number;
}

/**
 * `warmup` rounds run first and are not counted (their rates are returned as the cold figures):
 * drafts are made in the long-lived server process (trainees' fresh drafts, generation jobs), so
 * by the time it has made a few thousand its code is compiled and every source's templates are
 * bound. A fresh process pays for that first: on this machine its first 1,600 drafts run at
 * about a third of the later rate, and the rate settles after four or five such rounds (V8 only
 * compiles a parameter module once it is hot, and each is 1 of 56 sources). Each draft is dropped
 * once counted, as the pool stores its drafts in chunks. The median measured round is the figure.
 */
export function engineThroughput(packs: readonly Pack[], options: { perPack?: number; rounds?: number; warmup?: number; seed?: number; onSkip?: (m: string) => void } = {}): Throughput {
  const { perPack = 400, rounds = 5, warmup = 4, seed = 1, onSkip } = options;
  /** One round of drafts, in drafts per CPU second. */
  const round = (s: number) => {
    const c0 = process.cpuUsage();
    let n = 0;
    for (const pack of packs) for (const _draft of generateBatch(pack, { count: perPack, seed: s, cleanRate: 0.1, onSkip })) n++;
    const c = process.cpuUsage(c0);
    return { n, rate: n / ((c.user + c.system) / 1e6) };
  };
  const warmupRounds: number[] = [];
  for (let w = 0; w < warmup; w++) warmupRounds.push(round(seed + 1000 + w).rate);
  const rates: number[] = [];
  let drafts = 0;
  for (let r = 0; r < rounds; r++) {
    const { n, rate } = round(seed + r);
    drafts += n;
    rates.push(rate);
  }
  const sorted = [...rates].sort((a, b) => a - b);
  return { warmupRounds, rounds: rates, median: sorted[Math.floor(sorted.length / 2)], drafts, loadAverage: os.loadavg()[0] };
}
