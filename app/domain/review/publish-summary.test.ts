import { describe, expect, it } from "vitest";
import { publishSummary, verdictCounts, type ReviewedFinding } from "./publish-summary";

const f = (verdict: ReviewedFinding["verdict"], extra: Partial<ReviewedFinding> = {}): ReviewedFinding => ({ verdict, grade: null, comment: "", unseeded: false, ...extra });

describe("publish confirmation", () => {
  it("names the score change from the automatic score and the verdict counts", () => {
    const counts = verdictCounts([f(null), f("partly", { comment: "Say what save() resolves to." })]);
    expect(counts).toMatchObject({ correct: 0, partly: 1, wrong: 0, automatic: 1, comments: 1 });
    const s = publishSummary({ shownTotal: 100, shownIsAutomatic: true, total: 80.3, counts, hasFeedback: true, revision: 1 });
    expect(s[0]).toBe("Their score changes from 100 (automatic) to 80.3 with your verdicts.");
    expect(s[1]).toBe("Verdicts on 2 findings: 1 partly right, 1 kept as the automatic verdict.");
    expect(s).toContain("They see your overall feedback and 1 comment.");
    expect(s.join(" ")).not.toContain("revision");
    expect(s.join(" ")).not.toContain("Category");
  });

  it("names the categories the mentor judged apart from the verdict", () => {
    const counts = verdictCounts([f("correct", { categoryRight: false }), f("partly", { categoryRight: true }), f("correct", { categoryRight: false }), f(null)]);
    const s = publishSummary({ shownTotal: 90, shownIsAutomatic: true, total: 85, counts, hasFeedback: true, revision: 1 });
    expect(s).toContain("Category judged by you on 3 findings: 1 right, 2 wrong.");
  });

  it("says when the score does not change, when nothing is written and when it is a revision", () => {
    const counts = verdictCounts([f("correct", { grade: 3 }), f("wrong"), f("correct", { unseeded: true })]);
    const s = publishSummary({ shownTotal: 62, shownIsAutomatic: false, total: 62, counts, hasFeedback: false, revision: 2 });
    expect(s[0]).toBe("Their score stays 62.");
    expect(s[1]).toBe("Verdicts on 3 findings: 2 correct, 1 wrong.");
    expect(s).toContain("1 finding counted as a real flaw missing from the answer key.");
    expect(s).toContain("1 explanation graded by you.");
    expect(s).toContain("You have written no feedback or comments.");
    expect(s.at(-1)).toContain("revision 2, marked as revised");
  });

  it("a clean-draft attempt with no findings says there are no verdicts", () => {
    const s = publishSummary({ shownTotal: 90, shownIsAutomatic: true, total: 90, counts: verdictCounts([]), hasFeedback: true, revision: 1 });
    expect(s[1]).toBe("They submitted no findings, so there are no verdicts to show.");
  });
});
