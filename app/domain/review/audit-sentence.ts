// The mentor review page's audit trail in sentences ("Ana marked finding 2 correct") instead of
// the stored before/after JSON. Pure: takes one stored event, returns one sentence.

export interface AuditEventInput {
  actor: string;
  /** "override" | "category" | "grade" | "comment" | "feedback" | "publish" | "publish revision N", optionally
   *  prefixed "revision N: " when the change was made to a pending revision of a published review. */
  action: string;
  /** 1-based number of the finding in the trainee's list, or null. */
  finding: number | null;
  before: string | null;
  after: string | null;
}

const VERDICT_WORDS: Record<string, string> = { correct: "correct", partly: "partly correct", wrong: "wrong" };
const QUOTE_MAX = 80;

function parse(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

function quote(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return `“${flat.length > QUOTE_MAX ? `${flat.slice(0, QUOTE_MAX - 1)}…` : flat}”`;
}

function total(v: unknown): number | null {
  return v && typeof v === "object" && typeof (v as { total?: unknown }).total === "number" ? (v as { total: number }).total : null;
}

function scoreChange(before: unknown, after: unknown): string {
  const a = total(before);
  const b = total(after);
  if (b === null) return "";
  if (a === null || a === b) return ` (score ${b})`;
  return ` (score ${a} → ${b})`;
}

export function auditSentence(e: AuditEventInput): string {
  const revision = /^revision (\d+): (.*)$/.exec(e.action);
  const action = revision ? revision[2] : e.action;
  const suffix = revision ? ` in revision ${revision[1]}` : "";
  const who = e.actor;
  const finding = e.finding ? `finding ${e.finding}` : "a finding";
  const before = parse(e.before);
  const after = parse(e.after);
  const published = /^publish(?: revision (\d+))?$/.exec(action);
  if (published) {
    return published[1] ? `${who} published revision ${published[1]} of the review${scoreChange(before, after)}` : `${who} published the review${scoreChange(before, after)}`;
  }
  switch (action) {
    case "override": {
      const next = (after ?? {}) as { verdict?: string | null; unseeded?: boolean };
      const prev = (before ?? {}) as { verdict?: string | null; unseeded?: boolean };
      const parts: string[] = [];
      if ((next.verdict ?? null) !== (prev.verdict ?? null)) {
        parts.push(next.verdict ? `marked ${finding} ${VERDICT_WORDS[next.verdict] ?? next.verdict}` : `cleared the verdict on ${finding}`);
      }
      if (!!next.unseeded !== !!prev.unseeded) {
        parts.push(next.unseeded ? `marked ${parts.length ? "it" : finding} as a real flaw missing from the answer key` : `unmarked ${parts.length ? "it" : finding} as a flaw missing from the answer key`);
      }
      if (!parts.length) parts.push(`left the verdict on ${finding} unchanged`);
      return `${who} ${parts.join(" and ")}${suffix}`;
    }
    case "category":
      return after === true || after === false
        ? `${who} counted the category of ${finding} as ${after ? "right" : "wrong"}${suffix}`
        : `${who} left the category of ${finding} to the verdict${suffix}`;
    case "grade":
      return typeof after === "number" ? `${who} graded ${finding} ${after} of 3${typeof before === "number" ? ` (was ${before})` : ""}${suffix}` : `${who} cleared the grade of ${finding}${suffix}`;
    case "comment":
      return typeof after === "string" && after.trim() ? `${who} ${typeof before === "string" && before.trim() ? "changed the comment on" : "commented on"} ${finding}${suffix}: ${quote(after)}` : `${who} removed the comment on ${finding}${suffix}`;
    case "feedback":
      return typeof after === "string" && after.trim() ? `${who} ${typeof before === "string" && before.trim() ? "edited" : "wrote"} the feedback${suffix}: ${quote(after)}` : `${who} cleared the feedback${suffix}`;
    default:
      return `${who}: ${action}${e.finding ? ` (finding ${e.finding})` : ""}${suffix}`;
  }
}
