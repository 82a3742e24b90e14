import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

async function migrate(dbFile: string, ...args: string[]) {
  try {
    const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/db-migrate.ts", ...args], { env: { ...process.env, DATABASE_URL: `file:${dbFile}`, REDLINE_ADMIN_PASSWORD: "a-strong-password" } });
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

describe("npm run db:migrate", () => {
  it("migrates, is idempotent, creates the first admin and names bad input", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-mig-"));
    const file = path.join(dir, "m.db");
    expect((await migrate(file)).out).toContain("Applied: 0001_accounts");
    expect((await migrate(file)).out).toContain("Database is up to date.");
    const created = await migrate(file, "--create-admin", "boss@firm.test", "--name", "Bo Boss");
    expect(created).toEqual({ code: 0, out: expect.stringContaining("Created admin boss@firm.test.") });
    const again = await migrate(file, "--create-admin", "boss@firm.test", "--name", "Bo Boss");
    expect(again.code).toBe(1);
    expect(again.out).toContain("An account for boss@firm.test already exists.");
    expect((await migrate(file, "--bogus")).code).toBe(2);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
