// The one place the app scores an attempt: the draft's own text, brief and the concept sets of
// its pack, so submit, mentor review and rescoring always score alike.
import { scoreAttempt, type ScoreBreakdown, type ScoreInput } from "~/domain/scoring";
import type { Draft } from "~/domain/types";
import { lexiconFor } from "./content.server";

export function scoreDraftAttempt(
  draft: Pick<Draft, "flawedText" | "answerKey" | "brief" | "domain">,
  attempt: Pick<ScoreInput, "findings" | "hintsTaken" | "overrides" | "config">,
): ScoreBreakdown {
  return scoreAttempt({
    flawedText: draft.flawedText,
    answerKey: draft.answerKey,
    brief: draft.brief,
    lexicon: lexiconFor(draft.domain),
    ...attempt,
  });
}
