// Admin pages in Chromium. "Start batch" without any model configured: the offline seeding engine
// fills the pool, with the same job list and live progress as a model batch, and the page says
// which engine each batch used; a model-only choice with the offline engine is refused with a
// message. The cohort rename field shows a long cohort name whole at 1366 px.
import { describe, expect, it } from "vitest";
import { createCohort } from "~/models/cohort.server";
import { e2eFixture } from "../support/e2e";

const e2e = e2eFixture();

describe("offline generation from the admin page (no model configured)", () => {
  it("an admin starts an offline batch and watches it finish; its drafts join the pool", async () => {
    const { page, ctx, errors } = await e2e.page({ as: "admin@redline.test", viewport: { width: 1366, height: 900 } });
    const before = await e2e.db.selectFrom("drafts").select("id").where("generator", "=", "offline").where("domain", "=", "legal").execute();
    await page.goto(`${e2e.url}/admin/generation`);
    expect(await page.locator('[data-testid="generation-setup"]').innerText()).toContain("No model is configured: batches use the offline seeding engine.");
    // Only the offline engine is offered, and the button is live.
    expect(await page.locator("#g-engine option").allTextContents()).toEqual(["Offline seeding engine"]);
    expect(await page.locator("button", { hasText: "Start batch" }).isEnabled()).toBe(true);

    await page.selectOption("#g-domain", "legal");
    await page.fill("#f-count", "4");
    await page.selectOption("#g-difficulty", "2");
    await Promise.all([page.waitForURL(`${e2e.url}/admin/generation`), page.click("text=Start batch")]);

    const job = page.locator('[data-testid="job"]').first();
    await page.locator('[data-testid="job"][data-status="done"]').first().waitFor({ timeout: 30_000 });
    expect(await job.getAttribute("data-engine")).toBe("offline");
    expect(await job.locator('[data-testid="job-engine"]').innerText()).toBe("Offline seeding engine · difficulty 2");
    expect(await job.innerText()).toContain("legal · flaws on a curated source");
    expect(await job.innerText()).toContain("no model: no calls, no spend");
    const progress = await job.locator('[data-testid="job-progress"]').innerText();
    const m = /^4\/4 done · (\d) accepted · (\d) rejected$/.exec(progress);
    expect(m, progress).not.toBeNull();
    expect(await job.locator("progress").getAttribute("value")).toBe("4");

    const after = await e2e.db.selectFrom("drafts").select("id").where("generator", "=", "offline").where("domain", "=", "legal").execute();
    expect(after.length - before.length).toBe(Number(m![1]));
    expect(Number(m![1])).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it("without JavaScript, asking the offline engine for a draft from a brief is refused with a message naming why, and the form keeps its values", async () => {
    const { page, ctx } = await e2e.page({ as: "admin@redline.test", javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    await page.goto(`${e2e.url}/admin/generation`);
    const jobs = await page.locator('[data-testid="job"]').count();
    await page.selectOption("#g-domain", "finance");
    await page.selectOption("#g-mode", "brief");
    await page.fill("#f-count", "3");
    await Promise.all([page.waitForLoadState(), page.click("text=Start batch")]);
    expect(await page.locator(".field-error").allInnerTexts()).toEqual(["The offline engine seeds flaws in curated sources only; “Draft from a brief” needs a model"]);
    expect(await page.locator("#g-domain").inputValue()).toBe("finance");
    expect(await page.locator("#f-count").inputValue()).toBe("3");
    expect(await page.locator('[data-testid="job"]').count()).toBe(jobs);
    await ctx.close();
  });
});

describe("the cohort rename field", () => {
  it("shows a long cohort name whole at 1366 px and fits the screen at 390 px", async () => {
    const admin = await e2e.db.selectFrom("users").select("org_id").where("email", "=", "admin@redline.test").executeTakeFirstOrThrow();
    const name = "Autumn cohort — engineering and analytics graduates, London";
    const id = await createCohort(e2e.db, admin.org_id!, name);
    for (const width of [1366, 390]) {
      const { page, ctx } = await e2e.page({ as: "admin@redline.test", viewport: { width, height: 900 } });
      await page.goto(`${e2e.url}/admin/cohorts`);
      const field = page.locator(`#rename-${id}`);
      expect(await field.inputValue()).toBe(name);
      const { scroll, client, page: pageWidth } = await field.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, page: document.documentElement.scrollWidth }));
      if (width === 1366) expect(scroll, "the whole name is visible in the field").toBeLessThanOrEqual(client);
      expect(pageWidth).toBeLessThanOrEqual(width);
      await ctx.close();
    }
  });
});
