// Rubric phrases that prove nothing: they only repeat words of the flawed line (a trainee who
// quotes the line "covers" them) or generic reviewing words ("brief", "wrong"). The matcher
// skips them when the key point has a better phrase; content:check lists them so authors fix them.
//
// A parametric source is checked on concrete drafts, never on its template: the trainee reads an
// instance, and the template's identifiers say nothing about it. `{{cap}}` against a line with
// `{{cap_wrong}}` shares the words "cap" in the template, yet in every draft the phrase reads "10"
// and the line "20"; a phrase "staging" is no echo of `{{env}}` until a draw makes the line say
// "staging". A phrase is reported when it is an echo in any sampled draw.
import { concreteDraws } from "../content/instantiate";
import { compilePhrase, lineTermSet } from "../text/match";
import { isEchoPhrase } from "../text/evidence";
import type { Pack, SourceDoc } from "../types";

export interface EchoPhrase {
  sourceId: string;
  siteId: string;
  /** Index of the site in its source (the order of the source file). */
  siteIndex: number;
  variant: number;
  keyPointIndex: number;
  phraseIndex: number;
  /** The key point and the phrase as the author wrote them (template form for parametric sources). */
  keyPoint: string;
  phrase: string;
  /** The first sampled seed whose draft makes the phrase an echo; absent for a source without parameters. */
  seed?: number;
  /** Every phrase of the key point is an echo (in one sampled draft): the key point cannot tell quoting from diagnosis. */
  keyPointHasNoOtherPhrase: boolean;
}

/** Seeds sampled per parametric source when the caller names none. */
export const ECHO_SEEDS: readonly number[] = Array.from({ length: 20 }, (_, i) => i);

interface Found {
  siteIndex: number;
  variant: number;
  keyPointIndex: number;
  phraseIndex: number;
  allEcho: boolean;
}

/** Echo phrases of one concrete source, by position (site, variant, key point, phrase). */
function concreteEchoes(source: SourceDoc): Found[] {
  const out: Found[] = [];
  source.sites.forEach((site, siteIndex) => {
    const at = source.text.indexOf(site.anchor);
    if (at < 0) return;
    const lineStart = source.text.lastIndexOf("\n", at) + 1;
    const end = source.text.indexOf("\n", at + site.anchor.length);
    const before = source.text.slice(lineStart, at);
    const after = end < 0 ? source.text.slice(at + site.anchor.length) : source.text.slice(at + site.anchor.length, end);
    site.variants.forEach((v, variant) => {
      const lineTerms = lineTermSet(before + v.replacement + after);
      v.keyPoints.forEach((kp, keyPointIndex) => {
        const echo = kp.phrases.map((p) => {
          const c = compilePhrase(p);
          return c.length > 0 && isEchoPhrase(c, lineTerms);
        });
        const allEcho = echo.every(Boolean);
        echo.forEach((e, phraseIndex) => {
          if (e) out.push({ siteIndex, variant, keyPointIndex, phraseIndex, allEcho });
        });
      });
    });
  });
  return out;
}

/**
 * Echo and generic phrases of every flaw-site variant of a pack. A parametric source is
 * instantiated with each seed (a draw that cannot be instantiated is skipped: the loader reports
 * it); a phrase is listed once, with the first seed that makes it an echo.
 */
export function echoPhrases(pack: Pick<Pack, "sources">, seeds: readonly number[] = ECHO_SEEDS): EchoPhrase[] {
  const out: EchoPhrase[] = [];
  for (const template of pack.sources) {
    const byKey = new Map<string, EchoPhrase>();
    for (const { source, seed } of concreteDraws(template, seeds)) {
      for (const f of concreteEchoes(source)) {
        const key = `${f.siteIndex}/${f.variant}/${f.keyPointIndex}/${f.phraseIndex}`;
        const seen = byKey.get(key);
        if (seen) {
          seen.keyPointHasNoOtherPhrase ||= f.allEcho;
          continue;
        }
        const site = template.sites[f.siteIndex];
        const kp = site.variants[f.variant].keyPoints[f.keyPointIndex];
        byKey.set(key, {
          sourceId: template.id,
          siteId: site.id,
          siteIndex: f.siteIndex,
          variant: f.variant,
          keyPointIndex: f.keyPointIndex,
          phraseIndex: f.phraseIndex,
          keyPoint: kp.text,
          phrase: kp.phrases[f.phraseIndex],
          ...(seed === undefined ? {} : { seed }),
          keyPointHasNoOtherPhrase: f.allEcho,
        });
      }
    }
    out.push(...[...byKey.values()].sort((a, b) => a.siteIndex - b.siteIndex || a.variant - b.variant || a.keyPointIndex - b.keyPointIndex || a.phraseIndex - b.phraseIndex));
  }
  return out;
}
