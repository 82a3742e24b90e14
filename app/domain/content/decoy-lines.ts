// Where a stored draft shows its source's decoys: the line ranges of each decoy's passage, so that
// a results page can say a false alarm was placed on a correct but unusual passage. Pure: the
// source is instantiated for the draft's seed the way the engine does, and each decoy the draft's
// difficulty shows is looked up in the stored text. Nothing is guessed: a decoy whose passage is
// not found exactly once is left out.
import { lineStarts, spanLines } from "../text/lines";
import type { LineRange, SourceDoc } from "../types";
import { onceAt } from "../text/find";
import { decoysAt } from "./decoys";
import { instantiate } from "./instantiate";

export interface DecoyLines {
  id: string;
  /** 1-based lines of the decoy's passage in the text the lines are given for. */
  lines: LineRange;
  /** Why the unusual version is right, as the source declares it (rendered for the seed). */
  why: string;
}

export interface DecoyLinesInput {
  /** The draft's source as the loaded pack holds it (a parametric source is instantiated here). */
  source: SourceDoc;
  seed: number;
  difficulty: number;
  /** The draft's stored clean text: a decoy counts only if its passage is found there exactly once. */
  cleanText: string;
  /**
   * The text the trainee reviewed (the flawed text), where findings' lines are counted. When given,
   * the lines are those of the passage in it (found exactly once there too); otherwise in the clean text.
   */
  shownText?: string;
}

/** The decoys a stored draft shows and their lines; none when the source cannot be instantiated for the seed. */
export function decoyLines({ source, seed, difficulty, cleanText, shownText }: DecoyLinesInput): DecoyLines[] {
  if (!source.decoys?.length) return [];
  let concrete: SourceDoc;
  try {
    concrete = instantiate(source, seed >>> 0).source;
  } catch {
    return []; // such a draft is never stored (generation skips it); nothing to say about it
  }
  const text = shownText ?? cleanText;
  let starts: number[] | undefined;
  const out: DecoyLines[] = [];
  for (const d of decoysAt(concrete.decoys, difficulty)) {
    if (!d.replacement || onceAt(cleanText, d.replacement) < 0) continue;
    const at = onceAt(text, d.replacement);
    if (at < 0) continue;
    starts ??= lineStarts(text);
    out.push({ id: d.id, lines: spanLines(text, { start: at, end: at + d.replacement.length }, starts), why: d.why });
  }
  return out;
}

/** The first decoy whose lines overlap the range (a finding's lines), if any. */
export function decoyAt(decoys: readonly DecoyLines[], range: LineRange): DecoyLines | undefined {
  return decoys.find((d) => range.from <= d.lines.to && d.lines.from <= range.to);
}
