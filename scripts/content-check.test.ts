import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

async function check(...args: string[]) {
  try {
    const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/content-check.ts", ...args]);
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, out: err.stdout };
  }
}

describe("npm run content:check", () => {
  it("reports every authoring problem of a broken pack with file and line, and exits 1", async () => {
    const { code, out } = await check("--root", "tests/fixtures/packs/broken", "--no-minimums");
    expect(code).toBe(1);
    const f = "tests/fixtures/packs/broken/demo";
    expect(out).toContain(`${f}/sources/loop.yaml:10: site "ambiguous": anchor is ambiguous — found 2 times in loop.ts`);
    expect(out).toContain(`${f}/sources/loop.yaml:20: site "not-there": anchor not found in loop.ts`);
    expect(out).toContain(`${f}/sources/loop.yaml:33: site "bound": unknown category "no-such-category"`);
    expect(out).toContain(`${f}/sources/loop.yaml:40: site "overlapping" overlaps site "bound"`);
    expect(out).toContain(`${f}/sources/loop.yaml:51: sites.4.difficulty: must be 1..5`);
    expect(out).toContain(`${f}/operators.yaml:4: operator "never-matches" matches no source of the pack`);
    expect(out).toMatch(new RegExp(`${f}/operators.yaml:13: operator "bad-regex": invalid regular expression`));
    expect(out).toContain("tests/fixtures/packs/broken/yamlerr/pack.yaml:3: YAML:");
    expect(out).toContain("8 problems found.");
  });

  it("passes a valid pack", async () => {
    const { code, out } = await check("--root", "tests/fixtures/packs/good", "--no-minimums");
    expect(code).toBe(0);
    expect(out).toContain("All packs are valid.");
  });

  it("warns, with the file and line of the phrase, of a rubric phrase a quote of the flawed line would cover", async () => {
    const { code, out } = await check("--root", "tests/fixtures/packs/good", "--no-minimums");
    expect(code).toBe(0);
    expect(out).toContain(
      'warning: tests/fixtures/packs/good/demo/sources/loop.yaml:18: site accumulate variant 1, key point "Index shifted by one": phrase "i + 1" only repeats the flawed line or generic words',
    );
    expect(out).not.toContain('phrase "off by one"');
    expect(out).toContain("demo: 1 rubric phrases only repeat the flawed line or generic words");
  });

  it("judges a parametric source's phrases on its drafts: a right value is no echo, a phrase some draw puts on the line is, with that seed", async () => {
    const { code, out } = await check("--root", "tests/fixtures/packs/echo", "--no-minimums");
    expect(code).toBe(0);
    // "{{cap}}" shares the word "cap" with the template line "EUR {{cap_wrong}} thousand", but every
    // draft reads e.g. "EUR 2000 thousand" against the right 200.
    expect(out).not.toContain('phrase "{{cap}}"');
    // "staging" is not in the template line; draws that release to staging print it there.
    expect(out).toContain(
      'warning: tests/fixtures/packs/echo/demo/sources/memo.yaml:29: site review variant 1 (seed 1), key point "The review is skipped": phrase "staging" only repeats the flawed line or generic words',
    );
    expect(out).toContain("demo: 1 rubric phrases only repeat the flawed line or generic words");
  });

  it("fails on a surface tell: a flaw that leaves the longest line of its document", async () => {
    const { code, out } = await check("--root", "tests/fixtures/packs/tells", "--no-minimums");
    expect(code).toBe(1);
    expect(out).toContain(
      "error: tests/fixtures/packs/tells/demo/sources/loop.yaml:9: site accumulate variant 1: leaves a line of 45 characters, longer than any line of the clean text (29)",
    );
    expect(out).toContain("1 surface tell found");
    expect(out).not.toContain("All packs are valid.");
  });

  it("holds a small pack to the product's minimum counts", async () => {
    const { code, out } = await check("--root", "tests/fixtures/packs/good");
    expect(code).toBe(1);
    expect(out).toContain("needs at least 8 categories, has 1");
    expect(out).toContain('needs a category of the "hallucination" family');
  });
});

describe("npm run content:check -- --prove", () => {
  it("proves each variant by running its source's checks, stops a looping variant, and ends with the tally", { timeout: 120_000 }, async () => {
    const { code, out } = await check("--root", "tests/fixtures/packs/proof", "--no-minimums", "--prove", "--time-limit", "6");
    expect(code).toBe(1);
    expect(out).toContain("software  1 by a failing check, 0 by an error, 0 by recomputation, 1 declared non-behavioural (comment 1), 3 unproven, 1 do not compile");
    // Its checks fail too (they only see a SyntaxError), but that proves nothing about the flaw.
    expect(out).toMatch(/ {2}does not compile: software\/sum site "accumulate" variant 2: sum\.ts:4: '\]' expected\./);
    expect(out).toContain('unproven: software/sum site "bound" variant 1: stopped: still running after 6 s (time limit)');
    expect(out).toContain('unproven: software/sum site "start" variant 1: every check passes on the flawed text: the flaw changes nothing the checks observe');
    expect(out).toContain('unproven: software/mean site "divide" variant 1: no check module (software/sources/mean.check.ts)');
    expect(out.trimEnd().split("\n").at(-1)).toBe("proof: 1 proven, 1 declared non-behavioural, 3 unproven, 1 do not compile");
  });

  it("--ci fails on an unproven variant of a source that has checks, and only names a source without checks", { timeout: 180_000 }, async () => {
    const gated = await check("--root", "tests/fixtures/packs/proof", "--no-minimums", "--prove", "--ci", "--time-limit", "6");
    expect(gated.code).toBe(1);
    expect(gated.out).toContain("proof gate: 2 unproven in sources under proof, 1 flawed variant that does not compile (fails); 1 in 1 source not under proof yet (software/mean)");
    expect(gated.out.trimEnd().split("\n").at(-1)).toBe("proof: 1 proven, 1 declared non-behavioural, 3 unproven, 1 do not compile");

    const waiting = await check("--root", "tests/fixtures/packs/proof", "--no-minimums", "--prove", "--ci", "--source", "mean");
    expect(waiting.out).toContain("proof gate: 0 unproven in sources under proof; 1 in 1 source not under proof yet (software/mean)");
    expect(waiting.code).toBe(0);
  });
});
