import { describe, expect, it } from "vitest";
import { FIXTURE_PACK, FIXTURE_SOURCE } from "~/domain/generation/fixture-pack";
import { generateDraft } from "~/domain/generation/generate";
import { scoreAttempt } from "~/domain/scoring";
import { findingVerdicts, flawResultRows, TallyBook } from "./tally";

const draft = generateDraft(FIXTURE_SOURCE, FIXTURE_PACK, { seed: 7, flawCount: 3 });
const [first, second] = draft.answerKey;
const findings = [
  { id: "hit", lines: first.lines, category: first.category, explanation: "x", confidence: 0.9 },
  { id: "noise", lines: { from: 1, to: 1 }, category: second.category, explanation: "looks odd", confidence: 0.4 },
];
const auto = scoreAttempt({ flawedText: draft.flawedText, answerKey: draft.answerKey, findings });

describe("tallies of a scored attempt", () => {
  it("counts an attempt's flaws, hits, findings and false alarms, per category too", () => {
    const book = new TallyBook().add("ana", "software", auto, 1, "2026-03-01T10:00:00.000Z");
    const t = book.trainees.get("ana")!;
    const hits = auto.flaws.filter((f) => f.status !== "missed").length;
    expect(t).toMatchObject({ attempts: 1, flaws: draft.answerKey.length, hits, findings: 2, false_positives: auto.falsePositives.length, last_submitted_at: "2026-03-01T10:00:00.000Z" });
    expect(hits).toBeGreaterThanOrEqual(1);
    const perCategory = [...book.categories.values()].reduce((s, c) => ({ flaws: s.flaws + c.flaws, hits: s.hits + c.hits }), { flaws: 0, hits: 0 });
    expect(perCategory).toEqual({ flaws: t.flaws, hits: t.hits });
  });

  it("a rescore takes back the old figures and adds the new without counting another attempt", () => {
    const allMissed = scoreAttempt({ flawedText: draft.flawedText, answerKey: draft.answerKey, findings: [] });
    const book = new TallyBook().add("ana", "software", auto, -1).add("ana", "software", allMissed, 1);
    const t = book.trainees.get("ana")!;
    expect(t.attempts).toBe(0);
    expect(t.flaws).toBe(0);
    expect(t.hits).toBe(-auto.flaws.filter((f) => f.status !== "missed").length);
    expect(t.findings).toBe(-2);
    expect(t.last_submitted_at).toBeNull();
  });

  it("stores one result per seeded flaw and a verdict per finding", () => {
    const rows = flawResultRows({ id: "a1", user_id: "ana", draft_id: "d1", domain: "software" }, auto, "2026-03-01T10:00:00.000Z");
    expect(rows.map((r) => r.flaw_id).sort()).toEqual(draft.answerKey.map((e) => e.id).sort());
    expect(rows.find((r) => r.flaw_id === first.id)?.detected).toBe(1);
    const verdicts = new Map(findingVerdicts(auto).map((v) => [v.findingId, v]));
    expect(verdicts.get("hit")).toMatchObject({ auto_verdict: "hit", matched_flaw_id: first.id, flaw_category: first.category });
    expect(verdicts.get("noise")).toMatchObject({ auto_verdict: "false-positive", matched_flaw_id: null, flaw_category: second.category });
  });
});
