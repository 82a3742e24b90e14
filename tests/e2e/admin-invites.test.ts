// Invites as an admin uses them in Chromium: name and cohort at invite time, the link in a field
// that fits with a Copy button, a new link (the old one stops working) and revoke; the invitee's
// join page offers the name, and accepting puts them in the cohort.
import { describe, expect, it } from "vitest";
import { e2eFixture } from "../support/e2e";

const e2e = e2eFixture();

describe("admin invites in Chromium", () => {
  it("invites with a name and a cohort, copies the link, makes a new one, and the invitee joins the cohort", async () => {
    const { ctx, page, errors } = await e2e.page({ viewport: { width: 390, height: 900 }, as: "admin@redline.test" });
    await ctx.grantPermissions(["clipboard-read", "clipboard-write"], { origin: e2e.url });
    await page.goto(`${e2e.url}/admin`);
    await page.fill("#f-email", "dana.okoro@firm.test");
    await page.fill("#f-name", "Dana Okoro");
    await page.selectOption("#f-cohortId", { label: "Spring cohort — analysts" });
    await page.getByRole("button", { name: "Create invite link" }).click();
    const first = await page.getByTestId("invite-link").inputValue();
    expect(first).toMatch(/\/invite\/[\w-]+$/);
    // The whole link fits on a phone, and the Copy button puts it on the clipboard.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByRole("button", { name: "Copy link" }).click();
    await page.getByText("Copied.").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first);

    // The invite is listed with its name and cohort; a new link replaces the first.
    const row = page.locator("table.invites tr", { hasText: "dana.okoro@firm.test" });
    expect(await row.textContent()).toContain("Dana Okoro");
    expect(await row.textContent()).toContain("Spring cohort — analysts");
    await row.getByRole("button", { name: "New link for dana.okoro@firm.test" }).click();
    const second = await page.getByTestId("resent-link").inputValue();
    expect(second).not.toBe(first);
    expect(errors).toEqual([]);
    await ctx.close();

    const anon = await e2e.client();
    expect((await anon.get(new URL(first).pathname)).body).toContain("This invite link is not valid");
    const { ctx: joinCtx, page: join } = await e2e.page();
    await join.goto(second);
    expect(await join.locator("#f-name").inputValue()).toBe("Dana Okoro");
    expect(await join.locator(".lede").textContent()).toContain("Spring cohort — analysts");
    await join.fill("#f-password", "a-long-password-1");
    await join.fill("#f-confirm", "a-long-password-1");
    await Promise.all([join.waitForURL(/\/practice/), join.getByRole("button", { name: "Create account" }).click()]);
    const member = await e2e.db
      .selectFrom("cohort_members")
      .innerJoin("users", "users.id", "cohort_members.user_id")
      .innerJoin("cohorts", "cohorts.id", "cohort_members.cohort_id")
      .select(["cohorts.name", "users.name as user"])
      .where("users.email", "=", "dana.okoro@firm.test")
      .execute();
    expect(member).toEqual([{ name: "Spring cohort — analysts", user: "Dana Okoro" }]);
    await joinCtx.close();
  });

  it("a revoked invite's link says it was withdrawn and creates no account; an accepted one cannot be revoked", async () => {
    const admin = await e2e.client("admin@redline.test");
    await admin.post("/admin?index", { intent: "invite", email: "kai.revoked@firm.test", role: "trainee" });
    const invite = await e2e.db.selectFrom("invites").select("id").where("email", "=", "kai.revoked@firm.test").executeTakeFirstOrThrow();
    const resent = await admin.post("/admin?index", { intent: "resend", inviteId: invite.id });
    const link = /\/invite\/[\w-]+/.exec(resent.body)![0];
    const revoked = await admin.post("/admin?index", { intent: "revoke", inviteId: invite.id });
    expect(revoked.body).toContain("The invite for kai.revoked@firm.test is revoked");
    const anon = await e2e.client();
    expect((await anon.get(link)).body).toContain("This invite was withdrawn");
    const accept = await anon.post(link, { name: "Kai", password: "a-long-password-1", confirm: "a-long-password-1" });
    expect(accept.status).toBe(400);
    expect(await e2e.db.selectFrom("users").select("id").where("email", "=", "kai.revoked@firm.test").execute()).toEqual([]);
    const again = await admin.post("/admin?index", { intent: "resend", inviteId: invite.id });
    expect(again.status).toBe(400);
    expect(again.body).toContain("was revoked; create a new one");
    // Another organisation's invite id is not found.
    expect((await admin.post("/admin?index", { intent: "revoke", inviteId: "no-such-invite" })).status).toBe(404);
  });
});
