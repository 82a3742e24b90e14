// Tokenizer of the offline explanation matcher: one regex pass over a text, then each match
// expanded into the words as written (and, for explanations, recall extras). Pure and hot, so
// regexes are module constants.

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

/** The regex matches of a text, or null when it has none (hot path: no copy). */
export function rawTokens(text: string): RegExpMatchArray | null {
  const source =
    APOSTROPHE_RE.test(text) ? text.replace(CONTRACTION_RE, " not") : text;
  return source.match(TOKEN_RE);
}

/** One regex match → its tokens (a hyphenated word gives several; a percentage has extras). */
export function expandRawToken(tok: string, out: string[], extras: boolean): void {
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
