// The model path end to end in Chromium: the app runs with OPENAI_BASE_URL pointing at the
// scripted fake model server; an admin generates a batch, watches it progress live and sees a
// failure with its reason; then a trainee practises on one of the AI-written drafts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyDraft } from "~/domain/verification/verify";
import { rowToDraft } from "~/models/draft.server";
import { e2eFixture } from "../support/e2e";
import { goodHandler, schemaName, startFakeOpenAI, type FakeHandler, type FakeOpenAI } from "../support/fake-openai";

let fake: FakeOpenAI;

/** Slow enough that progress can be watched; the second flaw request is refused. */
function batchScript(): FakeHandler {
  let flawRequests = 0;
  const good = goodHandler();
  return async (req) => {
    if (schemaName(req) === "flaw_edits" && ++flawRequests === 2) {
      return { type: "delay", ms: 300, then: { type: "refusal", refusal: "I won't write misleading contract terms." } };
    }
    return { type: "delay", ms: 1500, then: await good(req) };
  };
}

beforeAll(async () => {
  fake = await startFakeOpenAI(batchScript());
});
// Closed after the app (hooks after the tests run in reverse order).
afterAll(async () => {
  await fake?.close();
});
// The app talks to a local OpenAI-compatible server: a model and a URL, no key.
const e2e = e2eFixture({ env: () => ({ OPENAI_BASE_URL: fake.baseURL, OPENAI_MODEL: "fake-model" }) });

beforeAll(async () => {
  // Only AI drafts for legal, difficulty 5 (one the demo history does not use): the trainee below
  // is sure to draw one.
  const seen = e2e.db.selectFrom("attempts").select("draft_id");
  await e2e.db.deleteFrom("drafts").where("domain", "=", "legal").where("difficulty", "=", 5).where("id", "not in", seen).execute();
  expect(await e2e.db.selectFrom("drafts").select("id").where("domain", "=", "legal").where("difficulty", "=", 5).execute()).toEqual([]);
});

describe("AI generation in Chromium", () => {
  it("an admin starts a batch, sees live progress, the outcome and a failure with its reason", async () => {
    const { ctx, page, errors } = await e2e.page({ as: "admin@redline.test" });
    await page.goto(`${e2e.url}/admin/generation`);
    await expect(page.locator('[data-testid="generation-setup"]').textContent()).resolves.toContain("fake-model");

    await page.selectOption("#g-domain", "legal");
    await page.selectOption("#g-mode", "flaws");
    await page.fill("#f-count", "3");
    await page.selectOption("#g-difficulty", "5");
    await page.fill("#f-spendLimit", "0.50");
    await page.click("text=Start batch");

    const job = page.locator('[data-testid="job"]').first();
    await job.waitFor();
    // Watch the same page (no reload): it polls while the job runs.
    const seen = new Set<string>();
    const until = Date.now() + 15_000;
    for (;;) {
      const status = (await job.getAttribute("data-status")) ?? "";
      seen.add(`${status}: ${await job.locator('[data-testid="job-progress"]').textContent()}`);
      if (status === "done" || Date.now() > until) break;
      await page.waitForTimeout(100);
    }
    const states = [...seen];
    expect(states.at(-1)).toBe("done: 3/3 done · 2 accepted · 1 rejected");
    expect(states.some((s) => s.startsWith("running:")), `saw ${states.join(" | ")}`).toBe(true);
    expect(states.length, "progress changed while watching").toBeGreaterThanOrEqual(2);
    expect(await job.locator("progress").getAttribute("value")).toBe("3");

    const failures = await job.locator('[data-testid="job-failures"]').textContent();
    expect(failures).toContain("model refused");
    expect(failures).toContain("The model refused: I won't write misleading contract terms.");
    const pool = await page.locator('[data-testid="pool"]').textContent();
    expect(pool).toContain("AI model (fake-model)");
    expect(errors).toEqual([]);

    // Every AI draft stored is verified and labelled with the model.
    const rows = await e2e.db.selectFrom("drafts").selectAll().where("generator", "like", "openai:fake-model;%").execute();
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(verifyDraft(rowToDraft(r))).toEqual({ ok: true });
    await ctx.close();
  });

  it("an admin cancels a running batch", async () => {
    fake.use(() => ({ type: "hang" })); // the model never answers; only cancel ends this
    const { ctx, page } = await e2e.page({ as: "admin@redline.test" });
    await page.goto(`${e2e.url}/admin/generation`);
    await page.selectOption("#g-domain", "finance");
    await page.fill("#f-count", "4");
    await page.click("text=Start batch");
    const job = page.locator('[data-testid="job"]').first();
    await job.locator("text=finance").waitFor();
    await job.locator("button", { hasText: "Cancel" }).click();
    await page.locator('[data-testid="job"][data-status="cancelled"]').first().waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid="job"]').first().locator('[data-testid="job-progress"]').textContent()).toBe("0/4 done · 0 accepted · 0 rejected");
    const items = await e2e.db.selectFrom("generation_items").innerJoin("generation_jobs", "generation_jobs.id", "generation_items.job_id").select(["generation_items.status"]).where("generation_jobs.domain", "=", "finance").execute();
    expect(items.map((i) => i.status)).toEqual(expect.arrayContaining(["cancelled"]));
    expect(items.every((i) => i.status === "cancelled")).toBe(true);
    await ctx.close();
  });

  it("works without JavaScript: the page renders the jobs and starts a batch with a plain form post", async () => {
    fake.use(goodHandler());
    const { ctx, page } = await e2e.page({ javaScriptEnabled: false, as: "admin@redline.test" });
    await page.goto(`${e2e.url}/admin/generation`);
    expect(await page.locator('[data-testid="job"]').count()).toBe(2);
    await page.selectOption("#g-domain", "data");
    await page.fill("#f-count", "1");
    await Promise.all([page.waitForURL(`${e2e.url}/admin/generation`), page.click("text=Start batch")]);
    expect(await page.locator('[data-testid="job"]').count()).toBe(3);
    expect(await page.locator('[data-testid="job"]').first().textContent()).toContain("data");
    await ctx.close();
  });

  it("a trainee practises on an AI-written draft labelled with its model", async () => {
    const { ctx, page, errors } = await e2e.page({ as: "trainee1@redline.test" });
    await page.check('input[name="domain"][value="legal"]');
    await page.selectOption('select[name="difficulty"]', "5");
    await Promise.all([page.waitForURL(/\/practice\/attempts\//), page.click("text=Start reviewing")]);
    await expect(page.locator(".crumbs").first().textContent()).resolves.toContain("AI model (fake-model)");
    expect(await page.locator("#L1").count()).toBe(1);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
