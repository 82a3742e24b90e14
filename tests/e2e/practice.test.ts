// A trainee's whole practice journey in Chromium: start, flag by text selection, take a hint,
// submit, see the right score and the diff — and the same core path with JavaScript disabled.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { e2eFixture, startSumDraft } from "../support/e2e";
import { onlySumDraftAtDifficulty2 } from "../support/org";

const e2e = e2eFixture();

beforeAll(async () => {
  // The only software draft of difficulty 2: two flaws, on lines 3 and 10 (a deletion).
  await onlySumDraftAtDifficulty2(e2e.db);
});

/** Selects `text` inside line `line` of the draft the way a mouse would, then releases. */
async function selectInLine(page: Page, line: number, text: string) {
  await page.evaluate(
    ({ line, text }) => {
      const row = document.querySelector(`#L${line} .lc`)!;
      const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
      let full = "";
      const nodes: { node: Text; start: number }[] = [];
      while (walker.nextNode()) {
        nodes.push({ node: walker.currentNode as Text, start: full.length });
        full += (walker.currentNode as Text).data;
      }
      const at = full.indexOf(text);
      const locate = (offset: number) => {
        const n = [...nodes].reverse().find((x) => x.start <= offset)!;
        return [n.node, offset - n.start] as const;
      };
      const range = document.createRange();
      range.setStart(...locate(at));
      range.setEnd(...locate(at + text.length));
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      row.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
    },
    { line, text },
  );
}

async function addFinding(page: Page, category: string, explanation: string, confidence = "90") {
  await page.selectOption("#add-category", category);
  await page.fill("#add-explanation", explanation);
  await page.selectOption("#add-confidence", confidence);
  const before = await page.locator(".finding").count();
  await page.click("text=Add finding");
  await page.waitForFunction((n) => document.querySelectorAll(".finding").length === n + 1, before);
}

describe("practice in Chromium", () => {
  it("flags two flaws by selecting text, takes a hint, submits and sees the right score and the diff", async () => {
    const { ctx, page, errors } = await e2e.page({ as: "trainee1@redline.test" });
    // A new joiner without a program is welcomed and pointed at the "Start a review" form.
    const welcome = page.getByTestId("welcome");
    expect(await welcome.getByRole("heading").textContent()).toContain("Welcome to Redline");
    expect(await welcome.getByRole("link", { name: "Start a review" }).getAttribute("href")).toBe("#start-h");
    await startSumDraft(page);

    await selectInLine(page, 3, "i <= n");
    expect(await page.inputValue("#add-lineFrom")).toBe("3");
    expect(await page.inputValue("#add-lineTo")).toBe("3");
    await addFinding(page, "off-by-one", "Off by one: the loop runs n + 1 times, one too many.");
    // The draft re-renders with the new flag marked (fresh markup after the page hydrated).
    await page.locator("#L3.flagged").waitFor();
    expect(await page.locator("#L3 .line-label").textContent()).toBe("#1");

    await selectInLine(page, 10, "return row.id");
    expect(await page.inputValue("#add-lineFrom")).toBe("10");
    await addFinding(page, "missing-await", "The insert is gone: save() returns without e2e.db.insert, so the row is never saved.");
    expect(await page.locator(".finding").count()).toBe(2);

    // A finding being typed survives a reload too (kept in the tab until it is added).
    await page.fill("#add-lineFrom", "6");
    await page.fill("#add-lineTo", "6");
    await page.fill("#add-explanation", "Half-written: the return value may be");
    // Reload: everything was saved on the server.
    await page.reload();
    expect(await page.locator(".finding").count()).toBe(2);
    await page.waitForFunction(() => (document.querySelector("#add-explanation") as HTMLTextAreaElement).value !== "");
    expect(await page.inputValue("#add-explanation")).toBe("Half-written: the return value may be");
    expect(await page.inputValue("#add-lineFrom")).toBe("6");

    await page.click("text=Take a hint (−5 points)");
    await page.locator(".hints li").first().waitFor();
    expect(await page.locator(".hints li").count()).toBe(1);

    await page.click("text=Submit 2 findings…");
    expect(await page.locator(".submit-confirm p").textContent()).toContain("You are submitting 2 findings.");
    await Promise.all([page.waitForURL(/\/practice\/results\//), page.click("text=Yes, submit my review")]);
    await page.locator('[data-testid="total"]').waitFor();
    // Both flaws found in the right category with their key points: 100, minus one hint: 95.
    expect((await page.locator('[data-testid="total"]').textContent())?.startsWith("95")).toBe(true);
    expect(await page.locator(".flaw-result .pill-green").count()).toBe(2);
    expect(await page.locator(".diff-row.add").count()).toBeGreaterThan(0);
    expect(await page.locator(".diff-row .flag", { hasText: "your flag #1" }).count()).toBe(1);
    expect(errors).toEqual([]);

    // Back on the exercise URL: a submitted attempt goes to its results and cannot change.
    await page.goBack();
    await page.waitForURL(/\/practice\/results\//);
    // After the first submission the welcome is gone.
    await page.goto(`${e2e.url}/practice`);
    await page.locator("#done-h").waitFor();
    expect(await page.getByTestId("welcome").count()).toBe(0);
    await ctx.close();
  });

  it("works without JavaScript: flag by line range, submit, see the score", async () => {
    const { ctx, page } = await e2e.page({ javaScriptEnabled: false });
    await page.goto(`${e2e.url}/login`);
    await page.fill('input[name="email"]', "trainee2@redline.test");
    await page.fill('input[name="password"]', "redline-demo");
    await Promise.all([page.waitForURL(`${e2e.url}/practice`), page.click('button[type="submit"]')]);
    await page.check('input[name="domain"][value="software"]');
    await page.selectOption('select[name="difficulty"]', "2");
    await Promise.all([page.waitForURL(/\/practice\/attempts\//), page.click("text=Start reviewing")]);

    // A bad submission keeps what was typed and names the problem.
    await page.fill("#add-lineFrom", "3");
    await page.fill("#add-lineTo", "2");
    await page.fill("#add-explanation", "Loop bound: runs n + 1 times, one too many.");
    await Promise.all([page.waitForLoadState("load"), page.click("text=Add finding")]);
    expect(await page.locator("#add-lineTo-error").textContent()).toBe("The last line must not come before the first line");
    expect(await page.locator("#add-category-error").textContent()).toBe("Choose a category");
    expect(await page.inputValue("#add-explanation")).toBe("Loop bound: runs n + 1 times, one too many.");

    await page.fill("#add-lineTo", "3");
    await page.selectOption("#add-category", "off-by-one");
    await Promise.all([page.waitForLoadState("load"), page.click("text=Add finding")]);
    expect(await page.locator(".finding").count()).toBe(1);

    await page.click("text=Submit 1 finding…");
    await Promise.all([page.waitForURL(/\/practice\/results\//), page.click("text=Yes, submit my review")]);
    // One of two flaws (severity 2 of 5) with full marks otherwise: 45×0.4 + 20 + 10 + 25 = 73.
    expect((await page.locator('[data-testid="total"]').textContent())?.startsWith("73")).toBe(true);
    expect(await page.locator(".flaw-result .pill-red").count()).toBe(1);
    await ctx.close();
  });
});
