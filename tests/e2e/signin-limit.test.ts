// Sign-in limits under parallel load, over HTTP against the production server: slots are reserved
// before the slow password check, per address and per account, and the owner's usual browser keeps
// its own counter so an attacker cannot lock them out from everywhere.
import { beforeAll, describe, expect, it } from "vitest";
import { e2eFixture } from "../support/e2e";

const e2e = e2eFixture({ env: { TRUST_PROXY: "loopback" }, browser: false });
beforeAll(async () => {
  // The test talks to the app directly; loopback is the "proxy" that names the client address.
  // First render of the sign-in page compiles its modules; do that before the burst.
  await fetch(`${e2e.url}/login`);
});

const post = (form: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${e2e.url}/login`, { method: "POST", body: new URLSearchParams(form), headers, redirect: "manual" });

const burst = async (n: number, email: string, addressOf: (i: number) => string) =>
  Promise.all(Array.from({ length: n }, (_, i) => post({ email, password: `wrong-${i}` }, { "X-Forwarded-For": addressOf(i) }).then(async (r) => ({ status: r.status, body: await r.text() }))));

describe("sign-in limits under a parallel burst", () => {
  it("checks at most 10 of 30 simultaneous wrong passwords for one account from one address", async () => {
    const results = await burst(30, "trainee2@redline.test", () => "203.0.113.7");
    const checked = results.filter((r) => r.status === 400).length;
    const refused = results.filter((r) => r.status === 429);
    const statuses = results.map((r) => r.status).join(" ");
    console.log(`sign-in burst, one address: ${checked} of 30 checked, ${refused.length} refused with 429 (${statuses})`);
    expect(checked).toBeLessThanOrEqual(10);
    // Nobody got in, and every try beyond the checked ones was refused without a check, as a 429
    // however busy the server is (a render that waited behind the burst used to be aborted into a 500).
    expect(results.filter((r) => r.status === 302)).toEqual([]);
    expect(refused.length).toBe(30 - checked);
    expect(refused.every((r) => r.body.includes("Too many failed sign-in attempts"))).toBe(true);
    expect(results.some((r) => r.body.includes("wrong-"))).toBe(false);
  });

  it("checks at most 10 of 30 simultaneous wrong passwords for one account from 30 addresses", async () => {
    const results = await burst(30, "trainee3@redline.test", (i) => `198.51.100.${i + 1}`);
    const checked = results.filter((r) => r.status === 400).length;
    console.log(`sign-in burst, 30 addresses: ${checked} of 30 checked`);
    expect(checked).toBeLessThanOrEqual(10);
    expect(results.filter((r) => r.status === 429).length).toBe(30 - checked);
  });

  it("lets the owner in from the browser they used before while the account is under attack, and no one else", async () => {
    const email = "trainee4@redline.test";
    const owner = await post({ email, password: "redline-demo" }, { "X-Forwarded-For": "192.0.2.10" });
    expect(owner.status).toBe(302);
    const device = owner.headers.getSetCookie().find((c) => c.startsWith("redline_device="))!.split(";")[0];
    expect(device).toBeTruthy();
    await burst(30, email, (i) => `198.51.100.${100 + i}`);
    // The right password from a new browser is refused while the account's counter is full…
    const stranger = await post({ email, password: "redline-demo" }, { "X-Forwarded-For": "192.0.2.99" });
    expect(stranger.status).toBe(429);
    // …but the owner's browser has its own counter.
    const again = await post({ email, password: "redline-demo" }, { "X-Forwarded-For": "192.0.2.10", Cookie: device });
    expect(again.status).toBe(302);
  });
});
