import type { Database } from "~/db/db.server";
import { generateBatch } from "~/domain/generation/batch";
import type { Draft } from "~/domain/types";
import { packs } from "./content.server";
import { insertDrafts } from "./draft.server";

/** Fills the practice pool with offline drafts: `perDifficulty` for each domain × difficulty. */
export async function seedDraftPool(db: Database, perDifficulty: number, seed = 20261125): Promise<number> {
  const loaded = packs();
  const drafts: Draft[] = [];
  for (const pack of loaded.packs) {
    if (!pack.sources.length) continue;
    for (let difficulty = 1; difficulty <= 5; difficulty++) {
      drafts.push(...generateBatch(pack, { count: perDifficulty, seed: seed + difficulty, difficulty, cleanRate: 0.1, contentHash: loaded.hashes[pack.domain] }));
    }
  }
  return (await insertDrafts(db, drafts)).length;
}
