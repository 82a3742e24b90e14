// Offline explanation matcher: turns free text into a set of stemmed terms and checks the
// rubric phrases of key points against it. Pure and hot (called for every scored finding),
// so regexes are module constants, stems are memoised and compiled phrases are cached per
// KeyPoint object.
import type { KeyPoint } from "../types";

/**
 * The matcher's own version, part of every lexicon version (so of every stored breakdown and of
 * the rescore run key): a change to how text is matched rescores stored attempts, visibly.
 * 3: stopwords bound in one-word phrases ("is null"), one-word concept members not read inside
 * a longer member of another set ("sales" in "cost of sales"). Before: no number.
 */
export const MATCHER_VERSION = 3;

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

// One pass over the text. Alternatives in priority order:
//  1. numbers with thousands separators (1,000 / 1,000.50), optional trailing % (10 %)
//  2. plain numbers and decimals (2.5), optional trailing %
//     (numbers must not run into a letter, so 5xx / 3rd stay words)
//  3. words: letters, digits, underscore, joined by hyphens or apostrophes (off-by-one, o'clock)
//  4. operator and currency symbols, longest first (=== before == before =)
const TOKEN_RE =
  /\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:[ \t]*%)?(?![\p{L}\p{N}_])|\d+(?:\.\d+)?(?:[ \t]*%)?(?![\p{L}\p{N}_])|[\p{L}\p{N}_]+(?:['’\-][\p{L}\p{N}_]+)*|===|!==|\*\*=|\.\.\.|\*\*|==|!=|<=|>=|=>|<>|&&|\|\||\?\?|\+\+|--|\+=|-=|\*=|\/=|%=|<<|>>|[<>=!+\-*\/%$€£¥^&|~?@#]/gu;
const CONTRACTION_RE = /n['’]t\b/gi;
const APOSTROPHE_RE = /['’]/;
const APOSTROPHES_RE = /['’]/g;
const POSSESSIVE_RE = /['’]s$/i;
const NUMBER_RE = /^[\d,.%\s]+$/;
const LSZ_END_RE = /[lsz]$/;
const CAMEL_RE = /(?<=\p{Ll}|\p{N})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u;
const NUMBER_NOISE_RE = /[,\s]/g;
const SYMBOL_START: ReadonlySet<string> = new Set("<>=!+-*/%$€£¥^&|~?@#.".split(""));

/** Lower-cases and expands n't to " not" (so "isn't null" contains the word "not"). */
export function normalize(text: string): string {
  return text.replace(CONTRACTION_RE, " not").toLowerCase();
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAsciiLowerWord(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return true;
}

/**
 * Splits text into tokens. `primary` tokens are the words as written (lower-cased, hyphenated
 * words split, possessive 's dropped, numbers normalised: "1,000" → "1000", "10 %" → "10%");
 * with `extras`, tokens that help recall are added too: camelCase and snake_case parts
 * ("maxRetries" → "max", "retries") and the parts of a percentage ("10%" → "10", "%").
 * Phrases are compiled from primary tokens only; explanations use extras as well.
 */
export function tokenize(text: string, extras = false): string[] {
  const out: string[] = [];
  const raw = rawTokens(text);
  if (raw === null) return out;
  for (let k = 0; k < raw.length; k++) expandRawToken(raw[k], out, extras);
  return out;
}

/** The regex matches of a text, as written (for copy detection, which compares raw tokens). */
export function rawTokenList(text: string): readonly string[] {
  return rawTokens(text) ?? [];
}

function rawTokens(text: string): RegExpMatchArray | null {
  const source =
    APOSTROPHE_RE.test(text) ? text.replace(CONTRACTION_RE, " not") : text;
  return source.match(TOKEN_RE);
}

/** One regex match → its tokens (a hyphenated word gives several; a percentage has extras). */
function expandRawToken(tok: string, out: string[], extras: boolean): void {
  const c0 = tok.charCodeAt(0);
  if (isDigit(c0)) {
    // Rules 1/2 only match digit-first tokens that are numbers; "5xx" is a word and goes below.
    if (!NUMBER_RE.test(tok)) {
      pushWord(tok, out, extras);
      return;
    }
    const n = tok.replace(NUMBER_NOISE_RE, "");
    out.push(n);
    if (extras && n.endsWith("%")) out.push(n.slice(0, -1), "%");
    return;
  }
  if (SYMBOL_START.has(tok[0])) {
    out.push(tok);
    return;
  }
  pushWord(tok, out, extras);
}

function pushWord(tok: string, out: string[], extras: boolean): void {
  let parts: string[];
  if (tok.includes("-")) parts = tok.split("-");
  else parts = [tok];
  for (let p of parts) {
    if (p.length === 0) continue;
    if (p.includes("'") || p.includes("’")) {
      p = p.replace(POSSESSIVE_RE, "").replace(APOSTROPHES_RE, "");
      if (p.length === 0) continue;
    }
    const lower = p.toLowerCase();
    out.push(lower);
    if (!extras) continue;
    if (lower !== p && CAMEL_RE.test(p)) {
      for (const sub of p.split(CAMEL_RE)) if (sub.length > 0) out.push(sub.toLowerCase());
    }
    if (lower.includes("_")) {
      for (const sub of lower.split("_")) if (sub.length > 0) out.push(sub);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Light stemmer: Porter's steps 1a, 1b, 1c, 2, 3 and 5 (step 4, which strips -ment, -ence,
// -ive… and conflates unrelated words, is left out), plus one extra rule: an adverb's "-li"
// after a consonant is dropped when at least four letters remain (exactly → exact).

function isCons(w: string, i: number): boolean {
  const c = w.charCodeAt(i);
  if (c === 97 || c === 101 || c === 105 || c === 111 || c === 117) return false;
  if (c === 121) return i === 0 ? true : !isCons(w, i - 1);
  return true;
}

/** Porter's m: the number of vowel→consonant sequences in w[0, end). */
function measure(w: string, end: number): number {
  let m = 0;
  let i = 0;
  while (i < end && isCons(w, i)) i++;
  while (i < end) {
    while (i < end && !isCons(w, i)) i++;
    if (i >= end) break;
    m++;
    while (i < end && isCons(w, i)) i++;
  }
  return m;
}

function hasVowel(w: string, end: number): boolean {
  for (let i = 0; i < end; i++) if (!isCons(w, i)) return true;
  return false;
}

function doubleCons(w: string): boolean {
  const n = w.length;
  return n >= 2 && w[n - 1] === w[n - 2] && isCons(w, n - 1);
}

/** consonant-vowel-consonant at the end, the last not w, x or y (hop, but not snow). */
function cvc(w: string): boolean {
  const n = w.length;
  if (n < 3 || !isCons(w, n - 1) || isCons(w, n - 2) || !isCons(w, n - 3)) return false;
  const c = w[n - 1];
  return c !== "w" && c !== "x" && c !== "y";
}

const STEP2: ReadonlyArray<readonly [string, string]> = [
  ["ational", "ate"], ["tional", "tion"], ["enci", "ence"], ["anci", "ance"], ["izer", "ize"],
  ["abli", "able"], ["alli", "al"], ["entli", "ent"], ["eli", "e"], ["ousli", "ous"],
  ["ization", "ize"], ["ation", "ate"], ["ator", "ate"], ["alism", "al"], ["iveness", "ive"],
  ["fulness", "ful"], ["ousness", "ous"], ["aliti", "al"], ["iviti", "ive"], ["biliti", "ble"],
];
const STEP3: ReadonlyArray<readonly [string, string]> = [
  ["icate", "ic"], ["ative", ""], ["alize", "al"], ["iciti", "ic"], ["ical", "ic"], ["ful", ""],
  ["ness", ""],
];

function longestSuffixRule(
  w: string,
  rules: ReadonlyArray<readonly [string, string]>,
): readonly [string, string] | null {
  let best: readonly [string, string] | null = null;
  for (const r of rules) {
    if (w.endsWith(r[0]) && (best === null || r[0].length > best[0].length)) best = r;
  }
  return best;
}

function stemUncached(word: string): string {
  let w = word;
  // 1a
  if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("ies")) w = w.slice(0, -2);
  else if (w.endsWith("ss") || w.endsWith("us")) {
    // "us" guard (not Porter): status / statuses, focus / focuses stem alike.
  } else if (w.endsWith("s")) w = w.slice(0, -1);
  // 1b
  if (w.endsWith("eed")) {
    if (measure(w, w.length - 3) > 0) w = w.slice(0, -1);
  } else {
    let cut = 0;
    if (w.endsWith("ed") && hasVowel(w, w.length - 2)) cut = 2;
    else if (w.endsWith("ing") && hasVowel(w, w.length - 3)) cut = 3;
    if (cut > 0) {
      w = w.slice(0, -cut);
      if (w.endsWith("at") || w.endsWith("bl") || w.endsWith("iz")) w += "e";
      else if (doubleCons(w) && !LSZ_END_RE.test(w)) w = w.slice(0, -1);
      else if (measure(w, w.length) === 1 && cvc(w)) w += "e";
    }
  }
  // 1c
  if (w.endsWith("y") && hasVowel(w, w.length - 1)) w = w.slice(0, -1) + "i";
  // 2
  const r2 = longestSuffixRule(w, STEP2);
  if (r2 !== null) {
    if (measure(w, w.length - r2[0].length) > 0) w = w.slice(0, -r2[0].length) + r2[1];
  } else if (w.endsWith("li") && w.length >= 6 && isCons(w, w.length - 3)) {
    w = w.slice(0, -2);
  }
  // 3
  const r3 = longestSuffixRule(w, STEP3);
  if (r3 !== null && measure(w, w.length - r3[0].length) > 0) {
    w = w.slice(0, -r3[0].length) + r3[1];
  }
  // 5a, 5b
  if (w.endsWith("e")) {
    const m = measure(w, w.length - 1);
    if (m > 1 || (m === 1 && !cvc(w.slice(0, -1)))) w = w.slice(0, -1);
  }
  if (w.endsWith("ll") && measure(w, w.length) > 1) w = w.slice(0, -1);
  return w;
}

const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 50_000;

/** Light English stemmer (counts / counted / counting → count). Non-words pass through. */
export function stem(word: string): string {
  if (word.length <= 2 || !isAsciiLowerWord(word)) return word;
  const hit = stemCache.get(word);
  if (hit !== undefined) return hit;
  const s = stemUncached(word);
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(word, s);
  return s;
}

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

// Pair terms, interned: the same few hundred pairs recur in every explanation, and a looked-up
// string keeps its hash, where a fresh concatenation is hashed again by every Set it enters.
const pairCache = new Map<string, Map<string, string>>();
let pairCacheSize = 0;

/** The bound-pair term of two neighbouring terms (see {@link PAIR_MARK}). */
export function pairTerm(prev: string, t: string): string {
  const hit = pairCache.get(prev)?.get(t);
  if (hit !== undefined) return hit;
  if (pairCacheSize >= RAW_CACHE_LIMIT) {
    pairCache.clear();
    pairCacheSize = 0;
  }
  let byNext = pairCache.get(prev);
  if (byNext === undefined) pairCache.set(prev, (byNext = new Map()));
  const pair = PAIR_MARK + prev + " " + t;
  byNext.set(t, pair);
  pairCacheSize++;
  return pair;
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
  for (let k = 0; k < raw.length; k++) {
    const terms = rawTerms(raw[k]);
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i];
      if (!keepStopwords && t.charCodeAt(0) === 1) continue;
      set.add(t);
    }
  }
  if (keepStopwords) addPairTerms(raw, null, set);
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
  if (content.length > 1 || content.length === toks.length) return Array.from(new Set(words));
  const all = toks.map(term);
  const out = new Set(words);
  for (let i = 1; i < all.length; i++) {
    if (isStopTerm(all[i - 1]) || isStopTerm(all[i])) out.add(PAIR_MARK + all[i - 1] + " " + all[i]);
  }
  return Array.from(out);
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
