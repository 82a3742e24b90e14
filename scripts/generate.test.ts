import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { Draft } from "~/domain/types";
import { verifyDraft } from "~/domain/verification/verify";

const run = promisify(execFile);

async function generate(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "scripts/generate.ts", ...args], { env: { ...process.env, CI: "1", ...env } });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

describe("npm run generate", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-gen-"));

  it("writes verified drafts as JSON, the same ones for the same seed", async () => {
    const a = path.join(dir, "a.json");
    const b = path.join(dir, "b.json");
    const r = await generate(["--domain", "legal", "--count", "30", "--seed", "42", "--difficulty", "3", "--json", a]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Wrote 30 verified drafts");
    expect(r.out).toMatch(/generate: 30\/30 \(100%\)/); // plain progress lines when not on a terminal
    await generate(["--domain", "legal", "--count", "30", "--seed", "42", "--difficulty", "3", "--json", b]);
    expect(fs.readFileSync(a, "utf8")).toBe(fs.readFileSync(b, "utf8"));
    const drafts = JSON.parse(fs.readFileSync(a, "utf8")) as Draft[];
    expect(drafts).toHaveLength(30);
    for (const d of drafts) {
      expect(Object.keys(d)).toEqual(expect.arrayContaining(["brief", "cleanText", "flawedText", "answerKey", "seed", "domain", "sourceId", "generator"]));
      expect(d.domain).toBe("legal");
      expect(d.generator).toBe("offline");
      expect(verifyDraft(d)).toEqual({ ok: true });
    }
  });

  it("stores drafts in the database", async () => {
    const db = path.join(dir, "g.db");
    const r = await generate(["--domain", "finance", "--count", "12", "--seed", "7"], { DATABASE_URL: `file:${db}` });
    expect(r.code).toBe(0);
    expect(r.out).toContain("Stored 12 verified drafts");
  });

  it.each([
    [["--count", "5"], "Missing --domain."],
    [["--domain", "poetry", "--count", "5"], 'Unknown domain "poetry"'],
    [["--domain", "legal", "--count", "0"], "--count must be a whole number from 1 to 100000"],
    [["--domain", "legal", "--count", "5", "--difficulty", "9"], "--difficulty must be 1, 2, 3, 4 or 5"],
    [["--domain", "legal", "--count", "5", "--colour", "red"], "Unknown option"],
  ])("refuses %j with a clear usage message", async (args, message) => {
    const r = await generate(args);
    expect(r.code).toBe(2);
    expect(r.out).toContain(message);
    expect(r.out).toContain("Usage: npm run generate");
  });
});
