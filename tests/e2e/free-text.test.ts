// Free text people write: what shows nothing is refused with a message naming the field (and what
// was typed comes back), and a 2,000-character unbroken string never widens a page.
import { beforeAll, describe, expect, it } from "vitest";
import { addFinding, submitAttempt } from "~/models/attempt.server";
import { publishReview } from "~/models/review.server";
import { reviewDTO } from "~/models/review-view.server";
import { e2eFixture } from "../support/e2e";
import { openAttempt } from "../support/org";

const e2e = e2eFixture();
const ids = {} as { trainee: string; draft: string };

beforeAll(async () => {
  ids.trainee = (await e2e.db.selectFrom("users").select("id").where("email", "=", "trainee1@redline.test").executeTakeFirstOrThrow()).id;
  ids.draft = (await e2e.db.selectFrom("drafts").select("id").where("domain", "=", "software").orderBy("id").executeTakeFirstOrThrow()).id;
});

describe("free text", () => {
  it("refuses an explanation of ten zero-width characters, naming the field, and gives back what was typed", async () => {
    const attempt = await openAttempt(e2e.db, ids.trainee, ids.draft);
    const c = await e2e.client("trainee1@redline.test");
    const fix = "Stop at length - 1, not length.";
    const r = await c.post(`/practice/attempts/${attempt}`, { intent: "add", lineFrom: "2", lineTo: "2", category: "off-by-one", confidence: "80", explanation: "\u200B".repeat(10), suggestedFix: fix });
    expect(r.status).toBe(400);
    expect(r.body).toContain("The explanation has only invisible characters (zero-width spaces or direction marks): write it in words");
    expect(r.body).toContain(fix);
    expect(await e2e.db.selectFrom("findings").select("id").where("attempt_id", "=", attempt).execute()).toEqual([]);
  });

  it("refuses a cohort name of format characters only", async () => {
    const c = await e2e.client("admin@redline.test");
    const r = await c.post("/admin/cohorts", { intent: "create", name: "\u202E\u200B\u2066" });
    expect(r.status).toBe(400);
    expect(r.body).toContain("The cohort name has only invisible characters");
  });

  it("shows a hidden direction override in an explanation as a visible marker to the trainee and the mentor", async () => {
    const attempt = await openAttempt(e2e.db, ids.trainee, ids.draft);
    // Stored as written (it is not blank), but the override would display the rest reversed.
    const explanation = "The loop stops one short: \u202Eenil tsal eht stiks\u202C so the last row is lost.";
    await addFinding(e2e.db, ids.trainee, attempt, { lineFrom: 2, lineTo: 2, category: "off-by-one", confidence: 80, explanation, suggestedFix: "", quote: "" });
    await submitAttempt(e2e.db, ids.trainee, attempt);
    for (const [email, path] of [
      ["trainee1@redline.test", `/practice/results/${attempt}`],
      ["mentor1@redline.test", `/mentor/attempts/${attempt}`],
    ]) {
      const c = await e2e.client(email);
      const page = await c.get(path);
      expect(page.status, path).toBe(200);
      expect(page.body.includes("\u0000"), `${path} has a NUL byte`).toBe(false);
      const text = page.body.replace(/<[^>]+>/g, "");
      expect(text, path).toContain("The loop stops one short: ⟨U+202E⟩enil tsal eht stiks⟨U+202C⟩ so the last row is lost.");
    }
  });

  it("keeps the results and review pages within a 1366-pixel window with 2,000-character unbroken text", async () => {
    const long = (c: string) => c.repeat(2000);
    const attempt = await openAttempt(e2e.db, ids.trainee, ids.draft);
    const finding = await addFinding(e2e.db, ids.trainee, attempt, { lineFrom: 1, lineTo: 1, category: "off-by-one", confidence: 80, explanation: long("E"), suggestedFix: long("F"), quote: "" });
    await submitAttempt(e2e.db, ids.trainee, attempt);
    const mentor = await e2e.db.selectFrom("users").select(["id", "org_id as orgId", "role", "name"]).where("email", "=", "mentor1@redline.test").executeTakeFirstOrThrow();
    const review = await reviewDTO(e2e.db, mentor, attempt);
    const published = await publishReview(e2e.db, mentor, attempt, { feedback: long("G"), findings: [{ findingId: finding, verdict: "partly", grade: 1, comment: long("H"), unseeded: false }] }, review.attempt.version);
    expect(published.ok).toBe(true);

    const widths: Record<string, number> = {};
    for (const [email, path] of [
      ["trainee1@redline.test", `/practice/results/${attempt}`],
      ["mentor1@redline.test", `/mentor/attempts/${attempt}`],
    ]) {
      const { ctx, page } = await e2e.page({ viewport: { width: 1366, height: 900 }, as: email });
      await page.goto(e2e.url + path);
      await page.waitForLoadState("networkidle");
      expect(await page.locator("body").innerText()).toContain("EEEEEEEEEE");
      widths[path] = await page.evaluate(() => document.documentElement.scrollWidth);
      await ctx.close();
    }
    console.log(`Page widths at 1366 px with 2,000-character words: ${JSON.stringify(widths)}`);
    for (const [path, w] of Object.entries(widths)) expect(w, path).toBeLessThanOrEqual(1366);
  }, 120_000);
});
