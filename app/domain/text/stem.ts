// Light stemmer: Porter's steps 1a, 1b, 1c, 2, 3 and 5 (step 4, which strips -ment, -ence,
// -ive… and conflates unrelated words, is left out), plus one extra rule: an adverb's "-li"
// after a consonant is dropped when at least four letters remain (exactly → exact).

const LSZ_END_RE = /[lsz]$/;

function isAsciiLowerWord(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return true;
}

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
