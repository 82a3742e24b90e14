// What the server refuses before the app reads a body: foreign-origin posts (also to /logout),
// oversized and malformed bodies; and what it marks: signed-in pages and `.data` are not cached.
import fs from "node:fs";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../support/app";
import { Client } from "../support/http";

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

const rssMb = () => {
  const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${app.pid}/status`, "utf8"));
  if (!m) throw new Error("the server has exited");
  return Number(m[1]) / 1024;
};

describe("request guards", () => {
  it("refuses a cross-site POST with a plain 403, and a cross-site sign-out leaves the session alone", async () => {
    const trainee = await new Client(app.url).signIn("trainee1@redline.test");
    const foreign = await trainee.request("/logout", { method: "POST", headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" }, body: "" });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toBe("Refused: this form was sent from another site.\n");
    const fetchMeta = await trainee.request("/logout", { method: "POST", headers: { "Sec-Fetch-Site": "cross-site" } });
    expect(fetchMeta.status).toBe(403);
    expect((await trainee.get("/practice")).status).toBe(200);
    // The same sign-out from the app's own origin works.
    const own = await trainee.request("/logout", { method: "POST", headers: { Origin: app.url } });
    expect(own.status).toBe(302);
    expect((await trainee.get("/practice")).location).toMatch(/^\/login/);
  });

  it("answers a 20 MB form with a short 413 and no echo, and stays under 300 MB with five at once", async () => {
    const big = "email=" + "a".repeat(20 * 1024 * 1024);
    const one = await fetch(`${app.url}/login`, { method: "POST", body: big, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    const text = await one.text();
    expect(one.status).toBe(413);
    expect(text).toBe("The form is too large: the limit is 1 MB.\n");
    const before = rssMb();
    let peak = before;
    const sampler = setInterval(() => {
      try {
        peak = Math.max(peak, rssMb());
      } catch {
        clearInterval(sampler);
      }
    }, 20);
    const five = await Promise.all(
      Array.from({ length: 5 }, () => fetch(`${app.url}/login`, { method: "POST", body: big, headers: { "Content-Type": "application/x-www-form-urlencoded" } }).then(async (r) => ({ status: r.status, length: (await r.text()).length }))),
    ).finally(() => clearInterval(sampler));
    peak = Math.max(peak, rssMb());
    console.log(`five parallel 20 MB posts: server RSS ${before.toFixed(0)} → peak ${peak.toFixed(0)} MB (goal ≤ 300); statuses ${five.map((r) => r.status).join(" ")}`);
    expect(five.every((r) => r.status === 413 && r.length < 100)).toBe(true);
    expect(peak).toBeLessThanOrEqual(300);
  });

  it("answers a body that is not a form with 400, not a stack trace", async () => {
    const res = await fetch(`${app.url}/login`, { method: "POST", body: '{"email":', headers: { "Content-Type": "application/json" } });
    expect(res.status).toBe(400);
    expect(await res.text()).toBe("Send the form as application/x-www-form-urlencoded.\n");
    const multipart = await fetch(`${app.url}/login`, { method: "POST", body: "--x\r\nbroken", headers: { "Content-Type": "multipart/form-data; boundary=y" } });
    expect(multipart.status).toBe(400);
  });

  it("keeps an idle connection open past 8 s, so a proxy reusing it gets an answer, not a reset", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
        const req = http.get(`${app.url}/login`, { agent }, (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
        });
        req.on("error", reject);
      });
    try {
      expect((await get()).status).toBe(200);
      // Node's own default closes an idle connection after 5 s (plus a grace second); the server keeps it for 65 s.
      await new Promise((r) => setTimeout(r, 8000));
      const second = await get();
      expect(second).toEqual({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  });

  it("marks signed-in pages and their .data as no-store", async () => {
    const trainee = await new Client(app.url).signIn("trainee1@redline.test");
    for (const path of ["/practice", "/practice.data", "/account/sessions", "/account/sessions.data"]) {
      const res = await fetch(app.url + path, { headers: { Cookie: trainee.cookie }, redirect: "manual" });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("cache-control"), path).toBe("no-store");
    }
  });
});
