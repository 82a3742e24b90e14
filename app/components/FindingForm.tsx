import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { findingInputSchema } from "~/domain/practice/finding-input";

export interface CategoryOption {
  id: string;
  name: string;
  family: string;
}

export interface FindingValues {
  lineFrom?: string | number;
  lineTo?: string | number;
  category?: string;
  explanation?: string;
  confidence?: string | number;
  suggestedFix?: string;
  quote?: string;
}

interface Props {
  intent: "add" | "update";
  findingId?: string;
  categories: CategoryOption[];
  lineCount: number;
  /** The finding's saved values (editing), shown until the reader changes them. */
  values?: FindingValues;
  /** The server's answer to the last submission of this form (errors and what was typed). */
  lastResult?: SubmissionResult<string[]> | null;
  /** Line range picked in the draft (text selection or line numbers). */
  selection?: { from: number; to: number; quote: string; nonce: number } | null;
  busy?: boolean;
  /** Told when the reader types a line range, so the draft can highlight it. */
  onRangeInput?: (from: number, to: number) => void;
  idPrefix: string;
  /** Keeps a finding being typed (not yet added) in this tab's storage, so a reload loses nothing. */
  storageKey?: string;
}

const FAMILY_LABEL: Record<string, string> = {
  drift: "Drift from the brief",
  hallucination: "Invented facts",
  overclaim: "Unsupported claims",
  classic: "Domain classics",
};

function ErrorText({ id, message }: { id: string; message?: string }) {
  return message ? (
    <div className="field-error" id={id} role="alert">
      {message}
    </div>
  ) : null;
}

/**
 * Add or edit a finding. One schema (findingInputSchema) checks it in the browser and on the
 * server; conform wires the errors to the fields. Works as a plain HTML form without JavaScript
 * (the server answers with the same errors and what was typed); JavaScript pre-fills the lines.
 */
const KEPT = ["lineFrom", "lineTo", "category", "explanation", "confidence", "suggestedFix"] as const;

export function FindingForm({ intent, findingId, categories, lineCount, values = {}, lastResult, selection, busy, onRangeInput, idPrefix, storageKey }: Props) {
  const formRef = useRef<HTMLFormElement>(null);
  const schema = useMemo(() => findingInputSchema(lineCount, categories.map((c) => c.id)), [lineCount, categories]);
  const [form, fields] = useForm({
    id: `${idPrefix}-form`,
    lastResult,
    defaultValue: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === undefined || v === null ? undefined : String(v)])),
    // The same parse as the server's (no extra coercion: the schema coerces what it needs).
    onValidate: ({ formData }) => parseWithZod(formData, { schema, disableAutoCoercion: true }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const errors: Record<string, string | undefined> = {
    lineFrom: fields.lineFrom.errors?.[0],
    lineTo: fields.lineTo.errors?.[0],
    category: fields.category.errors?.[0],
    explanation: fields.explanation.errors?.[0],
    confidence: fields.confidence.errors?.[0],
    suggestedFix: fields.suggestedFix.errors?.[0],
    form: form.errors?.[0],
  };
  // What the server sent back (a refused submission) or the saved finding, as the fields' start.
  const initial = (k: keyof FindingValues) => {
    const v = fields[k].initialValue;
    return typeof v === "string" ? v : undefined;
  };
  // Restore an unsent finding after a reload or crash (only when the server sent no values).
  useEffect(() => {
    const form = formRef.current;
    if (!storageKey || !form || initial("explanation") !== undefined) return;
    try {
      const kept = JSON.parse(sessionStorage.getItem(storageKey) ?? "null") as Record<string, string> | null;
      if (!kept) return;
      for (const name of KEPT) {
        const el = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null;
        if (el && kept[name] !== undefined) el.value = kept[name];
      }
      if (kept.lineFrom) setFrom(kept.lineFrom);
      if (kept.lineTo) setTo(kept.lineTo);
    } catch {
      /* storage unavailable: nothing to restore */
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [storageKey]);
  const keep = () => {
    const form = formRef.current;
    if (!storageKey || !form) return;
    const data = new FormData(form);
    try {
      sessionStorage.setItem(storageKey, JSON.stringify(Object.fromEntries(KEPT.map((k) => [k, String(data.get(k) ?? "")]))));
    } catch {
      /* storage full or unavailable */
    }
  };
  const forget = () => {
    try {
      if (storageKey) sessionStorage.removeItem(storageKey);
    } catch {
      /* nothing kept */
    }
  };
  const [from, setFrom] = useState(initial("lineFrom") ?? "");
  const [to, setTo] = useState(initial("lineTo") ?? "");
  const [quote, setQuote] = useState(initial("quote") ?? "");
  useEffect(() => {
    if (!selection) return;
    setFrom(String(selection.from));
    setTo(String(selection.to));
    setQuote(selection.quote);
    document.getElementById(`${idPrefix}-category`)?.focus({ preventScroll: true });
  }, [selection, idPrefix]);

  const families = ["drift", "hallucination", "overclaim", "classic"].filter((f) => categories.some((c) => c.family === f));
  const err = (k: string) => (errors[k] ? { "aria-invalid": true as const, "aria-describedby": `${idPrefix}-${k}-error` } : {});
  return (
    <Form
      method="post"
      className="finding-form"
      preventScrollReset
      ref={formRef}
      {...getFormProps(form)}
      onInput={keep}
      onChange={keep}
      onSubmit={(e) => {
        // Invalid: conform shows the errors and stops the submission; the typed finding is kept.
        form.onSubmit(e);
        if (!e.defaultPrevented) forget();
      }}
    >
      <input type="hidden" name="intent" value={intent} />
      {findingId ? <input type="hidden" name="findingId" value={findingId} /> : null}
      <input type="hidden" name="quote" value={quote} />
      <div className="line-inputs">
        <div>
          <label htmlFor={`${idPrefix}-lineFrom`}>From line</label>
          <input id={`${idPrefix}-lineFrom`} name="lineFrom" type="number" min={1} max={lineCount} value={from} onChange={(e) => {
              setFrom(e.target.value);
              onRangeInput?.(Number(e.target.value) || 0, Number(to) || 0);
            }} {...err("lineFrom")} />
        </div>
        <div>
          <label htmlFor={`${idPrefix}-lineTo`}>To line</label>
          <input id={`${idPrefix}-lineTo`} name="lineTo" type="number" min={1} max={lineCount} value={to} onChange={(e) => {
              setTo(e.target.value);
              onRangeInput?.(Number(from) || 0, Number(e.target.value) || 0);
            }} {...err("lineTo")} />
        </div>
      </div>
      <ErrorText id={`${idPrefix}-lineFrom-error`} message={errors.lineFrom} />
      <ErrorText id={`${idPrefix}-lineTo-error`} message={errors.lineTo} />
      {quote ? <p className="quote small">“{quote.length > 140 ? quote.slice(0, 140) + "…" : quote}”</p> : null}

      <label htmlFor={`${idPrefix}-category`}>Category</label>
      <select id={`${idPrefix}-category`} name="category" defaultValue={initial("category") ?? ""} {...err("category")}>
        <option value="" disabled>
          Choose what kind of flaw it is…
        </option>
        {families.map((f) => (
          <optgroup key={f} label={FAMILY_LABEL[f] ?? f}>
            {categories
              .filter((c) => c.family === f)
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
      <ErrorText id={`${idPrefix}-category-error`} message={errors.category} />

      <label htmlFor={`${idPrefix}-explanation`}>What is wrong, and why does it matter?</label>
      <textarea id={`${idPrefix}-explanation`} name="explanation" defaultValue={initial("explanation") ?? ""} maxLength={2000} rows={4} {...err("explanation")} />
      <ErrorText id={`${idPrefix}-explanation-error`} message={errors.explanation} />

      <div className="row">
        <div>
          <label htmlFor={`${idPrefix}-confidence`}>Confidence</label>
          <select id={`${idPrefix}-confidence`} name="confidence" defaultValue={initial("confidence") ?? "80"} {...err("confidence")}>
            {[50, 60, 70, 80, 90, 100].map((c) => (
              <option key={c} value={c}>
                {c} %
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorText id={`${idPrefix}-confidence-error`} message={errors.confidence} />

      <label htmlFor={`${idPrefix}-suggestedFix`}>
        Suggested fix <span className="muted">(optional)</span>
      </label>
      <textarea id={`${idPrefix}-suggestedFix`} name="suggestedFix" defaultValue={initial("suggestedFix") ?? ""} rows={2} maxLength={2000} {...err("suggestedFix")} />
      <ErrorText id={`${idPrefix}-suggestedFix-error`} message={errors.suggestedFix} />
      {errors.form ? <div className="form-error">{errors.form}</div> : null}
      <p>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {intent === "add" ? "Add finding" : "Save changes"}
        </button>
      </p>
    </Form>
  );
}
