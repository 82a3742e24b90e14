// Matcher v2: which key points a trainee states in their own words. Three rules on top of the
// term matching of match.ts (docs/scoring.md §6):
//  1. copied text is not evidence: quoted spans of the draft or the brief, and any run of
//     COPY_RUN or more tokens that also occurs in the flaw's lines or in the brief, are removed;
//  2. dismissal cancels: a clause that says the flagged text is fine ("not a problem", "correct
//     as written", "should stay") is removed with what follows it up to the next "but"/"however";
//  3. echo phrases are not evidence: a key-point phrase whose words all occur in the flaw's own
//     lines proves nothing when found, so it is skipped when the key point has other phrases.
// Concept sets (concepts.ts) add paraphrases. Pure, deterministic and allocation-light.
import type { KeyPoint } from "../types";
import { EMPTY_LEXICON, expandKeyPoint, wordsInsideLongerMembers, type Lexicon } from "./concepts";
import { addNegTerms, compilePhrase, isNegation, isNegTerm, lineTermSet, pairTerm, PAIR_MARK, rawTokenInfo, type CompiledPhrase } from "./match";
import { rawTokenList } from "./tokens";

export interface EvidenceContext {
  /** The flaw's lines as the trainee sees them in the draft. */
  flawedLines?: string;
  /** The brief the draft was written against. */
  brief?: string;
  lexicon?: Lexicon;
}

/** Shortest run of consecutive tokens that counts as copied from the draft or the brief. */
export const COPY_RUN = 4;

// Clause boundaries: sentence ends, semicolons, line breaks; contrast words end a dismissal.
const SENTENCE_SPLIT_RE = /(?<=[.!?])\s+|;\s*|\n+/;
const CONTRAST_SPLIT_RE = /\b(?=(?:but|however|although|except|whereas)\b)/i;
const DISMISSAL_RE =
  /\b(?:not (?:a|an|really a) (?:problem|issue|bug|concern|mistake|flaw|error)|no (?:real )?(?:problem|issue|bug|concern|flaw|error)s?\b(?! (?:with|in) (?:the )?(?:brief|spec))|nothing (?:wrong|to fix|to change)|not wrong|(?:is|are|looks?|seems?|was|all|it['’]s|that['’]s|this['’]s|reads) (?:perfectly |totally |actually |completely )?(?:fine|ok|okay|acceptable|harmless)\b|(?:correct|fine|right|ok|okay) as (?:written|it is|is|drafted|stated)|works (?:as (?:intended|expected)|correctly|fine)|as intended|(?:should|can|must) stay|(?:leave|keep) (?:it|this|that)(?: as (?:it is|is))?\b|no (?:change|fix|action)s? (?:is |are )?needed|(?:is|looks|seems) (?:correct|right|good)\b(?! (?:to|that|for|only))|don['’]?t (?:see|think there is) (?:a|an|any) (?:problem|issue))/i;
const SCOPE_LIMIT_RE = /\b(?:otherwise|the rest|everything else|other than|apart from|remaining|elsewhere)\b/i;
const APOSTROPHE_RE = /['’]/;
const NT_RE = /n['’]t\b/gi;
const QUOTE_CHAR_RE = /["“`]/;
const QUOTE_RE = /"([^"\n]{1,400})"|“([^”\n]{1,400})”|`([^`\n]{1,400})`/g;

/** The parts of an explanation that are not dismissed (rule 2). */
export function undismissedClauses(text: string): { kept: string[]; dismissed: boolean } {
  // Most explanations dismiss nothing: one test of the whole text, no splitting.
  if (!DISMISSAL_RE.test(APOSTROPHE_RE.test(text) ? text.replace(NT_RE, " not") : text)) return { kept: [text], dismissed: false };
  const kept: string[] = [];
  let dismissed = false;
  let masking = false;
  for (const sentence of text.split(SENTENCE_SPLIT_RE)) {
    // "Correct as written: <reason>": what follows the colon justifies the dismissal, so the
    // whole sentence is dismissed, contrast words inside the reason included.
    const d = DISMISSAL_RE.exec(sentence.replace(/n['’]t\b/gi, " not"));
    if (d !== null && /^[^:]{0,40}:/.test(sentence.slice(d.index + d[0].length).replace(/^[^:]*?\b(?:but|however|although|except|whereas)\b[\s\S]*/i, ""))) {
      dismissed = true;
      masking = true;
      continue;
    }
    const clauses = sentence.split(CONTRAST_SPLIT_RE);
    for (let i = 0; i < clauses.length; i++) {
      const clause = clauses[i];
      if (i > 0) masking = false; // a contrast word ends the dismissal's reach
      const normalised = clause.replace(/n['’]t\b/gi, " not");
      if (DISMISSAL_RE.test(normalised)) {
        dismissed = true;
        // "Otherwise this is fine" speaks about the rest of the text, not the flagged line.
        masking = !SCOPE_LIMIT_RE.test(clause);
        continue;
      }
      if (!masking) kept.push(clause);
    }
  }
  return { kept, dismissed };
}

// Copy detection works on lower-cased raw tokens; the token and n-gram sets of a context text
// are cached (briefs and flaw lines repeat across every finding of every attempt on a draft).
interface ContextGrams {
  /** Every lower-cased token of the text (for the quoted-span rule and to find candidate runs). */
  tokens: Set<string>;
  /** Every run of COPY_RUN lower-cased tokens, joined by \u0002. */
  grams: Set<string>;
}
const gramCache = new Map<string, ContextGrams>();
const GRAM_CACHE_LIMIT = 2_000;

function lowerTokens(text: string): string[] {
  return rawTokenList(text).map((t) => t.toLowerCase());
}

function gramsOf(text: string): ContextGrams {
  let grams = gramCache.get(text);
  if (grams === undefined) {
    const toks = lowerTokens(text);
    grams = { tokens: new Set(toks), grams: new Set() };
    for (let i = 0; i + COPY_RUN <= toks.length; i++) grams.grams.add(toks.slice(i, i + COPY_RUN).join("\u0002"));
    if (gramCache.size >= GRAM_CACHE_LIMIT) gramCache.clear();
    gramCache.set(text, grams);
  }
  return grams;
}

function tokenInContext(contexts: readonly ContextGrams[], token: string): boolean {
  for (let i = 0; i < contexts.length; i++) if (contexts[i].tokens.has(token)) return true;
  return false;
}

function gramInContext(contexts: readonly ContextGrams[], gram: string): boolean {
  for (let i = 0; i < contexts.length; i++) if (contexts[i].grams.has(gram)) return true;
  return false;
}

/** Terms of the trainee's own words in one clause (rule 1). */
function addOwnTerms(clause: string, contexts: readonly ContextGrams[], out: Set<string>, run: string[]): void {
  let text = clause;
  if (contexts.length > 0 && QUOTE_CHAR_RE.test(text)) {
    // A quoted span whose every token occurs in the draft's flaw lines or the brief is a quote.
    text = text.replace(QUOTE_RE, (whole, a?: string, b?: string, c?: string) => {
      const inner = a ?? b ?? c ?? "";
      const toks = lowerTokens(inner);
      return toks.length > 0 && toks.every((t) => tokenInContext(contexts, t)) ? " \u0000 " : whole;
    });
  }
  const raw = rawTokenList(text);
  const info = raw.map(rawTokenInfo);
  let masked: Uint8Array | null = null;
  if (contexts.length > 0 && raw.length >= COPY_RUN) {
    // Only runs whose every token occurs in a context text can be copies: a Set lookup per
    // token first, the joined n-gram only for those runs.
    let streak = 0;
    for (let k = 0; k < info.length; k++) {
      streak = tokenInContext(contexts, info[k].lower) ? streak + 1 : 0;
      if (streak < COPY_RUN) continue;
      const i = k - COPY_RUN + 1;
      let gram = info[i].lower;
      for (let m = i + 1; m <= k; m++) gram += "\u0002" + info[m].lower;
      if (gramInContext(contexts, gram)) (masked ??= new Uint8Array(raw.length)).fill(1, i, k + 1);
    }
  }
  // Terms, the run of primary terms ("" where copied text breaks it) and the bound pairs of
  // neighbouring primary terms (see addPairTerms), in one pass.
  let prev: string | null = null;
  let negated = false;
  for (let k = 0; k < info.length; k++) {
    if (masked !== null && masked[k]) {
      run.push("");
      prev = null;
      continue;
    }
    const { terms, primary } = info[k];
    for (let i = 0; i < terms.length; i++) out.add(terms[i]);
    for (let i = 0; i < primary.length; i++) {
      const t = primary[i];
      if (!negated && isNegation(t)) negated = true;
      run.push(t);
      if (prev !== null && (prev.charCodeAt(0) === 1 || t.charCodeAt(0) === 1)) out.add(pairTerm(prev, t));
      prev = t;
    }
  }
  // Bound negations (decision 137), only for a clause that has a negation of its own.
  if (negated) addNegTerms(raw, masked, out);
  run.push("");
}

export interface OwnWords {
  /** Stemmed terms the trainee wrote themselves, outside dismissed clauses. */
  terms: Set<string>;
  /** Whether some clause dismissed the flagged text. */
  dismissed: boolean;
  /** Words that stand only inside a longer concept member, with those members (see concepts.ts). */
  inside?: Map<string, CompiledPhrase[]> | null;
}

/** The evidence an explanation gives: its own, undismissed words. */
export function ownWords(text: string, ctx: EvidenceContext = {}): OwnWords {
  const contexts: ContextGrams[] = [];
  if (ctx.flawedLines) contexts.push(gramsOf(ctx.flawedLines));
  if (ctx.brief) contexts.push(gramsOf(ctx.brief));
  const { kept, dismissed } = undismissedClauses(text);
  const terms = new Set<string>();
  const run: string[] = [];
  for (const clause of kept) addOwnTerms(clause, contexts, terms, run);
  const inside = ctx.lexicon ? wordsInsideLongerMembers(run, terms, ctx.lexicon) : null;
  return { terms, dismissed, inside };
}

function present(phrase: CompiledPhrase, own: OwnWords): boolean {
  const terms = own.terms;
  for (let i = 0; i < phrase.length; i++) if (!terms.has(phrase[i])) return false;
  if (own.inside) {
    for (const t of phrase) {
      const members = own.inside.get(t);
      if (members && !members.some((m) => m.every((w) => phrase.includes(w)))) return false;
    }
  }
  return true;
}

const echoTermsCache = new Map<string, Set<string>>();

function echoTerms(flawedLines: string): Set<string> {
  let t = echoTermsCache.get(flawedLines);
  if (t === undefined) {
    t = lineTermSet(flawedLines);
    if (echoTermsCache.size >= GRAM_CACHE_LIMIT) echoTermsCache.clear();
    echoTermsCache.set(flawedLines, t);
  }
  return t;
}

/**
 * Words any explanation can say without diagnosing anything: "wrong", "missing", "should",
 * "contradicts the brief". A phrase made only of these (and of the flaw's own words) is no
 * evidence when the key point has a more specific phrase.
 */
export const GENERIC_WORDS: readonly string[] = [
  "brief", "instructions", "asked", "required", "requirement", "spec", "wrong", "incorrect",
  "error", "mistake", "problem", "issue", "bug", "fix", "fails", "missing", "should", "must",
  "contradicts", "check", "line", "draft",
];
const GENERIC_TERMS: ReadonlySet<string> = new Set(GENERIC_WORDS.flatMap((w) => compilePhrase(w)));

/** Whether every word of the phrase already stands in the flaw's lines or is generic (rule 3). */
export function isEchoPhrase(phrase: CompiledPhrase, lineTerms: ReadonlySet<string> | null): boolean {
  for (const t of phrase) {
    // A bound negation says no more than its two words, which the phrase holds on their own.
    if (isNegTerm(t)) continue;
    if (t.startsWith(PAIR_MARK)) {
      // A bound pair ("is null") says something the line does not unless the line has the same
      // pair or its content word is generic ("should be"); a pair of two stopwords adds nothing.
      const content = t.slice(PAIR_MARK.length).split(" ").find((w) => w.charCodeAt(0) !== 1);
      if (content === undefined || GENERIC_TERMS.has(content) || (lineTerms?.has(t) ?? false)) continue;
      return false;
    }
    if (!GENERIC_TERMS.has(t) && !(lineTerms?.has(t) ?? false)) return false;
  }
  return true;
}

/**
 * The phrases (as written) by which own words cover a key point, under the same echo rule as
 * coverage: empty when the key point is not covered.
 */
export function coveringPhrases(own: OwnWords, kp: KeyPoint, ctx: EvidenceContext = {}): string[] {
  const lex = ctx.lexicon ?? EMPTY_LEXICON;
  const lineTerms = ctx.flawedLines ? echoTerms(ctx.flawedLines) : null;
  const { phrases, sources } = expandKeyPoint(kp, lex);
  const informative = phrases.map((p) => !isEchoPhrase(p, lineTerms));
  const some = informative.some(Boolean) && !informative.every(Boolean);
  const out = new Set<string>();
  for (let j = 0; j < phrases.length; j++) {
    if (some && !informative[j]) continue;
    if (present(phrases[j], own)) out.add(sources[j]);
  }
  return [...out];
}

/** Coverage of key points by already computed own words. */
export function keyPointsCoveredByEvidence(
  own: OwnWords,
  keyPoints: readonly KeyPoint[],
  ctx: EvidenceContext = {},
): boolean[] {
  const lex = ctx.lexicon ?? EMPTY_LEXICON;
  const lineTerms = ctx.flawedLines ? echoTerms(ctx.flawedLines) : null;
  const out = new Array<boolean>(keyPoints.length);
  for (let i = 0; i < keyPoints.length; i++) {
    const { phrases } = expandKeyPoint(keyPoints[i], lex);
    let informative = phrases;
    const rest = phrases.filter((p) => !isEchoPhrase(p, lineTerms));
    if (rest.length > 0 && rest.length < phrases.length) informative = rest;
    let covered = false;
    for (let j = 0; j < informative.length && !covered; j++) covered = present(informative[j], own);
    out[i] = covered;
  }
  return out;
}

/** For each key point, whether the explanation states it in the trainee's own words. */
export function keyPointsCoveredInContext(
  text: string,
  keyPoints: readonly KeyPoint[],
  ctx: EvidenceContext = {},
): boolean[] {
  if (keyPoints.length === 0) return [];
  return keyPointsCoveredByEvidence(ownWords(text, ctx), keyPoints, ctx);
}
