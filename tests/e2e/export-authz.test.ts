// Dashboards and CSV exports over HTTP against the built app with the demo organisation:
// mentor2 mentors only the Autumn cohort (trainees 5–8), so trainee1's data is out of reach for
// them in every form; trainees get 403 on every mentor page; and the pages render in Chromium
// without console errors or CSP violations.
import { beforeAll, describe, expect, it } from "vitest";
import { e2eFixture } from "../support/e2e";
import { Client } from "../support/http";

const e2e = e2eFixture({ env: { REDLINE_DEMO_HISTORY: "1" } });
const ids: Record<string, string> = {};

beforeAll(async () => {
  // With the demo's short practice history (made through the real start/flag/submit paths).
  for (const u of await e2e.db.selectFrom("users").select(["id", "email"]).execute()) ids[u.email.split("@")[0]] = u.id;
  for (const c of await e2e.db.selectFrom("cohorts").select(["id", "name"]).execute()) ids[c.name.startsWith("Spring") ? "spring" : "autumn"] = c.id;
});

async function attemptIdsOf(email: string): Promise<string[]> {
  const rows = await e2e.db.selectFrom("attempts").innerJoin("users", "users.id", "attempts.user_id").select("attempts.id").where("users.email", "=", email).where("attempts.status", "=", "submitted").execute();
  return rows.map((r) => r.id);
}

describe("dashboard and export authorization", () => {
  it("keeps trainee1 (Spring) out of reach of mentor2 (Autumn only): 404 everywhere, never in a file", async () => {
    const c = await e2e.client("mentor2@redline.test");
    for (const path of [
      `/mentor/trainees/${ids.trainee1}`,
      `/mentor/trainees/${ids.trainee1}.data`,
      `/mentor/trainees/no-such-user`,
      `/mentor/export/attempts.csv?trainee=${ids.trainee1}`,
      `/mentor/export/findings.csv?trainee=${ids.trainee1}`,
      `/mentor/export/reviews.csv?trainee=${ids.trainee1}`,
      `/mentor/export/attempts.csv?cohort=${ids.spring}`,
      `/mentor/dashboard?cohort=${ids.spring}`,
      `/mentor/dashboard.data?trainee=${ids.trainee1}`,
      `/mentor/calibration?cohort=${ids.spring}`,
    ]) {
      const r = await c.get(path);
      expect(r.status, path).toBe(404);
      expect(r.body, path).not.toContain("Tom Becker");
    }

    const trainee1Attempts = await attemptIdsOf("trainee1@redline.test");
    const trainee5Attempts = await attemptIdsOf("trainee5@redline.test");
    expect(trainee1Attempts.length).toBeGreaterThan(0);
    expect(trainee5Attempts.length).toBeGreaterThan(0);
    const trainee5WithFindings = (
      await e2e.db.selectFrom("findings").select("attempt_id").where("attempt_id", "in", trainee5Attempts).groupBy("attempt_id").execute()
    ).map((r) => r.attempt_id);
    expect(trainee5WithFindings.length).toBeGreaterThan(0);
    for (const kind of ["attempts", "findings", "reviews"]) {
      const res = await fetch(`${e2e.url}/mentor/export/${kind}.csv`, { headers: { Cookie: c.cookie } });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
      expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="redline_${kind}\\.csv"$`));
      const bytes = new Uint8Array(await res.arrayBuffer());
      // Starts with the UTF-8 byte order mark, so Excel decodes "—" and accents correctly.
      expect([...bytes.slice(0, 3)], kind).toEqual([0xef, 0xbb, 0xbf]);
      const body = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1);
      expect(body.split("\r\n")[0]).toMatch(kind === "reviews" ? /^review_id,/ : /^[a-z_]+,/);
      expect(body, kind).not.toContain("Tom Becker");
      for (const id of trainee1Attempts) expect(body, kind).not.toContain(id);
      // An attempt of trainee5 with findings (a demo attempt may have none, and which draft it drew is random).
      if (kind === "attempts") expect(body, kind).toContain(trainee5Attempts[0]);
      if (kind === "findings") expect(body, kind).toContain(trainee5WithFindings[0]);
    }
    const page = await c.get(`/mentor/trainees/${ids.trainee5}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Ravi Shah");
    const dash = await c.get("/mentor/dashboard");
    expect(dash.status).toBe(200);
    expect(dash.body).toContain("Ravi Shah");
    expect(dash.body).not.toContain("Tom Becker");
  });

  it("lets mentor1, who mentors both cohorts, see trainee1", async () => {
    const c = await e2e.client("mentor1@redline.test");
    expect((await c.get(`/mentor/trainees/${ids.trainee1}`)).status).toBe(200);
    const csv = await c.get(`/mentor/export/attempts.csv?trainee=${ids.trainee1}`);
    expect(csv.status).toBe(200);
    expect(csv.body).toContain("Tom Becker");
    expect(csv.body).not.toContain("Ravi Shah");
  });

  it("answers bad filters with 400 and a message, and unknown exports with 404", async () => {
    const c = await e2e.client("mentor1@redline.test");
    const bad = await c.get("/mentor/export/attempts.csv?from=yesterday");
    expect(bad.status).toBe(400);
    expect(bad.body).toContain("From must be a date written YYYY-MM-DD");
    const page = await c.get("/mentor/dashboard?from=2026-03-02&to=2026-03-01");
    expect(page.status).toBe(400);
    expect(page.body).toContain("From must be on or before To");
    expect((await c.get("/mentor/export/passwords.csv")).status).toBe(404);
  });

  it("gives a trainee 403 on every mentor page and export, and sends strangers to sign in", async () => {
    const paths = [
      "/mentor",
      "/mentor/dashboard",
      "/mentor/dashboard.data",
      "/mentor/calibration",
      "/mentor/calibration.data",
      `/mentor/trainees/${ids.trainee1}`,
      `/mentor/trainees/${ids.trainee1}.data`,
      "/mentor/export/attempts.csv",
      "/mentor/export/findings.csv",
      `/mentor/export/reviews.csv?trainee=${ids.trainee1}`,
    ];
    const trainee = await e2e.client("trainee1@redline.test");
    for (const path of paths) {
      const r = await trainee.get(path);
      expect(r.status, path).toBe(403);
      expect(r.body, path).not.toContain("Ravi Shah");
    }
    const stranger = new Client(e2e.url);
    for (const path of paths) {
      const r = await stranger.get(path);
      // Documents redirect (302); single-fetch data answers 202 with the redirect inside.
      expect(path.endsWith(".data") ? 202 : 302, path).toBe(r.status);
      expect(r.location ?? r.body, path).toContain("/login?redirectTo=");
      expect(r.body, path).not.toContain("Ravi Shah");
    }
  });

  it("renders the dashboards in Chromium without console errors or CSP violations", async () => {
    const { ctx, page, errors } = await e2e.page({ as: "mentor1@redline.test" });
    await page.goto(`${e2e.url}/mentor/dashboard`);
    await page.locator("h1", { hasText: "Cohort dashboard" }).waitFor();
    // One heatmap row per demo trainee, each cell titled for hover and screen readers.
    expect(await page.locator(".heatmap-svg .row-label").count()).toBe(8);
    expect(await page.locator(".heatmap-svg rect title").first().textContent()).toMatch(/ — .+: (\d+ of \d+ detected \(\d+ %\)|no flaw yet)/);
    await page.locator(".heatmap-svg a").first().click();
    await page.locator("h2", { hasText: "Score over time" }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/mentor\/trainees\//);
    await page.goto(`${e2e.url}/mentor/calibration`);
    await page.locator("h1", { hasText: "Grader calibration" }).waitFor();
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
