import { describe, expect, it } from "vitest";
import { e2eFixture } from "../support/e2e";

const e2e = e2eFixture({ browser: false });

describe("sign-in rate limit over HTTP", () => {
  it("answers 429 with a clear message after ten failed tries in a minute", async () => {
    const statuses: number[] = [];
    let last = "";
    for (let i = 0; i < 11; i++) {
      const res = await fetch(`${e2e.url}/login`, {
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
