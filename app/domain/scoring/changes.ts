// What a rescore changed, in words a trainee understands ("because …"), and how a batch of
// changes is distributed. Pure: the rescore model stores the sentences with the revision.
import type { ScoreBreakdown } from "./score";

const NAMES = { detection: "detection", precision: "precision", category: "category", explanation: "explanation" } as const;
type Part = keyof typeof NAMES;

/** Points a component contributes to the total before hints. */
function points(s: ScoreBreakdown, part: Part): number {
  const w = s.effectiveWeights;
  const sum = w.detection + w.precision + w.category + w.explanation;
  return (100 * w[part] * (s.components[part] ?? 0)) / sum;
}

const pct = (x: number | null) => `${Math.round((x ?? 0) * 100)} %`;

/**
 * One sentence per component whose points moved by at least 0.05, biggest move first, naming
 * the rule of the new version that moved it.
 */
export function describeScoreChange(before: ScoreBreakdown, after: ScoreBreakdown): string[] {
  const out: { size: number; text: string }[] = [];
  for (const part of Object.keys(NAMES) as Part[]) {
    const d = points(after, part) - points(before, part);
    if (Math.abs(d) < 0.05) continue;
    const move = `${pct(before.components[part])} → ${pct(after.components[part])}, ${d > 0 ? "+" : "−"}${Math.abs(d).toFixed(1)} points`;
    let why = "";
    if (part === "precision") {
      const fa = after.findings.filter((f) => f.verdict === "false-positive").length;
      why = fa > 0
        ? `each false alarm now costs by its confidence (${fa} false alarm${fa === 1 ? "" : "s"})`
        : after.cleanControl || after.findings.length > 0 ? "precision is now earned by real finds" : "“no flaws” on a flawed draft no longer earns precision";
    } else if (part === "detection") {
      const located = after.flaws.filter((f) => f.status !== "missed" && !f.diagnosed && f.detectionCredit < 1 && f.detectionCredit !== 0.5).length;
      why = located > 0 ? `the right line without a diagnosis now earns a third (${located} flaw${located === 1 ? "" : "s"})` : "detection now needs a diagnosis";
    } else if (part === "explanation" && after.modelGrading && Object.keys(after.modelGrading.grades).length > 0 && before.modelGrading?.model !== after.modelGrading.model) {
      why = `your explanations were graded by the model ${after.modelGrading.model}, your organisation's automatic explanation grade`;
    } else if (part === "explanation") {
      why = before.configVersion !== after.configVersion || before.matcherVersion === after.matcherVersion
        ? "only key points stated in your own words count: copied text, and text that says the line is fine, no longer count; paraphrases do"
        : matcherBase(before.matcherVersion) !== matcherBase(after.matcherVersion)
          ? MATCHER_CORRECTED
          : "the matcher now uses phrases that mentors' grades taught it (accepted by an author)";
    } else {
      why = "category credit changed";
    }
    out.push({ size: Math.abs(d), text: `${NAMES[part]} ${move}: ${why}` });
  }
  if (out.length === 0 && before.total !== after.total) {
    const matcherOnly = before.configVersion === after.configVersion && before.matcherVersion !== after.matcherVersion;
    out.push({
      size: 0,
      text: !matcherOnly
        ? `the rules of scoring version ${after.configVersion} (see “How is this scored?”)`
        : matcherBase(before.matcherVersion) !== matcherBase(after.matcherVersion) ? MATCHER_CORRECTED : "the matcher now uses phrases that mentors' grades taught it",
    });
  }
  if (before.hints.penalty !== after.hints.penalty) out.push({ size: 0, text: `hint cost ${before.hints.penalty} → ${after.hints.penalty} points` });
  return out.sort((a, b) => b.size - a.size).map((o) => o.text);
}

/**
 * Whether two breakdowns grade the same: the same total and components, and per flaw the same
 * status, credits and key points. A rescore that changes only the version names writes no
 * revision (nothing a trainee sees has changed).
 */
export function sameGrade(before: ScoreBreakdown, after: ScoreBreakdown): boolean {
  if (before.total !== after.total || before.totalBeforeHints !== after.totalBeforeHints) return false;
  for (const part of Object.keys(NAMES) as Part[]) if ((before.components[part] ?? null) !== (after.components[part] ?? null)) return false;
  if (before.flaws.length !== after.flaws.length || before.findings.length !== after.findings.length) return false;
  for (let i = 0; i < after.flaws.length; i++) {
    const a = before.flaws[i];
    const b = after.flaws[i];
    if (a.flawId !== b.flawId || a.status !== b.status || a.detectionCredit !== b.detectionCredit || a.explanationScore !== b.explanationScore) return false;
    if (a.keyPointsCovered.length !== b.keyPointsCovered.length || a.keyPointsCovered.some((c, j) => c !== b.keyPointsCovered[j])) return false;
  }
  for (let i = 0; i < after.findings.length; i++) {
    if (before.findings[i].findingId !== after.findings[i].findingId || before.findings[i].verdict !== after.findings[i].verdict) return false;
  }
  return true;
}

/** The matcher and concept sets of a matcher version, without the mentor-taught overlay. */
function matcherBase(version: string | undefined): string {
  return (version ?? "none").replace(/\+overlay:.*$/, "");
}

const MATCHER_CORRECTED =
  "the matcher now reads key-point phrases more exactly (a short phrase such as “is null” needs its words together; “cost of sales” no longer counts as “sales”)";

/** A stored total before and after a rescore. */
export interface ScoreChange {
  before: number;
  after: number;
}

/** How a set of rescored totals moved: directions, sizes and pass-mark crossings. */
export interface ChangeDistribution {
  count: number;
  unchanged: number;
  up: number;
  down: number;
  /** Of after − before, in points. */
  mean: number;
  median: number;
  min: number;
  max: number;
  /** Counts per size of change in points, in number-line order: down > 30 … down 0.1–5, up 0.1–5 … up > 30. */
  bands: { label: string; direction: "down" | "up"; count: number }[];
  /** A total at or above it passes. */
  passMark: number;
  /** Below the pass mark before, at or above after. */
  nowPass: number;
  /** At or above the pass mark before, below after. */
  nowFail: number;
}

/** The reference pass mark of the distribution (a program module may set its own). */
export const REFERENCE_PASS_MARK = 70;

/** Sizes of change, in points (totals have one decimal): 0.1–5, 5.1–15, 15.1–30, more than 30. */
const SIZES = [
  { label: "0.1–5", max: 5 },
  { label: "5.1–15", max: 15 },
  { label: "15.1–30", max: 30 },
  { label: "> 30", max: Infinity },
];

/** Totals carry one decimal: a change is counted in tenths so float noise never moves a band. */
const tenths = (x: number) => Math.round(x * 10);

/** Distribution of total changes (after − before) over a set of rescored attempts. */
export function changeDistribution(changes: readonly ScoreChange[], passMark = REFERENCE_PASS_MARK): ChangeDistribution {
  const deltas = changes.map((c) => tenths(c.after - c.before) / 10).sort((a, b) => a - b);
  const n = deltas.length;
  const down = SIZES.map(() => 0);
  const up = SIZES.map(() => 0);
  let unchanged = 0;
  for (const d of deltas) {
    if (d === 0) {
      unchanged++;
      continue;
    }
    const band = SIZES.findIndex((s) => tenths(Math.abs(d)) <= tenths(s.max));
    (d < 0 ? down : up)[band]++;
  }
  let nowPass = 0;
  let nowFail = 0;
  for (const c of changes) {
    if (c.before < passMark && c.after >= passMark) nowPass++;
    else if (c.before >= passMark && c.after < passMark) nowFail++;
  }
  const median = n === 0 ? 0 : n % 2 ? deltas[(n - 1) / 2] : (deltas[n / 2 - 1] + deltas[n / 2]) / 2;
  return {
    count: n,
    unchanged,
    up: up.reduce((a, b) => a + b, 0),
    down: down.reduce((a, b) => a + b, 0),
    mean: n === 0 ? 0 : deltas.reduce((a, b) => a + b, 0) / n,
    median,
    min: n === 0 ? 0 : deltas[0],
    max: n === 0 ? 0 : deltas[n - 1],
    bands: [
      ...SIZES.map((s, i) => ({ label: s.label, direction: "down" as const, count: down[i] })).reverse(),
      ...SIZES.map((s, i) => ({ label: s.label, direction: "up" as const, count: up[i] })),
    ],
    passMark,
    nowPass,
    nowFail,
  };
}

/** The distribution in three lines, as the rescore command and the bench print it. */
export function formatDistribution(d: ChangeDistribution): string[] {
  const num = (x: number) => x.toLocaleString("en-US");
  const share = (x: number) => `${d.count === 0 ? "0.0" : ((100 * x) / d.count).toFixed(1)} %`;
  const signed = (x: number, digits: number) => `${x > 0 ? "+" : x < 0 ? "−" : "±"}${Math.abs(x).toFixed(digits)}`;
  // Smallest change first in both directions.
  const band = (dir: "down" | "up") =>
    SIZES.map((s) => `${s.label} ${num(d.bands.find((b) => b.direction === dir && b.label === s.label)!.count)}`).join(", ");
  return [
    `${num(d.count)} attempt${d.count === 1 ? "" : "s"}: unchanged ${num(d.unchanged)} (${share(d.unchanged)}), up ${num(d.up)} (${share(d.up)}), down ${num(d.down)} (${share(d.down)}); change mean ${signed(d.mean, 2)}, median ${signed(d.median, 1)}, range ${signed(d.min, 1)} … ${signed(d.max, 1)}`,
    `by size (points): down ${band("down")}; up ${band("up")}`,
    `pass mark ${d.passMark}: ${num(d.nowFail)} (${share(d.nowFail)}) now below it, ${num(d.nowPass)} (${share(d.nowPass)}) now at or above it`,
  ];
}
