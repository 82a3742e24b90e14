import { COMMENT_MAX } from "~/domain/review/review-form";
import { ShownText } from "~/components/ShownText";
import { DecoyNote } from "~/components/DecoyNote";

/** One trainee finding as the mentor review page shows it (from the review DTO). */
export interface ReviewedFinding {
  id: string;
  no: number;
  lineFrom: number;
  lineTo: number;
  category: string;
  explanation: string;
  suggestedFix: string;
  confidence: number;
  autoVerdict: "hit" | "false-positive";
  /** An automatic false alarm placed on a decoy: why the passage is right (null otherwise). */
  decoy: { why: string } | null;
  categoryCorrect: boolean | null;
  flaw: { category: string; explanation: string; keyPoints: { text: string; covered: boolean }[] } | null;
  mine: { verdict: string; grade: number | null; comment: string; unseeded: boolean; category: string };
}

/** What the review form's schema says about one field: its name and, after a check, its errors. */
export interface ReviewField {
  name: string;
  errors?: string[];
  errorId: string;
}

type FindingFieldset = Record<"id" | "verdict" | "grade" | "comment" | "unseeded" | "category", ReviewField>;

const VERDICT_LABEL = { hit: "Automatic: correct", "false-positive": "Automatic: false alarm" } as const;

/** A field's errors under it, tied to it by id (aria-describedby). */
export function ReviewFieldErrors({ field }: { field: ReviewField }) {
  return field.errors ? (
    <div className="field-error" id={field.errorId}>
      {field.errors.join(" ")}
    </div>
  ) : null;
}

const invalid = (field: ReviewField) => ({ "aria-invalid": field.errors ? true : undefined, "aria-describedby": field.errors ? field.errorId : undefined });

/**
 * The mentor's verdict, explanation grade, category judgement, unseeded box and comment for one
 * finding, inside the review form. `fieldset` is the form library's metadata for findings[index];
 * a submission that came back without this finding (a hand-made POST) has none, so plain names stand in.
 */
export function FindingReviewFields({ f, index, fieldset, suggestion }: { f: ReviewedFinding; index: number; fieldset: FindingFieldset | undefined; suggestion?: { grade: number; rationale: string; model: string } }) {
  const blank = (k: string): ReviewField => ({ name: `findings[${index}].${k}`, errors: undefined, errorId: `fr-${f.id}-${k}-error` });
  const ff = fieldset ?? { id: blank("id"), verdict: blank("verdict"), grade: blank("grade"), comment: blank("comment"), unseeded: blank("unseeded"), category: blank("category") };
  return (
    <fieldset className="finding-review" id={`fr-${f.id}`}>
      <input type="hidden" name={ff.id.name} value={f.id} />
      <legend>
        #{f.no} · lines {f.lineFrom}–{f.lineTo} · {f.category} · {f.confidence} % sure
      </legend>
      <p className="finding-text">
        <ShownText text={f.explanation} />
      </p>
      {f.suggestedFix ? (
        <p className="small muted">
          Fix: <ShownText text={f.suggestedFix} />
        </p>
      ) : null}
      <p className="small">
        <span className={`pill ${f.autoVerdict === "hit" ? "pill-green" : "pill-red"}`}>{VERDICT_LABEL[f.autoVerdict]}</span>
        {f.flaw ? (
          <>
            {" "}
            matches <strong>{f.flaw.category}</strong>
            {f.categoryCorrect === false ? <span className="pill pill-amber">wrong category</span> : null}
          </>
        ) : null}
      </p>
      <DecoyNote decoy={f.decoy} />
      {f.flaw ? (
        <details>
          <summary className="small">Model explanation and key points</summary>
          <p className="small">{f.flaw.explanation}</p>
          <ul className="kp-list small">
            {f.flaw.keyPoints.map((k, j) => (
              <li key={j} className={k.covered ? "covered" : undefined}>
                {k.text}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {suggestion ? (
        <p className="small ai-suggestion" data-testid="ai-suggestion">
          <span className="pill pill-blue">Model suggests {suggestion.grade}/3</span> {suggestion.rationale} <span className="muted">({suggestion.model}; your grade rules)</span>
        </p>
      ) : null}
      <div className="review-controls">
        <div>
          <label htmlFor={`verdict-${f.id}`}>Verdict</label>
          <select id={`verdict-${f.id}`} name={ff.verdict.name} defaultValue={f.mine.verdict} {...invalid(ff.verdict)}>
            <option value="">Keep automatic</option>
            <option value="correct">Correct: found it, full credit</option>
            <option value="partly">Partly right: half credit</option>
            <option value="wrong">Wrong: not this flaw, a false alarm</option>
          </select>
          <ReviewFieldErrors field={ff.verdict} />
        </div>
        <div>
          <label htmlFor={`grade-${f.id}`}>Explanation (0–3)</label>
          <select id={`grade-${f.id}`} name={ff.grade.name} defaultValue={f.mine.grade === null ? "" : String(f.mine.grade)} {...invalid(ff.grade)}>
            <option value="">Use key points</option>
            <option value="0">0 · missing or wrong</option>
            <option value="1">1 · names the spot only</option>
            <option value="2">2 · what is wrong</option>
            <option value="3">3 · what, why and the fix</option>
          </select>
          <ReviewFieldErrors field={ff.grade} />
        </div>
        <div>
          <label htmlFor={`category-${f.id}`}>Category</label>
          <select
            id={`category-${f.id}`}
            name={ff.category.name}
            defaultValue={f.mine.category}
            aria-invalid={ff.category.errors ? true : undefined}
            aria-describedby={[`category-note-${f.id}`, ff.category.errors ? ff.category.errorId : ""].filter(Boolean).join(" ")}
          >
            <option value="">Leave to the verdict</option>
            <option value="right">Right category</option>
            <option value="wrong">Wrong category</option>
          </select>
          <ReviewFieldErrors field={ff.category} />
        </div>
      </div>
      <p className="small muted" id={`category-note-${f.id}`}>
        {f.flaw ? `The trainee chose ${f.category}; the key says ${f.flaw.category}. ` : `The trainee chose ${f.category}. `}
        Left to the verdict, Correct counts the category as right and Partly right compares it with the key; with Keep automatic, a category you set confirms the match.
      </p>
      {f.autoVerdict === "false-positive" ? (
        <label className="check">
          <input type="checkbox" name={ff.unseeded.name} defaultChecked={f.mine.unseeded} /> Real flaw that is not in the answer key (counts for the trainee; reported to content
          authors)
        </label>
      ) : null}
      <label htmlFor={`comment-${f.id}`}>Comment for the trainee</label>
      <textarea id={`comment-${f.id}`} name={ff.comment.name} rows={2} defaultValue={f.mine.comment} maxLength={COMMENT_MAX} {...invalid(ff.comment)} />
      <ReviewFieldErrors field={ff.comment} />
    </fieldset>
  );
}
