// Scores one attempt against a draft's answer key from the command line.
//   npm run score -- --draft DRAFT.json --attempt ATTEMPT.json [--index N] [--json]
// Exit codes: 0 scored, 2 bad usage or bad input (message names the file and field), 1 bug.
import { readFileSync } from "node:fs";
import { z } from "zod";
import {
  lineCount,
  scoreAttempt,
  spanToLines,
  type ScoreBreakdown,
} from "../app/domain/scoring/index";
import type { AnswerKeyEntry, Finding } from "../app/domain/types";
import { lexiconFor } from "../app/models/content.server";

const USAGE = `Usage: npm run score -- --draft DRAFT.json --attempt ATTEMPT.json [--index N] [--json]

Scores an attempt against a draft's answer key (rules: docs/scoring.md).

  --draft FILE     a Draft as written by the generator, or an array of drafts
  --index N        which draft of an array (default 0)
  --attempt FILE   { "findings": [ { "lines": {"from","to"} | "span": {"start","end"},
                                     "category", "explanation", "confidence" (0.5..1),
                                     "suggestedFix"?, "id"? } ],
                     "hintsTaken"?: [flaw ids],
                     "overrides"?: { findingId: { "verdict": "correct"|"partly"|"wrong",
                                                  "explanationGrade"?: 0..3, "unseeded"?: bool } } }
                   findings without an id are named f1, f2, … in file order
  --json           print the full score breakdown as JSON
  -h, --help       show this help`;

class InputError extends Error {}

// --------------------------------------------------------------------------------------------
// Schemas

const lineRange = z
  .object({ from: z.number().int().min(1), to: z.number().int().min(1) })
  .refine((r) => r.from <= r.to, { message: "'from' must not be after 'to'", path: ["to"] });
const span = z
  .object({ start: z.number().int().min(0), end: z.number().int().min(0) })
  .refine((s) => s.start <= s.end, { message: "'start' must not be after 'end'", path: ["end"] });
const keyPoint = z.object({ text: z.string(), phrases: z.array(z.string()) });

const answerKeyEntry = z
  .looseObject({
    id: z.string().min(1),
    category: z.string().min(1),
    severity: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    span: span.optional(),
    lines: lineRange.optional(),
    original: z.string().optional(),
    replacement: z.string(),
    explanation: z.string().optional(),
    keyPoints: z.array(keyPoint),
    hint: z.string().optional(),
  })
  .refine((e) => e.lines !== undefined || e.span !== undefined, {
    message: "needs 'lines' {from,to} or 'span' {start,end}",
  });

const draftSchema = z.looseObject({
  brief: z.string().optional(),
  cleanText: z.string().optional(),
  flawedText: z.string(),
  answerKey: z.array(answerKeyEntry),
  seed: z.number().optional(),
  domain: z.string().optional(),
  sourceId: z.string().optional(),
  generator: z.string().optional(),
  title: z.string().optional(),
});
type DraftFile = z.infer<typeof draftSchema>;

const findingSchema = z
  .strictObject({
    id: z.string().min(1).optional(),
    lines: lineRange.optional(),
    span: span.optional(),
    category: z.string().min(1),
    explanation: z.string(),
    confidence: z.number().min(0.5).max(1),
    suggestedFix: z.string().optional(),
  })
  .refine((f) => (f.lines === undefined) !== (f.span === undefined), {
    message: "give exactly one of 'lines' {from,to} or 'span' {start,end}",
  });

const overrideSchema = z.strictObject({
  verdict: z.enum(["correct", "partly", "wrong"]),
  explanationGrade: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).optional(),
  unseeded: z.boolean().optional(),
});

const attemptSchema = z.strictObject({
  findings: z.array(findingSchema),
  hintsTaken: z.array(z.string()).optional(),
  overrides: z.record(z.string(), overrideSchema).optional(),
});
type AttemptFile = z.infer<typeof attemptSchema>;

function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out === "" ? String(p) : `.${String(p)}`;
  return out === "" ? "(top level)" : out;
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, file: string, prefix: PropertyKey[] = []): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const lines = r.error.issues.slice(0, 10).map((i) => {
    const message = i.message.replace(/^Invalid input: expected (.+), received undefined$/, "missing (expected $1)");
    return `  ${file}: ${fieldPath([...prefix, ...i.path])}: ${message}`;
  });
  const more = r.error.issues.length > 10 ? `\n  … and ${r.error.issues.length - 10} more` : "";
  throw new InputError(`invalid ${file}:\n${lines.join("\n")}${more}`);
}

function readJson(file: string, flag: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (e as Error).message;
    throw new InputError(`cannot read ${flag} file ${file}: ${why}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file}: not valid JSON: ${(e as Error).message}`);
  }
}

// --------------------------------------------------------------------------------------------
// Arguments

interface Args {
  draft: string;
  attempt: string;
  index: number;
  indexGiven: boolean;
  json: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Args | "help" {
  const a: Partial<Args> = { index: 0, indexGiven: false, json: false };
  for (let k = 0; k < argv.length; k++) {
    let arg = argv[k];
    let value: string | undefined;
    const eq = arg.indexOf("=");
    if (arg.startsWith("--") && eq !== -1) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const take = (): string => {
      if (value !== undefined) return value;
      const next = argv[++k];
      if (next === undefined || next.startsWith("--")) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    switch (arg) {
      case "-h":
      case "--help":
        return "help";
      case "--draft":
        a.draft = take();
        break;
      case "--attempt":
        a.attempt = take();
        break;
      case "--index": {
        const v = take();
        if (!/^\d+$/.test(v)) throw new UsageError(`--index must be a whole number ≥ 0, got '${v}'`);
        a.index = Number(v);
        a.indexGiven = true;
        break;
      }
      case "--json":
        a.json = true;
        break;
      default:
        throw new UsageError(`unknown argument '${argv[k]}'`);
    }
  }
  if (a.draft === undefined) throw new UsageError("missing --draft FILE");
  if (a.attempt === undefined) throw new UsageError("missing --attempt FILE");
  return a as Args;
}

// --------------------------------------------------------------------------------------------
// Loading

function loadDraft(args: Args): { draft: DraftFile; key: AnswerKeyEntry[] } {
  const raw = readJson(args.draft, "--draft");
  let value: unknown = raw;
  const prefix: PropertyKey[] = [];
  if (Array.isArray(raw)) {
    if (args.index >= raw.length) {
      throw new InputError(`${args.draft}: --index ${args.index} is out of range (the file holds ${raw.length} draft${raw.length === 1 ? "" : "s"})`);
    }
    value = raw[args.index];
    prefix.push(args.index);
  } else if (args.indexGiven && args.index !== 0) {
    throw new InputError(`${args.draft}: --index ${args.index} given, but the file holds a single draft`);
  }
  const draft = parseWith(draftSchema, value, args.draft, prefix);
  const lines = lineCount(draft.flawedText);
  const ids = new Set<string>();
  const key = draft.answerKey.map((e, i): AnswerKeyEntry => {
    const at = (f: string) => `${args.draft}: ${fieldPath([...prefix, "answerKey", i, f])}`;
    if (ids.has(e.id)) throw new InputError(`${at("id")}: duplicate flaw id '${e.id}'`);
    ids.add(e.id);
    if (e.span && e.span.end > draft.flawedText.length) {
      throw new InputError(`${at("span")}: ends at ${e.span.end}, past the end of flawedText (${draft.flawedText.length} characters)`);
    }
    const range = e.lines ?? spanToLines(draft.flawedText, e.span!);
    if (range.to > Math.max(1, lines)) {
      throw new InputError(`${at("lines")}: line ${range.to} is past the end of flawedText (${lines} lines)`);
    }
    return {
      ...(e as unknown as AnswerKeyEntry),
      lines: range,
      span: e.span ?? { start: 0, end: 0 },
      explanation: e.explanation ?? "",
    };
  });
  return { draft, key };
}

function loadAttempt(args: Args, flawedText: string): { attempt: AttemptFile; findings: Finding[] } {
  const attempt = parseWith(attemptSchema, readJson(args.attempt, "--attempt"), args.attempt);
  const lines = Math.max(1, lineCount(flawedText));
  const ids = new Set<string>();
  const findings = attempt.findings.map((f, i): Finding => {
    const at = (field: string) => `${args.attempt}: ${fieldPath(["findings", i, field])}`;
    const id = f.id ?? `f${i + 1}`;
    if (ids.has(id)) throw new InputError(`${at("id")}: duplicate finding id '${id}'`);
    ids.add(id);
    let range = f.lines;
    if (f.span) {
      if (f.span.end > flawedText.length) {
        throw new InputError(`${at("span")}: ends at ${f.span.end}, past the end of the draft (${flawedText.length} characters)`);
      }
      range = spanToLines(flawedText, f.span);
    }
    if (range!.to > lines) {
      throw new InputError(`${at("lines")}: line ${range!.to} is past the end of the draft (${lines} lines)`);
    }
    return {
      id,
      lines: range!,
      category: f.category,
      explanation: f.explanation,
      confidence: f.confidence,
      ...(f.suggestedFix !== undefined ? { suggestedFix: f.suggestedFix } : {}),
    };
  });
  return { attempt, findings };
}

// --------------------------------------------------------------------------------------------
// Human output

const pct = (x: number | null) => (x === null ? "n/a" : `${(x * 100).toFixed(1)}%`);
const num = (x: number | null, d = 3) => (x === null ? "n/a" : x.toFixed(d));
const range = (r: { from: number; to: number }) => (r.from === r.to ? `${r.from}` : `${r.from}–${r.to}`);

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const fmt = (r: string[]) => "  " + r.map((cell, c) => cell.padEnd(widths[c])).join("  ").trimEnd();
  return [fmt(header), ...rows.map(fmt)].join("\n");
}

function render(s: ScoreBreakdown, draft: DraftFile, draftFile: string): string {
  const out: string[] = [];
  const name = draft.domain && draft.sourceId ? `${draft.domain}/${draft.sourceId}` : draftFile;
  const meta = [
    draft.seed !== undefined ? `seed ${draft.seed}` : null,
    draft.generator ?? null,
    `${s.flaws.length} flaw${s.flaws.length === 1 ? "" : "s"}${s.cleanControl ? " (clean control)" : ""}`,
    `${s.findings.length} finding${s.findings.length === 1 ? "" : "s"}`,
  ].filter(Boolean);
  out.push(`Draft ${name} · ${meta.join(" · ")}`);
  out.push("");
  out.push(`Score: ${s.total.toFixed(1)} / 100   (scoring config v${s.configVersion}, ${s.matcherVersion})`);
  out.push("");
  const c = s.components;
  const w = s.effectiveWeights;
  out.push(
    table(
      ["component", "score", "weight"],
      [
        ["detection", pct(c.detection), String(w.detection)],
        ["precision", pct(c.precision), String(w.precision)],
        ["category", pct(c.category), String(w.category)],
        ["explanation", pct(c.explanation), String(w.explanation)],
        ["subtotal", s.totalBeforeHints.toFixed(1), ""],
        [
          "hints",
          s.hints.taken === 0 ? "none" : `${s.hints.taken} × ${s.hints.costPerHint}`,
          s.hints.penalty === 0 ? "" : `−${s.hints.penalty}`,
        ],
      ],
    ),
  );
  if (s.cleanControl) out.push("  (clean control: the category and explanation weights count for precision)");
  out.push("");
  const sig = s.signal;
  out.push(
    `Calibration (Brier, lower is better): ${num(s.calibration.brier)} · hit rate ${pct(sig.hitRate)} · ` +
      `false-alarm rate ${pct(sig.falseAlarmRate)} (${sig.falseAlarmLines}/${sig.nonFlawLines} lines) · d′ ${sig.dPrime.toFixed(2)}`,
  );
  out.push("");
  if (s.flaws.length > 0) {
    out.push("Flaws");
    out.push(
      table(
        ["flaw", "category", "sev", "lines", "status", "finding", "key points", "explanation"],
        s.flaws.map((f) => [
          f.flawId,
          f.category,
          String(f.severity),
          range(f.lines) + (f.deletion ? " (del)" : ""),
          f.status + (f.detectionCredit === 0.5 ? " (half)" : ""),
          f.findingId ?? "—",
          f.status === "missed" ? "—" : `${f.keyPointsCovered.filter(Boolean).length}/${f.keyPointsCovered.length}`,
          f.status === "missed" ? "—" : pct(f.explanationScore),
        ]),
      ),
    );
    out.push("");
  }
  if (s.findings.length > 0) {
    out.push("Findings");
    out.push(
      table(
        ["finding", "lines", "category", "conf", "verdict", "flaw", "points"],
        s.findings.map((f) => [
          f.findingId,
          range(f.lines),
          f.category,
          f.confidence.toFixed(2),
          f.verdict + (f.override ? " (mentor)" : ""),
          f.matchedFlawId ?? "—",
          f.points.toFixed(2),
        ]),
      ),
    );
    out.push("");
  }
  out.push(`False positives: ${s.falsePositives.length === 0 ? "none" : s.falsePositives.join(", ")}`);
  if (s.unseededFinds.length > 0) out.push(`Unseeded finds (real flaws missing from the key): ${s.unseededFinds.join(", ")}`);
  for (const f of s.findings) if (f.overrideNote) out.push(`Note on ${f.findingId}: ${f.overrideNote}`);
  if (s.unknownOverrideIds.length > 0) out.push(`Ignored overrides for unknown findings: ${s.unknownOverrideIds.join(", ")}`);
  return out.join("\n");
}

// --------------------------------------------------------------------------------------------

function main(argv: string[]): number {
  let args: Args | "help";
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`score: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (args === "help") {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  try {
    const { draft, key } = loadDraft(args);
    const { attempt, findings } = loadAttempt(args, draft.flawedText);
    const breakdown = scoreAttempt({
      flawedText: draft.flawedText,
      answerKey: key,
      brief: draft.brief,
      lexicon: lexiconFor(draft.domain ?? ""),
      findings,
      hintsTaken: attempt.hintsTaken,
      overrides: attempt.overrides,
    });
    process.stdout.write(args.json ? JSON.stringify(breakdown, null, 2) + "\n" : render(breakdown, draft, args.draft) + "\n");
    return 0;
  } catch (e) {
    if (e instanceof InputError || e instanceof RangeError) {
      process.stderr.write(`score: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

process.exitCode = main(process.argv.slice(2));
