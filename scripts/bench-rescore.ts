// Rescoring 100k stored attempts in the database, for `npm run bench -- --only scoring`.
// A throwaway SQLite file under data/ is filled by a fast bulk insert (one prepared statement per
// table, one transaction): 100k submitted attempts of 20 drafts, 2 findings each, whose stored
// breakdowns were scored as scoring v1 scored location (full detection credit for the right
// line without a diagnosis) with the first matcher (no concept sets, no brief). The real rescore
// code (rescoreStoredAttempts: batches of 500, one transaction each, a score revision per changed
// attempt, aggregates) then brings them to the current scoring. Printed: the wall time against
// the bulk insert of the same rows (baseline, same run), and how the scores moved.
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { createDatabase, migrateToLatest } from "~/db/db.server";
import { generateDraft } from "~/domain/generation/generate";
import { scoreAttempt } from "~/domain/scoring";
import type { Finding } from "~/domain/types";
import { loadContent } from "~/models/content.server";
import { getDraft, insertDrafts } from "~/models/draft.server";
import { rescoreStoredAttempts } from "~/models/rescore.server";

const ATTEMPTS = Number(process.env.BENCH_RESCORE_ATTEMPTS || 100_000);
const DRAFTS = 20;
const USERS = 50;

const EXPLANATIONS = [
  "The loop runs one extra time, so it reads past the end of the list.",
  "This figure does not match the brief; it was changed.",
  "Not a problem, this is correct as written.",
  "Looks wrong to me, please check it against the brief.",
  "The check was removed, so a missing value will crash here.",
  "The clause now says the opposite of what the brief asks for.",
];

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

    // The bulk insert: attempts and findings, with breakdowns as the first matcher scored them.
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
    // 6 explanation variants × 2 findings × 20 drafts: breakdowns computed once per combination.
    const cache = new Map<string, string>();
    raw.transaction(() => {
      for (let u = 0; u < USERS; u++) insUser.run(userValues(u));
      for (let i = 0; i < ATTEMPTS; i++) {
        const d = i % DRAFTS;
        const draft = stored[d]!;
        const id = `a${String(i).padStart(7, "0")}`;
        const v = Math.floor(i / DRAFTS) % 36;
        const findings: Finding[] = draft.answerKey.slice(0, 2).map((f, k) => ({
          id: `${id}-f${k}`,
          lines: f.lines,
          category: k === 0 ? f.category : "other",
          explanation: EXPLANATIONS[k === 0 ? v % 6 : Math.floor(v / 6)],
          confidence: 0.6 + 0.2 * k,
        }));
        const key = `${d}|${v}`;
        let json = cache.get(key);
        if (!json) {
          const v1 = { version: 1, locationCredit: 1 };
          json = JSON.stringify(scoreAttempt({ flawedText: draft.flawedText, answerKey: draft.answerKey, findings: findings.map((f, k) => ({ ...f, id: `f${k}` })), config: v1 }));
          cache.set(key, json);
        }
        // The stored breakdown names findings f0/f1: rename to this attempt's ids.
        const breakdown = json.replaceAll('"f0"', `"${id}-f0"`).replaceAll('"f1"', `"${id}-f1"`);
        const total = (JSON.parse(json) as { total: number }).total;
        insAttempt.run(id, `bench-u${i % USERS}`, draftIds[d], now, now, total, breakdown, total, breakdown, draft.domain, now);
        findings.forEach((f, k) => insFinding.run(f.id, id, f.lines.from, f.lines.to, f.category, f.explanation, f.confidence, now, now, "hit", draft.answerKey[k].id, draft.answerKey[k].category));
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
    return {
      [`bulk insert of ${ATTEMPTS.toLocaleString("en-US")} attempts + ${(2 * ATTEMPTS).toLocaleString("en-US")} findings (baseline), s`]: insertMs / 1000,
      [`rescore ${ATTEMPTS.toLocaleString("en-US")} attempts in the database (batches of 500), s`]: rescoreMs / 1000,
      "  … ÷ the bulk insert (baseline)": rescoreMs / insertMs,
      "  attempts rescored per second": (result.scanned / rescoreMs) * 1000,
      "  CPU seconds of this process for the rescore": (cpu.user + cpu.system) / 1e6,
      "  changed attempts (score revisions written)": `${result.changed.toLocaleString("en-US")} of ${result.scanned.toLocaleString("en-US")} (${Number(revisions.n).toLocaleString("en-US")} revisions)`,
      "  mean total before → after": `${Number(before.mean).toFixed(1)} → ${Number(after.mean).toFixed(1)}`,
      "  change (after − before)": `mean ${dist.mean.toFixed(2)}; ${dist.bands.filter((b) => b.count > 0).map((b) => `${b.label}: ${b.count.toLocaleString("en-US")}`).join(", ")}`,
    };
  } finally {
    await db.destroy();
    remove();
  }
}
