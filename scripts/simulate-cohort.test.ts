// The cohort simulation CLI as a training lead or an engineer runs it: a small cohort, its summary
// line, the same figures for the same seed, and clear refusals of bad arguments.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

async function simulate(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "scripts/simulate-cohort.ts", ...args], { env: { ...process.env, CI: "1" } });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

// Everything but the timings (seconds) is a figure of the simulation.
const figures = (out: string) => out.replace(/\(\d+ s\)|, \d+ s$/gm, "").trim();

describe("npm run simulate:cohort", () => {
  it("prints the summary as its last line, the same for the same seed", async () => {
    const args = ["--trainees", "3", "--weeks", "2", "--seed", "11", "--pace", "4"];
    const a = await simulate(args);
    expect(a.code).toBe(0);
    const lines = a.out.trim().split("\n");
    expect(lines.at(-1)).toMatch(/^simulate: mastery Spearman -?\d\.\d\d, weak-category targeting \d+\.\d× random, completion \d+ %, overdue \d+$/);
    expect(a.out).toMatch(/^week 2: \d+ exercises submitted/m);
    // Three trainees at about four a week do not reach 30 exercises in two weeks: they go on to 30
    // for the agreement figure, and the output says so.
    expect(a.out).toContain("mastery vs true skill after 30 exercises (every trainee; 3 of 3 did fewer in the weeks and went on to 30)");
    expect(a.out).toMatch(/difficulty of the drafts practised: 1: \d+ %/);
    const b = await simulate(args);
    expect(figures(b.out)).toBe(figures(a.out));
  }, 240_000);

  it.each([
    [["--trainees", "0"], "--trainees: “0” must be a whole number from 1 to 500."],
    [["--weeks", "two"], "--weeks: “two” must be a whole number from 1 to 52."],
    [["--colour", "red"], "Unknown option '--colour'"],
    [["--learning", "lots"], "--learning: “lots” must be a number from 0 to 1 (logits of skill gained per flaw met)."],
  ])("refuses %j naming what was wrong", async (args, message) => {
    const r = await simulate(args);
    expect(r.code).toBe(2);
    expect(r.out).toContain(message);
    expect(r.out).toContain("Usage: npm run simulate:cohort");
  }, 120_000);
});
