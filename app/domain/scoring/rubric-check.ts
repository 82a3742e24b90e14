// Rubric phrases that prove nothing: they only repeat words of the flawed line (a trainee who
// quotes the line "covers" them) or generic reviewing words ("brief", "wrong"). The matcher
// skips them when the key point has a better phrase; content:check lists them so authors fix them.
import { compilePhrase, lineTermSet } from "../text/match";
import { isEchoPhrase } from "../text/evidence";
import type { Pack } from "../types";

export interface EchoPhrase {
  sourceId: string;
  siteId: string;
  variant: number;
  keyPoint: string;
  phrase: string;
  /** Every phrase of the key point is an echo: the key point cannot tell quoting from diagnosis. */
  keyPointHasNoOtherPhrase: boolean;
}

/** Echo and generic phrases of every flaw-site variant of a pack. */
export function echoPhrases(pack: Pack): EchoPhrase[] {
  const out: EchoPhrase[] = [];
  for (const source of pack.sources) {
    for (const site of source.sites) {
      const at = source.text.indexOf(site.anchor);
      if (at < 0) continue;
      const lineStart = source.text.lastIndexOf("\n", at) + 1;
      const end = source.text.indexOf("\n", at + site.anchor.length);
      const after = end < 0 ? source.text.slice(at + site.anchor.length) : source.text.slice(at + site.anchor.length, end);
      site.variants.forEach((v, variant) => {
        const lineTerms = lineTermSet(source.text.slice(lineStart, at) + v.replacement + after);
        for (const kp of v.keyPoints) {
          const echoes = kp.phrases.filter((p) => {
            const c = compilePhrase(p);
            return c.length > 0 && isEchoPhrase(c, lineTerms);
          });
          for (const phrase of echoes) {
            out.push({ sourceId: source.id, siteId: site.id, variant, keyPoint: kp.text, phrase, keyPointHasNoOtherPhrase: echoes.length === kp.phrases.length });
          }
        }
      });
    }
  }
  return out;
}
