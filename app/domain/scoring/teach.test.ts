import { describe, expect, it } from "vitest";
import { EMPTY_LEXICON, EMPTY_OVERLAY, withOverlay } from "../text/concepts";
import { keyPointsCoveredInContext } from "../text/evidence";
import type { KeyPoint } from "../types";
import { applyPhraseChange, checkPhraseChange, overlayProblems, proposePhraseChanges, type GradedExplanation } from "./teach";

const REPLAY: KeyPoint = { text: "A captured request can be replayed", phrases: ["replay", "reused nonce"] };
const WINDOW: KeyPoint = { text: "No expiry window", phrases: ["no expiry", "timestamp not checked"] };
const LINES = "if (sig === expected) return accept(req);";

let n = 0;
function graded(text: string, grade: GradedExplanation["grade"], keyPoints: KeyPoint[] = [REPLAY]): GradedExplanation {
  return { findingId: `f${++n}`, keyPoints, text, flawedLines: LINES, brief: "Verify webhook signatures.", grade };
}

describe("proposals from mentors' grades", () => {
  it("proposes a phrase from explanations graded 3 that the matcher credited nothing, with the evidence", () => {
    const a = graded("An attacker who sniffs the call can send it again later and it is accepted.", 3);
    const b = graded("Someone can send it again: nothing stops a second delivery.", 3);
    const [p, ...rest] = proposePhraseChanges([a, b], EMPTY_LEXICON);
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ keyPoint: REPLAY.text, kind: "add", phrase: "send it again" });
    expect(p.evidence.map((e) => [e.findingId, e.grade, e.matcherShare])).toEqual([[a.findingId, 3, 0], [b.findingId, 3, 0]]);
    // Accepted, the phrase credits both explanations.
    const lex = withOverlay(EMPTY_LEXICON, applyPhraseChange(EMPTY_OVERLAY, p), "overlay:test@1");
    for (const g of [a, b]) expect(keyPointsCoveredInContext(g.text, [REPLAY], { lexicon: lex })).toEqual([true]);
  });

  it("never proposes words that a poorly graded explanation of the same key point also uses", () => {
    const good = graded("The request can be sent again by anyone who captured it.", 3);
    const poor = graded("Looks like the request is sent somewhere, not sure.", 0);
    const [p] = proposePhraseChanges([good, poor], EMPTY_LEXICON);
    expect(p.kind).toBe("add");
    expect(p.phrase).not.toMatch(/\b(request|sent)\b.*\b(request|sent)\b/);
    expect(p.phrase.toLowerCase()).not.toBe("request sent");
    const lex = withOverlay(EMPTY_LEXICON, applyPhraseChange(EMPTY_OVERLAY, p), "overlay:test@1");
    expect(keyPointsCoveredInContext(poor.text, [REPLAY], { lexicon: lex })).toEqual([false]);
    expect(keyPointsCoveredInContext(good.text, [REPLAY], { lexicon: lex })).toEqual([true]);
  });

  it("prefers words that explanations of other key points do not use", () => {
    const g = graded("The handler keeps working if a stranger sends the message twice.", 3);
    const other = graded("The handler keeps working past the expiry.", 2, [WINDOW]);
    const [p] = proposePhraseChanges([g, other], EMPTY_LEXICON);
    expect(p.phrase).toBe("stranger sends");
  });

  it("proposes nothing when grade and matcher agree, or the grade is only 2", () => {
    expect(proposePhraseChanges([graded("A replay of the captured request is accepted.", 3)], EMPTY_LEXICON)).toEqual([]);
    expect(proposePhraseChanges([graded("Someone can send it again.", 2)], EMPTY_LEXICON)).toEqual([]);
    expect(proposePhraseChanges([graded("It is fine.", 0)], EMPTY_LEXICON)).toEqual([]);
  });

  it("does not learn words copied from the flaw's own line", () => {
    const g = graded("accept req expected sig", 3);
    expect(proposePhraseChanges([g], EMPTY_LEXICON)).toEqual([]);
  });

  it("proposes retiring a phrase that credits explanations graded 0–1 and no good one", () => {
    const poor1 = graded("There is a reused nonce somewhere maybe.", 0, [REPLAY, WINDOW]);
    const poor2 = graded("Reused nonce? No idea.", 1);
    const good = graded("A captured request can be replayed at will.", 3);
    const props = proposePhraseChanges([poor1, poor2, good], EMPTY_LEXICON);
    expect(props).toEqual([
      { keyPoint: REPLAY.text, kind: "retire", phrase: "reused nonce", evidence: [
        // poor1 covers one of its two key points: share ½ is "scored high" too.
        { findingId: poor1.findingId, explanation: poor1.text, grade: 0, matcherShare: 0.5 },
        { findingId: poor2.findingId, explanation: poor2.text, grade: 1, matcherShare: 1 },
      ] },
    ]);
    // A third of the key points is not "scored high".
    const THIRD: KeyPoint = { text: "Third", phrases: ["third thing"] };
    expect(proposePhraseChanges([graded("Reused nonce, whatever.", 0, [REPLAY, WINDOW, THIRD])], EMPTY_LEXICON)).toEqual([]);
  });

  it("keeps a phrase that also credits an explanation graded 2 or 3", () => {
    const poor = graded("Reused nonce, whatever.", 0);
    const good = graded("A reused nonce lets the same request through twice.", 3);
    expect(proposePhraseChanges([poor, good], EMPTY_LEXICON)).toEqual([]);
  });
});

describe("the overlay", () => {
  const models = [{ keyPoint: REPLAY, explanation: "Without a nonce check a captured request can be replayed." }];

  it("refuses an overlay that leaves a key point unmatched by its own model explanation, naming it", () => {
    const overlay = applyPhraseChange(EMPTY_OVERLAY, { keyPoint: REPLAY.text, kind: "retire", phrase: "replay" });
    expect(overlayProblems(models, EMPTY_LEXICON, withOverlay(EMPTY_LEXICON, overlay, "o@1"))).toEqual([
      "Key point “A captured request can be replayed” would no longer be matched by its own model explanation (“Without a nonce check a captured request can be replayed.”).",
    ]);
    const both = applyPhraseChange(applyPhraseChange(overlay, { keyPoint: REPLAY.text, kind: "retire", phrase: "reused nonce" }), { keyPoint: REPLAY.text, kind: "retire", phrase: "replays" });
    expect(overlayProblems(models, EMPTY_LEXICON, withOverlay(EMPTY_LEXICON, both, "o@2"))[0]).toMatch(/no phrase left/);
  });

  it("accepts adding phrases and retiring one the model explanation does not need", () => {
    let overlay = applyPhraseChange(EMPTY_OVERLAY, { keyPoint: REPLAY.text, kind: "add", phrase: "send it again" });
    overlay = applyPhraseChange(overlay, { keyPoint: REPLAY.text, kind: "retire", phrase: "reused nonce" });
    expect(overlay).toEqual({ add: { [REPLAY.text]: ["send it again"] }, retire: { [REPLAY.text]: ["reused nonce"] } });
    expect(overlayProblems(models, EMPTY_LEXICON, withOverlay(EMPTY_LEXICON, overlay, "o@1"))).toEqual([]);
    // Adding a retired phrase back un-retires it.
    expect(applyPhraseChange(overlay, { keyPoint: REPLAY.text, kind: "add", phrase: "reused nonces" }).retire).toEqual({});
  });

  it("names what is wrong with a submitted change", () => {
    expect(checkPhraseChange({ keyPoint: "K", kind: "add", phrase: "   " })).toEqual({ ok: false, error: "The phrase is empty: write the words an explanation must contain." });
    expect(checkPhraseChange({ keyPoint: "K", kind: "add", phrase: "wrong brief" })).toMatchObject({ ok: false, error: expect.stringMatching(/generic reviewing words/) });
    expect(checkPhraseChange({ keyPoint: "", kind: "add", phrase: "x" })).toMatchObject({ ok: false, error: "Name the key point the phrase belongs to." });
    expect(checkPhraseChange({ keyPoint: "K", kind: "drop", phrase: "x" })).toMatchObject({ ok: false });
    expect(checkPhraseChange({ keyPoint: " K ", kind: "add", phrase: " send  it again " })).toEqual({ ok: true, change: { keyPoint: "K", kind: "add", phrase: "send it again" } });
  });
});
