// Flagging lines in Chromium the way people do it: keyboard only, mouse, and without JavaScript.
// The draft is one tab stop, the picked lines show as a block, and the range clears after a
// finding is added (it used to stay, so the next finding landed on the previous lines).
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { e2eFixture, startSumDraft } from "../support/e2e";
import { onlySumDraftAtDifficulty2 } from "../support/org";

const e2e = e2eFixture();

beforeAll(async () => {
  // The only software draft of difficulty 2: two flaws, on lines 3 and 10 (a deletion).
  await onlySumDraftAtDifficulty2(e2e.db);
});

const active = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.classList.length ? `.${[...el.classList].join(".")}` : ""}` : "";
  });

/** Presses Tab until the focused element matches, returning how many presses it took. */
async function tabTo(page: Page, selector: string, text = "", max = 40, key = "Tab"): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(key);
    const hit = await page.evaluate(([s, t]) => {
      const el = document.activeElement;
      return Boolean(el?.matches(s) && (el.textContent ?? "").includes(t));
    }, [selector, text] as const);
    if (hit) return i;
  }
  throw new Error(`${selector} ${text} not reached within ${max} tab stops (focus on ${await active(page)})`);
}

/** Chooses an option of the focused select by pressing its first letter until it is chosen (type-ahead of
 * whole words is timing-dependent under load; one letter at a time is not). */
async function chooseByLetter(page: Page, id: string, letter: string, value: string) {
  for (let i = 0; i < 10 && (await page.inputValue(id)) !== value; i++) await page.keyboard.press(letter);
  expect(await page.inputValue(id)).toBe(value);
}

/** Waits (up to the context's 8 s) until the input shows the value, then asserts it. */
async function expectValue(page: Page, id: string, value: string) {
  await page.waitForFunction(([i, v]) => (document.querySelector(i) as HTMLInputElement | null)?.value === v, [id, value] as const).catch(() => undefined);
  expect(await page.inputValue(id)).toBe(value);
}

async function expectSelected(page: Page, lines: number[]) {
  await page.waitForFunction((want) => [...document.querySelectorAll("ol.draft li.selected")].map((el) => el.id).join() === want, lines.map((n) => `L${n}`).join()).catch(() => undefined);
  expect(await selectedLines(page)).toEqual(lines);
}

const selectedLines = (page: Page) => page.$$eval("ol.draft li.selected", (els) => els.map((el) => Number(el.id.slice(1))));

describe("flagging lines", () => {
  it("keyboard only: one tab stop for the draft, arrows pick lines, Enter flags, two findings submitted", async () => {
    const { ctx, page, errors } = await e2e.page({ as: "trainee1@redline.test" });
    await startSumDraft(page);
    await page.locator("ol.draft.draft-interactive").waitFor();

    // From the top of the page the draft is a handful of stops away, and line numbers are not stops.
    await page.evaluate(() => {
      (window as unknown as { focused: string[] }).focused = [];
      document.addEventListener("focusin", (e) => (window as unknown as { focused: string[] }).focused.push((e.target as Element).className));
    });
    const stops = await tabTo(page, "ol.draft");
    expect(stops).toBeLessThanOrEqual(12);
    expect(await page.evaluate(() => (window as unknown as { focused: string[] }).focused.filter((c) => c === "ln"))).toEqual([]);
    expect(await page.locator("a.ln[tabindex='-1']").count()).toBe(await page.locator("a.ln").count());

    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown");
    await expectSelected(page, [3]);
    expect(await page.locator("[role=status]", { hasText: "Line 3 of" }).count()).toBe(1);
    await page.keyboard.press("Enter");
    await expectValue(page, "#add-lineFrom", "3");
    await expectValue(page, "#add-lineTo", "3");
    await page.waitForFunction(() => document.activeElement?.id === "add-category").catch(() => undefined);
    expect(await active(page)).toBe("select#add-category");
    await chooseByLetter(page, "#add-category", "O", "off-by-one");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Off by one: the loop runs n + 1 times, one too many.");
    await tabTo(page, "button[type=submit]", "Add finding");
    await page.keyboard.press("Enter");
    await page.locator(".finding").first().waitFor();
    await page.locator("#L3.flagged").waitFor();
    // The range cleared: nothing pre-filled, nothing highlighted.
    await expectValue(page, "#add-lineFrom", "");
    await expectSelected(page, []);

    // Back up to the draft, then lines 9–10 with Shift+ArrowDown.
    await tabTo(page, "ol.draft", "", 40, "Shift+Tab");
    for (let i = 0; i < 6; i++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Shift+ArrowDown");
    await expectSelected(page, [9, 10]);
    await page.keyboard.press("Enter");
    await expectValue(page, "#add-lineFrom", "9");
    await expectValue(page, "#add-lineTo", "10");
    await chooseByLetter(page, "#add-category", "M", "missing-await");
    await page.keyboard.press("Tab");
    await page.keyboard.type("The insert is gone: save() returns without e2e.db.insert, so the row is never saved.");
    await tabTo(page, "button[type=submit]", "Add finding");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelectorAll(".finding").length === 2);

    await tabTo(page, "summary", "Submit 2 findings");
    await page.keyboard.press("Enter");
    await tabTo(page, "button", "Yes, submit my review");
    await Promise.all([page.waitForURL(/\/practice\/results\//), page.keyboard.press("Enter")]);
    await page.locator('[data-testid="total"]').waitFor();
    expect((await page.locator('[data-testid="total"]').textContent())?.startsWith("100")).toBe(true);
    expect(errors).toEqual([]);
    await ctx.close();
  }, 120_000);

  it("mouse: the picked lines show as a block and clear once the finding is added; the skip link reaches the form", async () => {
    const { ctx, page } = await e2e.page({ as: "trainee2@redline.test" });
    await startSumDraft(page);
    await page.locator("ol.draft.draft-interactive").waitFor();

    await page.click("#L5 a.ln");
    await page.click("#L7 a.ln", { modifiers: ["Shift"] });
    await expectSelected(page, [5, 6, 7]);
    await expectValue(page, "#add-lineFrom", "5");
    await expectValue(page, "#add-lineTo", "7");
    // Typing a range in the form moves the block too.
    await page.fill("#add-lineTo", "8");
    await expectSelected(page, [5, 6, 7, 8]);

    await page.selectOption("#add-category", "off-by-one");
    await page.fill("#add-explanation", "The loop bound is one too far, so it sums n + 1 numbers.");
    await page.click("text=Add finding");
    await page.locator(".finding").first().waitFor();
    await page.locator("#L5.flagged").waitFor();
    await expectValue(page, "#add-lineFrom", "");
    await expectValue(page, "#add-lineTo", "");
    await expectSelected(page, []);

    // The next pick lands where it was made, not on the previous range.
    await page.click("#L10 a.ln");
    await expectValue(page, "#add-lineFrom", "10");
    await expectValue(page, "#add-lineTo", "10");

    await page.locator("a.skip-inline").focus();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    expect(await active(page)).toBe("input#add-lineFrom");
    await ctx.close();
  }, 120_000);

  it("without JavaScript the page asks for typed line numbers, not for selecting text", async () => {
    const { ctx, page } = await e2e.page({ javaScriptEnabled: false });
    await page.goto(`${e2e.url}/login`);
    await page.fill('input[name="email"]', "trainee3@redline.test");
    await page.fill('input[name="password"]', "redline-demo");
    await Promise.all([page.waitForURL(`${e2e.url}/practice`), page.click('button[type="submit"]')]);
    await startSumDraft(page);
    const help = await page.locator(".draft-help").textContent();
    expect(help).toContain("Type the line numbers");
    expect(await page.locator("body").textContent()).not.toMatch(/select text|click line numbers|arrow keys/i);
    await ctx.close();
  });
});
