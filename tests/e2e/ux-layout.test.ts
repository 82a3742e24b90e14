// Every main page as people see it, in Chromium at a laptop width (1366 px) and a phone width
// (390 px): nothing wider than the screen, and axe-core (run inside the page) finds no serious or
// critical accessibility violations. UX_SHOTS=dir also saves a screenshot of each page there.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createRng } from "~/domain/generation/prng";
import { addFinding, getAttemptForTrainee, startAttempt, submitAttempt } from "~/models/attempt.server";
import { newContext, signIn } from "../support/browser";
import { e2eFixture } from "../support/e2e";

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const shots = process.env.UX_SHOTS;

const e2e = e2eFixture({ env: { REDLINE_DEMO_HISTORY: "1" } });
const pages: Record<"trainee" | "mentor" | "admin" | "anonymous", { email: string; paths: string[] }> = {
  anonymous: { email: "", paths: ["/login"] },
  trainee: { email: "trainee1@redline.test", paths: ["/practice", "/practice/progress", "/practice/scoring", "/practice/categories/software", "/notifications", "/account/sessions"] },
  mentor: { email: "mentor1@redline.test", paths: ["/mentor", "/mentor/dashboard", "/mentor/calibration"] },
  admin: { email: "admin@redline.test", paths: ["/admin", "/admin/cohorts", "/admin/generation", "/admin/content"] },
};

beforeAll(async () => {
  // With the demo history, so progress, dashboards and queues show what they show in use.
  const trainee = await e2e.db.selectFrom("users").select("id").where("email", "=", "trainee1@redline.test").executeTakeFirstOrThrow();
  const done = await e2e.db.selectFrom("attempts").select("id").where("user_id", "=", trainee.id).where("status", "=", "submitted").orderBy("submitted_at").executeTakeFirstOrThrow();
  const c = await e2e.client("trainee1@redline.test");
  const start = await c.post("/practice?index", { domain: "software", difficulty: "2" });
  const open = start.location!;
  pages.trainee.paths.push(open, `${open}?discard=1`, `/practice/results/${done.id}`);
  pages.mentor.paths.push(`/mentor/attempts/${done.id}`, `/mentor/trainees/${trainee.id}`);
}, 300_000);

interface Problem {
  width: number;
  path: string;
  what: string;
}

async function check(page: Page, width: number, urlPath: string, role: string, problems: Problem[]) {
  await page.goto(`${e2e.url}${urlPath}`, { waitUntil: "load" });
  // Compared with the screen width asked for: a phone browser widens its layout viewport to fit
  // content that is too wide, so window.innerWidth would hide the problem.
  const { scrollWidth, innerWidth, wide } = await page.evaluate((vw) => {
    // The elements that stick out, to name them in the failure.
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > vw + 1 && !el.closest("[data-scroll-x]"))
      .slice(0, 4)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} (${Math.round(el.getBoundingClientRect().right)} px)`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: vw, wide };
  }, width);
  if (scrollWidth > innerWidth) problems.push({ width, path: urlPath, what: `page is ${scrollWidth} px wide on a ${innerWidth} px screen: ${wide.join(", ")}` });
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  });
  for (const v of violations) problems.push({ width, path: urlPath, what: v });
  if (shots) {
    fs.mkdirSync(shots, { recursive: true });
    const name = `${width}-${role}-${urlPath.replace(/[^a-z0-9]+/gi, "_").replace(/_[0-9a-f]{8}-[0-9a-f-]{27}/g, "_id")}.png`;
    await page.screenshot({ path: path.join(shots, name), fullPage: true });
  }
}

describe("main pages at 1366 and 390 px", () => {
  for (const width of [1366, 390]) {
    it(`fit the screen and pass axe-core at ${width} px`, async () => {
      const problems: Problem[] = [];
      for (const [role, { email, paths }] of Object.entries(pages)) {
        const ctx = await newContext(e2e.browser, { viewport: { width, height: width > 800 ? 900 : 844 }, isMobile: width < 800, hasTouch: width < 800 });
        ctx.setDefaultTimeout(20_000);
        const page = await ctx.newPage();
        if (email) await signIn(page, e2e.url, email);
        for (const p of paths) await check(page, width, p, role, problems);
        await ctx.close();
      }
      expect(problems.map((p) => `${p.width} ${p.path}: ${p.what}`)).toEqual([]);
    }, 600_000);
  }
});

/** Labels that are cut (their text wider than their box) and how the charts fill their cards. */
async function chartLayout(page: Page) {
  return page.evaluate(() => {
    const cut = [...document.querySelectorAll(".hbar-label, .hbar-value, .chart-axis-label, .plain-list li")]
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map((el) => (el.textContent ?? "").slice(0, 60));
    const fill = [...document.querySelectorAll(".chart")].map((chart) => {
      const card = chart.closest(".card")!;
      const pad = parseFloat(getComputedStyle(card).paddingLeft) + parseFloat(getComputedStyle(card).paddingRight);
      return Math.round((chart.getBoundingClientRect().width / (card.getBoundingClientRect().width - pad)) * 100);
    });
    const plot = document.querySelector(".line-chart-plot")!.getBoundingClientRect().width;
    const sizes = [...document.querySelectorAll(".hbar-label, .hbar-value, .chart-ticks span span, .chart-axis-label")].map((el) => parseFloat(getComputedStyle(el).fontSize));
    return { cut, fill, plot, smallestText: Math.min(...sizes), labels: document.querySelectorAll(".hbar-label").length, scrollWidth: document.documentElement.scrollWidth };
  });
}

describe("the progress page", () => {
  it("ranks strongest and weakest from enough data and offers to practise a weak category", async () => {
    // The demo history is drawn from a pool sampled at start, so it may not reach "enough data":
    // trainee1 reviews software drafts until a category they always find and one they never flag
    // have 3 flaws each (categories alternate by first sight: flagged, not flagged, flagged, …).
    const trainee = await e2e.db.selectFrom("users").select("id").where("email", "=", "trainee1@redline.test").executeTakeFirstOrThrow();
    const rng = createRng(7);
    const order: string[] = [];
    const seen = new Map<string, number>();
    const enough = (flagged: boolean) => order.some((c, i) => i % 2 === (flagged ? 0 : 1) && (seen.get(c) ?? 0) >= 3);
    for (let k = 0; k < 60 && !(enough(true) && enough(false)); k++) {
      const id = await startAttempt(e2e.db, trainee.id, { domain: "software", difficulty: 1 }, rng);
      const { draft } = await getAttemptForTrainee(e2e.db, trainee.id, id);
      for (const flaw of draft.answerKey) {
        if (!order.includes(flaw.category)) order.push(flaw.category);
        seen.set(flaw.category, (seen.get(flaw.category) ?? 0) + 1);
        if (order.indexOf(flaw.category) % 2 === 1) continue;
        await addFinding(e2e.db, trainee.id, id, { lineFrom: flaw.lines.from, lineTo: flaw.lines.to, category: flaw.category, explanation: flaw.explanation, confidence: 80, suggestedFix: "", quote: "" });
      }
      await submitAttempt(e2e.db, trainee.id, id);
    }
    const ctx = await newContext(e2e.browser, { viewport: { width: 1366, height: 900 } });
    const page = await ctx.newPage();
    await signIn(page, e2e.url, "trainee1@redline.test");
    await page.goto(`${e2e.url}/practice/progress`);
    const weakest = page.locator("section[aria-labelledby=weak-h] li");
    expect(await weakest.count()).toBeGreaterThan(0);
    // No rate is both strongest and weakest: equal rates are neither.
    const rate = (t: string) => / — (\d+) % of/.exec(t)![1];
    const strong = (await page.locator("section[aria-labelledby=strong-h] li").allInnerTexts()).map(rate);
    const weak = (await weakest.allInnerTexts()).map(rate);
    expect(strong.length).toBeGreaterThan(0);
    expect(Math.min(...strong.map(Number))).toBeGreaterThan(Math.max(...weak.map(Number)));
    const first = await weakest.first().innerText();
    // The button starts an exercise aimed at that category (the adaptive selector's "practise this").
    await Promise.all([page.waitForURL(/\/practice\/attempts\//), weakest.first().locator("button", { hasText: "Practise this" }).click()]);
    expect(page.url()).toMatch(/\/practice\/attempts\/[0-9a-f-]{36}$/);
    expect(first).toMatch(/ — \d+ % of \d+/);
    await ctx.close();
  }, 180_000);
});

describe("the progress charts", () => {
  it("fill their cards, cut no label and keep readable text at 1366 and 390 px, on the trainee's and the mentor's page", async () => {
    const trainee = await e2e.db.selectFrom("users").select("id").where("email", "=", "trainee1@redline.test").executeTakeFirstOrThrow();
    for (const width of [1366, 390]) {
      for (const [email, urlPath] of [
        ["trainee1@redline.test", "/practice/progress"],
        ["mentor1@redline.test", `/mentor/trainees/${trainee.id}`],
      ]) {
        const ctx = await newContext(e2e.browser, { viewport: { width, height: 900 }, isMobile: width < 800, hasTouch: width < 800 });
        const page = await ctx.newPage();
        await signIn(page, e2e.url, email);
        await page.goto(`${e2e.url}${urlPath}`);
        const l = await chartLayout(page);
        const where = `${urlPath} at ${width} px`;
        expect(l.labels, where).toBeGreaterThan(0);
        expect(l.cut, where).toEqual([]);
        for (const f of l.fill) expect(f, where).toBeGreaterThanOrEqual(98);
        expect(l.plot, where).toBeGreaterThan(width > 800 ? 900 : 250);
        expect(l.smallestText, where).toBeGreaterThanOrEqual(12);
        expect(l.scrollWidth, where).toBeLessThanOrEqual(width);
        if (shots) await page.screenshot({ path: path.join(shots, `${width}-charts-${email.split("@")[0]}.png`), fullPage: true });
        await ctx.close();
      }
    }
  }, 240_000);
});
