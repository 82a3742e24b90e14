// What a trainee may see of an attempt. Before submission: the brief, the flawed text and
// their own findings — nothing of the answer key except hints they took.
import { lineCount } from "~/domain/text/lines";
import { DEFAULT_SCORING_CONFIG } from "~/domain/scoring";
import { MAX_HINTS } from "~/domain/practice/hints";
import { packFor } from "./content.server";
import type { ExerciseAttempt } from "./attempt.server";

export function categoryOptions(domain: string) {
  return (packFor(domain)?.categories ?? []).map((c) => ({ id: c.id, name: c.name, family: c.family }));
}

/** How a model-written draft's flaws were proven (the `;proof=` part of its generator). */
const MODEL_PROOF: Record<string, string> = {
  checks: "each flaw proven by the source's checks",
  visible: "flaws checked as visible edits only",
};

export function generatorLabel(generator: string): string {
  if (generator === "offline") return "Offline seeding engine";
  if (!generator.startsWith("openai:")) return generator;
  const [model, proof] = generator.slice(7).split(";proof=");
  return `AI model (${model})${proof ? ` · ${MODEL_PROOF[proof] ?? proof}` : ""}`;
}

export function findingDTOs(t: Pick<ExerciseAttempt, "findings">, names: Map<string, string>) {
  return t.findings.map((f) => ({
    id: f.id,
    lineFrom: f.line_from,
    lineTo: f.line_to,
    category: f.category,
    categoryName: names.get(f.category) ?? f.category,
    explanation: f.explanation,
    confidence: Math.round(f.confidence * 100),
    suggestedFix: f.suggested_fix ?? "",
    quote: f.quote ?? "",
  }));
}

/** "30 Nov 2026": the same on server and client, whatever their time zones. */
function reviewDate(iso: string): string {
  return new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

export function exerciseDTO(t: ExerciseAttempt) {
  const { attempt, draft } = t;
  const categories = categoryOptions(draft.domain);
  const names = new Map(categories.map((c) => [c.id, c.name]));
  const findings = findingDTOs(t, names);
  return {
    attempt: { id: attempt.id, status: attempt.status, startedAt: attempt.started_at, firstFlagAt: attempt.first_flag_at },
    draft: {
      title: draft.title,
      domain: draft.domain,
      brief: draft.brief,
      format: draft.format,
      difficulty: draft.difficulty,
      generator: generatorLabel(draft.generator),
      lineCount: lineCount(draft.flawedText),
      /** "You reviewed this document on …": set only when a repeat could not be avoided. */
      reviewedOn: t.reviewedBefore ? reviewDate(t.reviewedBefore) : null,
    },
    findings,
    /** fromDiscarded: taken on a review of this draft the trainee discarded (decision 113); it still counts. */
    hints: t.hints.map((h) => ({ text: h.text, at: h.at, fromDiscarded: h.at < attempt.started_at })),
    hintCost: DEFAULT_SCORING_CONFIG.hintCost,
    hintsLeft: t.hints.length < MAX_HINTS,
    categories,
  };
}
