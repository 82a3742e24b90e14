// A trainee's run of legal drafts in Chromium: each exercise is a document they have not read,
// and none says it was reviewed before.
import { describe, expect, it } from "vitest";
import { e2eFixture } from "../support/e2e";

const e2e = e2eFixture();

describe("no repeats in Chromium", () => {
  it("five legal drafts at difficulty 3, each submitted: five different documents, no 'reviewed before' notice", async () => {
    const { ctx, page, errors } = await e2e.page({ as: "trainee3@redline.test" });
    const texts: string[] = [];
    for (let i = 0; i < 5; i++) {
      await page.goto(`${e2e.url}/practice`);
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
