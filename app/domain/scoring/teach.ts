// Mentors teach the matcher: explanations a mentor graded 3 that the matcher credited little,
// and explanations graded 0–1 that it credited much, become proposed phrase changes per key
// point. An admin accepts them into a versioned overlay of the pack; an overlay that would leave
// a key point unmatched by its own model explanation is refused. Pure (docs/scoring.md §7).
import type { KeyPoint } from "../types";
import { phrasesOf, type Lexicon, type PhraseOverlay } from "../text/concepts";
import { coveringPhrases, isEchoPhrase, keyPointsCoveredByEvidence, keyPointsCoveredInContext, ownWords, undismissedClauses } from "../text/evidence";
import { compilePhrase, lineTermSet, STOPWORDS } from "../text/match";
import { rawTokenList } from "../text/tokens";

/** One explanation a mentor graded (0–3), on a finding matched to a flaw. */
export interface GradedExplanation {
  findingId: string;
  /** The flaw's key points. */
  keyPoints: readonly KeyPoint[];
  /** The trainee's explanation and suggested fix, as scored. */
  text: string;
  /** The flaw's lines in the draft and the draft's brief: copied text is no evidence. */
  flawedLines: string;
  brief: string;
  grade: 0 | 1 | 2 | 3;
}

export interface ProposalEvidence {
  findingId: string;
  explanation: string;
  grade: number;
  /** Share of the flaw's key points the matcher credited (0..1). */
  matcherShare: number;
}

export interface PhraseProposal {
  keyPoint: string;
  /** 'add': a phrase the mentors' best explanations use; 'retire': a phrase that credits poor ones. */
  kind: "add" | "retire";
  phrase: string;
  evidence: ProposalEvidence[];
}

/** A graded 3 explanation is "scored low" below this share; a graded 0–1 one "high" at or above it. */
export const DISAGREEMENT_SHARE = 0.5;
const MAX_WINDOW = 3;
// Modal verbs carry meaning inside an authored phrase but make poor phrases on their own.
const WEAK_WORDS = new Set(["can", "could", "may", "might", "must", "shall", "should", "will", "would"]);

interface Judged {
  g: GradedExplanation;
  terms: ReadonlySet<string>;
  covered: boolean[];
  share: number;
  lineTerms: ReadonlySet<string>;
  own: ReturnType<typeof ownWords>;
}

function judge(g: GradedExplanation, lexicon: Lexicon): Judged | null {
  if (g.keyPoints.length === 0) return null;
  const ctx = { flawedLines: g.flawedLines, brief: g.brief, lexicon };
  const own = ownWords(g.text, ctx);
  const covered = keyPointsCoveredByEvidence(own, g.keyPoints, ctx);
  const share = covered.filter(Boolean).length / covered.length;
  return { g, terms: own.terms, covered, share, lineTerms: lineTermSet(g.flawedLines), own };
}

/** Runs of 1–3 consecutive content words of the undismissed clauses, as written. */
function candidateWindows(text: string): string[] {
  const out: string[] = [];
  for (const clause of undismissedClauses(text).kept) {
    const toks = rawTokenList(clause).filter((t) => /[\p{L}\p{N}]/u.test(t));
    const content = toks.map((t) => !STOPWORDS.has(t.toLowerCase()) && !WEAK_WORDS.has(t.toLowerCase()) && compilePhrase(t).length > 0);
    for (let i = 0; i < toks.length; i++) {
      if (!content[i]) continue;
      let words = 0;
      for (let j = i; j < toks.length && words < MAX_WINDOW; j++) {
        if (!content[j]) continue;
        words++;
        out.push(toks.slice(i, j + 1).join(" "));
      }
    }
  }
  return out;
}

function contains(terms: ReadonlySet<string>, phrase: readonly string[]): boolean {
  for (const t of phrase) if (!terms.has(t)) return false;
  return true;
}

const evidenceOf = (j: Judged): ProposalEvidence => ({ findingId: j.g.findingId, explanation: j.g.text, grade: j.g.grade, matcherShare: j.share });

/**
 * Proposed phrase changes, at most one 'add' and one 'retire' per key point text:
 * - add: for a key point that explanations graded 3 (matcher share < ½) leave uncovered, the run of
 *   1–3 of their own words found in most of them, less the graded explanations of other key points
 *   that contain it and the share of its words those use, that no explanation graded 0–1 on the same key point contains and that is not
 *   made only of the flaw's own or generic words (ties: two words, then three, then one, then
 *   first written);
 * - retire: for a key point that explanations graded 0–1 (share ≥ ½) cover, the phrase that covers
 *   most of them and covers no explanation graded 2–3 of the same key point.
 */
export function proposePhraseChanges(graded: readonly GradedExplanation[], lexicon: Lexicon): PhraseProposal[] {
  const judged = graded.map((g) => judge(g, lexicon)).filter((j): j is Judged => j !== null);
  const byKp = new Map<string, { kp: KeyPoint; entries: { j: Judged; covered: boolean }[] }>();
  for (const j of judged) {
    j.g.keyPoints.forEach((kp, i) => {
      let e = byKp.get(kp.text);
      if (!e) byKp.set(kp.text, (e = { kp, entries: [] }));
      e.entries.push({ j, covered: j.covered[i] });
    });
  }
  const out: PhraseProposal[] = [];
  for (const [text, { kp, entries }] of byKp) {
    const missed = entries.filter((e) => e.j.g.grade === 3 && e.j.share < DISAGREEMENT_SHARE && !e.covered).map((e) => e.j);
    const poor = entries.filter((e) => e.j.g.grade <= 1).map((e) => e.j);
    if (missed.length > 0) {
      const scored = new Map<string, { phrase: string; support: Judged[]; weight: number; words: number; order: number }>();
      let order = 0;
      for (const m of missed) {
        for (const phrase of candidateWindows(m.g.text)) {
          const compiled = compilePhrase(phrase);
          const key = compiled.join(" ");
          if (compiled.length === 0 || scored.has(key)) continue;
          if (isEchoPhrase(compiled, m.lineTerms)) continue;
          if (poor.some((p) => contains(p.terms, compiled))) continue;
          const support = missed.filter((x) => contains(x.terms, compiled));
          if (support.length === 0) continue;
          // Words that explanations of other key points use too say little about this one.
          const others = judged.filter((x) => !x.g.keyPoints.some((k) => k.text === text));
          const elsewhere = others.filter((x) => contains(x.terms, compiled)).length;
          const common = compiled.filter((t) => others.some((x) => x.terms.has(t))).length / compiled.length;
          scored.set(key, { phrase, support, weight: support.length - elsewhere - common, words: compiled.length, order: order++ });
        }
      }
      const rank = (w: number) => (w === 2 ? 0 : w === 3 ? 1 : 2);
      const best = [...scored.values()].sort((a, b) => b.weight - a.weight || rank(a.words) - rank(b.words) || a.order - b.order)[0];
      if (best) out.push({ keyPoint: text, kind: "add", phrase: best.phrase, evidence: best.support.map(evidenceOf) });
    }
    const overcredited = entries.filter((e) => e.j.g.grade <= 1 && e.j.share >= DISAGREEMENT_SHARE && e.covered).map((e) => e.j);
    if (overcredited.length > 0) {
      const good = entries.filter((e) => e.j.g.grade >= 2 && e.covered).map((e) => e.j);
      const goodPhrases = new Set(good.flatMap((j) => coveringPhrases(j.own, kp, { flawedLines: j.g.flawedLines, brief: j.g.brief, lexicon })));
      const counts = new Map<string, Judged[]>();
      for (const j of overcredited) {
        for (const p of coveringPhrases(j.own, kp, { flawedLines: j.g.flawedLines, brief: j.g.brief, lexicon })) {
          if (goodPhrases.has(p)) continue;
          counts.set(p, [...(counts.get(p) ?? []), j]);
        }
      }
      const best = [...counts.entries()].sort((a, b) => b[1].length - a[1].length)[0];
      if (best) out.push({ keyPoint: text, kind: "retire", phrase: best[0], evidence: best[1].map(evidenceOf) });
    }
  }
  return out;
}

export interface PhraseChange {
  keyPoint: string;
  kind: "add" | "retire";
  phrase: string;
}

/** A change as an admin submitted it, checked: a clear message names what is wrong. */
export function checkPhraseChange(change: { keyPoint?: unknown; kind?: unknown; phrase?: unknown }): { ok: true; change: PhraseChange } | { ok: false; error: string } {
  const keyPoint = typeof change.keyPoint === "string" ? change.keyPoint.trim() : "";
  const phrase = typeof change.phrase === "string" ? change.phrase.replace(/\s+/g, " ").trim() : "";
  if (change.kind !== "add" && change.kind !== "retire") return { ok: false, error: "The change must add or retire a phrase." };
  if (keyPoint === "") return { ok: false, error: "Name the key point the phrase belongs to." };
  if (phrase === "") return { ok: false, error: "The phrase is empty: write the words an explanation must contain." };
  if (phrase.length > 120) return { ok: false, error: `The phrase is ${phrase.length} characters long; keep it under 120.` };
  const compiled = compilePhrase(phrase);
  if (compiled.length === 0) return { ok: false, error: `The phrase “${phrase}” has no words to look for.` };
  if (change.kind === "add" && isEchoPhrase(compiled, null)) return { ok: false, error: `The phrase “${phrase}” is made only of generic reviewing words (such as “wrong” or “brief”); it would credit any explanation.` };
  return { ok: true, change: { keyPoint, kind: change.kind, phrase } };
}

/** The overlay with one more accepted change (adding a retired phrase un-retires it, and back). */
export function applyPhraseChange(overlay: PhraseOverlay, change: PhraseChange): PhraseOverlay {
  const key = compilePhrase(change.phrase).join(" ");
  const without = (m: Readonly<Record<string, readonly string[]>>) => {
    const list = (m[change.keyPoint] ?? []).filter((p) => compilePhrase(p).join(" ") !== key);
    const next = { ...m };
    if (list.length > 0) next[change.keyPoint] = list;
    else delete next[change.keyPoint];
    return next;
  };
  const add = without(overlay.add);
  const retire = without(overlay.retire);
  const target = change.kind === "add" ? add : retire;
  target[change.keyPoint] = [...(target[change.keyPoint] ?? []), change.phrase];
  return { add, retire };
}

/** A key point with its flaw's model explanation (from the pack or a stored draft). */
export interface ModelExplanation {
  keyPoint: KeyPoint;
  explanation: string;
}

/**
 * Why an overlay must be refused: a key point its own model explanation covers under the current
 * lexicon but not under the new one, or a key point left with no phrase. Empty when acceptable.
 */
export function overlayProblems(models: readonly ModelExplanation[], before: Lexicon, after: Lexicon): string[] {
  const problems = new Map<string, string>();
  for (const { keyPoint, explanation } of models) {
    if (problems.has(keyPoint.text)) continue;
    if (phrasesOf(keyPoint, after).length === 0) {
      problems.set(keyPoint.text, `Key point “${keyPoint.text}” would have no phrase left.`);
      continue;
    }
    const was = keyPointsCoveredInContext(explanation, [keyPoint], { lexicon: before })[0];
    const now = keyPointsCoveredInContext(explanation, [keyPoint], { lexicon: after })[0];
    if (was && !now) problems.set(keyPoint.text, `Key point “${keyPoint.text}” would no longer be matched by its own model explanation (“${explanation}”).`);
  }
  return [...problems.values()];
}
