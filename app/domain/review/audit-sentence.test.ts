import { describe, expect, it } from "vitest";
import { auditSentence } from "./audit-sentence";

const ev = (action: string, before: unknown, after: unknown, finding: number | null = 2) => ({ actor: "Ana", action, finding, before: JSON.stringify(before), after: JSON.stringify(after) });

describe("audit trail in sentences", () => {
  it("says which verdict a mentor gave, never the stored JSON", () => {
    expect(auditSentence(ev("override", { verdict: null, unseeded: false }, { verdict: "correct", unseeded: false }))).toBe("Ana marked finding 2 correct");
    expect(auditSentence(ev("override", { verdict: "correct", unseeded: false }, { verdict: "partly", unseeded: false }))).toBe("Ana marked finding 2 partly correct");
    expect(auditSentence(ev("override", { verdict: "wrong", unseeded: false }, { verdict: null, unseeded: false }))).toBe("Ana cleared the verdict on finding 2");
    expect(auditSentence(ev("override", { verdict: null, unseeded: false }, { verdict: null, unseeded: true }))).toBe("Ana marked finding 2 as a real flaw missing from the answer key");
    expect(auditSentence(ev("override", { verdict: null, unseeded: false }, { verdict: "correct", unseeded: true }))).toBe("Ana marked finding 2 correct and marked it as a real flaw missing from the answer key");
    expect(auditSentence(ev("override", { verdict: null, unseeded: false }, { verdict: null, unseeded: false }))).not.toContain("{");
  });

  it("says how the mentor counted a finding's category, apart from the verdict", () => {
    expect(auditSentence(ev("category", null, false))).toBe("Ana counted the category of finding 2 as wrong");
    expect(auditSentence(ev("revision 2: category", false, true))).toBe("Ana counted the category of finding 2 as right in revision 2");
    expect(auditSentence(ev("category", true, null))).toBe("Ana left the category of finding 2 to the verdict");
  });

  it("describes grades, comments and feedback, quoting text short", () => {
    expect(auditSentence(ev("grade", null, 3))).toBe("Ana graded finding 2 3 of 3");
    expect(auditSentence(ev("grade", 1, 2))).toBe("Ana graded finding 2 2 of 3 (was 1)");
    expect(auditSentence(ev("grade", 2, null))).toBe("Ana cleared the grade of finding 2");
    expect(auditSentence(ev("comment", "", "Good catch"))).toBe("Ana commented on finding 2: “Good catch”");
    expect(auditSentence(ev("comment", "Good", ""))).toBe("Ana removed the comment on finding 2");
    expect(auditSentence(ev("feedback", "", "Solid work.\nLook at the loop bounds.", null))).toBe("Ana wrote the feedback: “Solid work. Look at the loop bounds.”");
    const long = auditSentence(ev("feedback", "x", "a".repeat(200), null));
    expect(long.startsWith("Ana edited the feedback: “")).toBe(true);
    expect(long.length).toBeLessThan(120);
    expect(long.endsWith("…”")).toBe(true);
  });

  it("names the score change a publish made, and revisions", () => {
    expect(auditSentence(ev("publish", { total: 62 }, { total: 70 }, null))).toBe("Ana published the review (score 62 → 70)");
    expect(auditSentence(ev("publish", { total: 70 }, { total: 70 }, null))).toBe("Ana published the review (score 70)");
    expect(auditSentence(ev("publish revision 2", { total: 70 }, { total: 58 }, null))).toBe("Ana published revision 2 of the review (score 70 → 58)");
    expect(auditSentence(ev("revision 2: override", { verdict: null, unseeded: false }, { verdict: "wrong", unseeded: false }))).toBe("Ana marked finding 2 wrong in revision 2");
  });

  it("keeps an unknown action readable", () => {
    expect(auditSentence({ actor: "Ana", action: "reopen", finding: null, before: null, after: null })).toBe("Ana: reopen");
  });
});
