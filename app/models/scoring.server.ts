// The one place the app scores an attempt: the draft's own text, brief and the matcher lexicon of
// its pack (concept sets plus the accepted overlay, matcherLexicon), so submit, mentor review and
// rescoring always score alike. When the organisation's model graded the explanations, its grades
// (kept in the automatic breakdown) are passed on, so every later scoring keeps them.
import { scoreAttempt, type ScoreBreakdown, type ScoreInput } from "~/domain/scoring";
import type { Lexicon } from "~/domain/text/concepts";
import type { Draft } from "~/domain/types";

export function scoreDraftAttempt(
  draft: Pick<Draft, "flawedText" | "answerKey" | "brief" | "domain">,
  attempt: Pick<ScoreInput, "findings" | "hintsTaken" | "overrides" | "config" | "modelGrading">,
  lexicon: Lexicon,
): ScoreBreakdown {
  return scoreAttempt({
    flawedText: draft.flawedText,
    answerKey: draft.answerKey,
    brief: draft.brief,
    lexicon,
    ...attempt,
  });
}
