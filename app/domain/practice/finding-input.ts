import { z } from "zod";
import { onlyInvisible, onlyInvisibleMessage } from "~/domain/text/format-chars";

/** One schema for a finding form, checked on the server against this draft's size and taxonomy. */
export function findingInputSchema(lineCount: number, categoryIds: readonly string[]) {
  return z
    .object({
      lineFrom: z.coerce
        .number({ message: "Enter the first line of the flaw" })
        .int("Lines are whole numbers")
        .min(1, "Lines start at 1")
        .max(lineCount, `The draft has ${lineCount} lines`),
      lineTo: z.coerce
        .number({ message: "Enter the last line of the flaw" })
        .int("Lines are whole numbers")
        .min(1, "Lines start at 1")
        .max(lineCount, `The draft has ${lineCount} lines`),
      category: z.string({ message: "Choose a category" }).refine((c) => categoryIds.includes(c), "Choose a category from the list"),
      explanation: z
        .string({ message: "Explain what is wrong" })
        .trim()
        .refine((t) => !onlyInvisible(t), { message: onlyInvisibleMessage("The explanation"), abort: true })
        .min(10, "Explain what is wrong in at least 10 characters")
        .max(2000, "Keep the explanation under 2,000 characters"),
      confidence: z.coerce
        .number({ message: "Choose how confident you are" })
        .int()
        .min(50, "Confidence is between 50 % and 100 %")
        .max(100, "Confidence is between 50 % and 100 %"),
      suggestedFix: z
        .string()
        .trim()
        .max(2000, "Keep the suggested fix under 2,000 characters")
        .refine((t) => !onlyInvisible(t), onlyInvisibleMessage("The suggested fix"))
        .optional()
        .default(""),
      quote: z.string().max(4000).optional().default(""),
    })
    .refine((v) => v.lineTo >= v.lineFrom, {
      message: "The last line must not come before the first line",
      path: ["lineTo"],
      // Report the order problem together with other fields' problems, once both lines parse.
      when: (payload) => !payload.issues.some((i) => i.path?.[0] === "lineFrom" || i.path?.[0] === "lineTo"),
    });
}

export type FindingInput = z.infer<ReturnType<typeof findingInputSchema>>;
