import { describe, expect, it } from "vitest";
import { e2eFixture } from "../support/e2e";

const e2e = e2eFixture();

describe("accounts and roles in Chromium", () => {
  it.each([
    ["admin@redline.test", "/admin", "People"],
    ["mentor1@redline.test", "/mentor", "Review queue"],
    ["trainee1@redline.test", "/practice", "Practice"],
  ])("%s signs in and lands on %s", async (email, home, heading) => {
    const { ctx, page, errors } = await e2e.page({ as: email });
    expect(new URL(page.url()).pathname).toBe(home);
    await page.locator("h1", { hasText: heading }).first().waitFor({ timeout: 5000 });
    expect(errors, "no console errors or CSP violations").toEqual([]);
    await ctx.close();
  });

  it("refuses a trainee on the mentor and admin homes with a 403 page", async () => {
    const { ctx, page } = await e2e.page({ as: "trainee2@redline.test" });
    for (const path of ["/mentor", "/admin"]) {
      const res = await page.goto(e2e.url + path);
      expect(res?.status()).toBe(403);
      await expect(page.locator("h1").textContent()).resolves.toBe("You don't have access to this page");
    }
    await ctx.close();
  });

  it("sends an anonymous visitor to sign-in and back to where they were going", async () => {
    const { ctx, page } = await e2e.page();
    await page.goto(`${e2e.url}/admin`);
    expect(page.url()).toBe(`${e2e.url}/login?redirectTo=%2Fadmin`);
    await page.fill('input[name="email"]', "admin@redline.test");
    await page.fill('input[name="password"]', "redline-demo");
    await Promise.all([page.waitForURL(`${e2e.url}/admin`), page.click('button[type="submit"]')]);
    await ctx.close();
  });

  it("refuses an open redirect after sign-in", async () => {
    const { ctx, page } = await e2e.page();
    await page.goto(`${e2e.url}/login?redirectTo=${encodeURIComponent("//evil.example/x")}`);
    await page.fill('input[name="email"]', "trainee3@redline.test");
    await page.fill('input[name="password"]', "redline-demo");
    await Promise.all([page.waitForURL(`${e2e.url}/practice`), page.click('button[type="submit"]')]);
    await ctx.close();
  });

  it("keeps the email and names the problem on a wrong password", async () => {
    const { ctx, page } = await e2e.page();
    await page.goto(`${e2e.url}/login`);
    await page.fill('input[name="email"]', "trainee4@redline.test");
    await page.fill('input[name="password"]', "not-the-password");
    await page.click('button[type="submit"]');
    await page.waitForSelector(".form-error");
    expect(await page.locator(".form-error").textContent()).toContain("do not match");
    expect(await page.inputValue('input[name="email"]')).toBe("trainee4@redline.test");
    expect(await page.inputValue('input[name="password"]')).toBe("");
    await ctx.close();
  });

  it("ends the session at sign-out; the old cookie no longer works and GET /logout changes nothing", async () => {
    const { ctx, page } = await e2e.page({ as: "trainee5@redline.test" });
    await page.goto(`${e2e.url}/logout`); // a GET must not sign out
    expect(new URL(page.url()).pathname).toBe("/practice");
    const cookies = await ctx.cookies();
    const session = cookies.find((c) => c.name === "redline_session")!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe("Lax");
    await Promise.all([page.waitForURL(`${e2e.url}/login`), page.click("text=Sign out")]);
    // Replay the old cookie: the server deleted the session, so it is refused.
    const res = await fetch(`${e2e.url}/practice`, { headers: { Cookie: `redline_session=${session.value}` }, redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain("/login");
    await ctx.close();
  });

  it("lets an admin invite a mentor who accepts once and signs in", async () => {
    const { ctx: adminCtx, page: admin } = await e2e.page({ as: "admin@redline.test" });
    await admin.fill('input[name="email"]', "new.mentor@redline.test");
    await admin.selectOption('select[name="role"]', "mentor");
    await admin.click("text=Create invite link");
    const link = await admin.locator('[data-testid="invite-link"]').inputValue();
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{20,}$/);

    const { ctx, page } = await e2e.page();
    await page.goto(link);
    await page.fill('input[name="name"]', "Nia Mentor");
    await page.fill('input[name="password"]', "short");
    await page.fill('input[name="confirm"]', "short");
    await page.click("text=Create account");
    await page.waitForSelector(".field-error");
    expect(await page.inputValue('input[name="name"]')).toBe("Nia Mentor");
    await page.fill('input[name="password"]', "a-long-enough-password");
    await page.fill('input[name="confirm"]', "a-long-enough-password");
    await Promise.all([page.waitForURL(`${e2e.url}/mentor`), page.click("text=Create account")]);
    await ctx.close();

    const { ctx: again, page: p2 } = await e2e.page();
    await p2.goto(link);
    expect(await p2.locator(".form-error").textContent()).toContain("already been used");
    await again.close();

    const { ctx: fresh, page: p3 } = await e2e.page({ as: "new.mentor@redline.test", password: "a-long-enough-password" });
    expect(new URL(p3.url()).pathname).toBe("/mentor");
    await fresh.close();
    await adminCtx.close();
  });
});
