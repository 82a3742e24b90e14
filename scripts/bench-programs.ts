// npm run bench -- --only programs
// Adaptive practice at cohort scale: a short cohort simulation (the real selection, drawing,
// scoring and mastery code; scripts/simulate-cohort.ts) and how the draft pool grows with it.
// Targeted draws make fresh drafts when no stored one fits, so the pool grows with practice;
// the figure to watch is new drafts per trainee-week (and per exercise).
import { spawnSync } from "node:child_process";

const TRAINEES = 10;
const WEEKS = 4;

export async function benchPrograms(): Promise<Record<string, number | string>> {
  const t0 = performance.now();
  const run = spawnSync("node_modules/.bin/tsx", ["scripts/simulate-cohort.ts", "--trainees", String(TRAINEES), "--weeks", String(WEEKS), "--seed", "1"], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`simulate-cohort failed: ${run.stderr || run.stdout}`);
  const seconds = (performance.now() - t0) / 1000;
  const out = run.stdout;
  const exercises = Number(out.match(/: (\d+) exercises \(/)?.[1]);
  const pool = out.match(/draft pool: (\d+) seeded, then ([\d, ]+) at the end of each week; ([\d.]+) new drafts per trainee-week/);
  if (!pool || !exercises) throw new Error(`unexpected simulate-cohort output:\n${out}`);
  const weekly = pool[2].split(", ").map(Number);
  const seeded = Number(pool[1]);
  const added = weekly[weekly.length - 1] - seeded;
  return {
    [`cohort simulated (${TRAINEES} trainees × ${WEEKS} weeks, seed 1)`]: `${exercises} exercises in ${seconds.toFixed(0)} s`,
    "draft pool at the end of each week": `${seeded} → ${weekly.join(", ")}`,
    "new drafts per trainee-week": Number(pool[3]),
    "new drafts per exercise": added / exercises,
    "summary": out.trim().split("\n").pop()!.replace(/^simulate: /, ""),
  };
}
