// The trainee's screens in Chromium. Prose drafts, briefs and explanations are markdown: shown
// rendered (headings, emphasis, a finance table as rows of cells) and never as raw markup, while
// each numbered line is still what a trainee flags; the results diff marks whole words, not
// letters. The finding form checks its schema before sending. /practice remembers the last choice.
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_PACK, FIXTURE_SOURCE } from "~/domain/generation/fixture-pack";
import { generateDraft } from "~/domain/generation/generate";
import type { AnswerKeyEntry } from "~/domain/types";
import { insertDrafts } from "~/models/draft.server";
import { e2eFixture } from "../support/e2e";
import { openAttempt } from "../support/org";

const e2e = e2eFixture();
let attemptId = "";
let draftId = "";
let traineeId = "";

const CLEAN = [
  "# Cash runway forecast",
  "",
  "Prepared for the **board** from the month-end close. See [the policy](javascript:alert('md-link')).",
  "<img src=x data-xss onerror=\"window.__xss='raw-img'\"> is not an image.",
  "",
  "## Monthly forecast",
  "",
  "| EUR thousands | Jan | Feb | Total |",
  "|---|---:|---:|---:|",
  "| Customer receipts | 1,200 | 1,300 | 2,500 |",
  "| Rent | (100) | (100) | (200) |",
  "| <b data-xss onclick=\"window.__xss='cell'\">Cell</b> | `5` | - | - |",
  "",
  "- Either party may terminate in London,",
  "  on 30 days' notice.",
].join("\n");

const FLAWED = CLEAN.replace("1,300 | 2,500", "1,300 | 2,600").replace("terminate in London", "terminate in Paris");

const lineOf = (text: string, at: number) => text.slice(0, at).split("\n").length;

function flaw(id: string, original: string, replacement: string, template: AnswerKeyEntry): AnswerKeyEntry {
  const cs = CLEAN.indexOf(original);
  const fs = FLAWED.indexOf(replacement);
  const line = lineOf(FLAWED, fs);
  return { ...template, id, original, replacement, cleanSpan: { start: cs, end: cs + original.length }, span: { start: fs, end: fs + replacement.length }, lines: { from: line, to: line }, explanation: "The **total** no longer adds up: `1,200 + 1,300` is 2,500." };
}

beforeAll(async () => {
  const base = generateDraft(FIXTURE_SOURCE, FIXTURE_PACK, { seed: 5, flawCount: 1, categories: ["off-by-one"] });
  [draftId] = await insertDrafts(e2e.db, [
    {
      ...base,
      domain: "software",
      format: "table",
      language: "markdown",
      title: "Cash runway forecast",
      brief: "Write a **runway** memo.\n\n- Use the month-end close\n- <script>window.__xss='brief'</script> stays text\n\n| Rule | Value |\n|---|---:|\n| Minimum cash | 500 |",
      cleanText: CLEAN,
      flawedText: FLAWED,
      answerKey: [flaw("t1", "2,500", "2,600", base.answerKey[0]), flaw("t2", "London", "Paris", base.answerKey[0])],
    },
  ]);
  const trainee = await e2e.db.selectFrom("users").select("id").where("email", "=", "trainee2@redline.test").executeTakeFirstOrThrow();
  traineeId = trainee.id;
  attemptId = await openAttempt(e2e.db, trainee.id, draftId);
}, 300_000);

describe("markdown in prose drafts", () => {
  it("renders headings, emphasis and the table, shows raw HTML as text, and flags a table row by its line", async () => {
    const { ctx, page, errors } = await e2e.page({ viewport: { width: 1366, height: 900 }, as: "trainee2@redline.test" });
    await page.goto(`${e2e.url}/practice/attempts/${attemptId}`);
    await page.locator("#L10").waitFor();

    // The brief: a list and a table, the script shown as text.
    expect(await page.locator(".brief li").count()).toBe(2);
    expect(await page.locator(".brief td.al-right").textContent()).toBe("500");
    expect(await page.locator(".brief").innerText()).toContain("<script>window.__xss='brief'</script> stays text");

    // The draft: no markdown syntax on screen, the same numbered lines as the text.
    expect(await page.locator("ol.draft li.line").count()).toBe(FLAWED.split("\n").length);
    expect(await page.locator("#L1 .lc").textContent()).toBe("Cash runway forecast");
    expect(await page.locator("#L1").getAttribute("class")).toContain("heading");
    expect(await page.locator("#L3 .lc strong").textContent()).toBe("board");
    // A javascript: link is not made a link.
    expect(await page.locator("ol.draft a:not(.ln)").count()).toBe(0);
    expect(await page.locator("#L4 .lc").textContent()).toBe("<img src=x data-xss onerror=\"window.__xss='raw-img'\"> is not an image.");
    // Table rows: cells aligned in columns, no pipes, header row marked, amounts right-aligned.
    expect(await page.locator("#L8").getAttribute("class")).toContain("md-thead");
    expect(await page.locator("#L10 .md-td").allTextContents()).toEqual(["Customer receipts", "1,200", "1,300", "2,600"]);
    expect(await page.locator("#L10 .lc").innerText()).not.toContain("|");
    const [label, total] = await Promise.all([page.locator("#L10 .md-td").first().boundingBox(), page.locator("#L10 .md-td").last().boundingBox()]);
    const [labelAbove, totalAbove] = await Promise.all([page.locator("#L11 .md-td").first().boundingBox(), page.locator("#L11 .md-td").last().boundingBox()]);
    expect(Math.round(total!.x + total!.width)).toBe(Math.round(totalAbove!.x + totalAbove!.width));
    expect(label!.x).toBe(labelAbove!.x);
    expect(await page.locator("#L12 .md-td").first().textContent()).toBe("<b data-xss onclick=\"window.__xss='cell'\">Cell</b>");
    expect(await page.locator("#L14 .lc").textContent()).toContain("• Either party may terminate in Paris,");
    expect(await page.locator("[data-xss], [onerror], [onclick]").count()).toBe(0);

    // Flagging still works line by line: a click on the table row's number fills the form.
    await page.click("#L10 a.ln");
    expect(await page.inputValue("#add-lineFrom")).toBe("10");
    await page.selectOption("#add-category", "off-by-one");
    await page.fill("#add-explanation", "The February total should be 2,500, not 2,600.");
    await Promise.all([page.waitForURL(/attempts/), page.click("text=Add finding")]);
    await page.locator("#L10.flagged").waitFor();
    expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss ?? null)).toBeNull();

    await page.click("text=Submit 1 finding…");
    await Promise.all([page.waitForURL(/\/practice\/results\//), page.click("text=Yes, submit my review")]);
    // The model explanation is rendered; the diff marks whole words.
    await page.locator(".flaw-result").first().waitFor();
    expect(await page.locator(".flaw-result .md strong").first().textContent()).toBe("total");
    const dels = await page.locator(".diff del").allTextContents();
    const ins = await page.locator(".diff ins").allTextContents();
    expect(dels).toEqual(["2,500", "London"]);
    expect(ins).toEqual(["2,600", "Paris"]);
    expect(errors).toEqual([]);
    await ctx.close();
  }, 120_000);
});

describe("the finding form (one schema in the browser and on the server)", () => {
  it("names what is wrong before sending anything, then adds the finding once it is right", async () => {
    const open = await openAttempt(e2e.db, traineeId, draftId);
    const { ctx, page, errors } = await e2e.page({ viewport: { width: 1366, height: 900 }, as: "trainee2@redline.test" });
    await page.goto(`${e2e.url}/practice/attempts/${open}`);
    await page.locator("#L10").waitFor();
    await page.waitForFunction(() => document.querySelector(".draft-interactive"));
    const posts: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST") posts.push(r.url());
    });
    await page.fill("#add-lineFrom", "12");
    await page.fill("#add-lineTo", "10");
    await page.fill("#add-explanation", "Too short");
    await page.click("text=Add finding");
    await page.locator("#add-lineTo-error").waitFor();
    expect(await page.locator("#add-lineTo-error").textContent()).toBe("The last line must not come before the first line");
    expect(await page.locator("#add-category-error").textContent()).toBe("Choose a category");
    expect(await page.locator("#add-explanation-error").textContent()).toBe("Explain what is wrong in at least 10 characters");
    expect(await page.getAttribute("#add-explanation", "aria-invalid")).toBe("true");
    expect(posts).toEqual([]);
    // Fixing a field clears its error as the reader types; what was typed stays.
    await page.fill("#add-explanation", "The February total should be 2,500, not 2,600.");
    await page.locator("#add-explanation-error").waitFor({ state: "detached" });
    expect(await page.inputValue("#add-lineFrom")).toBe("12");
    await page.fill("#add-lineFrom", "10");
    await page.fill("#add-lineTo", "10");
    await page.selectOption("#add-category", "off-by-one");
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.click("text=Add finding")]);
    await page.locator("#L10.flagged").waitFor();
    expect(await page.locator(".findings .finding").count()).toBe(1);
    expect(errors).toEqual([]);
    await ctx.close();
  }, 120_000);
});

describe("the practice home", () => {
  it("offers the domain and difficulty last started with", async () => {
    const { ctx, page } = await e2e.page({ viewport: { width: 1366, height: 900 }, as: "trainee3@redline.test" });
    await page.goto(`${e2e.url}/practice`);
    expect(await page.inputValue("#difficulty")).toBe("2");
    await page.check('input[name="domain"][value="legal"]');
    await page.selectOption("#difficulty", "3");
    await Promise.all([page.waitForURL(/\/practice\/attempts\//), page.click("text=Start reviewing")]);
    await page.goto(`${e2e.url}/practice`);
    expect(await page.isChecked('input[name="domain"][value="legal"]')).toBe(true);
    expect(await page.inputValue("#difficulty")).toBe("3");
    await ctx.close();
  }, 120_000);
});
