// Shared product vocabulary for the pure domain layer. No Remix, DB or network imports here.

export type Severity = 1 | 2 | 3;
export type DocFormat = "code" | "sql" | "prose" | "table";

/** True for drafts read as prose (contracts, memos, reports) rather than code. */
export const isProse = (format: string) => format === "prose" || format === "table";
export type CategoryFamily = "classic" | "drift" | "hallucination" | "overclaim";

/** One idea a good explanation must contain, with the wordings that count offline. */
export interface KeyPoint {
  text: string;
  phrases: string[];
}

export interface Category {
  id: string;
  name: string;
  family: CategoryFamily;
  severity: Severity;
  description: string;
  keyPoints: KeyPoint[];
}

/** Why a variant changes nothing a check can observe (see docs/content-format.md). */
export type NonBehaviouralReason = "comment" | "claim" | "performance" | "locking" | "concurrency" | "logging" | "style" | "other";

/**
 * How a flaw variant is proven. Omitted: a check of the source must fail (or the document must
 * error) on the flawed text. `error`: the flawed document must fail with a message matching the
 * pattern. `recompute`: (finance) the flawed text states these parameter values, and with them
 * some relation of the parameter model no longer holds. `none`: declared non-behavioural.
 */
export type VariantProof =
  | { error: string }
  | { recompute: Record<string, string | number> }
  | { none: NonBehaviouralReason; reason: string };

export interface FlawVariant {
  category: string;
  replacement: string;
  severity?: Severity;
  explanation: string;
  keyPoints: KeyPoint[];
  hint?: string;
  proof?: VariantProof;
}

export interface FlawSite {
  id: string;
  anchor: string;
  difficulty: number;
  variants: FlawVariant[];
}

/**
 * A decoy: a correct but unusual rewrite of a clean-text passage, shown in drafts of its
 * difficulty and above. It is not a flaw (the answer key never lists it), so flagging it is a false
 * alarm: a trainee must judge an odd-looking line rather than flag everything unusual.
 */
export interface Decoy {
  id: string;
  /** The clean-text passage it rewrites (exactly once in the text; never inside a flaw site). */
  anchor: string;
  replacement: string;
  /** The lowest draft difficulty it appears at (2..5). */
  difficulty: number;
  /** Why the unusual version is still right (for authors and reviewers of the content). */
  why: string;
}

export interface SourceDoc {
  id: string;
  domain: string;
  title: string;
  format: DocFormat;
  language: string;
  difficulty: number;
  brief: string;
  text: string;
  sites: FlawSite[];
  /** Correct-but-unusual passages shown from a difficulty up (see Decoy). */
  decoys?: Decoy[];
  /**
   * A parametric source: `text`, `title`, `brief` and the sites are templates (`{{name}}`),
   * rendered per seed from the parameters `module.draw` returns (see app/domain/content/instantiate.ts).
   */
  params?: SourceParams;
}

export interface SourceParams {
  /** The module file beside the source, e.g. "board-kpi-q3.params.ts". */
  file: string;
  module: import("./content/param-kit").AnyParamModule;
}

export interface GenericOperator {
  id: string;
  category: string;
  pattern: string;
  replacement: string;
  formats?: DocFormat[];
  difficulty: number;
  severity?: Severity;
  explanation: string;
  keyPoints: KeyPoint[];
  hint?: string;
}

export interface Pack {
  domain: string;
  name: string;
  description: string;
  categories: Category[];
  sources: SourceDoc[];
  operators: GenericOperator[];
}

/** Half-open character range [start, end). */
export interface Span {
  start: number;
  end: number;
}

/** 1-based inclusive line range. */
export interface LineRange {
  from: number;
  to: number;
}

export type FlawOrigin =
  | { kind: "site"; siteId: string; variant: number }
  | { kind: "operator"; operatorId: string }
  | { kind: "model"; model: string };

export interface AnswerKeyEntry {
  id: string;
  category: string;
  severity: Severity;
  /** Span of the replacement text in flawedText (empty for a deletion). */
  span: Span;
  /** Lines in flawedText; a deletion anchors to the line where the text vanished. */
  lines: LineRange;
  /** Span of `original` in cleanText. */
  cleanSpan: Span;
  original: string;
  replacement: string;
  explanation: string;
  keyPoints: KeyPoint[];
  hint?: string;
  origin: FlawOrigin;
}

export interface Draft {
  domain: string;
  sourceId: string;
  title: string;
  format: DocFormat;
  language: string;
  difficulty: number;
  brief: string;
  cleanText: string;
  flawedText: string;
  answerKey: AnswerKeyEntry[];
  /** "offline" or "openai:<model>" */
  generator: string;
  seed: number;
  keyVersion: number;
  /** Hash of the pack content the draft came from, so a changed pack is detectable. */
  contentHash: string;
}

/** What a trainee submits; either lines or span locates the finding. */
export interface Finding {
  id: string;
  lines: LineRange;
  category: string;
  explanation: string;
  /** 0.5 .. 1.0 */
  confidence: number;
  suggestedFix?: string;
}
