// The model proposes, the app verifies. Pure checks of model-proposed flaw edits against a clean
// text and a pack's taxonomy, the prompts that ask for them, and the JSON schemas (strict
// structured outputs) that shape the replies. Nothing here trusts the model: an accepted
// proposal still goes through buildDraft and verifyDraft, and insertDrafts verifies again.
import { forbiddenCharacters, invisibleEditReason } from "../text/visible-change";
import { z } from "zod";
import { occurrences } from "../text/find";
import { editLines, lineAt, lineCount, lineStarts } from "../text/lines";
import type { Category, DocFormat, Draft, Pack, SourceDoc } from "../types";
import { MAX_EDIT_LINES, verifyDraft } from "../verification/verify";
import { buildDraft } from "./generate";

// ---------------------------------------------------------------------------------------------
// Reply shapes

const KeyPointReply = z.object({
  text: z.string(),
  phrases: z.array(z.string()),
});

const EditReply = z.object({
  category: z.string(),
  original: z.string(),
  replacement: z.string(),
  explanation: z.string(),
  keyPoints: z.array(KeyPointReply),
  hint: z.string().nullable().optional(),
});

export type ProposedEdit = z.infer<typeof EditReply>;

/** One edit as buildDraft takes it. */
export type ModelEdit = Parameters<typeof buildDraft>[2][number];

/** JSON schema for strict structured outputs: every property required, no extras. */
export function proposalJsonSchema(categoryIds: string[]): Record<string, unknown> {
  return {
    type: "object",
    additionalProperties: false,
    required: ["edits"],
    properties: {
      edits: {
        type: "array",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["category", "original", "replacement", "explanation", "keyPoints", "hint"],
          properties: {
            category: { type: "string", enum: categoryIds },
            original: { type: "string", description: "Exact text copied from the document; occurs exactly once." },
            replacement: { type: "string", description: "The flawed text that replaces original." },
            explanation: { type: "string", description: "What is wrong and why it matters, for a mentor." },
            keyPoints: {
              type: "array",
              items: {
                type: "object",
                additionalProperties: false,
                required: ["text", "phrases"],
                properties: {
                  text: { type: "string" },
                  phrases: { type: "array", items: { type: "string" } },
                },
              },
            },
            hint: { type: ["string", "null"] },
          },
        },
      },
    },
  };
}

export function cleanDraftJsonSchema(): Record<string, unknown> {
  return {
    type: "object",
    additionalProperties: false,
    required: ["title", "text"],
    properties: {
      title: { type: "string" },
      text: { type: "string", description: "The complete document, lines separated by \\n." },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Validation

export interface ValidateOptions {
  model: string;
  /** The number of flaws asked for; extra valid edits are not used. */
  maxEdits: number;
  /** Fewer valid edits than this and the proposal needs repair. Default 1. */
  minEdits?: number;
  /**
   * Keep the valid edits of a partly bad proposal (as the offline engine skips candidates that
   * conflict) instead of asking for a repair. A repair costs a model call; dropping a bad edit
   * costs nothing and cannot break the key. Default true.
   */
  salvage?: boolean;
}

export type ProposalVerdict =
  | { ok: true; edits: ModelEdit[]; dropped: string[] }
  | { ok: false; errors: string[] };

const MIN_EXPLANATION = 20;
const MAX_EXPLANATION = 1500;

function preview(s: string, max = 60): string {
  const one = JSON.stringify(s);
  return one.length > max ? `${one.slice(0, max - 1)}…"` : one;
}

interface Located {
  index: number;
  edit: ModelEdit;
  lineFrom: number;
  lineTo: number;
}

/**
 * Checks a model's reply (already JSON-parsed, otherwise unknown) against the clean text and the
 * taxonomy. Every message names the edit and says how to fix it, so it can go back to the model.
 */
export function validateProposals(cleanText: string, reply: unknown, categories: Pick<Category, "id" | "severity">[], options: ValidateOptions): ProposalVerdict {
  const salvage = options.salvage ?? true;
  const minEdits = Math.max(1, options.minEdits ?? 1);
  const top = z.object({ edits: z.array(z.unknown()) }).safeParse(reply);
  if (!top.success) return { ok: false, errors: ['The reply must be a JSON object {"edits": [...]} with an array of edits.'] };

  const byId = new Map(categories.map((c) => [c.id, c]));
  const ids = categories.map((c) => c.id).join(", ");
  const starts = lineStarts(cleanText);
  const problems: string[] = [];
  const valid: Located[] = [];

  top.data.edits.forEach((raw, i) => {
    const n = i + 1;
    const parsed = EditReply.safeParse(raw);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((iss) => iss.path.join(".") || "(edit)"))].join(", ");
      problems.push(`Edit ${n}: has missing or mistyped fields (${fields}); every edit needs category, original, replacement, explanation, keyPoints and hint (string or null).`);
      return;
    }
    const e = parsed.data;
    const label = `Edit ${n} (original ${preview(e.original)})`;
    const own: string[] = [];
    const category = byId.get(e.category);
    if (!category) own.push(`${label}: unknown category ${preview(e.category)}; use one of: ${ids}.`);
    if (e.original.trim() === "") own.push(`${label}: "original" must contain visible text copied from the document.`);
    const at = e.original.trim() === "" ? [] : occurrences(cleanText, e.original);
    if (e.original.trim() !== "" && at.length === 0) {
      own.push(`${label}: "original" does not occur in the document; copy it character for character (spaces, quotes, line breaks included).`);
    } else if (at.length > 1) {
      own.push(`${label}: "original" occurs ${at.length} times in the document; quote more of the surrounding line so it occurs exactly once.`);
    }
    if (e.replacement === e.original) own.push(`${label}: "replacement" equals "original", so nothing would change.`);
    else {
      const invisible = invisibleEditReason(e.original, e.replacement);
      if (invisible) own.push(`${label}: changes nothing a reader can see: ${invisible}. A flaw must be a change a careful reviewer can spot by reading.`);
      else if (forbiddenCharacters(e.replacement).length) own.push(`${label}: "replacement" contains an invisible or bidi control character (${forbiddenCharacters(e.replacement)[0].label}); use visible characters only.`);
    }
    const size = editLines(e.original, e.replacement);
    if (size > MAX_EDIT_LINES) own.push(`${label}: changes ${size} lines; a flaw may change at most ${MAX_EDIT_LINES} lines.`);
    const explanation = e.explanation.trim();
    if (explanation.length < MIN_EXPLANATION) own.push(`${label}: "explanation" must be at least ${MIN_EXPLANATION} characters and say what is wrong and why it matters.`);
    if (explanation.length > MAX_EXPLANATION) own.push(`${label}: "explanation" is too long (at most ${MAX_EXPLANATION} characters).`);
    const keyPoints = e.keyPoints
      .map((k) => ({ text: k.text.trim(), phrases: [...new Set(k.phrases.map((p) => p.trim()).filter(Boolean))] }))
      .filter((k) => k.text.length > 0 || k.phrases.length > 0);
    if (keyPoints.length === 0) own.push(`${label}: needs at least one key point with phrases a good explanation would use.`);
    keyPoints.forEach((k, j) => {
      if (k.text.length < 3) own.push(`${label}: key point ${j + 1} needs a text of at least 3 characters.`);
      if (k.phrases.length === 0) own.push(`${label}: key point ${j + 1} needs at least one phrase.`);
    });
    if (own.length) {
      problems.push(...own);
      return;
    }
    const start = at[0];
    const end = start + e.original.length;
    const hint = e.hint?.trim();
    valid.push({
      index: n,
      lineFrom: lineAt(starts, start),
      lineTo: lineAt(starts, Math.max(start, end - 1)),
      edit: {
        start,
        end,
        replacement: e.replacement,
        category: category!.id,
        severity: category!.severity,
        explanation,
        keyPoints,
        ...(hint && hint.length >= 5 ? { hint } : {}),
        origin: { kind: "model", model: options.model },
      },
    });
  });

  // Pairwise: first come, first kept; a later edit that overlaps or touches a kept one is out.
  const kept: Located[] = [];
  for (const v of valid) {
    const clash = kept.find((k) => v.edit.start < k.edit.end && k.edit.start < v.edit.end);
    if (clash) {
      problems.push(`Edit ${v.index}: overlaps edit ${clash.index}; edits must not share any text.`);
      continue;
    }
    const near = kept.find((k) => v.lineFrom <= k.lineTo + 1 && k.lineFrom - 1 <= v.lineTo);
    if (near) {
      problems.push(
        `Edit ${v.index}: is on line${v.lineFrom === v.lineTo ? ` ${v.lineFrom}` : `s ${v.lineFrom}-${v.lineTo}`}, the same as or next to edit ${near.index} (line${near.lineFrom === near.lineTo ? ` ${near.lineFrom}` : `s ${near.lineFrom}-${near.lineTo}`}); leave at least one untouched line between two edits.`,
      );
      continue;
    }
    kept.push(v);
  }
  let dropped = problems;
  if (kept.length > options.maxEdits) {
    const extra = kept.splice(options.maxEdits);
    if (!salvage) problems.push(`There are ${kept.length + extra.length} usable edits but only ${options.maxEdits} were asked for; propose at most ${options.maxEdits}.`);
    dropped = [...problems, ...extra.map((x) => `Edit ${x.index}: not used (only ${options.maxEdits} edits were asked for).`)];
  }
  if (problems.length && !salvage) return { ok: false, errors: problems };
  if (kept.length < minEdits) {
    const head =
      top.data.edits.length === 0
        ? `The reply has no edits; propose ${minEdits === options.maxEdits ? minEdits : `${minEdits} to ${options.maxEdits}`} edits.`
        : `Only ${kept.length} of ${top.data.edits.length} edits can be used; at least ${minEdits} are needed.`;
    return { ok: false, errors: [head, ...problems] };
  }
  return { ok: true, edits: kept.map((k) => k.edit), dropped };
}

export type DraftVerdict = { ok: true; draft: Draft; dropped: string[] } | { ok: false; errors: string[] };

/** Validates a proposal, applies it with the offline engine's buildDraft and proves the key. */
export function draftFromProposals(
  source: Pick<SourceDoc, "id" | "domain" | "title" | "format" | "language" | "brief" | "text">,
  pack: Pick<Pack, "domain" | "categories">,
  reply: unknown,
  options: ValidateOptions & { seed: number; difficulty: number; contentHash: string },
): DraftVerdict {
  const verdict = validateProposals(source.text, reply, pack.categories, options);
  if (!verdict.ok) return verdict;
  const draft = buildDraft(source, pack, verdict.edits, {
    seed: options.seed,
    difficulty: options.difficulty,
    generator: `openai:${options.model}`,
    contentHash: options.contentHash,
  });
  const proof = verifyDraft(draft);
  if (!proof.ok) return { ok: false, errors: proof.problems.map((p) => `The edits do not verify: ${p}.`) };
  return { ok: true, draft, dropped: verdict.dropped };
}

// ---------------------------------------------------------------------------------------------
// Clean draft from a brief (mode b)

export interface CleanDraftLimits {
  minLines: number;
  maxLines: number;
}

export const CLEAN_DRAFT_LIMITS: CleanDraftLimits = { minLines: 12, maxLines: 200 };

/** Normalises line endings and strips one Markdown fence around the whole text, then checks size. */
export function validateCleanDraft(reply: unknown, limits: CleanDraftLimits = CLEAN_DRAFT_LIMITS): { ok: true; title: string; text: string } | { ok: false; errors: string[] } {
  const parsed = z.object({ title: z.string(), text: z.string() }).safeParse(reply);
  if (!parsed.success) return { ok: false, errors: ['The reply must be a JSON object {"title": string, "text": string}.'] };
  let text = parsed.data.text.replace(/\r\n?/g, "\n");
  const fence = text.match(/^\s*```[^\n]*\n([\s\S]*?)\n```\s*$/);
  if (fence) text = fence[1];
  text = text.replace(/\s+$/, "") + "\n";
  const title = parsed.data.title.trim();
  const errors: string[] = [];
  if (title.length < 3 || title.length > 120) errors.push('"title" must be 3 to 120 characters.');
  const lines = lineCount(text);
  const hidden = forbiddenCharacters(text);
  if (hidden.length) errors.push(`"text" contains an invisible or bidi control character (${hidden[0].label}) at line ${hidden[0].line}; use visible characters only.`);
  if (text.trim() === "") errors.push('"text" is empty; write the complete document.');
  else if (lines < limits.minLines) errors.push(`"text" has ${lines} lines; write a complete document of at least ${limits.minLines} lines.`);
  else if (lines > limits.maxLines) errors.push(`"text" has ${lines} lines; keep the document under ${limits.maxLines} lines.`);
  return errors.length ? { ok: false, errors } : { ok: true, title, text };
}

// ---------------------------------------------------------------------------------------------
// Prompts

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

const SUBTLETY = [
  "",
  "obvious to a careful first-year reviewer",
  "easy to spot on a careful read",
  "noticeable only with attention to detail",
  "subtle: plausible at a glance, wrong on reflection",
  "expert-level: needs domain knowledge and cross-checking against the brief",
];

const FORMAT_NOUN: Record<DocFormat, string> = { code: "source file", sql: "SQL script", prose: "document", table: "memo with tables" };

export const DOCUMENT_OPEN = "<document>";
export const DOCUMENT_CLOSE = "</document>";

export function flawPrompt(args: {
  brief: string;
  text: string;
  format: DocFormat;
  language: string;
  categories: Pick<Category, "id" | "name" | "family" | "description">[];
  count: number;
  difficulty: number;
}): ChatMessage[] {
  const d = Math.max(1, Math.min(5, Math.round(args.difficulty)));
  const system = [
    "You create training material for junior professionals who review AI-written work.",
    "You receive a clean document that an AI assistant wrote for a brief, and a taxonomy of flaw categories.",
    "Propose realistic flaws: small, local edits of the document that a careful reviewer should catch, of the kinds AI assistants really make (drift from the brief, invented facts or APIs, overconfident claims, and the domain's classic mistakes).",
    "Rules for every edit:",
    '1. "original" is copied character for character from the document and occurs in it exactly once; quote enough of the line to make it unique.',
    `2. An edit changes at most ${MAX_EDIT_LINES} lines. Edits never overlap, and at least one untouched line separates any two edits.`,
    '3. "replacement" is the flawed text that takes the place of "original". It differs from it, reads naturally, and carries no marker such as "BUG" or "wrong".',
    '4. "category" is one of the category ids given.',
    '5. "explanation" (1 to 3 sentences, for a mentor) says what is wrong and why it matters.',
    '6. "keyPoints": 1 to 3 ideas a good reviewer\'s explanation must contain, each with 2 to 6 short phrases or synonyms a reviewer might write.',
    '7. "hint": a nudge that says where to look without giving the answer away, or null.',
    "Reply only with JSON matching the schema.",
  ].join("\n");
  const cats = args.categories.map((c) => `- ${c.id} (${c.family}): ${c.name}. ${c.description.trim()}`).join("\n");
  const user = [
    `Brief the AI was given:\n${args.brief.trim()}`,
    `Flaw categories:\n${cats}`,
    `Propose ${args.count} edits, ${SUBTLETY[d]} (difficulty ${d} of 5), in different parts of the ${FORMAT_NOUN[args.format]} (${args.language}).`,
    `The document:\n${DOCUMENT_OPEN}\n${args.text}${DOCUMENT_CLOSE}`,
  ].join("\n\n");
  return [
    { role: "system", content: system },
    { role: "user", content: user },
  ];
}

export function repairMessages(previousReply: string, errors: string[], count: number): ChatMessage[] {
  return [
    { role: "assistant", content: previousReply },
    {
      role: "user",
      content: [
        "Your reply could not be used:",
        ...errors.map((e) => `- ${e}`),
        `The document is unchanged. Reply again with the complete list of ${count} edits, fixing these problems. Reply only with JSON matching the schema.`,
      ].join("\n"),
    },
  ];
}

export function draftPrompt(args: { brief: string; format: DocFormat; language: string; title: string; limits?: CleanDraftLimits }): ChatMessage[] {
  const limits = args.limits ?? CLEAN_DRAFT_LIMITS;
  const target = Math.min(limits.maxLines, Math.max(limits.minLines, 60));
  return [
    {
      role: "system",
      content: [
        "You are a capable assistant writing a realistic work product for a professional brief.",
        `Write a complete, correct ${FORMAT_NOUN[args.format]} in ${args.language}: no placeholders, no deliberate mistakes, no commentary outside the document.`,
        `Aim for about ${target} lines (between ${limits.minLines} and ${limits.maxLines}).`,
        'Reply only with JSON: {"title": a short title, "text": the whole document}.',
      ].join("\n"),
    },
    { role: "user", content: `Brief:\n${args.brief.trim()}\n\nA working title: ${args.title}` },
  ];
}

export function draftRepairMessages(previousReply: string, errors: string[]): ChatMessage[] {
  return [
    { role: "assistant", content: previousReply },
    { role: "user", content: ["Your reply could not be used:", ...errors.map((e) => `- ${e}`), "Reply again with the complete document as JSON matching the schema."].join("\n") },
  ];
}
