// A trainee's run of legal drafts in Chromium: each exercise is a document they have not read,
// and none says it was reviewed before.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../support/app";
import { launchBrowser, newContext, signIn, watchConsole } from "../support/browser";

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("no repeats in Chromium", () => {
  it("five legal drafts at difficulty 3, each submitted: five different documents, no 'reviewed before' notice", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const errors = watchConsole(page);
    await signIn(page, app.url, "trainee3@redline.test");
    const texts: string[] = [];
    for (let i = 0; i < 5; i++) {
      await page.goto(`${app.url}/practice`);
      await page.check('input[name="domain"][value="legal"]');
      await page.selectOption('select[name="difficulty"]', "3");
      await Promise.all([page.waitForURL(/\/practice\/attempts\//), page.click("text=Start reviewing")]);
      await page.locator("#L1").waitFor();
      texts.push((await page.locator(".lc").allTextContents()).join("\n"));
      expect(await page.locator(".reviewed-before").count()).toBe(0);
      await page.click("text=Submit: I found no flaws…");
      await Promise.all([page.waitForURL(/\/practice\/results\//), page.click("text=Yes, submit my review")]);
    }
    expect(new Set(texts).size).toBe(5);
    expect(errors).toEqual([]);
    await ctx.close();
  }, 180_000);
});
