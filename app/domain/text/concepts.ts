// Concept sets: wordings that mean the same thing in a review ("cost of sales" ~ "COGS").
// A key-point phrase that contains one member of a set also counts in the words of every other
// member, so a trainee's paraphrase is credited without each pack listing every synonym.
import type { KeyPoint } from "../types";
import { compilePhrase, isNegTerm, MATCHER_VERSION, negParts, negTerm, PAIR_MARK, type CompiledPhrase } from "./match";

/** Sets of equivalent wordings, as authored (content/concepts.yaml, content/<domain>/concepts.yaml). */
export type ConceptSets = readonly (readonly string[])[];

export interface Lexicon {
  /** Names the matcher, concept sets and accepted overlay that scored an attempt, e.g. "matcher3:concepts:3a9f…". */
  readonly version: string;
  readonly sets: ConceptSets;
  /** Extra phrases per key point text (the mentor-taught overlay), keyed by key point text. */
  readonly extraPhrases?: Readonly<Record<string, readonly string[]>>;
  /** Authored phrases the overlay retires per key point text: they no longer count. */
  readonly retiredPhrases?: Readonly<Record<string, readonly string[]>>;
}

/** Accepted phrase changes of one pack, as the overlay stores them. */
export interface PhraseOverlay {
  readonly add: Readonly<Record<string, readonly string[]>>;
  readonly retire: Readonly<Record<string, readonly string[]>>;
}

export const EMPTY_OVERLAY: PhraseOverlay = Object.freeze({ add: Object.freeze({}), retire: Object.freeze({}) });

/** The base lexicon with a pack's accepted overlay laid over it; `label` names the overlay version. */
export function withOverlay(base: Lexicon, overlay: PhraseOverlay, label: string): Lexicon {
  if (Object.keys(overlay.add).length === 0 && Object.keys(overlay.retire).length === 0) return base;
  return { version: `${base.version}+${label}`, sets: base.sets, extraPhrases: overlay.add, retiredPhrases: overlay.retire };
}

/** The phrases that count for a key point under a lexicon, as written (authored − retired + added). */
export function phrasesOf(kp: KeyPoint, lex: Lexicon): string[] {
  const retired = new Set((lex.retiredPhrases?.[kp.text] ?? []).map((p) => compilePhrase(p).join(" ")));
  const out: string[] = [];
  const seen = new Set<string>();
  for (const p of [...kp.phrases, ...(lex.extraPhrases?.[kp.text] ?? [])]) {
    const key = compilePhrase(p).join(" ");
    if (key === "" || retired.has(key) || seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}

export const EMPTY_LEXICON: Lexicon = Object.freeze({ version: "none", sets: Object.freeze([]) });

interface CompiledLexicon {
  /** Per set, its members compiled; members with no words are dropped. */
  sets: CompiledPhrase[][];
  /**
   * One-word members that are also a word of a longer member of another set ("sales" of the
   * revenue set inside "cost of sales" of the COGS set), with those longer members.
   */
  inside: Map<string, CompiledPhrase[]>;
}

const compiledLexicons = new WeakMap<Lexicon, CompiledLexicon>();

function compileLexicon(lex: Lexicon): CompiledLexicon {
  let c = compiledLexicons.get(lex);
  if (c === undefined) {
    const sets = lex.sets.map((set) => set.map(compilePhrase).filter((p) => p.length > 0));
    const inside = new Map<string, CompiledPhrase[]>();
    sets.forEach((set, i) => {
      for (const single of set) {
        if (single.length !== 1) continue;
        const w = single[0];
        sets.forEach((other, j) => {
          if (j === i) return;
          for (const m of other) {
            const words = m.filter((t) => !t.startsWith(PAIR_MARK) && !isNegTerm(t));
            if (words.length > 1 && words.includes(w)) inside.set(w, [...(inside.get(w) ?? []), words]);
          }
        });
      }
    });
    c = { sets, inside };
    compiledLexicons.set(lex, c);
  }
  return c;
}

/** Whether the longer member's words stand around position i of the run, in order (stopwords may sit between). */
function memberAt(run: readonly string[], i: number, member: CompiledPhrase, at: number): boolean {
  let k = i;
  for (let j = at - 1; j >= 0; j--) {
    k--;
    while (k >= 0 && run[k] !== "" && run[k].charCodeAt(0) === 1) k--;
    if (k < 0 || run[k] !== member[j]) return false;
  }
  k = i;
  for (let j = at + 1; j < member.length; j++) {
    k++;
    while (k < run.length && run[k] !== "" && run[k].charCodeAt(0) === 1) k++;
    if (k >= run.length || run[k] !== member[j]) return false;
  }
  return true;
}

/**
 * Position-aware members (decision 107): a one-word member written only inside a longer member
 * of another set ("sales" in "cost of sales") does not stand for its own set. For each such
 * word of the run ("" breaks it), the longer members every occurrence sits in; a phrase
 * counts the word only together with the rest of one of them.
 */
export function wordsInsideLongerMembers(run: readonly string[], terms: ReadonlySet<string>, lex: Lexicon): Map<string, CompiledPhrase[]> | null {
  const { inside } = compileLexicon(lex);
  let out: Map<string, CompiledPhrase[]> | null = null;
  for (const [w, members] of inside) {
    if (!terms.has(w)) continue;
    const found = new Set<CompiledPhrase>();
    let everyOccurrence = true;
    let seen = false;
    for (let i = 0; i < run.length && everyOccurrence; i++) {
      if (run[i] !== w) continue;
      seen = true;
      const m = members.find((mm) => memberAt(run, i, mm, mm.indexOf(w)));
      if (m === undefined) everyOccurrence = false;
      else found.add(m);
    }
    if (seen && everyOccurrence) (out ??= new Map()).set(w, [...found]);
  }
  return out;
}

function containsAll(phrase: readonly string[], member: readonly string[]): boolean {
  for (const t of member) if (!phrase.includes(t)) return false;
  return true;
}

/**
 * A phrase and its concept alternatives: for every set with a member whose words all occur in
 * the phrase, the phrase with that member's words swapped for each other member's words. One
 * level only, so expansion is bounded and predictable.
 */
export function expandPhrase(phrase: CompiledPhrase, lex: Lexicon): CompiledPhrase[] {
  const out: CompiledPhrase[] = [phrase];
  const seen = new Set([phrase.join(" ")]);
  for (const set of compileLexicon(lex).sets) {
    for (const member of set) {
      if (!containsAll(phrase, member)) continue;
      const rest = phrase.filter((t) => !member.includes(t));
      for (const other of set) {
        if (other === member) continue;
        const alt = Array.from(new Set([...rebind(rest, member, other), ...other]));
        const key = alt.join(" ");
        if (!seen.has(key)) {
          seen.add(key);
          out.push(alt);
        }
      }
    }
  }
  return out;
}

/**
 * A phrase's bound negations after a member's words are swapped for another member's: a negation
 * bound to a swapped word binds to the other member's first word ("never processed" with
 * processed ~ handled: "never handled"); one whose negation itself was swapped is dropped.
 */
function rebind(rest: readonly string[], member: CompiledPhrase, other: CompiledPhrase): string[] {
  if (!rest.some(isNegTerm)) return rest as string[];
  const first = other.find((t) => !t.startsWith(PAIR_MARK) && !isNegTerm(t));
  const out: string[] = [];
  for (const t of rest) {
    if (!isNegTerm(t)) {
      out.push(t);
      continue;
    }
    const [neg, word] = negParts(t);
    if (member.includes(neg)) continue;
    if (!member.includes(word)) out.push(t);
    else if (first !== undefined) out.push(negTerm(neg, first));
  }
  return out;
}

export interface ExpandedKeyPoint {
  /** Every phrase that counts: authored, overlay and concept alternatives. */
  readonly phrases: readonly CompiledPhrase[];
  /** For each entry of `phrases`, the phrase as written that it comes from. */
  readonly sources: readonly string[];
}

const expandedCache = new WeakMap<Lexicon, WeakMap<KeyPoint, ExpandedKeyPoint>>();

/** A key point's phrases with the lexicon's overlay and concept alternatives, cached per pair. */
export function expandKeyPoint(kp: KeyPoint, lex: Lexicon): ExpandedKeyPoint {
  let perLex = expandedCache.get(lex);
  if (perLex === undefined) expandedCache.set(lex, (perLex = new WeakMap()));
  const hit = perLex.get(kp);
  if (hit !== undefined) return hit;
  const authored = lex.extraPhrases || lex.retiredPhrases ? phrasesOf(kp, lex) : kp.phrases;
  const phrases: CompiledPhrase[] = [];
  const sources: string[] = [];
  const seen = new Set<string>();
  for (const p of authored) {
    const compiled = compilePhrase(p);
    if (compiled.length === 0) continue;
    for (const alt of expandPhrase(compiled, lex)) {
      const key = alt.join(" ");
      if (!seen.has(key)) {
        seen.add(key);
        phrases.push(alt);
        sources.push(p);
      }
    }
  }
  const expanded = { phrases, sources };
  perLex.set(kp, expanded);
  return expanded;
}

/** Reads concept files (shared first, then the pack's own); problems name the file. */
export function lexiconFromFiles(
  files: readonly { path: string; text: string }[],
  parseYaml: (text: string) => unknown,
): { lexicon: Lexicon; problems: string[] } {
  const sets: string[][] = [];
  const problems: string[] = [];
  let hash = 0x811c9dc5;
  for (const f of files) {
    for (let i = 0; i < f.text.length; i++) hash = Math.imul(hash ^ f.text.charCodeAt(i), 0x01000193) >>> 0;
    let doc: unknown;
    try {
      doc = parseYaml(f.text);
    } catch (e) {
      problems.push(`${f.path}: ${(e as Error).message.split("\n")[0]}`);
      continue;
    }
    const raw = (doc as { sets?: unknown } | null)?.sets;
    if (!Array.isArray(raw)) {
      problems.push(`${f.path}: expected a 'sets' list of phrase lists`);
      continue;
    }
    raw.forEach((set, i) => {
      if (!Array.isArray(set) || set.length < 2 || !set.every((m) => typeof m === "string" && m.trim() !== "")) {
        problems.push(`${f.path}: sets[${i}] must list at least two non-empty phrases`);
      } else sets.push(set.map((m: string) => m.trim()));
    });
  }
  return { lexicon: { version: `matcher${MATCHER_VERSION}:concepts:${hash.toString(16).padStart(8, "0")}`, sets }, problems };
}
