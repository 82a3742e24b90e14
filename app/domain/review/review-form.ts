// The mentor review form's one schema, used by the browser (conform's client validation) and the
// server action alike. Field names follow conform's paths: `version`, `feedback`,
// `findings[i].id|verdict|grade|comment|unseeded|category`. Empty fields arrive as undefined (conform's
// coercion), so "Keep automatic" and "Use key points" are simply absent.
import { z } from "zod";
import { onlyInvisible, onlyInvisibleMessage } from "~/domain/text/format-chars";

export const FEEDBACK_MAX = 5000;
export const COMMENT_MAX = 2000;

const FindingReview = z.object({
  id: z.string({ message: "A finding of the form has no id; reload the page." }).min(1),
  verdict: z.enum(["correct", "partly", "wrong"], { message: "Choose a verdict from the list" }).optional(),
  grade: z.number({ message: "Grades are 0 to 3" }).int("Grades are 0 to 3").min(0, "Grades are 0 to 3").max(3, "Grades are 0 to 3").optional(),
  comment: z
    .string()
    .max(COMMENT_MAX, "Keep comments under 2,000 characters")
    .refine((t) => !onlyInvisible(t), onlyInvisibleMessage("The comment"))
    .optional(),
  unseeded: z.boolean().optional(),
  // The mentor's category judgement, apart from the verdict; absent leaves it to the verdict.
  category: z.enum(["right", "wrong"], { message: "Choose the category judgement from the list" }).optional(),
});

export const ReviewFormSchema = z.object({
  // The review version the form was rendered with: publishing an older one is a visible conflict,
  // and a form without it is refused (it used to publish as version 0).
  version: z.number({ message: "This form does not say which version of the review it was opened on; reload the page." }).int().min(0, "The form is out of date; reload the page."),
  feedback: z
    .string()
    .max(FEEDBACK_MAX, "Keep the feedback under 5,000 characters")
    .refine((t) => !onlyInvisible(t), onlyInvisibleMessage("The feedback"))
    .optional(),
  findings: z.array(FindingReview).optional(),
});

export type ReviewForm = z.infer<typeof ReviewFormSchema>;

/** The parsed form as the models' review input. */
export function reviewInputOf(form: ReviewForm) {
  return {
    feedback: form.feedback ?? "",
    findings: (form.findings ?? []).map((f) => ({
      findingId: f.id,
      verdict: f.verdict ?? null,
      grade: (f.grade ?? null) as 0 | 1 | 2 | 3 | null,
      comment: f.comment ?? "",
      unseeded: f.unseeded ?? false,
      categoryRight: f.category === undefined ? null : f.category === "right",
    })),
  };
}
