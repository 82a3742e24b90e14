// A trainee on a phone (390 px, touch) in Chromium: the header folds into a "Menu" that opens
// without JavaScript too; on the exercise page the picked lines and a link to the form stay on screen
// while the draft scrolls; the controls are big enough to tap. (No sideways scroll on every
// trainee page is checked, with axe-core, in ux-layout.test.ts.)
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_PACK, FIXTURE_SOURCE } from "~/domain/generation/fixture-pack";
import { generateDraft } from "~/domain/generation/generate";
import { insertDrafts } from "~/models/draft.server";
import { newContext, signIn, watchConsole } from "../support/browser";
import { e2eFixture } from "../support/e2e";
import { openAttempt } from "../support/org";

const e2e = e2eFixture();
let attemptId = "";
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

beforeAll(async () => {
  // A long draft (80 lines), so there is something to scroll.
  const base = generateDraft(FIXTURE_SOURCE, FIXTURE_PACK, { seed: 3, flawCount: 1, categories: ["off-by-one"] });
  const pad = Array.from({ length: 80 }, (_, i) => `// note ${i + 1}: unchanged context line`).join("\n");
  const [draftId] = await insertDrafts(e2e.db, [{ ...base, domain: "software", title: "Long phone draft", cleanText: `${base.cleanText}\n${pad}`, flawedText: `${base.flawedText}\n${pad}` }]);
  const trainee = await e2e.db.selectFrom("users").select("id").where("email", "=", "trainee2@redline.test").executeTakeFirstOrThrow();
  attemptId = await openAttempt(e2e.db, trainee.id, draftId);
});

const height = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())?.height ?? 0;

describe("the header on a phone", () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`folds the links into a Menu that opens ${javaScriptEnabled ? "with" : "without"} JavaScript`, async () => {
      const ctx = await newContext(e2e.browser, { ...PHONE, javaScriptEnabled });
      const page = await ctx.newPage();
      await signIn(page, e2e.url, "trainee2@redline.test");
      await page.goto(`${e2e.url}/practice`);
      // Closed: the links and "Sign out" are not on screen, the Menu button is, and it is tappable.
      expect(await page.locator("header a:visible", { hasText: "Progress" }).count()).toBe(0);
      expect(await page.locator("header button:visible", { hasText: "Sign out" }).count()).toBe(0);
      expect(await height(page, ".phone-menu > summary")).toBeGreaterThanOrEqual(44);
      await page.locator(".phone-menu > summary").tap();
      const progress = page.locator(".phone-menu-panel a", { hasText: "Progress" });
      await progress.waitFor({ state: "visible" });
      expect(await page.locator(".phone-menu-panel button", { hasText: "Sign out" }).isVisible()).toBe(true);
      expect((await progress.boundingBox())!.height).toBeGreaterThanOrEqual(44);
      const panel = (await page.locator(".phone-menu-panel").boundingBox())!;
      expect(panel.x).toBeGreaterThanOrEqual(0);
      expect(panel.x + panel.width).toBeLessThanOrEqual(390);
      await Promise.all([page.waitForURL(/\/practice\/progress$/), progress.tap()]);
      // After going somewhere the menu is closed again.
      // (Waited for, not read at once: the page may still be settling when the address changes.)
      await page.locator(".phone-menu-panel").waitFor({ state: "hidden", timeout: 15_000 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await ctx.close();
    }, 180_000);
  }
});

describe("the exercise page on a phone", () => {
  it("keeps the picked lines and the way to the form on screen while the draft scrolls; controls are 44 px tall", async () => {
    const ctx = await newContext(e2e.browser, PHONE);
    const page = await ctx.newPage();
    const errors = watchConsole(page);
    await signIn(page, e2e.url, "trainee2@redline.test");
    await page.goto(`${e2e.url}/practice/attempts/${attemptId}`);
    await page.waitForFunction(() => document.querySelector(".draft-interactive"));
    const bar = page.locator('[data-testid="flag-bar"]');
    const onScreen = async () => {
      const box = await bar.boundingBox();
      return !!box && box.y >= 0 && box.y + box.height <= 844;
    };

    await page.locator("#L30").scrollIntoViewIfNeeded();
    expect(await onScreen()).toBe(true);
    await page.locator("#L30 a.ln").tap();
    expect(await bar.innerText()).toContain("Line 30 picked");
    // Further down the draft, the bar is still at the bottom of the screen.
    await page.locator("#L70").scrollIntoViewIfNeeded();
    expect(await onScreen()).toBe(true);
    expect(await page.locator("#flag").boundingBox().then((b) => b!.y > 844)).toBe(true);
    expect(await height(page, '[data-testid="flag-bar"] a')).toBeGreaterThanOrEqual(44);

    // "Flag these lines" takes the reader to the form, with line 30 filled in.
    expect(await bar.locator("a").innerText()).toBe("Flag these lines");
    await bar.locator("a").tap();
    await page.waitForFunction(() => location.hash === "#flag");
    const form = (await page.locator("#flag").boundingBox())!;
    expect(form.y).toBeLessThan(844);
    expect(await page.inputValue("#add-lineFrom")).toBe("30");

    // Every button, menu and text field on the page is at least 44 px tall.
    const small = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>("main button, main .btn, main select, main input:not([type=hidden]):not([type=radio]):not([type=checkbox]), main summary")]
        .filter((el) => el.offsetParent !== null && el.getBoundingClientRect().height < 44)
        .map((el) => `${el.tagName.toLowerCase()} “${(el.textContent ?? "").trim().slice(0, 30)}” ${Math.round(el.getBoundingClientRect().height)} px`),
    );
    expect(small).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
    await ctx.close();
  }, 180_000);
});
