// The senior in the loop: a mentor reviews a trainee's attempt in Chromium, overrides a verdict
// and publishes; the trainee sees the feedback and the changed score.
import { beforeAll, describe, expect, it } from "vitest";
import { e2eFixture } from "../support/e2e";
import { onlySumDraftAtDifficulty2, submitted } from "../support/org";

const e2e = e2eFixture();
let attemptId = "";
let springAttempt = "";

async function practise(email: string, findings: Record<string, string>[]) {
  const c = await e2e.client(email);
  const start = await c.post("/practice?index", { domain: "software", difficulty: "2" });
  const id = start.location!.split("/").pop()!;
  for (const f of findings) await c.post(`/practice/attempts/${id}`, { intent: "add", confidence: "90", ...f });
  await c.post(`/practice/attempts/${id}`, { intent: "submit" });
  return id;
}

beforeAll(async () => {
  await onlySumDraftAtDifficulty2(e2e.db);
  // trainee5 is in the Autumn cohort (mentor2 mentors it); trainee1 in Spring (mentor1 only).
  attemptId = await practise("trainee5@redline.test", [
    { lineFrom: "3", lineTo: "3", category: "off-by-one", explanation: "Off by one: the loop runs n + 1 times, one too many." },
    { lineFrom: "10", lineTo: "10", category: "missing-await", explanation: "The insert is gone, so the row is never saved." },
  ]);
  springAttempt = await practise("trainee1@redline.test", [{ lineFrom: "3", lineTo: "3", category: "off-by-one", explanation: "Loop bound is off by one." }]);
});

describe("mentor review in Chromium", () => {
  it("a mentor overrides one verdict and publishes; the trainee sees the feedback and the changed score", async () => {
    const auto = await e2e.db.selectFrom("attempts").select("auto_total").where("id", "=", attemptId).executeTakeFirstOrThrow();
    expect(auto.auto_total).toBe(100);

    const { ctx, page, errors } = await e2e.page({ as: "mentor2@redline.test" });
    await page.locator("td", { hasText: "Ravi Shah" }).first().waitFor();
    await Promise.all([page.waitForURL(`${e2e.url}/mentor/attempts/${attemptId}`), page.locator("tr", { hasText: "Ravi Shah" }).getByText("Review").click()]);
    const findingIds = await e2e.db.selectFrom("findings").select(["id", "line_from"]).where("attempt_id", "=", attemptId).orderBy("line_from").execute();
    // The second finding (the deletion) is judged only partly right, with a comment.
    expect(await page.getByTestId("preview-total").textContent()).toBe("100");
    await page.selectOption(`#verdict-${findingIds[1].id}`, "partly");
    // The score with the mentor's verdicts follows the change (live preview).
    await page.locator('[data-testid="preview-total"]', { hasText: "80.3" }).waitFor();
    await page.fill(`#comment-${findingIds[1].id}`, "Right spot, but say that save() resolves before anything is written.");
    await page.fill("#feedback", "Solid review. Be precise about the consequence of a missing write.");
    // Publishing asks first, naming what the trainee will see; nothing is published yet.
    await page.getByRole("button", { name: "Publish to trainee…" }).click();
    const confirm = page.getByTestId("publish-confirm");
    await confirm.waitFor();
    const said = await confirm.textContent();
    expect(said).toContain("Their score changes from 100 (automatic) to 80.3 with your verdicts.");
    expect(said).toContain("Verdicts on 2 findings: 1 partly right, 1 kept as the automatic verdict.");
    expect(said).toContain("They see your overall feedback and 1 comment.");
    expect((await e2e.db.selectFrom("attempts").select("published_review_id").where("id", "=", attemptId).executeTakeFirstOrThrow()).published_review_id).toBeNull();
    await confirm.getByRole("button", { name: /Yes, publish/ }).click();
    await page.locator(".success", { hasText: "Published" }).waitFor();
    // Detection: 2 + 3×0.5 of 5 = 0.7; explanation: (1 + 0.5) / 2 = 0.75 → 31.5 + 20 + 10 + 18.75 = 80.3 (rounded).
    expect(await page.locator(".success").textContent()).toContain("final score of 80.3");
    // The page's loader data is revalidated after the action: wait for the new final score.
    await page.locator('[data-testid="final-total"]', { hasText: "80.3" }).waitFor();
    expect(await page.locator("table.data", { hasText: "publish" }).count()).toBe(1);
    expect(errors).toEqual([]);
    await ctx.close();

    const { ctx: tctx, page: tp } = await e2e.page({ as: "trainee5@redline.test" });
    await tp.locator('[data-testid="feedback-badge"]').waitFor();
    await Promise.all([tp.waitForURL(/\/practice\/results\//), tp.locator("a", { hasText: "Sum of the first n numbers" }).first().click()]);
    await tp.locator('[data-testid="mentor-feedback"]').waitFor();
    expect(await tp.locator('[data-testid="mentor-feedback"]').textContent()).toContain("Be precise about the consequence");
    expect((await tp.locator('[data-testid="total"]').textContent())?.startsWith("80.3")).toBe(true);
    expect(await tp.locator(".mentor-note", { hasText: "Mentor: partly right" }).count()).toBe(1);
    await tctx.close();
  });

  it("a mentor cannot open an attempt outside their cohorts (404), and a trainee cannot open mentor pages (403)", async () => {
    const mentor2 = await e2e.client("mentor2@redline.test");
    for (const path of [`/mentor/attempts/${springAttempt}`, `/mentor/attempts/${springAttempt}.data`]) {
      const r = await mentor2.get(path);
      expect(r.status).toBe(404);
      expect(r.body).not.toContain("Loop bound is off by one");
    }
    expect((await mentor2.post(`/mentor/attempts/${springAttempt}`, { intent: "publish", version: "0", feedback: "x" })).status).toBe(404);
    expect((await mentor2.post(`/mentor/attempts/${springAttempt}`, { intent: "preview", version: "0", feedback: "" })).status).toBe(404);
    // A publish without the version the form was rendered with is refused, saying why (it used to publish as version 0).
    const before = await e2e.db.selectFrom("attempts").select(["final_total", "review_version"]).where("id", "=", attemptId).executeTakeFirstOrThrow();
    const noVersion = await mentor2.post(`/mentor/attempts/${attemptId}`, { intent: "publish", feedback: "" });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body).toContain("does not say which version of the review it was opened on");
    expect(await e2e.db.selectFrom("attempts").select(["final_total", "review_version"]).where("id", "=", attemptId).executeTakeFirstOrThrow()).toEqual(before);
    const trainee = await e2e.client("trainee2@redline.test");
    for (const path of ["/mentor", `/mentor/attempts/${springAttempt}`, "/admin/cohorts", "/admin/content"]) {
      expect((await trainee.get(path)).status).toBe(403);
    }
  });

  it("without JavaScript a mentor previews, confirms and publishes; the preview answers without saving", async () => {
    const [finding] = await e2e.db.selectFrom("findings").select("id").where("attempt_id", "=", springAttempt).execute();
    const mentor1 = await e2e.client("mentor1@redline.test");
    const preview = await mentor1.post(`/mentor/attempts/${springAttempt}.data`, { intent: "preview", version: "0", feedback: "", [`verdict.${finding.id}`]: "wrong" });
    expect(preview.status).toBe(200);
    expect(preview.body).toContain("preview");
    expect(await e2e.db.selectFrom("reviews").select("id").where("attempt_id", "=", springAttempt).execute()).toEqual([]);

    const { ctx, page } = await e2e.page({ javaScriptEnabled: false, as: "mentor1@redline.test" });
    await page.goto(`${e2e.url}/mentor/attempts/${springAttempt}`);
    const auto = (await page.getByTestId("preview-total").textContent())!;
    await page.selectOption(`#verdict-${finding.id}`, "wrong");
    await page.getByRole("button", { name: "Publish to trainee…" }).click();
    const confirm = page.getByTestId("publish-confirm");
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain(`Their score changes from ${auto} (automatic) to`);
    expect(await confirm.textContent()).toContain("1 wrong");
    // The draft was saved on the way: the form shows the verdict and the preview the new score.
    expect(await page.locator(`#verdict-${finding.id}`).inputValue()).toBe("wrong");
    expect(await page.getByTestId("preview-total").textContent()).not.toBe(auto);
    await confirm.getByRole("button", { name: /Yes, publish/ }).click();
    await page.locator(".success", { hasText: "Published" }).waitFor();
    const row = await e2e.db.selectFrom("attempts").select(["final_total", "auto_total"]).where("id", "=", springAttempt).executeTakeFirstOrThrow();
    expect(row.final_total).toBeLessThan(row.auto_total!);
    await ctx.close();
  });

  it("a mentor counts a finding's category wrong apart from the verdict; changing it after publishing is a marked revision", async () => {
    const db = e2e.db;
    const trainee = await db.selectFrom("users").select("id").where("email", "=", "trainee5@redline.test").executeTakeFirstOrThrow();
    const draft = await db.selectFrom("drafts").select("id").where("domain", "=", "software").where("difficulty", "=", 2).executeTakeFirstOrThrow();
    // The right lines and a good explanation, filed under the wrong category.
    const a = await submitted(db, trainee.id, draft.id, [{ lineFrom: 3, lineTo: 3, category: "missing-await", explanation: "Off by one: the loop runs n + 1 times, one too many." }]);
    const fid = a.findingIds[0];
    const { ctx, page, errors } = await e2e.page({ as: "mentor2@redline.test" });
    await page.goto(`${e2e.url}/mentor/attempts/${a.attemptId}`);
    // The options say what they do; the page names both categories.
    expect(await page.locator(`#verdict-${fid} option[value="correct"]`).textContent()).toBe("Correct: found it, full credit");
    expect(await page.locator(`#category-note-${fid}`).textContent()).toContain("the key says Off-by-one");
    const preview = page.getByTestId("preview-total");
    const publish = async () => {
      await page.getByRole("button", { name: "Publish to trainee…" }).click();
      const confirm = page.getByTestId("publish-confirm");
      await confirm.waitFor();
      const said = (await confirm.textContent()) ?? "";
      await confirm.getByRole("button", { name: /Yes, publish/ }).click();
      await page.locator(".success", { hasText: "Published" }).waitFor();
      return said;
    };
    // "Correct" left alone counts the category as right (as it always did), now visibly so.
    const before = (await preview.textContent())!;
    await page.selectOption(`#verdict-${fid}`, "correct");
    await page.waitForFunction((b) => document.querySelector('[data-testid="preview-total"]')?.textContent !== b, before);
    const withCorrect = Number(await preview.textContent());
    await publish();
    expect((await db.selectFrom("attempts").select("final_total").where("id", "=", a.attemptId).executeTakeFirstOrThrow()).final_total).toBe(withCorrect);

    // After publishing the mentor counts the category wrong: the preview drops, the trainee still sees the first score.
    await page.selectOption(`#category-${fid}`, "wrong");
    await page.waitForFunction((b) => document.querySelector('[data-testid="preview-total"]')?.textContent !== b, String(withCorrect));
    const withWrongCategory = Number(await preview.textContent());
    expect(withWrongCategory).toBeLessThan(withCorrect);
    expect((await db.selectFrom("attempts").select("final_total").where("id", "=", a.attemptId).executeTakeFirstOrThrow()).final_total).toBe(withCorrect);
    const said = await publish();
    expect(said).toContain("Category judged by you on 1 finding: 1 wrong.");
    expect(said).toContain("revision 2");
    await page.locator('[data-testid="final-total"]', { hasText: String(withWrongCategory) }).waitFor();
    await page.locator("table.data td", { hasText: "counted the category of finding 1 as wrong in revision 2" }).waitFor();
    expect(await page.locator("table.data").textContent()).not.toContain("{");
    expect(errors).toEqual([]);
    await ctx.close();

    // The trainee sees the change as a revision, with both scores.
    const t = await e2e.page({ as: "trainee5@redline.test" });
    await t.page.goto(`${e2e.url}/practice/results/${a.attemptId}`);
    expect(await t.page.getByTestId("review-revised").textContent()).toContain(`Your final score went from ${withCorrect} to ${withWrongCategory}.`);
    await t.ctx.close();
  });
});
