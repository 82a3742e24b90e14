import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../support/app";

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

describe("sign-in rate limit over HTTP", () => {
  it("answers 429 with a clear message after ten failed tries in a minute", async () => {
    const statuses: number[] = [];
    let last = "";
    for (let i = 0; i < 11; i++) {
      const res = await fetch(`${app.url}/login`, {
        method: "POST",
        body: new URLSearchParams({ email: "admin@redline.test", password: `wrong-${i}` }),
        redirect: "manual",
      });
      statuses.push(res.status);
      last = await res.text();
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400));
    expect(statuses[10]).toBe(429);
    expect(last).toContain("Too many failed sign-in attempts");
  });
});
