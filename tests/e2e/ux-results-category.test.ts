// The results page shows the mentor's category judgement (decision 117) beside the finding once
// the review is published, and nothing of it before.
import { describe, expect, it } from "vitest";
import { publishReview, saveReviewDraft } from "~/models/review.server";
import { e2eFixture } from "../support/e2e";
import { smallOrg, submitted } from "../support/org";

const e2e = e2eFixture();

describe("the mentor's category judgement on the results page", () => {
  it("is shown next to the finding once published, naming the trainee's and the key's category", async () => {
    const o = await smallOrg(e2e.db);
    // The right place and a good explanation (the off-by-one flaw on line 3), filed under the wrong category.
    const a = await submitted(e2e.db, o.t1.id, o.draftId, [{ lineFrom: 3, lineTo: 3, category: "missing-await", explanation: "Off by one: the loop runs n + 1 times, one too many." }]);
    const review = { feedback: "Right place, wrong label.", findings: [{ findingId: a.findingIds[0], verdict: "correct" as const, grade: null, comment: "", unseeded: false, categoryRight: false }] };
    const { page, ctx, errors } = await e2e.page({ as: "t1@acme.test", password: "pw-1234567890", viewport: { width: 390, height: 844 } });

    // A draft review is not the trainee's to see.
    await saveReviewDraft(e2e.db, o.mentorA, a.attemptId, review);
    await page.goto(`${e2e.url}/practice/results/${a.attemptId}`);
    expect(await page.locator('[data-testid="mentor-category"]').count()).toBe(0);

    expect(await publishReview(e2e.db, o.mentorA, a.attemptId, review, 0)).toMatchObject({ ok: true });
    await page.reload();
    const pill = page.locator('[data-testid="mentor-category"]');
    expect(await pill.count()).toBe(1);
    const text = await pill.innerText();
    expect(text).toMatch(/^Mentor: wrong category \(you chose .+; the key says .+\)$/);
    expect(text).toContain("Missing await");
    expect(text).toContain("Off-by-one");
    // It sits with the finding it judges, beside the mentor's verdict.
    const note = page.locator(".mentor-note", { has: pill });
    expect(await note.innerText()).toContain("Mentor: correct");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
