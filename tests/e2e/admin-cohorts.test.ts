// Cohorts as an admin manages them on a phone (390 px) in Chromium: several people added from a
// pasted list after a preview that names each row it cannot add, dates refused when the end is
// before the start, and delete that says what goes (refused while a program runs).
import { describe, expect, it } from "vitest";
import { seedDemoProgram } from "~/models/demo-program.server";
import { e2eFixture } from "../support/e2e";

const e2e = e2eFixture();
const AUTUMN = "Autumn cohort — engineers";

describe("admin cohorts in Chromium", () => {
  it("adds a pasted list only after the preview, refuses backwards dates, and deletes a cohort saying what goes", async () => {
    await seedDemoProgram(e2e.db); // the demo's program runs in the Spring cohort, so that cohort cannot be deleted
    const { ctx, page, errors } = await e2e.page({ viewport: { width: 390, height: 900 }, as: "admin@redline.test" });
    await page.goto(`${e2e.url}/admin/cohorts`);
    const autumn = page.locator("section.cohort-card", { has: page.getByRole("heading", { name: AUTUMN }) });
    const inAutumn = async (email: string) =>
      (await e2e.db
        .selectFrom("cohort_members")
        .innerJoin("cohorts", "cohorts.id", "cohort_members.cohort_id")
        .innerJoin("users", "users.id", "cohort_members.user_id")
        .select("users.email")
        .where("cohorts.name", "=", AUTUMN)
        .where("users.email", "=", email)
        .executeTakeFirst()) !== undefined;

    // Bulk add: a preview first, with what is wrong on each row; nothing added until confirmed.
    await autumn.locator("summary", { hasText: "Add several people" }).click();
    await autumn.getByLabel(`E-mail addresses for ${AUTUMN}`).fill("trainee1@redline.test\nnobody@firm.test\ntrainee5@redline.test\n");
    await autumn.getByRole("button", { name: "Preview" }).click();
    const preview = page.getByTestId("bulk-preview");
    await preview.waitFor();
    const said = (await preview.textContent()) ?? "";
    expect(said).toContain(`Add 1 person to ${AUTUMN}?`);
    expect(said).toContain("Row 2: no one in your organisation has this address; invite them first");
    expect(said).toContain("Row 3: Ravi Shah is already in this cohort");
    expect(await inAutumn("trainee1@redline.test")).toBe(false);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await preview.getByRole("button", { name: "Add 1 person" }).click();
    await page.getByText("Added 1 person.").waitFor();
    expect(await inAutumn("trainee1@redline.test")).toBe(true);
    // The single picker starts again at its prompt.
    expect(await autumn.locator("select[name=userId]").inputValue()).toBe("");

    // Dates: an end before the start is refused, naming both; then saved and shown.
    await autumn.locator("input[name=startsOn]").fill("2027-06-30");
    await autumn.locator("input[name=endsOn]").fill("2027-03-01");
    await autumn.getByRole("button", { name: "Save dates" }).click();
    await page.getByText("The end date (2027-03-01) is before the start date (2027-06-30).").waitFor();
    await autumn.locator("input[name=startsOn]").fill("2027-03-01");
    await autumn.locator("input[name=endsOn]").fill("2027-06-30");
    await autumn.getByRole("button", { name: "Save dates" }).click();
    await page.getByText("Dates saved: 1 Mar 2027 – 30 Jun 2027.").waitFor();

    // Delete: refused while a program runs in the cohort; otherwise it says what goes first.
    const spring = page.locator("section.cohort-card", { has: page.getByRole("heading", { name: "Spring cohort — analysts" }) });
    await spring.getByRole("button", { name: "Delete cohort…" }).click();
    await page.getByTestId("delete-confirm").getByText("cannot be deleted yet").waitFor();
    expect(await page.getByTestId("delete-confirm").textContent()).toContain("Analyst onboarding");
    await page.goto(`${e2e.url}/admin/cohorts`);
    await autumn.getByRole("button", { name: "Delete cohort…" }).click();
    const confirm = page.getByTestId("delete-confirm");
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain("stay in your organisation with their accounts, attempts, reviews and scores");
    expect(await e2e.db.selectFrom("cohorts").select("id").where("name", "=", AUTUMN).executeTakeFirst()).toBeDefined();
    await confirm.getByRole("button", { name: "Yes, delete the cohort" }).click();
    await page.getByText(`Deleted “${AUTUMN}”.`).waitFor();
    expect(await e2e.db.selectFrom("cohorts").select("id").where("name", "=", AUTUMN).executeTakeFirst()).toBeUndefined();
    expect(await e2e.db.selectFrom("users").select("id").where("email", "=", "trainee5@redline.test").executeTakeFirst()).toBeDefined();
    // The refused dates answer 400, which Chromium logs; nothing else may be logged.
    expect(errors.filter((e) => !e.includes("status of 400"))).toEqual([]);
    await ctx.close();
  });
});
