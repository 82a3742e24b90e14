// Format characters are invisible: zero-width spaces and joiners, bidi controls, soft hyphens,
// tag characters, variation selectors. In free text they hide content ("blank" answers that are
// not empty) or reorder what a reader sees (a bidi override shows reversed text). This module finds,
// strips and shows them; it is pure so forms, scoring and content checks share one definition.

/**
 * Bidi controls: embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069) and the
 * implicit marks (U+200E, U+200F, U+061C). Any of these can reorder the text a reader sees.
 */
const BIDI_SOURCE = "\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069";

/**
 * Invisible format characters other than bidi controls: soft hyphen, Mongolian vowel separator,
 * zero-width space/non-joiner/joiner, word joiner and invisible operators, BOM / zero-width
 * no-break space, interlinear annotation marks, variation selectors, tag characters, and the
 * rest of Unicode's Cf (format) category.
 */
const INVISIBLE_SOURCE =
  "\\u00AD\\u180E\\u200B-\\u200D\\u2060-\\u2064\\uFEFF\\uFFF9-\\uFFFB\\uFE00-\\uFE0F" +
  "\\u{E0000}-\\u{E007F}\\u{E0100}-\\u{E01EF}\\p{Cf}";

// eslint-disable-next-line no-misleading-character-class -- variation selectors are meant one by one, to be found alone
const FORMAT_RE = new RegExp(`[${BIDI_SOURCE}${INVISIBLE_SOURCE}]`, "gu");
const BIDI_RE = new RegExp(`[${BIDI_SOURCE}]`, "u");
const BIDI_GLOBAL_RE = new RegExp(`[${BIDI_SOURCE}]`, "gu");
// eslint-disable-next-line no-misleading-character-class -- variation selectors are meant one by one, to be found alone
const ANY_FORMAT_RE = new RegExp(`[${BIDI_SOURCE}${INVISIBLE_SOURCE}]`, "u");

/** True if the text holds any invisible format character (bidi control, zero-width, tag, …). */
export function hasFormatChars(text: string): boolean {
  return ANY_FORMAT_RE.test(text);
}

/** True if the text holds a bidi control that can reorder what a reader sees. */
export function hasBidiControls(text: string): boolean {
  return BIDI_RE.test(text);
}

/** The text without any format character. */
export function stripFormatChars(text: string): string {
  return text.replace(FORMAT_RE, "");
}

/**
 * True when nothing a reader could see is left after removing format characters and whitespace
 * (including no-break and ideographic spaces): "ten zero-width spaces" counts as blank.
 */
export function isBlankAfterStripping(text: string): boolean {
  return stripFormatChars(text).replace(/[\s\u00A0\u2000-\u200A\u202F\u205F\u3000\u2800\u3164\uFFA0\u115F\u1160]/gu, "") === "";
}

/**
 * True when the text is not empty yet shows nothing: only format characters and spaces, with at
 * least one format character (plain whitespace is ordinary emptiness, left to each field's rules).
 */
export function onlyInvisible(text: string): boolean {
  return hasFormatChars(text) && isBlankAfterStripping(text);
}

/** The message for a field whose text is only invisible characters, naming the field. */
export function onlyInvisibleMessage(field: string): string {
  return `${field} has only invisible characters (zero-width spaces or direction marks): write it in words`;
}

/** Each format character in the text, with its offset and code point label (`U+202E`). */
export function findFormatChars(text: string): { offset: number; char: string; label: string; bidi: boolean }[] {
  const out: { offset: number; char: string; label: string; bidi: boolean }[] = [];
  for (const m of text.matchAll(FORMAT_RE)) {
    const cp = m[0].codePointAt(0)!;
    out.push({ offset: m.index!, char: m[0], label: codePointLabel(cp), bidi: BIDI_RE.test(m[0]) });
  }
  return out;
}

export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** A piece of text as a reader should see it: plain text, or a visible marker for a format character. */
export type VisiblePart = { kind: "text"; text: string } | { kind: "format"; label: string; bidi: boolean };

/**
 * Splits text into plain runs and visible markers, one per format character, so a page can render
 * `[U+202E]` instead of letting the character act. Plain runs never contain a format character.
 */
export function visibleParts(text: string): VisiblePart[] {
  const parts: VisiblePart[] = [];
  let last = 0;
  for (const f of findFormatChars(text)) {
    if (f.offset > last) parts.push({ kind: "text", text: text.slice(last, f.offset) });
    parts.push({ kind: "format", label: f.label, bidi: f.bidi });
    last = f.offset + f.char.length;
  }
  if (last < text.length) parts.push({ kind: "text", text: text.slice(last) });
  return parts;
}

/** The text with every format character replaced by a visible `[U+XXXX]` marker (for plain-text outputs). */
export function showFormatChars(text: string): string {
  return text.replace(FORMAT_RE, (c) => `[${codePointLabel(c.codePointAt(0)!)}]`);
}

/** Number of bidi controls (for messages such as "3 hidden direction marks"). */
export function countBidiControls(text: string): number {
  return (text.match(BIDI_GLOBAL_RE) ?? []).length;
}
