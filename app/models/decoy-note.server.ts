// Whether a false alarm was placed on a decoy (a correct but unusual passage the draft's source
// declares), for every page that lists a submitted attempt's false alarms: the trainee's results
// and the mentor's review. One function, so both say the same thing about the same finding.
import { decoyAt, decoyLines, type DecoyLines } from "~/domain/content/decoy-lines";
import type { LineRange } from "~/domain/types";
import type { StoredDraft } from "./draft.server";
import { packFor } from "./content.server";

/** What a page shows under a false alarm on a decoy: why the passage is right. */
export interface DecoyNote {
  why: string;
}

/**
 * For a stored draft, a lookup from a false alarm's lines to its decoy note (null when the lines
 * are not on a decoy). The draft's decoys are rebuilt at most once, on the first lookup, so a page
 * with no false alarm pays nothing.
 */
export function decoyNotes(draft: StoredDraft): (lines: LineRange) => DecoyNote | null {
  let decoys: DecoyLines[] | undefined;
  return (lines) => {
    const decoy = decoyAt((decoys ??= draftDecoys(draft)), lines);
    return decoy ? { why: decoy.why } : null;
  };
}

/**
 * The decoys a draft of the offline engine shows, with their lines in the text the trainee
 * reviewed. None for other generators, or when the draft's source is no longer in its pack.
 */
function draftDecoys(draft: StoredDraft): DecoyLines[] {
  if (draft.generator !== "offline") return [];
  const source = packFor(draft.domain)?.sources.find((s) => s.id === draft.sourceId);
  if (!source?.decoys?.length) return [];
  return decoyLines({ source, seed: draft.seed, difficulty: draft.difficulty, cleanText: draft.cleanText, shownText: draft.flawedText });
}
