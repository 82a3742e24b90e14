// The test harness's app starter: a server that cannot start leaves no process and no database
// under data/ behind, and says why it did not start.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { startApp } from "../support/app";

describe("startApp", () => {
  it("removes its data directory when the server fails to start", async () => {
    // Port 99999 does not exist: the server exits at once.
    const failed = await startApp({ PORT: "99999" }).then(
      () => null,
      (e: Error) => e,
    );
    expect(failed?.message).toMatch(/app exited with \d+/);
    const dir = /its data directory (\S+) is removed/.exec(failed!.message)?.[1];
    expect(dir).toMatch(/data\/test-app-/);
    expect(fs.existsSync(dir!)).toBe(false);
  }, 120_000);
});
