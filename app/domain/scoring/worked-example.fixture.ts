// The worked-example draft of docs/scoring.md, shared by the scoring tests: a 20-line draft
// with three flaws, the good findings on them, and reference z-values.
import type { AnswerKeyEntry, Finding, KeyPoint, Severity } from "../types";
import { linesToSpan, scoreAttempt, type ScoreInput } from "./index";

// ------------------------------------------------------------------------------------------
// Fixture: a 20-line draft with three flaws (the same as the worked examples in
// docs/scoring.md).
//   a  off-by-one     severity 2  line 3       replacement (not a deletion)
//   b  hallucination  severity 3  lines 8–9
//   c  missing-check  severity 1  line 15      deletion (matches lines 14–16)
// Σ severity = 6. Flaw lines 3, 8, 9, 15 → non-flaw lines = 20 − 4 = 16.

export const TEXT = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join("\n") + "\n";

export const kp = (text: string, ...phrases: string[]): KeyPoint => ({ text, phrases });

export function flaw(
  id: string,
  category: string,
  severity: Severity,
  from: number,
  to: number,
  replacement: string,
  keyPoints: KeyPoint[],
): AnswerKeyEntry {
  const span = linesToSpan(TEXT, { from, to });
  return {
    id,
    category,
    severity,
    span: replacement === "" ? { start: span.start, end: span.start } : span,
    lines: { from, to },
    cleanSpan: { start: 0, end: 0 },
    original: "x",
    replacement,
    explanation: "model explanation",
    keyPoints,
    origin: { kind: "site", siteId: id, variant: 0 },
  };
}

const KEY: AnswerKeyEntry[] = [
  flaw("a", "off-by-one", 2, 3, 3, "i <= n", [
    kp("One iteration too many", "one extra", "one too many", "off by one"),
    kp("Exceeds the budget", "budget", "exceeds"),
  ]),
  flaw("b", "hallucination", 3, 8, 9, "api.retryAll()", [
    kp("The API does not exist", "does not exist", "invented", "no such method"),
  ]),
  flaw("c", "missing-check", 1, 15, 15, "", [
    kp("Names the missing check", "null check", "missing check"),
    kp("Consequence", "crash", "throws"),
  ]),
];

export function finding(
  id: string,
  from: number,
  to: number,
  category: string,
  confidence: number,
  explanation: string,
  suggestedFix?: string,
): Finding {
  return { id, lines: { from, to }, category, confidence, explanation, suggestedFix };
}

export const GOOD = {
  f1: finding("f1", 3, 3, "off-by-one", 1.0, "The loop makes one extra call, which exceeds the retry budget."),
  f2: finding("f2", 8, 9, "hallucination", 0.9, "fetchJson.retryAll does not exist in the library; it is invented."),
  f3: finding("f3", 15, 15, "missing-check", 0.8, "The null check was removed, so an empty response will crash the parser."),
};

export const score = (findings: Finding[], extra: Partial<ScoreInput> = {}) =>
  scoreAttempt({ flawedText: TEXT, answerKey: KEY, findings, ...extra });

// z-values used below (Acklam's approximation agrees with these to < 1e-8):
export const Z = {
  p875: 1.1503493803760079, // z(3.5/4)
  p125: -1.1503493803760079, // z(0.5/4)
  p375: -0.31863936396437514, // z(1.5/4)
  p75: 0.6744897501960817, // z(3/4)
  f0of16: -1.8895099603334302, // z(0.5/17)
  f1of16: -1.3517022399306613, // z(1.5/17)
  f4of16: -0.6289042176321901, // z(4.5/17)
  f0of10: -1.6906216295848977, // z(0.5/11)
  f2of10: -0.7478585947633021, // z(2.5/11)
};
