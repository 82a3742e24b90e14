// A production start (NODE_ENV=production): what an operator sees when a required setting is
// missing, and that the built server then runs with production defaults: Secure cookies, HSTS,
// no demo accounts unless REDLINE_DEMO=1, and no stack traces in what a visitor sees.
import { afterEach, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../support/app";

const SECRET = "production-secret-0123456789abcdef";
let app: RunningApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe("production start", () => {
  it("refuses to start without SESSION_SECRET and says how to set it", async () => {
    await expect(startApp({ NODE_ENV: "production", SESSION_SECRET: "" })).rejects.toThrow(
      /SESSION_SECRET is not set\. In production, set SESSION_SECRET to a long random string/,
    );
  });

  it("serves the sign-in page with production headers and no demo accounts, and says how to create the first admin", async () => {
    app = await startApp({ NODE_ENV: "production", SESSION_SECRET: SECRET });
    expect(app.output()).toMatch(/Create the first admin with `npm run db:migrate -- --create-admin EMAIL/);
    const res = await fetch(`${app.url}/login`);
    expect(res.status).toBe(200);
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    const html = await res.text();
    expect(html).toContain("Sign in");
    expect(html).not.toContain("trainee1@redline.test");
    const signIn = await fetch(`${app.url}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: "trainee1@redline.test", password: "redline-demo" }),
      redirect: "manual",
    });
    expect(signIn.status).toBe(400);
  });

  it("runs the demo with REDLINE_DEMO=1: a trainee signs in with a Secure cookie, and an unknown page shows no stack trace", async () => {
    app = await startApp({ NODE_ENV: "production", SESSION_SECRET: SECRET, REDLINE_DEMO: "1" });
    const signIn = await fetch(`${app.url}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: "trainee1@redline.test", password: "redline-demo" }),
      redirect: "manual",
    });
    expect(signIn.status).toBe(302);
    const session = signIn.headers.getSetCookie().find((c) => c.startsWith("redline_session="))!;
    expect(session).toMatch(/; Secure/i);
    expect(session).toMatch(/; HttpOnly/i);
    const practice = await fetch(`${app.url}/practice`, { headers: { Cookie: session.split(";")[0] } });
    expect(practice.status).toBe(200);
    expect(await practice.text()).toContain("Practice");
    const missing = await fetch(`${app.url}/practice/attempts/no-such-attempt`, { headers: { Cookie: session.split(";")[0] } });
    expect(missing.status).toBe(404);
    const body = await missing.text();
    expect(body).not.toMatch(/at [\w.<>]+ \(.*:\d+:\d+\)/);
    expect(body).not.toContain("node_modules");
  });
});
