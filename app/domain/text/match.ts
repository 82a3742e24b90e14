// Offline explanation matcher: turns free text into a set of stemmed terms and checks the
// rubric phrases of key points against it. Pure and hot (called for every scored finding),
// so term lists are memoised per raw token and compiled phrases are cached per KeyPoint
// object. Tokens come from ./tokens, stems from ./stem.
import type { KeyPoint } from "../types";
import { stem } from "./stem";
import { expandRawToken, rawTokenList, rawTokens, tokenize } from "./tokens";

/**
 * The matcher's own version, part of every lexicon version (so of every stored breakdown and of
 * the rescore run key): a change to how text is matched rescores stored attempts, visibly.
 * 3: stopwords bound in one-word phrases ("is null"), one-word concept members not read inside
 * a longer member of another set ("sales" in "cost of sales"). Before: no number.
 * 4: a negation in a phrase is bound to the word after it ("never processed" needs "never"
 * before "processed", decision 137).
 */
export const MATCHER_VERSION = 4;

/**
 * Words that carry no meaning for the rubric. Deliberately small: negations (not, no, never),
 * quantities (one, too, many, more, less, all, only), order (before, after, first, last) and
 * modals (must, may, shall, should, will) matter when reviewing code, contracts and memos,
 * so they are NOT stopwords.
 */
export const STOPWORDS: ReadonlySet<string> = new Set([
  "a", "an", "the", "and", "or", "but", "if", "of", "in", "on", "at", "to", "for", "with",
  "by", "from", "as", "into", "onto", "about", "than", "then", "so", "that", "this", "these",
  "those", "it", "its", "is", "are", "was", "were", "be", "been", "being", "am", "has",
  "have", "had", "having", "do", "does", "did", "doing", "i", "me", "my", "we", "our", "us",
  "you", "your", "he", "him", "his", "she", "her", "they", "them", "their", "there", "here",
  "which", "who", "whom", "whose", "what", "when", "where", "why", "how", "also", "just",
  "very", "ca", "wo", "sha", "s", "t", "d", "ll", "re", "ve", "m",
]);

/**
 * Stopwords are kept in term sets under this prefix, unstemmed, so they can never collide with
 * a content word's stem ("on" the preposition vs "one" → "on", "us" vs "uses" → "us").
 */
const STOP_MARK = "\u0001";

function term(token: string): string {
  return STOPWORDS.has(token) ? STOP_MARK + token : stem(token);
}

// Raw regex match (case as written) → its final terms, with extras. Explanations reuse a small
// vocabulary, so nearly every token of a scored text is one Map lookup.
const rawTermsCache = new Map<string, readonly string[]>();
const RAW_CACHE_LIMIT = 50_000;

/** Terms of one raw token (see {@link rawTokenList}), stopwords marked. */
export function termsOfRawToken(tok: string): readonly string[] {
  return rawTerms(tok);
}

function rawTerms(tok: string): readonly string[] {
  let terms = rawTermsCache.get(tok);
  if (terms === undefined) {
    const toks: string[] = [];
    expandRawToken(tok, toks, true);
    terms = Array.from(new Set(toks.map(term)));
    if (rawTermsCache.size >= RAW_CACHE_LIMIT) rawTermsCache.clear();
    rawTermsCache.set(tok, terms);
  }
  return terms;
}

// Primary terms of a raw token (no recall extras), in order: the words a phrase is written in.
const rawPrimaryCache = new Map<string, readonly string[]>();

function rawPrimaryTerms(tok: string): readonly string[] {
  let terms = rawPrimaryCache.get(tok);
  if (terms === undefined) {
    const toks: string[] = [];
    expandRawToken(tok, toks, false);
    terms = toks.map(term);
    if (rawPrimaryCache.size >= RAW_CACHE_LIMIT) rawPrimaryCache.clear();
    rawPrimaryCache.set(tok, terms);
  }
  return terms;
}

/** Terms of one raw token without recall extras, in order (stopwords marked). */
export function primaryTermsOfRawToken(tok: string): readonly string[] {
  return rawPrimaryTerms(tok);
}

/** What scoring reads of one raw token: lower-cased as written, its terms, its primary terms. */
export interface RawTokenInfo {
  readonly lower: string;
  readonly terms: readonly string[];
  readonly primary: readonly string[];
}

const rawInfoCache = new Map<string, RawTokenInfo>();

/**
 * {@link termsOfRawToken}, {@link primaryTermsOfRawToken} and the lower-cased token in one
 * lookup: a token of an explanation is hashed once, and the lower-cased string handed out is
 * one already hashed, so looking it up in a context's token set costs no new hash either.
 */
export function rawTokenInfo(tok: string): RawTokenInfo {
  let info = rawInfoCache.get(tok);
  if (info === undefined) {
    info = { lower: tok.toLowerCase(), terms: rawTerms(tok), primary: rawPrimaryTerms(tok) };
    if (rawInfoCache.size >= RAW_CACHE_LIMIT) rawInfoCache.clear();
    rawInfoCache.set(tok, info);
  }
  return info;
}

/**
 * Marks a bound pair of words: a stopword and its neighbour as written next to each other
 * ("is null", "no where", "us court"). See {@link compilePhrase}.
 */
export const PAIR_MARK = "\u0004";

function isStopTerm(t: string): boolean {
  return t.charCodeAt(0) === 1;
}

/**
 * Adds the bound pairs of a token run: every two neighbouring words of which one is a stopword.
 * Tokens with `skip[k]` set (copied text) break the run, as a clause boundary does.
 */
export function addPairTerms(raw: readonly string[], skip: Uint8Array | null, out: Set<string>): void {
  let prev: string | null = null;
  for (let k = 0; k < raw.length; k++) {
    if (skip !== null && skip[k]) {
      prev = null;
      continue;
    }
    const terms = rawPrimaryTerms(raw[k]);
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i];
      if (prev !== null && (isStopTerm(prev) || isStopTerm(t))) out.add(pairTerm(prev, t));
      prev = t;
    }
  }
}

/**
 * Joins two terms behind a mark ("\u0001is null"), interned: the same few hundred joins recur in
 * every explanation, and a looked-up string keeps its hash, where a fresh concatenation is hashed
 * again by every Set it enters. One cache per mark, cleared when it grows past RAW_CACHE_LIMIT.
 */
function internedJoin(mark: string): (a: string, b: string) => string {
  const cache = new Map<string, Map<string, string>>();
  let size = 0;
  return (a, b) => {
    const hit = cache.get(a)?.get(b);
    if (hit !== undefined) return hit;
    if (size >= RAW_CACHE_LIMIT) {
      cache.clear();
      size = 0;
    }
    let byNext = cache.get(a);
    if (byNext === undefined) cache.set(a, (byNext = new Map()));
    const joined = mark + a + " " + b;
    byNext.set(b, joined);
    size++;
    return joined;
  };
}

/** The bound-pair term of two neighbouring terms (see {@link PAIR_MARK}). */
export const pairTerm = internedJoin(PAIR_MARK);

/**
 * Negations bind to what they negate (decision 137): in a phrase, a negation followed by a word
 * ("never processed", "not awaited") also needs that word next to a negation in the explanation:
 * within NEG_WINDOW words after it, or the last word before it, its subject ("Postgres doesn't
 * support it" says "not postgres"). So "processed_at = NULL is never true" does not say "never
 * processed". Stopwords do not count as words here.
 */
const NEGATION_WORDS = ["not", "no", "never", "nothing", "none", "nobody", "without", "cannot"];
export const NEG_MARK = "\u0005";
/** How many words after a negation it may negate ("never actually picked up or processed"). */
export const NEG_WINDOW = 4;
const NEGATIONS: ReadonlySet<string> = new Set(NEGATION_WORDS.map(term));

/** The bound term of a negation and a word after it (see {@link NEG_MARK}). */
export const negTerm = internedJoin(NEG_MARK);

/** Whether a term is a negation word (most explanations have none: their bound terms are skipped). */
export function isNegation(t: string): boolean {
  return NEGATIONS.has(t);
}

/** Whether a compiled term is a negation bound to a word (see {@link NEG_MARK}). */
export function isNegTerm(t: string): boolean {
  return t.charCodeAt(0) === 5;
}

/** The negation and the word of a bound negation term. */
export function negParts(t: string): [string, string] {
  const sp = t.indexOf(" ");
  return [t.slice(1, sp), t.slice(sp + 1)];
}

/**
 * Adds the bound negation terms of a token run: each negation with every content term (recall
 * extras included) of the next NEG_WINDOW tokens that have one and of the last token before it
 * that has one. Tokens with `skip[k]` set (copied text) end a negation's reach.
 */
export function addNegTerms(raw: readonly string[], skip: Uint8Array | null, out: Set<string>): void {
  let negs: string[] | null = null;
  let left = 0;
  // The content terms of the last token that had any: the subject a negation follows.
  let before: readonly string[] | null = null;
  for (let k = 0; k < raw.length; k++) {
    if (skip !== null && skip[k]) {
      negs = null;
      before = null;
      continue;
    }
    const { terms, primary } = rawTokenInfo(raw[k]);
    let content = false;
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i];
      if (isStopTerm(t) || NEGATIONS.has(t)) continue;
      content = true;
      if (negs !== null) for (let j = 0; j < negs.length; j++) out.add(negTerm(negs[j], t));
    }
    if (negs !== null && content && --left === 0) negs = null;
    for (let i = 0; i < primary.length; i++) {
      const n = primary[i];
      if (!NEGATIONS.has(n)) continue;
      if (negs === null) negs = [];
      if (!negs.includes(n)) negs.push(n);
      left = NEG_WINDOW;
      if (before !== null) for (const t of before) if (!isStopTerm(t) && !NEGATIONS.has(t)) out.add(negTerm(n, t));
    }
    if (content) before = terms;
  }
}

/**
 * Terms of a text: stemmed content words and symbols (with the recall extras of
 * {@link tokenize}); stopwords are marked with a prefix, or dropped when `keepStopwords` is
 * false.
 */
export function termSet(text: string, keepStopwords = true): Set<string> {
  const set = new Set<string>();
  const raw = rawTokens(text);
  if (raw === null) return set;
  let negated = false;
  for (let k = 0; k < raw.length; k++) {
    const terms = rawTerms(raw[k]);
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i];
      if (!negated && NEGATIONS.has(t)) negated = true;
      if (!keepStopwords && t.charCodeAt(0) === 1) continue;
      set.add(t);
    }
  }
  if (keepStopwords) addPairTerms(raw, null, set);
  if (negated) addNegTerms(raw, null, set);
  return set;
}

/**
 * What a flaw's own lines already say, for the echo rule: content words and bound pairs (so
 * "is null" is an echo only of a line that says "is null", not of one that says "= NULL").
 */
export function lineTermSet(text: string): Set<string> {
  const set = termSet(text, false);
  addPairTerms(rawTokenList(text), null, set);
  return set;
}

// ---------------------------------------------------------------------------------------------
// Key points

/** A phrase compiled to the stemmed words that must all be present. */
export type CompiledPhrase = readonly string[];

export interface CompiledKeyPoint {
  readonly phrasesSource: readonly string[];
  /** Phrases with no words at all (only punctuation) are dropped: they can never be present. */
  readonly phrases: readonly CompiledPhrase[];
}

/**
 * Compiles one phrase: its primary tokens, stopwords removed, stemmed, de-duplicated. A phrase
 * made only of stopwords keeps them (so an author's "and/or" still means something).
 *
 * A phrase with a single content word keeps its stopwords as meaning words, bound to their
 * neighbours (decision 106): "is null" needs "is" right before "null" ("= NULL is never true"
 * does not say it), "no where" needs "no where", "us court" needs "us court". The phrase is
 * then its content word plus each neighbouring pair with a stopword ({@link PAIR_MARK}), which
 * the explanation must contain as written next to each other. Phrases with two or more content
 * words drop their stopwords as before.
 */
export function compilePhrase(phrase: string): CompiledPhrase {
  const toks = tokenize(phrase, false);
  const content = toks.filter((t) => !STOPWORDS.has(t));
  if (content.length === 0) return Array.from(new Set(toks.map(term)));
  const words = content.map(term);
  if (content.length > 1 || content.length === toks.length) return Array.from(new Set([...words, ...boundNegations(words)]));
  const all = toks.map(term);
  const out = new Set(words);
  for (let i = 1; i < all.length; i++) {
    if (isStopTerm(all[i - 1]) || isStopTerm(all[i])) out.add(PAIR_MARK + all[i - 1] + " " + all[i]);
  }
  return Array.from(out);
}

/** A phrase's negations bound to the word after each (decision 137): "never processed" → never·process. */
function boundNegations(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    if (NEGATIONS.has(words[i]) && !NEGATIONS.has(words[i + 1])) out.push(negTerm(words[i], words[i + 1]));
  }
  return out;
}

const compiledCache = new WeakMap<KeyPoint, CompiledKeyPoint>();

/** Compiled phrases of a key point, cached per KeyPoint object (drafts are immutable). */
export function compileKeyPoint(kp: KeyPoint): CompiledKeyPoint {
  const hit = compiledCache.get(kp);
  if (hit !== undefined && hit.phrasesSource === kp.phrases) return hit;
  const compiled: CompiledKeyPoint = {
    phrasesSource: kp.phrases,
    phrases: kp.phrases.map(compilePhrase).filter((p) => p.length > 0),
  };
  compiledCache.set(kp, compiled);
  return compiled;
}

function phrasePresent(phrase: CompiledPhrase, terms: ReadonlySet<string>): boolean {
  for (let i = 0; i < phrase.length; i++) if (!terms.has(phrase[i])) return false;
  return true;
}

/** Coverage of key points against an already computed term set (see {@link termSet}). */
export function keyPointsCoveredByTerms(
  terms: ReadonlySet<string>,
  keyPoints: readonly KeyPoint[],
): boolean[] {
  const out = new Array<boolean>(keyPoints.length);
  for (let i = 0; i < keyPoints.length; i++) {
    const { phrases } = compileKeyPoint(keyPoints[i]);
    let covered = false;
    for (let j = 0; j < phrases.length && !covered; j++) covered = phrasePresent(phrases[j], terms);
    out[i] = covered;
  }
  return out;
}

/**
 * For each key point, whether the text covers it: some phrase of the key point has all of its
 * stemmed non-stopword words among the text's stemmed words.
 */
export function keyPointsCovered(text: string, keyPoints: readonly KeyPoint[]): boolean[] {
  if (keyPoints.length === 0) return [];
  return keyPointsCoveredByTerms(termSet(text, true), keyPoints);
}

/**
 * Jaccard similarity (|A∩B| / |A∪B|) of the stemmed non-stopword terms of two explanations,
 * 0..1. Two texts without any content words are identical (1); one empty, one not: 0.
 */
export function explanationSimilarity(a: string, b: string): number {
  const sa = termSet(a, false);
  const sb = termSet(b, false);
  if (sa.size === 0 && sb.size === 0) return 1;
  if (sa.size === 0 || sb.size === 0) return 0;
  const [small, large] = sa.size <= sb.size ? [sa, sb] : [sb, sa];
  let inter = 0;
  for (const t of small) if (large.has(t)) inter++;
  return inter / (sa.size + sb.size - inter);
}
