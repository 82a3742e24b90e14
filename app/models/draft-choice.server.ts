// Choosing the draft for a new attempt: an assigned draft, or a draw that never repeats a text
// the trainee has reviewed while unseen material exists, aimed at the wanted flaw categories.
import { sql } from "kysely";
import type { Database } from "~/db/db.server";
import { reaches } from "~/domain/generation/batch";
import { drawOrder, FRESH_SEEDS_PER_SOURCE, freshDraftOf } from "~/domain/generation/draw";
import { createRng } from "~/domain/generation/prng";
import { bestTargeted } from "~/domain/mastery/targeting";
import type { Draft, Pack } from "~/domain/types";
import { packFor, packs } from "./content.server";
import { insertDrafts, textFingerprint } from "./draft.server";

export interface StartOptions {
  domain: string | "surprise";
  difficulty: number | "surprise";
}

/** Unseen pool drafts weighed per draw aimed at categories (their answer keys are read). */
const TARGET_LOOK = 200;
/**
 * Sources a draw aimed at categories makes a fresh draft of, to weigh with the stored ones: most
 * of a pack (14 sources), because sources differ a lot in how many sites of a given category they
 * have, and a draft with three flaws of the wanted categories is worth more than one with one;
 * bestTargeted keeps the choice to the sources the trainee has seen least (decision 139). Making
 * one costs well under a millisecond.
 */
const FRESH_LOOK = 12;

/** Optional limits on the draw, set by programs and adaptive practice. */
export interface DrawConstraints {
  /** This exact draft (an assigned draft: the same for the whole cohort). */
  draftId?: string;
  /** Category ids to practise: the draft whose flaws best hit them (decisions 120, 133). */
  categories?: string[];
  /** How much each of `categories` is wanted (same order): the selector's chance that it is a weak spot. */
  weights?: number[];
}

/**
 * The trainee's next draft of a domain and difficulty, never a clean or flawed text they have
 * already reviewed while unseen material exists: sources are tried least-seen first (drawOrder);
 * for each, an unseen pool draft is taken (no waiting on a generator), else a fresh instantiation
 * with a new seed is made and stored. Only when every source is exhausted for this trainee does
 * a document come back, and the exercise page then says when they reviewed it.
 */
async function drawDraft(db: Database, userId: string, pack: Pack, difficulty: number, wanted: string[], weights: number[] | undefined, random: () => number): Promise<{ id: string }> {
  const domain = pack.domain;
  const mine = db.selectFrom("attempts").innerJoin("drafts", "drafts.id", "attempts.draft_id").where("attempts.user_id", "=", userId);
  const [reviewed, perSource] = await Promise.all([
    mine.select(["drafts.clean_fp", "drafts.flawed_fp"]).execute(),
    mine.where("drafts.domain", "=", domain).select(["drafts.source_id", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("drafts.source_id").execute(),
  ]);
  const readTexts = new Set(reviewed.flatMap((r) => [r.clean_fp, r.flawed_fp]));
  const usage = new Map(perSource.map((r) => [r.source_id, Number(r.n)]));
  const pool = (unseenOnly: boolean) => {
    let q = db.selectFrom("drafts").where("domain", "=", domain).where("difficulty", "=", difficulty);
    // The answer key is JSON text written by JSON.stringify: a category appears exactly so.
    if (wanted.length) q = q.where((eb) => eb.or(wanted.map((c) => eb("answer_key", "like", `%"category":${JSON.stringify(c)}%`))));
    if (unseenOnly) q = q.where("clean_fp", "not in", mine.select("drafts.clean_fp")).where("flawed_fp", "not in", mine.select("drafts.flawed_fp"));
    return q;
  };
  const inPool = new Set((await pool(true).select("source_id").distinct().execute()).map((r) => r.source_id));
  const seed = Math.floor(random() * 2 ** 32);
  const base = { difficulty, cleanRate: 0.1, contentHash: packs().hashes[domain], categories: wanted };
  const seen = (d: Draft) => readTexts.has(textFingerprint(d.cleanText)) || readTexts.has(textFingerprint(d.flawedText));
  const order = drawOrder(pack, { difficulty, usage, categories: wanted, rng: createRng(seed) });
  if (wanted.length) {
    // Aimed at categories: the unseen draft whose flaws best hit them (the likeliest weak spots
    // first), among the stored ones and fresh instantiations (carrying only wanted flaws) of the
    // FRESH_LOOK least-seen sources at this level (bestTargeted: among the sources seen least,
    // equally good, more wanted flaws win, then a stored draft, which adds nothing to the pool).
    const rows = await pool(true).select(["id", "source_id", "answer_key"]).orderBy("flawed_fp").orderBy("clean_fp").orderBy("id").limit(TARGET_LOOK).execute();
    const stored = rows.map((r) => ({ id: r.id, sourceId: r.source_id, flawCategories: (JSON.parse(r.answer_key) as { category: string }[]).map((f) => f.category), draft: undefined as Draft | undefined }));
    const fresh: typeof stored = [];
    for (const [i, source] of order.entries()) {
      if (!reaches(source, difficulty) || fresh.length >= FRESH_LOOK) break;
      const d = freshDraftOf(source, pack, { ...base, seed: (seed + i * FRESH_SEEDS_PER_SOURCE) >>> 0, seen });
      if (d) fresh.push({ id: `fresh-${i}`, sourceId: source.id, flawCategories: d.answerKey.map((f) => f.category), draft: d });
    }
    const best = bestTargeted([...stored, ...fresh.map((c) => ({ ...c, fresh: true }))], wanted, usage, random, weights);
    if (best?.draft) return { id: (await insertDrafts(db, [best.draft]))[0] };
    if (best) return { id: best.id };
  }
  // A stored draft needs no generator: take an unseen pool draft of a least-seen source (also of
  // a source no longer in the pack) when no source in the pack is seen less.
  const seenLeast = Math.min(...[...inPool].map((id) => usage.get(id) ?? 0));
  if (!wanted.length && inPool.size && seenLeast <= (order.length ? (usage.get(order[0].id) ?? 0) : Infinity)) {
    const ids = [...inPool].filter((id) => (usage.get(id) ?? 0) === seenLeast);
    const row = await pool(true).select("id").where("source_id", "in", ids).orderBy(sql`random()`).limit(1).executeTakeFirst();
    if (row) return row;
  }
  for (const [i, source] of order.entries()) {
    if (inPool.has(source.id)) {
      const row = await pool(true).select("id").where("source_id", "=", source.id).orderBy(sql`random()`).limit(1).executeTakeFirst();
      if (row) return row;
    }
    const fresh = freshDraftOf(source, pack, { ...base, seed: (seed + i * FRESH_SEEDS_PER_SOURCE) >>> 0, seen });
    if (fresh) return { id: (await insertDrafts(db, [fresh]))[0] };
  }
  // Everything here has been read: a repeat, least-seen source first.
  for (const source of order) {
    const row = await pool(false).select("id").where("source_id", "=", source.id).orderBy(sql`random()`).limit(1).executeTakeFirst();
    if (row) return row;
    const again = freshDraftOf(source, pack, { ...base, seed, seen: () => false });
    if (again) return { id: (await insertDrafts(db, [again]))[0] };
  }
  const any = await pool(false).select("id").orderBy(sql`random()`).limit(1).executeTakeFirst();
  if (any) return any;
  throw new Error(`No draft can be made for ${domain} at difficulty ${difficulty}.`);
}

/**
 * The draft a new attempt opens: the assigned one when constraints name it, else a draw for the
 * domain and difficulty ("surprise" picks them at random).
 */
export async function chooseDraft(db: Database, userId: string, options: StartOptions, random: () => number, constraints: DrawConstraints = {}): Promise<{ draftId: string; domain: string }> {
  const domains = packs().packs.map((p) => p.domain);
  const domain = options.domain === "surprise" ? domains[Math.floor(random() * domains.length)] : options.domain;
  const difficulty = options.difficulty === "surprise" ? 1 + Math.floor(random() * 5) : options.difficulty;
  const pack = packFor(domain);
  if (!pack) throw new Error(`Unknown domain "${domain}".`);

  const assigned = constraints.draftId ? await db.selectFrom("drafts").select("id").where("id", "=", constraints.draftId).executeTakeFirst() : undefined;
  const draft = assigned ?? (await drawDraft(db, userId, pack, difficulty, constraints.categories ?? [], constraints.weights, random));
  return { draftId: draft.id, domain };
}
