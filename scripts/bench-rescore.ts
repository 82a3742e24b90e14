// Rescoring 100k stored attempts in the database, for `npm run bench -- --only scoring`.
// A throwaway SQLite file under data/ is filled by a fast bulk insert (one prepared statement per
// table, one transaction): 100k submitted attempts of 20 drafts whose stored breakdowns follow
// scoring v1's rules (precision share, full detection credit for the right line without a
// diagnosis), with explanations matched by today's matcher without concept sets or brief (the
// first matcher's code is not kept). The attempts vary the way a
// cohort's do: each flaw found or missed, category right or not, an explanation that states the
// flaw (the key's own words), copies or dismisses it or is vague, and 0–2 false alarms at
// confidences 0.5–1. The real rescore code (rescoreStoredAttempts: batches of 500, one
// transaction each, a score revision per changed attempt, aggregates) then brings them to the
// current scoring. Printed: the wall time against the bulk insert of the same rows (baseline,
// same run), and the distribution of the final-score changes.
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { createDatabase, migrateToLatest } from "~/db/db.server";
import { generateDraft } from "~/domain/generation/generate";
import { scoreAttempt, type ScoreBreakdown } from "~/domain/scoring";
import { formatDistribution } from "~/domain/scoring/changes";
import type { Finding } from "~/domain/types";
import { loadContent } from "~/models/content.server";
import { getDraft, insertDrafts } from "~/models/draft.server";
import { rescoreStoredAttempts } from "~/models/rescore.server";

const ATTEMPTS = Number(process.env.BENCH_RESCORE_ATTEMPTS || 100_000);
const DRAFTS = 20;
const USERS = 50;

/** Explanations that state nothing of the flaw (the key's own words are added per flaw). */
const EXPLANATIONS = [
  "This figure does not match the brief; it was changed.",
  "Not a problem, this is correct as written.",
  "Looks wrong to me, please check it against the brief.",
  "The check was removed, so a missing value will crash here.",
  "The clause now says the opposite of what the brief asks for.",
];
/** Distinct attempt shapes; an attempt's draft and shape pick its cached v1 breakdown. */
const SHAPES = 200;
const CONFIDENCES = [0.5, 0.6, 0.7, 0.8, 0.9, 1];

interface Shape {
  /** Per flaw of the key: not flagged, or how it was flagged. */
  flaws: ({ categoryRight: boolean; explanation: number; confidence: number } | null)[];
  falseAlarms: number[];
}

/** A small deterministic generator (mulberry32), so every run rescores the same population. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shapes(): Shape[] {
  const r = random(11);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  return Array.from({ length: SHAPES }, () => ({
    // explanation −1: the flaw's own explanation (states the key points); else a stock sentence
    flaws: [0, 1, 2].map(() => (r() < 0.75 ? { categoryRight: r() < 0.7, explanation: r() < 0.5 ? -1 : Math.floor(r() * EXPLANATIONS.length), confidence: pick(CONFIDENCES) } : null)),
    falseAlarms: Array.from({ length: pick([0, 0, 0, 1, 1, 2]) }, () => pick(CONFIDENCES)),
  }));
}

/**
 * Scoring v1's precision: the share Σ confidence of hits ÷ Σ confidence of findings (1 with no
 * findings, so "no flaws" on a flawed draft earned it), with the total recomputed from it. The
 * rest (full location credit) comes from the current engine configured as v1.
 */
function scoringV1(s: ScoreBreakdown): ScoreBreakdown {
  const all = s.findings.reduce((a, f) => a + f.confidence, 0);
  const hits = s.findings.filter((f) => f.verdict !== "false-positive").reduce((a, f) => a + f.confidence, 0);
  const components = { ...s.components, precision: all === 0 ? 1 : hits / all };
  const w = s.effectiveWeights;
  const sum = w.detection + w.precision + w.category + w.explanation;
  const before = (100 * (w.detection * components.detection + w.precision * components.precision + w.category * (components.category ?? 0) + w.explanation * (components.explanation ?? 0))) / sum;
  const totalBeforeHints = Math.round(before * 10) / 10;
  return { ...s, components, totalBeforeHints, total: Math.max(0, Math.min(100, Math.round((before - s.hints.penalty) * 10) / 10)) };
}

export async function benchRescore(): Promise<Record<string, number | string>> {
  fs.mkdirSync("data", { recursive: true });
  const file = path.resolve("data", `bench-rescore-${process.pid}.sqlite`);
  const remove = () => {
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  };
  remove();
  const db = createDatabase(`sqlite:${file}`);
  try {
    await migrateToLatest(db);
    const { packs } = loadContent("content");
    const pack = packs.find((p) => p.domain === "software") ?? packs[0];
    const drafts = Array.from({ length: DRAFTS }, (_, i) => ({ ...generateDraft(pack.sources[i % pack.sources.length], pack, { seed: i + 1, flawCount: 3 }), domain: pack.domain }));
    const draftIds = await insertDrafts(db, drafts);
    const stored = await Promise.all(draftIds.map((id) => getDraft(db, id)));
    const now = new Date().toISOString();
    await db.insertInto("organisations").values({ id: "bench-org", name: "Bench", created_at: now }).execute();

    // Attempt shapes × drafts: findings and v1 breakdowns built before the timed insert.
    const population = shapes();
    const combos = stored.map((d) => {
      const draft = d!;
      const flawLines = new Set(draft.answerKey.flatMap((f) => Array.from({ length: f.lines.to - f.lines.from + 1 }, (_, k) => f.lines.from + k)));
      const lineCount = draft.flawedText.split("\n").length;
      const clean = Array.from({ length: lineCount }, (_, k) => k + 1).filter((l) => !flawLines.has(l));
      return population.map((shape, si) => {
        const findings: Finding[] = [];
        shape.flaws.forEach((fl, k) => {
          const flaw = draft.answerKey[k];
          if (!fl || !flaw) return;
          const explanation = fl.explanation < 0 ? flaw.explanation : EXPLANATIONS[fl.explanation];
          findings.push({ id: `f${findings.length}`, lines: flaw.lines, category: fl.categoryRight ? flaw.category : "other", explanation, confidence: fl.confidence });
        });
        shape.falseAlarms.forEach((c, k) => {
          const line = clean[(si * 7 + k * 13) % clean.length] ?? 1;
          findings.push({ id: `f${findings.length}`, lines: { from: line, to: line }, category: "other", explanation: "Looks odd to me.", confidence: c });
        });
        const breakdown = scoringV1(scoreAttempt({ flawedText: draft.flawedText, answerKey: draft.answerKey, findings, config: { version: 1, locationCredit: 1, falseAlarmCost: 0 } }));
        return { findings, breakdown, json: JSON.stringify(breakdown) };
      });
    });

    // The bulk insert: attempts and findings, with breakdowns as scoring v1 stored them.
    const t0 = performance.now();
    const raw = new SQLite(file);
    raw.pragma("journal_mode = WAL");
    const userCols = raw.prepare("PRAGMA table_info(users)").all() as { name: string; notnull: number; dflt_value: unknown }[];
    const userValues = (i: number): Record<string, unknown> => {
      const v: Record<string, unknown> = { id: `bench-u${i}`, org_id: "bench-org", email: `t${i}@bench.test`, name: `Trainee ${i}`, role: "trainee", password_hash: "x", created_at: now };
      for (const c of userCols) if (c.notnull && c.dflt_value === null && !(c.name in v)) v[c.name] = "";
      return v;
    };
    const uv = userValues(0);
    const insUser = raw.prepare(`INSERT INTO users (${Object.keys(uv).join(", ")}) VALUES (${Object.keys(uv).map((k) => `@${k}`).join(", ")})`);
    const insAttempt = raw.prepare(
      "INSERT INTO attempts (id, user_id, draft_id, status, started_at, first_flag_at, submitted_at, hints_taken, auto_total, auto_score, final_total, final_score, domain, updated_at, published_review_id, published_at, feedback_seen_at) VALUES (?, ?, ?, 'submitted', ?, NULL, ?, '[]', ?, ?, ?, ?, ?, ?, NULL, NULL, NULL)",
    );
    const insFinding = raw.prepare(
      "INSERT INTO findings (id, attempt_id, line_from, line_to, quote, category, explanation, confidence, suggested_fix, created_at, updated_at, auto_verdict, matched_flaw_id, flaw_category) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, NULL, ?, ?, ?, ?, ?)",
    );
    raw.transaction(() => {
      for (let u = 0; u < USERS; u++) insUser.run(userValues(u));
      for (let i = 0; i < ATTEMPTS; i++) {
        const d = i % DRAFTS;
        const draft = stored[d]!;
        const id = `a${String(i).padStart(7, "0")}`;
        const { findings, breakdown: b, json } = combos[d][Math.floor(i / DRAFTS) % SHAPES];
        // The stored breakdown names findings f0, f1, …: rename to this attempt's ids.
        const breakdown = json.replace(/"f(\d)"/g, `"${id}-f$1"`);
        insAttempt.run(id, `bench-u${i % USERS}`, draftIds[d], now, now, b.total, breakdown, b.total, breakdown, draft.domain, now);
        findings.forEach((f, k) => {
          const flawId = b.findings[k].matchedFlawId;
          const flawCategory = flawId ? draft.answerKey.find((x) => x.id === flawId)?.category ?? null : null;
          insFinding.run(`${id}-${f.id}`, id, f.lines.from, f.lines.to, f.category, f.explanation, f.confidence, now, now, b.findings[k].autoVerdict, flawId, flawCategory);
        });
      }
    })();
    raw.close();
    const insertMs = performance.now() - t0;

    const before = await db.selectFrom("attempts").select((eb) => [eb.fn.avg<number>("final_total").as("mean")]).executeTakeFirstOrThrow();
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    const result = await rescoreStoredAttempts(db, { reason: "bench", batchSize: 500 });
    const rescoreMs = performance.now() - t1;
    const cpu = process.cpuUsage(c1);
    const after = await db.selectFrom("attempts").select((eb) => [eb.fn.avg<number>("final_total").as("mean")]).executeTakeFirstOrThrow();
    const revisions = await db.selectFrom("score_revisions").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const dist = result.distribution;
    const lines = formatDistribution(dist);
    return {
      [`bulk insert of ${ATTEMPTS.toLocaleString("en-US")} attempts + ${(2 * ATTEMPTS).toLocaleString("en-US")} findings (baseline), s`]: insertMs / 1000,
      [`rescore ${ATTEMPTS.toLocaleString("en-US")} attempts in the database (batches of 500), s`]: rescoreMs / 1000,
      "  … ÷ the bulk insert (baseline)": rescoreMs / insertMs,
      "  attempts rescored per second": (result.scanned / rescoreMs) * 1000,
      "  CPU seconds of this process for the rescore": (cpu.user + cpu.system) / 1e6,
      "  changed attempts (score revisions written)": `${result.changed.toLocaleString("en-US")} of ${result.scanned.toLocaleString("en-US")} (${Number(revisions.n).toLocaleString("en-US")} revisions)`,
      "  mean final total before → after": `${Number(before.mean).toFixed(1)} → ${Number(after.mean).toFixed(1)}`,
      "  final score changes (after − before):": "",
      // One line each, as `npm run rescore` prints them.
      ...Object.fromEntries(lines.map((l) => [`    ${l}`, ""])),
    };
  } finally {
    await db.destroy();
    remove();
  }
}
