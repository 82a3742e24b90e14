// A false alarm placed on a decoy (a correct but unusual passage the source declares, shown from
// difficulty 4) is named as such on the results page and on the mentor's review of the attempt,
// with why the passage is right; a false alarm elsewhere is not. At a laptop and a phone width.
// UX_SHOTS=dir saves a screenshot of the mentor's review there.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decoyLines } from "~/domain/content/decoy-lines";
import { generateDraft } from "~/domain/generation/generate";
import { getAttemptForTrainee } from "~/models/attempt.server";
import { packFor } from "~/models/content.server";
import { addCohortMember, createCohort } from "~/models/cohort.server";
import { insertDrafts } from "~/models/draft.server";
import { resultsDTO } from "~/models/results.server";
import { reviewDTO } from "~/models/review-view.server";
import { createOrganisation, createUser } from "~/models/user.server";
import { e2eFixture } from "../support/e2e";
import { smallOrg, submitted } from "../support/org";

const e2e = e2eFixture();

/** A real date-range draft at difficulty 4 whose decoy line and another line are both at least 3 lines from every flaw. */
function decoyDraft() {
  const pack = packFor("software")!;
  const source = pack.sources.find((s) => s.id === "date-range")!;
  for (let seed = 1; seed < 200; seed++) {
    const draft = generateDraft(source, pack, { seed, difficulty: 4, cleanRate: 0 });
    const [decoy] = decoyLines({ source, seed: draft.seed, difficulty: draft.difficulty, cleanText: draft.cleanText, shownText: draft.flawedText });
    if (!decoy || !draft.answerKey.length) continue;
    const far = (line: number) => draft.answerKey.every((e) => line < e.lines.from - 3 || line > e.lines.to + 3);
    const lines = draft.flawedText.split("\n").length - 1;
    const elsewhere = Array.from({ length: lines }, (_, i) => i + 1).find((l) => far(l) && (l < decoy.lines.from - 3 || l > decoy.lines.to + 3));
    if (far(decoy.lines.from) && far(decoy.lines.to) && elsewhere) return { draft, decoy, elsewhere };
  }
  throw new Error("no date-range draft with its decoy apart from the flaws");
}

describe("a false alarm on a decoy", () => {
  it("says on the results page that the passage is correct, with why; a false alarm elsewhere does not", async () => {
    const o = await smallOrg(e2e.db);
    const { draft, decoy, elsewhere } = decoyDraft();
    expect(draft.flawedText.split("\n")[decoy.lines.from - 1]).toContain("864e5");
    const [draftId] = await insertDrafts(e2e.db, [draft]);
    const a = await submitted(e2e.db, o.t1.id, draftId, [
      { lineFrom: decoy.lines.from, lineTo: decoy.lines.to, category: "numeric-precision", explanation: "864e5 looks like a typo for the milliseconds in a day." },
      { lineFrom: elsewhere, lineTo: elsewhere, category: "off-by-one", explanation: "This line looks off by one to me." },
    ]);

    // The results DTO: both findings are false alarms; only the one on the decoy carries its note.
    const dto = resultsDTO(await getAttemptForTrainee(e2e.db, o.t1.id, a.attemptId));
    const byLine = new Map(dto.falsePositives.map((f) => [f.lineFrom, f]));
    expect(byLine.get(decoy.lines.from)?.decoy).toEqual({ why: decoy.why });
    expect(byLine.get(elsewhere)?.decoy).toBeNull();

    for (const width of [1366, 390]) {
      const { page, ctx, errors } = await e2e.page({ as: "t1@acme.test", password: "pw-1234567890", viewport: { width, height: 900 } });
      await page.goto(`${e2e.url}/practice/results/${a.attemptId}`);
      const notes = page.locator('[data-testid="decoy-note"]');
      expect(await notes.count()).toBe(1);
      expect(await notes.innerText()).toBe(`This passage is correct, though unusual — a decoy. ${decoy.why}`);
      // The note sits with the finding on the decoy, not with the other false alarm.
      const onDecoy = page.locator("li", { hasText: "864e5 looks like a typo" });
      expect(await onDecoy.locator('[data-testid="decoy-note"]').count()).toBe(1);
      const other = page.locator("li", { hasText: "This line looks off by one to me." });
      expect(await other.count()).toBe(1);
      expect(await other.locator('[data-testid="decoy-note"]').count()).toBe(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(errors).toEqual([]);
      await ctx.close();
    }
  });

  it("says the same on the mentor's review of the attempt, under that false alarm only", async () => {
    // A second organisation of its own (the first test's users hold the acme.test addresses).
    const orgId = await createOrganisation(e2e.db, "Decoy Review");
    const mk = (name: string, role: "mentor" | "trainee") => createUser(e2e.db, { orgId, email: `${name}@decoy.test`, name, role, password: "pw-1234567890" });
    const o = { mentorA: await mk("mentor", "mentor"), t1: await mk("trainee", "trainee") };
    const cohort = await createCohort(e2e.db, orgId, "Decoys");
    for (const u of [o.mentorA, o.t1]) await addCohortMember(e2e.db, orgId, cohort, u.id);
    const { draft, decoy, elsewhere } = decoyDraft();
    const [draftId] = await insertDrafts(e2e.db, [draft]);
    const a = await submitted(e2e.db, o.t1.id, draftId, [
      { lineFrom: decoy.lines.from, lineTo: decoy.lines.to, category: "numeric-precision", explanation: "864e5 looks like a typo for the milliseconds in a day." },
      { lineFrom: elsewhere, lineTo: elsewhere, category: "off-by-one", explanation: "This line looks off by one to me." },
    ]);
    const [onDecoyId, otherId] = a.findingIds;

    // The review DTO: both findings are automatic false alarms; only the one on the decoy carries the note.
    const dto = await reviewDTO(e2e.db, o.mentorA, a.attemptId);
    const byId = new Map(dto.findings.map((f) => [f.id, f]));
    expect(byId.get(onDecoyId)).toMatchObject({ autoVerdict: "false-positive", decoy: { why: decoy.why } });
    expect(byId.get(otherId)).toMatchObject({ autoVerdict: "false-positive", decoy: null });

    const shots = process.env.UX_SHOTS;
    for (const width of [1366, 390]) {
      const { page, ctx, errors } = await e2e.page({ as: "mentor@decoy.test", password: "pw-1234567890", viewport: { width, height: 900 } });
      await page.goto(`${e2e.url}/mentor/attempts/${a.attemptId}`);
      const onDecoy = page.locator(`#fr-${onDecoyId}`);
      await onDecoy.waitFor({ state: "visible", timeout: 30_000 });
      expect(await page.locator('[data-testid="decoy-note"]').count()).toBe(1);
      expect(await onDecoy.locator('[data-testid="decoy-note"]').innerText()).toBe(`This passage is correct, though unusual — a decoy. ${decoy.why}`);
      expect(await page.locator(`#fr-${otherId} [data-testid="decoy-note"]`).count()).toBe(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      if (shots) await page.screenshot({ path: path.join(shots, `${width}-mentor-decoy.png`), fullPage: true });
      expect(errors).toEqual([]);
      await ctx.close();
    }
  });
});
