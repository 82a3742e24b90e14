import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { reviewInputOf, ReviewFormSchema } from "./review-form";

const form = (entries: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(entries)) fd.append(k, v);
  return fd;
};

describe("mentor review form schema", () => {
  it("parses verdicts, grades, comments and the unseeded box into review input", () => {
    const s = parseWithZod(
      form({
        version: "2",
        feedback: "Good work.",
        "findings[0].id": "f1",
        "findings[0].verdict": "partly",
        "findings[0].grade": "2",
        "findings[0].comment": "Say why.",
        "findings[0].category": "wrong",
        "findings[1].id": "f2",
        "findings[1].category": "",
        "findings[1].verdict": "",
        "findings[1].grade": "",
        "findings[1].unseeded": "on",
      }),
      { schema: ReviewFormSchema },
    );
    expect(s.status).toBe("success");
    if (s.status !== "success") return;
    expect(s.value.version).toBe(2);
    expect(reviewInputOf(s.value)).toEqual({
      feedback: "Good work.",
      findings: [
        { findingId: "f1", verdict: "partly", grade: 2, comment: "Say why.", unseeded: false, categoryRight: false },
        { findingId: "f2", verdict: null, grade: null, comment: "", unseeded: true, categoryRight: null },
      ],
    });
  });

  it("refuses a form without the version it was rendered with, naming the field", () => {
    const s = parseWithZod(form({ feedback: "x" }), { schema: ReviewFormSchema });
    if (s.status !== "error") throw new Error("expected an error");
    expect(s.error?.version?.[0]).toContain("reload the page");
  });

  it("names each bad field: unknown verdict, grade out of range, feedback of invisible characters", () => {
    const s = parseWithZod(
      form({ version: "0", feedback: "\u200b\u200b", "findings[0].id": "f1", "findings[0].verdict": "excellent", "findings[0].grade": "7" }),
      { schema: ReviewFormSchema },
    );
    if (s.status !== "error") throw new Error("expected an error");
    expect(s.error?.["findings[0].verdict"]).toEqual(["Choose a verdict from the list"]);
    expect(s.error?.["findings[0].grade"]).toEqual(["Grades are 0 to 3"]);
    expect(s.error?.feedback?.[0]).toMatch(/feedback/i);
  });
});
