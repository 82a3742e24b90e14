// Runs the score CLI the way people do (npx tsx) on the fixtures in tests/fixtures/scoring/.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");
const fx = (name: string) => path.join("tests/fixtures/scoring", name);

function run(...args: string[]) {
  const r = spawnSync("npx", ["tsx", "scripts/score.ts", ...args], { cwd: root, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("npm run score", () => {
  it("prints a readable breakdown", () => {
    const r = run("--draft", fx("draft.json"), "--attempt", fx("attempt.json"));
    expect(r.stderr).not.toMatch(/score:/);
    expect(r.code).toBe(0);
    // detection (2+3)/6, precision 1 − 0.5 × 0.5² = 0.875 (f3, a hedged false alarm), category 1,
    // explanation 1: 37.5 + 17.5 + 10 + 25 = 90; one hint × 5 → 85
    expect(r.stdout).toContain("Score: 85.0 / 100");
    expect(r.stdout).toMatch(/subtotal\s+90\.0/);
    expect(r.stdout).toMatch(/loop-bound\s+off-by-one\s+2\s+3\s+found\s+f1\s+2\/2/);
    expect(r.stdout).toMatch(/dropped-check\s+missing-check\s+1\s+7 \(del\)\s+missed/);
    // the span finding (characters 332–345) sits on line 10
    expect(r.stdout).toMatch(/invented-api\s+hallucination\s+3\s+10\s+found\s+f2/);
    expect(r.stdout).toContain("False positives: f3");
  }, 60_000);

  it("--json prints the breakdown; --index picks a draft of an array", () => {
    const r = run("--draft", fx("drafts.json"), "--index", "1", "--attempt", fx("attempt.json"), "--json");
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    // drafts.json[1] is a clean control: three false alarms cost 0.5 × (0.81 + 1 + 0.25) > 1,
    // capped at the whole precision weight → 45·1 + 55·0 = 45
    expect(s.cleanControl).toBe(true);
    expect(s.total).toBe(45);
    expect(s.components).toEqual({ detection: 1, precision: 0, category: null, explanation: null });
    expect(s.falsePositives).toEqual(["f1", "f2", "f3"]);
    expect(s.configVersion).toBe(2);

    const first = JSON.parse(run("--draft", fx("drafts.json"), "--attempt", fx("attempt.json"), "--json").stdout);
    expect(first.total).toBe(85);
    expect(first.hints).toEqual({ costPerHint: 5, taken: 1, flawIds: ["loop-bound"], penalty: 5 });
  }, 60_000);

  it("exits 2 naming a missing file", () => {
    const r = run("--draft", fx("no-such-draft.json"), "--attempt", fx("attempt.json"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("cannot read --draft file tests/fixtures/scoring/no-such-draft.json: no such file");
    expect(r.stdout).toBe("");
  }, 60_000);

  it("exits 2 naming the file and the bad field", () => {
    const r = run("--draft", fx("draft.json"), "--attempt", fx("attempt-bad.json"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("attempt-bad.json: findings[1].confidence: Invalid input: expected number, received string");
    const wrongFile = run("--draft", fx("attempt.json"), "--attempt", fx("attempt.json"));
    expect(wrongFile.code).toBe(2);
    expect(wrongFile.stderr).toContain("attempt.json: flawedText: missing (expected string)");
  }, 60_000);

  it("exits 2 with the usage on bad arguments", () => {
    const r = run("--draft", fx("draft.json"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing --attempt FILE");
    expect(r.stderr).toContain("Usage: npm run score --");
    const range = run("--draft", fx("drafts.json"), "--index", "7", "--attempt", fx("attempt.json"));
    expect(range.code).toBe(2);
    expect(range.stderr).toContain("--index 7 is out of range (the file holds 2 drafts)");
  }, 60_000);
});
