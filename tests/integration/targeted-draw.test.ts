// A draw aimed at weak categories (adaptive practice, programs): the draft carries as large a
// share of the wanted categories as the pool and the sources allow, never at the cost of a
// text the trainee has already reviewed.
import { afterEach, describe, expect, it } from "vitest";
import { generateDraft } from "~/domain/generation/generate";
import { startAttempt, submitAttempt } from "~/models/attempt.server";
import { packFor } from "~/models/content.server";
import { seedDraftPool } from "~/models/draft-pool.server";
import { getDraft, insertDrafts } from "~/models/draft.server";
import { createOrganisation, createUser } from "~/models/user.server";
import { createRng } from "~/domain/generation/prng";
import { createTestDb, DIALECTS, type TestDb } from "../support/db";

describe.each(DIALECTS)("draws aimed at categories on %s", (dialect) => {
  let t: TestDb;
  afterEach(async () => {
    await t?.close();
  });

  async function trainee() {
    const org = await createOrganisation(t.db, "Org");
    return createUser(t.db, { orgId: org, email: "ana@example.com", name: "Ana", role: "trainee", password: "pw-1234567890" });
  }
  const draftOf = async (attemptId: string) => {
    const row = await t.db.selectFrom("attempts").select("draft_id").where("id", "=", attemptId).executeTakeFirstOrThrow();
    return (await getDraft(t.db, row.draft_id))!;
  };

  it("every flaw of a draft aimed at two legal categories is of those categories, and no text comes twice", async () => {
    t = await createTestDb(dialect);
    await seedDraftPool(t.db, 4);
    const ana = await trainee();
    const random = createRng(7);
    const wanted = ["cap-removed", "party-swap"];
    const texts = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const id = await startAttempt(t.db, ana.id, { domain: "legal", difficulty: 2 }, random, { categories: wanted });
      const draft = await draftOf(id);
      expect(draft.answerKey.length).toBeGreaterThan(0);
      expect(draft.answerKey.map((f) => f.category).filter((c) => !wanted.includes(c))).toEqual([]);
      expect(texts.has(draft.flawedText)).toBe(false);
      texts.add(draft.flawedText);
      await submitAttempt(t.db, ana.id, id);
    }
  }, 180_000);

  it("takes a stored draft made only of the wanted category instead of making one no better", async () => {
    t = await createTestDb(dialect);
    const ana = await trainee();
    const pack = packFor("legal")!;
    // The source with the most cap-removed sites, all of them used: no draft made now carries more.
    const sites = (s: (typeof pack.sources)[number]) => s.sites.filter((site) => site.variants.some((v) => v.category === "cap-removed")).length;
    const source = [...pack.sources].sort((a, b) => sites(b) - sites(a))[0];
    const focused = generateDraft(source, pack, { seed: 11, difficulty: 3, categories: ["cap-removed"], flawCount: 10 });
    // A draft of the same source with a cap-removed flaw among others: the pool's usual kind.
    let seed = 12;
    const hasOthers = (d: typeof focused) => d.answerKey.some((f) => f.category === "cap-removed") && d.answerKey.some((f) => f.category !== "cap-removed");
    let mixed = generateDraft(source, pack, { seed, difficulty: 3, flawCount: 4 });
    while (!hasOthers(mixed) && seed < 200) mixed = generateDraft(source, pack, { seed: ++seed, difficulty: 3, flawCount: 4 });
    expect(hasOthers(mixed)).toBe(true);
    const [mixedId, focusedId] = await insertDrafts(t.db, [mixed, focused]);
    expect(mixedId).toBeTruthy();
    const id = await startAttempt(t.db, ana.id, { domain: "legal", difficulty: 3 }, createRng(1), { categories: ["cap-removed"] });
    expect((await draftOf(id)).id).toBe(focusedId);
    const count = await t.db.selectFrom("drafts").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });
});
