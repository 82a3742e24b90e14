import type { z } from "zod";

export type FieldErrors = Record<string, string>;

/** Parses a form with a zod schema; errors come back keyed by field with a message naming it. */
export function parseForm<T extends z.ZodTypeAny>(
  schema: T,
  form: FormData | Record<string, unknown>,
): { ok: true; data: z.infer<T> } | { ok: false; errors: FieldErrors } {
  const input = form instanceof FormData ? Object.fromEntries(form) : form;
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "form";
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

/** Empties the named inputs of a form (used for passwords after a failed submission). */
export function clearFields(form: HTMLFormElement, names: string[]) {
  for (const name of names) {
    const el = form.elements.namedItem(name);
    if (el instanceof HTMLInputElement) el.value = "";
  }
}
