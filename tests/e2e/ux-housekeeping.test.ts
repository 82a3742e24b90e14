// Housekeeping on the exercise page, in Chromium with and without JavaScript: a deleted finding
// comes back with its words through "Undo"; an unfinished review is discarded only after a confirm
// step that says what goes and what happens to progress; another trainee's attempt and a
// submitted one cannot be discarded.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_PACK, FIXTURE_SOURCE } from "~/domain/generation/fixture-pack";
import { generateDraft } from "~/domain/generation/generate";
import { addFinding, startAttempt, submitAttempt, takeHint } from "~/models/attempt.server";
import { insertDrafts } from "~/models/draft.server";
import { newContext, signIn, watchConsole } from "../support/browser";
import { e2eFixture } from "../support/e2e";
import { openAttempt } from "../support/org";

const e2e = e2eFixture();
let draftId = "";
let ana = "";

const finding = (line: number, explanation: string) => ({ lineFrom: line, lineTo: line, category: "off-by-one", explanation, confidence: 70, suggestedFix: "Loop while i < n.", quote: "" });

beforeAll(async () => {
  const draft = generateDraft(FIXTURE_SOURCE, FIXTURE_PACK, { seed: 11, flawCount: 1, categories: ["off-by-one"] });
  [draftId] = await insertDrafts(e2e.db, [{ ...draft, domain: "software", title: "Housekeeping draft" }]);
  ana = (await e2e.db.selectFrom("users").select("id").where("email", "=", "trainee2@redline.test").executeTakeFirstOrThrow()).id;
});

async function findingTexts(page: Page) {
  return page.locator(".findings .finding-text").allTextContents();
}

describe("deleting a finding", () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`can be undone: the finding comes back with its words (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async () => {
      const attemptId = await openAttempt(e2e.db, ana, draftId);
      await addFinding(e2e.db, ana, attemptId, finding(2, "First finding: the loop bound is wrong."));
      await addFinding(e2e.db, ana, attemptId, finding(4, "Second finding: one iteration too many."));
      const ctx = await newContext(e2e.browser, { viewport: { width: 1366, height: 900 }, javaScriptEnabled });
      const page = await ctx.newPage();
      const errors = watchConsole(page);
      await signIn(page, e2e.url, "trainee2@redline.test");
      await page.goto(`${e2e.url}/practice/attempts/${attemptId}`);
      if (javaScriptEnabled) await page.waitForFunction(() => document.querySelector(".draft-interactive"));
      expect(await findingTexts(page)).toEqual(["First finding: the loop bound is wrong.", "Second finding: one iteration too many."]);

      await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.click('button[aria-label="Delete finding 2"]')]);
      const notice = page.locator(".undo-notice");
      await notice.waitFor();
      expect(await notice.innerText()).toContain("Finding #2 deleted: “Second finding: one iteration too many.”");
      await page.locator(".findings .finding").nth(1).waitFor({ state: "detached" });
      expect(await findingTexts(page)).toEqual(["First finding: the loop bound is wrong."]);

      await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), notice.locator("text=Undo").click()]);
      await notice.waitFor({ state: "detached" });
      await page.locator(".findings .finding").nth(1).waitFor();
      expect(await findingTexts(page)).toEqual(["First finding: the loop bound is wrong.", "Second finding: one iteration too many."]);
      expect(await page.locator(".findings .finding").nth(1).innerText()).toContain("Fix: Loop while i < n.");
      const rows = await e2e.db.selectFrom("findings").select(["line_from", "confidence", "category"]).where("attempt_id", "=", attemptId).orderBy("line_from").execute();
      expect(rows).toEqual([
        { line_from: 2, confidence: 0.7, category: "off-by-one" },
        { line_from: 4, confidence: 0.7, category: "off-by-one" },
      ]);
      expect(errors).toEqual([]);
      await ctx.close();
    }, 180_000);
  }
});

describe("discarding an unfinished review", () => {
  it("asks first, says what is removed and what happens to progress, then removes it (without JavaScript)", async () => {
    const attemptId = await openAttempt(e2e.db, ana, draftId);
    await addFinding(e2e.db, ana, attemptId, finding(2, "First finding: the loop bound is wrong."));
    await takeHint(e2e.db, ana, attemptId);
    const ctx = await newContext(e2e.browser, { viewport: { width: 1366, height: 900 }, javaScriptEnabled: false });
    const page = await ctx.newPage();
    await signIn(page, e2e.url, "trainee2@redline.test");
    // From the practice home's list of unfinished reviews.
    await page.goto(`${e2e.url}/practice`);
    await Promise.all([page.waitForURL(/\?discard=1/), page.click(`a[href="/practice/attempts/${attemptId}?discard=1#discard"]`)]);
    const confirm = page.locator(".discard-confirm");
    const text = await confirm.innerText();
    expect(text).toContain("your 1 finding. It cannot be undone.");
    expect(text).toContain("The hint you took stays counted: if this draft is offered to you again, it is already taken and cost the same.");
    expect(text).toContain("Your scores, mastery and progress count only submitted reviews");
    // "Keep it" changes nothing.
    await Promise.all([page.waitForURL((u) => !u.search.includes("discard")), confirm.locator("text=Keep it").click()]);
    expect(await page.locator(".discard-confirm").count()).toBe(0);
    expect(await e2e.db.selectFrom("attempts").select("id").where("id", "=", attemptId).executeTakeFirst()).toBeDefined();

    await page.click("text=Discard this unfinished review…");
    await Promise.all([page.waitForURL(/\/practice\?discarded=1/), page.click("text=Yes, discard this review")]);
    expect(await page.locator(".notice").first().innerText()).toContain("The unfinished review was discarded");
    expect(await page.locator(`a[href="/practice/attempts/${attemptId}"]`).count()).toBe(0);
    expect(await e2e.db.selectFrom("attempts").select("id").where("id", "=", attemptId).executeTakeFirst()).toBeUndefined();
    expect(await e2e.db.selectFrom("findings").select("id").where("attempt_id", "=", attemptId).execute()).toEqual([]);
    const gone = await page.goto(`${e2e.url}/practice/attempts/${attemptId}`);
    expect(gone?.status()).toBe(404);

    // The same draft again (as a program module's assigned draft comes back): the hint is still taken and counted.
    const again = await startAttempt(e2e.db, ana, { domain: "software", difficulty: 1 }, Math.random, { draftId });
    await page.goto(`${e2e.url}/practice/attempts/${again}`);
    const hints = await page.locator("#hints li").allInnerTexts();
    expect(hints).toHaveLength(1);
    expect(hints[0]).toContain("taken on a review of this draft you discarded; it still counts");
    await ctx.close();
  }, 180_000);

  it("refuses another trainee's attempt with a 404 and a submitted one with a clear message", async () => {
    const anas = await openAttempt(e2e.db, ana, draftId);
    await addFinding(e2e.db, ana, anas, finding(2, "First finding: the loop bound is wrong."));
    const ctx = await newContext(e2e.browser, { viewport: { width: 1366, height: 900 } });
    const page = await ctx.newPage();
    await signIn(page, e2e.url, "trainee3@redline.test");
    const other = await page.request.post(`${e2e.url}/practice/attempts/${anas}`, { form: { intent: "discard" }, headers: { Origin: e2e.url }, maxRedirects: 0 });
    expect(other.status()).toBe(404);
    expect(await other.text()).toContain("This attempt does not exist or is not yours.");
    const peek = await page.goto(`${e2e.url}/practice/attempts/${anas}?discard=1`);
    expect(peek?.status()).toBe(404);
    expect(await e2e.db.selectFrom("findings").select("id").where("attempt_id", "=", anas).execute()).toHaveLength(1);
    await ctx.close();

    await submitAttempt(e2e.db, ana, anas);
    const own = await newContext(e2e.browser, { viewport: { width: 1366, height: 900 } });
    const mine = await own.newPage();
    await signIn(mine, e2e.url, "trainee2@redline.test");
    const res = await mine.request.post(`${e2e.url}/practice/attempts/${anas}`, { form: { intent: "discard" }, headers: { Origin: e2e.url }, maxRedirects: 0 });
    expect(res.status()).toBe(409);
    expect(await res.text()).toContain("a submitted review cannot be discarded");
    expect((await e2e.db.selectFrom("attempts").select("status").where("id", "=", anas).executeTakeFirstOrThrow()).status).toBe("submitted");
    await own.close();
  }, 180_000);
});
