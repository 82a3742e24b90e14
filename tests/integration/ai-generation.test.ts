// AI generation against a scripted OpenAI-compatible server over real HTTP, with the real openai
// client, on SQLite and PostgreSQL. For every scripted behaviour the outcome is a verified draft
// or a recorded failure with its reason, no unverified key is stored, no half-written rows stay
// behind, and the number of model calls is bounded and matches what the server received.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "~/db/db.server";
import { FIXTURE_PACK } from "~/domain/generation/fixture-pack";
import type { Pack, SourceDoc } from "~/domain/types";
import { verifyDraft } from "~/domain/verification/verify";
import { ConflictError } from "~/domain/errors";
import { claimGenerationJob, createGenerationJob, failStaleJobs, listGenerationJobs, type GenerationRequest } from "~/models/generation-jobs.server";
import { cancelGenerationJob, runGenerationJob, type RunOptions } from "~/models/generation-runner.server";
import { suggestGrade } from "~/models/ai-grading.server";
import { insertDrafts, rowToDraft } from "~/models/draft.server";
import { generateDraft } from "~/domain/generation/generate";
import { FIXTURE_SOURCE } from "~/domain/generation/fixture-pack";
import { env, resetEnvForTests } from "~/utils/env.server";
import { LlmClient, llmConfigFromEnv, makeLlmConfig, retryAfterMs, type LlmConfig } from "~/utils/llm.server";
import { createTestDb, DIALECTS, type TestDb } from "../support/db";
import {
  categoriesOf,
  cleanDraftValue,
  documentOf,
  goodEdits,
  goodHandler,
  isRepair,
  schemaName,
  startFakeOpenAI,
  type FakeHandler,
  type FakeOpenAI,
  type FakeReply,
  type FakeRequest,
  wantedOf,
} from "../support/fake-openai";

const SOURCE_TEXT =
  Array.from({ length: 40 }, (_, i) => (i % 5 === 4 ? "" : `export const limit${i + 1} = computeLimit(${i + 3}, "region-${i + 1}");`)).join("\n") + "\n";

const SOURCE: SourceDoc = {
  id: "limits",
  domain: "fixture",
  title: "Regional limits",
  format: "code",
  language: "typescript",
  difficulty: 2,
  brief: "Export one limit per region, each computed with computeLimit from the region's base value.",
  text: SOURCE_TEXT,
  sites: [],
};
const PACK: Pack = { ...FIXTURE_PACK, sources: [SOURCE] };

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake?.close();
});

function client(overrides: Partial<LlmConfig> = {}) {
  return new LlmClient(
    makeLlmConfig({
      model: "fake-model",
      apiKey: "test-key",
      baseURL: fake.baseURL,
      // Long enough that a loaded machine never turns a good reply into a timeout and a retry;
      // the hang test sets its own short limit.
      timeoutMs: 10_000,
      maxRetries: 2,
      backoffMs: 5,
      maxBackoffMs: 200,
      pricing: { inputPerMTok: 1, outputPerMTok: 2, known: true },
      ...overrides,
    }),
  );
}

/** Edits of the document with their originals altered so none occurs in it. */
function hallucinated(req: FakeRequest) {
  const { edits } = goodEdits(documentOf(req), categoriesOf(req), 3);
  return { edits: edits.map((e) => ({ ...e, original: e.original.replace("computeLimit", "computeLimits") })) };
}
const good: FakeHandler = (req) => ({ type: "json", value: goodEdits(documentOf(req), categoriesOf(req), 3) });

describe.each(DIALECTS)("AI generation on %s", (dialect) => {
  let t: TestDb;
  afterEach(async () => {
    await t?.close();
  });

  async function run(script: (FakeReply | FakeHandler)[] | FakeHandler, req: Partial<GenerationRequest> = {}, opts: Partial<RunOptions> = {}) {
    t = await createTestDb(dialect);
    fake.use(script);
    const jobId = await createGenerationJob(t.db, { domain: "fixture", mode: "flaws", count: 1, difficulty: 2, spendLimitUsd: 5, origin: "test", ...req }, "fake-model");
    const summary = await runGenerationJob(t.db, jobId, { llm: client(), pack: PACK, contentHash: "fixture-hash", concurrency: 1, cancelPollMs: 50, seed: 42, ...opts });
    return { jobId, summary, ...(await state(jobId)) };
  }

  async function state(jobId: string) {
    const job = await t.db.selectFrom("generation_jobs").selectAll().where("id", "=", jobId).executeTakeFirstOrThrow();
    const items = await t.db.selectFrom("generation_items").selectAll().where("job_id", "=", jobId).orderBy("seq").execute();
    const calls = await t.db.selectFrom("model_calls").selectAll().where("job_id", "=", jobId).orderBy("started_at").execute();
    const drafts = await t.db.selectFrom("drafts").selectAll().execute();
    return { job, items, calls, drafts };
  }

  /** The invariants every run keeps, whatever the model did. */
  function expectConsistent(s: Awaited<ReturnType<typeof state>>) {
    for (const row of s.drafts) expect(verifyDraft(rowToDraft(row))).toEqual({ ok: true });
    const accepted = s.items.filter((i) => i.status === "accepted");
    expect(s.drafts.map((d) => d.id).sort()).toEqual(accepted.map((i) => i.draft_id).sort());
    for (const i of s.items) {
      expect(i.status, `item ${i.seq} finished`).not.toBe("running");
      if (i.status !== "accepted") expect(i.draft_id).toBeNull();
      if (i.status === "rejected") expect(i.failure_reason && i.failure_detail).toBeTruthy();
    }
    expect(s.calls).toHaveLength(fake.requests.length);
    expect(Number(s.job.calls)).toBe(fake.requests.length);
    expect(s.items.reduce((n, i) => n + Number(i.calls), 0)).toBe(fake.requests.length);
    expect(Number(s.job.accepted)).toBe(accepted.length);
    expect(Number(s.job.rejected)).toBe(s.items.filter((i) => i.status === "rejected").length);
    expect(Number(s.job.spent_usd)).toBeCloseTo(s.calls.reduce((n, c) => n + Number(c.cost_usd), 0), 6);
  }

  it("good edits: one call per draft, a verified draft labelled with the model, calls recorded with tokens and cost", async () => {
    const s = await run(goodHandler({ edits: 6 }), { count: 2 });
    expectConsistent(s);
    expect(s.summary).toMatchObject({ status: "done", accepted: 2, rejected: 0, calls: 2 });
    expect(fake.requests).toHaveLength(2);
    const req = fake.requests[0];
    expect(req.authorization).toBe("Bearer test-key");
    expect(req.body.model).toBe("fake-model");
    expect(req.body.response_format).toMatchObject({ type: "json_schema", json_schema: { name: "flaw_edits", strict: true } });
    expect(documentOf(req)).toBe(SOURCE_TEXT);
    const draft = rowToDraft(s.drafts[0]);
    // A pack without checks: the visible-change rule is the edits' proof, and the label says so.
    expect(draft.generator).toBe("openai:fake-model;proof=visible");
    expect(draft.answerKey.length).toBeGreaterThanOrEqual(2);
    expect(draft.answerKey.every((e) => e.origin.kind === "model")).toBe(true);
    expect(s.calls[0]).toMatchObject({ outcome: "ok", http_status: 200, finish_reason: "stop", prompt_tokens: 1200, completion_tokens: 350, purpose: "flaws", request_id: `req_fake_${fake.requests[0].n}` });
    expect(Number(s.calls[0].cost_usd)).toBeCloseTo((1200 * 1 + 350 * 2) / 1e6, 9);
    expect(s.job.status).toBe("done");
  });

  it("malformed JSON: the parse error goes back to the model, the repaired answer is accepted", async () => {
    const s = await run([{ type: "text", content: '{"edits": [ {"category": "off-by-one", ' }, good]);
    expectConsistent(s);
    expect(s.summary).toMatchObject({ accepted: 1, calls: 2 });
    expect(s.calls.map((c) => c.outcome)).toEqual(["invalid_json", "ok"]);
    const repair = fake.requests[1].body.messages!;
    expect(repair.at(-2)).toMatchObject({ role: "assistant", content: '{"edits": [ {"category": "off-by-one", ' });
    expect(repair.at(-1)!.content).toContain("not valid JSON");
    expect(s.items[0].rounds).toBe(2);
  });

  it("hallucinated originals: repaired twice with the errors, then rejected; 3 calls, no draft", async () => {
    const s = await run([(r) => ({ type: "json", value: hallucinated(r) }), (r) => ({ type: "json", value: hallucinated(r) }), (r) => ({ type: "json", value: hallucinated(r) })]);
    expectConsistent(s);
    expect(s.drafts).toHaveLength(0);
    expect(fake.requests).toHaveLength(3);
    expect(fake.requests.slice(1).every(isRepair)).toBe(true);
    expect(fake.requests[1].body.messages!.at(-1)!.content).toMatch(/"original" does not occur in the document/);
    expect(s.items[0]).toMatchObject({ status: "rejected", failure_reason: "invalid_proposal", rounds: 3 });
    expect(s.items[0].failure_detail).toMatch(/^No usable edits after 3 rounds: .*does not occur/);
  });

  it("invisible edits (Cyrillic homoglyph, zero-width space in a word, no-break space, trailing spaces): each named in the repair request, 0 stored", async () => {
    const invisible = (req: FakeRequest) => {
      const { edits } = goodEdits(documentOf(req), categoriesOf(req), 4);
      const disguise = [
        (o: string) => o.replace("e", "\u0435"),
        (o: string) => o.replace("compute", "comp\u200Bute"),
        (o: string) => o.replace(" = ", "\u00A0= "),
        (o: string) => `${o}   `,
      ];
      return { edits: edits.map((e, i) => ({ ...e, replacement: disguise[i](e.original) })) };
    };
    const s = await run((r) => ({ type: "json", value: invisible(r) }));
    expectConsistent(s);
    expect(s.drafts).toHaveLength(0);
    // Three answered rounds (the configured repair budget), however many tries a slow machine needed.
    expect(s.calls.filter((c) => c.outcome === "ok")).toHaveLength(3);
    const repair = fake.requests.filter(isRepair)[0].body.messages!.at(-1)!.content;
    expect(repair).toMatch(/Edit 1 .*changes nothing a reader can see: it only swaps look-alike characters \("е" U\+0435 looks like "e"\)/);
    expect(repair).toMatch(/Edit 2 .*changes nothing a reader can see: it only adds or removes an invisible character \(U\+200B\)/);
    expect(repair).toMatch(/Edit 3 .*changes nothing a reader can see: it only changes spacing/);
    expect(repair).toMatch(/Edit 4 .*changes nothing a reader can see: it only changes spacing/);
    expect(s.items[0]).toMatchObject({ status: "rejected", failure_reason: "invalid_proposal", rounds: 3 });
    expect(s.items[0].failure_detail).toMatch(/changes nothing a reader can see/);
  });

  it("one hallucinated edit among good ones is dropped without a repair call", async () => {
    const s = await run([
      (r) => {
        // As many edits as asked for, plus one: the second is hallucinated, the rest are good.
        const { edits } = goodEdits(documentOf(r), categoriesOf(r), wantedOf(r) + 1);
        edits[1] = { ...edits[1], original: "export const limitX = 1;" };
        return { type: "json", value: { edits } };
      },
    ]);
    expectConsistent(s);
    expect(s.summary).toMatchObject({ accepted: 1, calls: 1 });
    expect(s.items[0].dropped_edits).toBe(1);
    expect(JSON.parse(s.items[0].notes!)[0]).toMatch(/dropped: Edit 2 .*does not occur/);
  });

  it("overlapping edits: the overlap is named in the repair request", async () => {
    const overlapping: FakeHandler = (r) => {
      const { edits } = goodEdits(documentOf(r), categoriesOf(r), 1);
      const e = edits[0];
      return { type: "json", value: { edits: [e, { ...e, original: e.original.slice(0, 20), replacement: "x" }, { ...e, original: e.original.slice(10), replacement: "y" }] } };
    };
    // Difficulty 1 asks for three or more edits, so one usable edit is not enough and the reply is repaired.
    const s = await run([overlapping, good], { difficulty: 1 });
    expectConsistent(s);
    expect(s.summary).toMatchObject({ accepted: 1, calls: 2 });
    expect(fake.requests[1].body.messages!.at(-1)!.content).toContain("Edit 2: overlaps edit 1");
  });

  it("unknown category: rejected after the repair rounds with the valid ids sent back", async () => {
    const unknown: FakeHandler = (r) => ({ type: "json", value: { edits: goodEdits(documentOf(r), ["race-condition"], 3).edits } });
    const s = await run([unknown, unknown, unknown]);
    expectConsistent(s);
    expect(fake.requests).toHaveLength(3);
    expect(fake.requests[1].body.messages!.at(-1)!.content).toContain('unknown category "race-condition"; use one of: off-by-one, missing-await');
    expect(s.items[0]).toMatchObject({ status: "rejected", failure_reason: "invalid_proposal" });
  });

  it("a refusal is recorded and not retried", async () => {
    const s = await run([{ type: "refusal", refusal: "I can't help with creating misleading content." }]);
    expectConsistent(s);
    expect(fake.requests).toHaveLength(1);
    expect(s.items[0]).toMatchObject({ status: "rejected", failure_reason: "refusal", failure_detail: "The model refused: I can't help with creating misleading content." });
    expect(s.calls[0].outcome).toBe("refusal");
  });

  it('finish_reason "length" is a recorded truncation, not a parse attempt', async () => {
    const s = await run([{ type: "length" }]);
    expectConsistent(s);
    expect(fake.requests).toHaveLength(1);
    expect(s.items[0].failure_reason).toBe("truncated");
    expect(s.items[0].failure_detail).toMatch(/cut off at the output limit \(finish_reason "length"/);
  });

  it("429 with retry-after: waits, retries once and succeeds; each try is a recorded call", async () => {
    const s = await run([{ type: "error", status: 429, headers: { "retry-after": "0.05" } }, good]);
    expectConsistent(s);
    expect(s.summary).toMatchObject({ accepted: 1, calls: 2 });
    expect(s.calls.map((c) => [c.outcome, c.http_status, c.try_number])).toEqual([
      ["rate_limited", 429, 1],
      ["ok", 200, 2],
    ]);
  });

  it("429 asking for a wait longer than the run allows fails at once", async () => {
    const s = await run([{ type: "error", status: 429, headers: { "retry-after": "60" } }]);
    expectConsistent(s);
    expect(fake.requests).toHaveLength(1);
    expect(s.items[0].failure_detail).toMatch(/asked to wait 60 s/);
  });

  it("500s: bounded retries (1 + 2), then a recorded failure", async () => {
    const err: FakeReply = { type: "error", status: 500, message: "boom" };
    const s = await run([err, err, err, good]);
    expectConsistent(s);
    expect(fake.requests).toHaveLength(3);
    expect(s.items[0]).toMatchObject({ status: "rejected", failure_reason: "server_error", failure_detail: "The model server failed (HTTP 500) (after 3 tries)" });
  });

  it("a hang past the timeout: each try times out, 3 tries, recorded as timeouts", async () => {
    const s = await run([{ type: "hang" }, { type: "hang" }, { type: "hang" }], {}, { llm: client({ timeoutMs: 300 }) });
    expectConsistent(s);
    expect(fake.requests).toHaveLength(3);
    expect(s.calls.map((c) => c.outcome)).toEqual(["timeout", "timeout", "timeout"]);
    expect(s.items[0].failure_detail).toMatch(/No reply within 0.3 s \(timeout\) \(after 3 tries\)/);
  });

  it("stops a run after three items in a row cannot reach the model", async () => {
    const s = await run(() => ({ type: "error", status: 503 }), { count: 6 }, { llm: client({ maxRetries: 0 }) });
    expectConsistent(s);
    expect(s.job.status).toBe("stopped");
    expect(s.job.stop_reason).toMatch(/^Stopped after 3 items in a row failed/);
    expect(s.items).toHaveLength(3);
    expect(fake.requests).toHaveLength(3);
  });

  it("the spend limit stops a run before a call could exceed it", async () => {
    const s = await run(goodHandler({ usage: { prompt_tokens: 4000, completion_tokens: 1500 } }), { count: 20, spendLimitUsd: 0.05 });
    expectConsistent(s);
    expect(s.job.status).toBe("stopped");
    expect(s.job.stop_reason).toMatch(/^Spend limit reached: \$0\.0\d+ spent of \$0\.05/);
    expect(Number(s.job.spent_usd)).toBeLessThanOrEqual(0.05);
    expect(s.summary.accepted).toBeGreaterThan(0);
    expect(s.summary.accepted).toBeLessThan(20);
    const last = s.items.at(-1)!;
    expect(last).toMatchObject({ status: "cancelled", failure_reason: "spend_limit", calls: 0 });
  });

  it("draft from a brief: the model writes the clean text, then flaws; both calls recorded", async () => {
    const s = await run([{ type: "json", value: { title: "Too short", text: "one line" } }, { type: "json", value: cleanDraftValue("Regional limits v2") }, good], { mode: "brief" });
    expectConsistent(s);
    expect(s.summary).toMatchObject({ accepted: 1, calls: 3 });
    expect(fake.requests.map(schemaName)).toEqual(["clean_draft", "clean_draft", "flaw_edits"]);
    expect(fake.requests[1].body.messages!.at(-1)!.content).toMatch(/"text" has 1 lines; write a complete document of at least 12 lines/);
    const draft = rowToDraft(s.drafts[0]);
    expect(draft.cleanText).toBe(cleanDraftValue().text.replace(/\n+$/, "\n"));
    expect(draft.title).toBe("Regional limits v2");
    expect(draft.brief).toBe(SOURCE.brief);
    expect(s.calls.map((c) => c.purpose)).toEqual(["draft", "draft-repair", "flaws"]);
    // A written draft has no checks: only the visible-change rule applied, as its label says.
    expect(draft.generator).toBe("openai:fake-model;proof=visible");
  });

  describe("model-written flaws in a pack with checks get the executable proof", () => {
    // A software source with a check module (tests/fixtures/packs/model-proof): each edit alone must
    // make a check fail (or the document error), else it changes nothing observable.
    const root = "tests/fixtures/packs/model-proof";
    const text = fs.readFileSync(path.join(root, "software/sources/find-index.ts"), "utf8");
    const source: SourceDoc = { id: "find-index", domain: "software", title: "Find an item by id", format: "code", language: "typescript", difficulty: 2, brief: "Find the first item with a given id; count positive amounts.", text, sites: [] };
    const pack: Pack = { ...FIXTURE_PACK, domain: "software", sources: [source] };
    const edit = (original: string, replacement: string, category: string, explanation: string): FakeHandler => () => ({
      type: "json",
      value: { edits: [{ category, original, replacement, explanation, keyPoints: [{ text: "The comparison is wrong", phrases: ["wrong comparison"] }], hint: "Look at the comparison." }] },
    });
    const swapped = edit("if (items[i].id === wanted) return i;", "if (wanted === items[i].id) return i;", "wrong-comparison", "The operands of the id comparison are in the wrong order, so the wrong item is found.");
    const commentOnly = edit("// Ids are compared exactly, case included.", "// Ids are compared ignoring case.", "wrong-comparison", "The id comparison ignores case, so an item with id A is found when a is wanted.");
    const realFlaw = edit("for (const a of amounts) if (a > 0) n++;", "for (const a of amounts) if (a >= 0) n++;", "off-by-one", "Zero amounts are counted as positive, so the count is too high.");
    const runProved = (script: FakeHandler[]) => run(script, { domain: "software" }, { pack, proofRoot: root });

    it("a swapped symmetric operand (a === b -> b === a) is sent back as changing nothing observable; the repaired real flaw is stored, labelled proven by checks", { timeout: 180_000 }, async () => {
      const s = await runProved([swapped, realFlaw]);
      expectConsistent(s);
      expect(s.summary).toMatchObject({ accepted: 1, calls: 2 });
      expect(fake.requests[1].body.messages!.at(-1)!.content).toMatch(/Edit 1 \("if \(items\[i\]\.id === wanted\) return i;" -> "if \(wanted === items\[i\]\.id\) return i;"\) changes nothing observable: every check of the source passes on the edited text/);
      expect(JSON.parse(s.items[0].notes!)[0]).toMatch(/^round 1: Edit 1 .*changes nothing observable/);
      const draft = rowToDraft(s.drafts[0]);
      expect(draft.answerKey.map((e) => e.replacement)).toEqual(["for (const a of amounts) if (a >= 0) n++;"]);
      expect(draft.generator).toBe("openai:fake-model;proof=checks");
    });

    it("an edit only inside a comment, presented as a logic error: rejected after the configured repair rounds with the reason recorded, nothing stored", { timeout: 180_000 }, async () => {
      const s = await runProved([commentOnly, commentOnly, commentOnly]);
      expectConsistent(s);
      expect(s.drafts).toHaveLength(0);
      expect(fake.requests).toHaveLength(3);
      expect(s.items[0]).toMatchObject({ status: "rejected", failure_reason: "not_observable", rounds: 3 });
      expect(s.items[0].failure_detail).toMatch(/^No proven edits after 3 rounds: Edit 1 \("\/\/ Ids are compared exactly, case included\." -> .*changes nothing observable/);
      expect(JSON.parse(s.items[0].notes!).filter((n: string) => /changes nothing observable/.test(n))).toHaveLength(3);
    });

    it("swapped operands every round: rejected, 0 stored", { timeout: 180_000 }, async () => {
      const s = await runProved([swapped, swapped, swapped]);
      expectConsistent(s);
      expect(s.drafts).toHaveLength(0);
      expect(s.items[0]).toMatchObject({ status: "rejected", failure_reason: "not_observable", rounds: 3 });
    });

    it("an edit that makes the document not compile is sent back as such (a reader would see a syntax error); the repaired real flaw is stored", { timeout: 180_000 }, async () => {
      const broken = edit("for (const a of amounts) if (a > 0) n++;", "for (const a of amounts) if (a > 0 n++;", "off-by-one", "The positive test is wrong, so the count is off.");
      const s = await runProved([broken, realFlaw]);
      expectConsistent(s);
      expect(s.summary).toMatchObject({ accepted: 1, calls: 2 });
      expect(fake.requests[1].body.messages!.at(-1)!.content).toMatch(/Edit 1 \(.*\) makes the document not compile \(find-index\.ts:\d+: '\)' expected\.\): a reader would see a syntax error, not a flaw/);
      expect(rowToDraft(s.drafts[0]).generator).toBe("openai:fake-model;proof=checks");
    });

    // The data pack: the same proof on a real SQL engine (embedded PostgreSQL), judged by the rows
    // the report returns on the fixture (tests/fixtures/packs/model-proof/data).
    const sqlText = fs.readFileSync(path.join(root, "data/sources/paid-revenue.sql"), "utf8");
    const sqlSource: SourceDoc = { id: "paid-revenue", domain: "data", title: "Paid revenue per customer", format: "sql", language: "sql", difficulty: 2, brief: "Paid revenue per customer with at least 10.00 paid, largest first.", text: sqlText, sites: [] };
    const dataPack: Pack = { ...FIXTURE_PACK, domain: "data", sources: [sqlSource] };
    // The embedded engine starts in this process (seconds, minutes on a loaded machine): the model
    // gets a timeout that the start cannot exceed, so only the proof decides what is sent back.
    const runProvedSql = (script: FakeHandler[]) => run(script, { domain: "data" }, { pack: dataPack, proofRoot: root, llm: client({ timeoutMs: 120_000 }) });
    const mirroredFilter = edit("WHERE status = 'paid'", "WHERE 'paid' = status", "wrong-comparison", "The status filter compares the wrong way round, so orders that are not paid are counted.");
    const thresholdFlaw = edit("HAVING sum(amount_cents) >= 1000", "HAVING sum(amount_cents) > 1000", "off-by-one", "A customer with exactly 10.00 paid is left out of the report.");

    it("SQL: an edit that changes nothing in the query's result is sent back; the real flaw is stored, labelled proven by checks", { timeout: 300_000 }, async () => {
      const s = await runProvedSql([mirroredFilter, thresholdFlaw]);
      expectConsistent(s);
      expect(s.summary).toMatchObject({ accepted: 1, calls: 2 });
      expect(fake.requests[1].body.messages!.at(-1)!.content).toMatch(/Edit 1 \("WHERE status = 'paid'" -> "WHERE 'paid' = status"\) changes nothing observable: every check of the source passes on the edited text/);
      const draft = rowToDraft(s.drafts[0]);
      expect(draft.answerKey.map((e) => e.replacement)).toEqual(["HAVING sum(amount_cents) > 1000"]);
      expect(draft.generator).toBe("openai:fake-model;proof=checks");
    });

    it("SQL: an equivalent edit every round is rejected as changing nothing observable, 0 stored", { timeout: 300_000 }, async () => {
      const s = await runProvedSql([mirroredFilter, mirroredFilter, mirroredFilter]);
      expectConsistent(s);
      expect(s.drafts).toHaveLength(0);
      expect(s.items[0]).toMatchObject({ status: "rejected", failure_reason: "not_observable", rounds: 3 });
      expect(JSON.parse(s.items[0].notes!).filter((n: string) => /changes nothing observable/.test(n))).toHaveLength(3);
    });
  });

  it("two instances racing for one queued job: exactly one runs it, the other is refused", async () => {
    t = await createTestDb(dialect);
    const other = createDatabase(t.url); // a second app instance on the same database
    try {
      fake.use(good);
      const jobId = await createGenerationJob(t.db, { domain: "fixture", mode: "flaws", count: 2, difficulty: 2, spendLimitUsd: 5, origin: "test" }, "fake-model");
      const opts = { llm: client(), pack: PACK, contentHash: "fixture-hash", concurrency: 1, cancelPollMs: 50, seed: 42 };
      const results = await Promise.allSettled([runGenerationJob(t.db, jobId, opts), runGenerationJob(other, jobId, opts)]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r): r is PromiseRejectedResult => r.status === "rejected")!;
      expect(refused.reason).toBeInstanceOf(ConflictError);
      expect(String(refused.reason.message)).toMatch(/not queued/);
      const s = await state(jobId);
      expect(s.items).toHaveLength(2);
      expect(s.job.status).toBe("done");
      expectConsistent(s);

      const next = await createGenerationJob(t.db, { domain: "fixture", mode: "flaws", count: 1, difficulty: 2, spendLimitUsd: 5, origin: "test" }, "fake-model");
      const claims = await Promise.all(Array.from({ length: 10 }, (_, i) => claimGenerationJob(i % 2 ? t.db : other, next)));
      expect(claims.filter(Boolean)).toHaveLength(1);
    } finally {
      await other.destroy();
    }
  });

  it("the job list shows a job whose process stopped as interrupted without writing; starting a job records it", async () => {
    t = await createTestDb(dialect);
    const jobId = await createGenerationJob(t.db, { domain: "fixture", mode: "flaws", count: 1, difficulty: 2, spendLimitUsd: 5, origin: "test" }, "fake-model");
    const old = new Date(Date.now() - 60 * 60 * 1000).toISOString();
    await t.db.updateTable("generation_jobs").set({ status: "running", updated_at: old }).where("id", "=", jobId).execute();
    const [shown] = await listGenerationJobs(t.db, { orgId: null });
    expect(shown).toMatchObject({ id: jobId, status: "failed", active: false, stopReason: expect.stringMatching(/^Interrupted/) });
    expect((await state(jobId)).job).toMatchObject({ status: "running", updated_at: old });
    await failStaleJobs(t.db);
    expect((await state(jobId)).job).toMatchObject({ status: "failed", stop_reason: expect.stringMatching(/^Interrupted/) });
  });

  it("concurrent generations keep counters and call records exact", async () => {
    const s = await run(goodHandler(), { count: 6 }, { concurrency: 3 });
    expectConsistent(s);
    expect(s.summary).toMatchObject({ status: "done", accepted: 6, calls: 6 });
    expect(new Set(s.items.map((i) => i.seq))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
  });

  it("cancel aborts the call in flight and leaves no draft and no running item", async () => {
    t = await createTestDb(dialect);
    fake.use([{ type: "hold", then: { type: "json", value: { edits: [] } } }]);
    const jobId = await createGenerationJob(t.db, { domain: "fixture", mode: "flaws", count: 3, difficulty: 2, spendLimitUsd: 5, origin: "test" }, "fake-model");
    const done = runGenerationJob(t.db, jobId, { llm: client({ timeoutMs: 10_000 }), pack: PACK, concurrency: 1, cancelPollMs: 50 });
    await fake.waitForHeld(1);
    expect(await cancelGenerationJob(t.db, jobId, { orgId: null })).toBe(true);
    const summary = await done;
    expect(summary.status).toBe("cancelled");
    const s = await state(jobId);
    expectConsistent(s);
    expect(s.items.map((i) => i.status)).toEqual(["cancelled"]);
    expect(s.calls.map((c) => c.outcome)).toEqual(["cancelled"]);
    expect(await cancelGenerationJob(t.db, jobId, { orgId: null })).toBe(false); // already over
    const [dto] = await listGenerationJobs(t.db, { orgId: null });
    expect(dto).toMatchObject({ status: "cancelled", active: false, done: 0 });
  });

  it("a cancel written by another process (only the flag in the database) is noticed", async () => {
    t = await createTestDb(dialect);
    fake.use(() => ({ type: "hold", then: { type: "json", value: { edits: [] } } }));
    const jobId = await createGenerationJob(t.db, { domain: "fixture", mode: "flaws", count: 2, difficulty: 2, spendLimitUsd: 5, origin: "cli" }, "fake-model");
    const done = runGenerationJob(t.db, jobId, { llm: client({ timeoutMs: 10_000 }), pack: PACK, concurrency: 1, cancelPollMs: 30 });
    await fake.waitForHeld(1);
    await t.db.updateTable("generation_jobs").set({ cancel_requested: 1 }).where("id", "=", jobId).execute();
    expect((await done).status).toBe("cancelled");
    expectConsistent(await state(jobId));
  });

  it("holds no transaction during a model call: another writer writes while the server holds the reply", async () => {
    t = await createTestDb(dialect);
    fake.use([(r) => ({ type: "hold", then: { type: "json", value: goodEdits(documentOf(r), categoriesOf(r), 3) } })]);
    const jobId = await createGenerationJob(t.db, { domain: "fixture", mode: "flaws", count: 1, difficulty: 2, spendLimitUsd: 5, origin: "test" }, "fake-model");
    const done = runGenerationJob(t.db, jobId, { llm: client({ timeoutMs: 10_000 }), pack: PACK, concurrency: 1 });
    await fake.waitForHeld(1);
    // Writes to the rows the run itself writes (its job, the drafts table) must not wait on it.
    const writes = (async () => {
      await t.db.updateTable("generation_jobs").set({ updated_at: new Date().toISOString() }).where("id", "=", jobId).execute();
      await insertDrafts(t.db, [generateDraft(FIXTURE_SOURCE, FIXTURE_PACK, { seed: 3, flawCount: 1 })]);
      return "written";
    })();
    const outcome = await Promise.race([writes, new Promise((r) => setTimeout(() => r("blocked"), 4000))]);
    expect(outcome).toBe("written");
    expect(fake.held()).toBe(1); // the reply is still being held: the write happened during the call
    fake.release();
    const summary = await done;
    const s = await state(jobId);
    expect(s.items.map((i) => [i.status, i.failure_detail])).toEqual([["accepted", null]]);
    expect(summary.accepted).toBe(1);
    expect(s.drafts).toHaveLength(2);
  });

  it("suggestGrade: a structured grade, cached, recorded; null without a model or on a bad reply", async () => {
    t = await createTestDb(dialect);
    const flaw = { explanation: "The loop runs n + 1 times.", keyPoints: [{ text: "One too many", phrases: ["one too many"] }, { text: "Out of bounds", phrases: ["out of bounds"] }] };
    fake.use([{ type: "json", value: { coveredKeyPoints: [0], grade: 2, rationale: "Names the extra iteration but not the out-of-bounds read. More text." } }, { type: "json", value: { coveredKeyPoints: [7], grade: 3, rationale: "All." } }]);
    const llm = client();
    const g = await suggestGrade({ explanation: "It loops one time too many.", flaw }, { llm, db: t.db });
    expect(g).toEqual({ grade: 2, coveredKeyPoints: [0], rationale: "Names the extra iteration but not the out-of-bounds read.", model: "fake-model" });
    expect(fake.requests[0].body.response_format?.json_schema?.name).toBe("grade");
    expect(await suggestGrade({ explanation: "It loops one time too many.", flaw }, { llm, db: t.db })).toEqual(g);
    expect(fake.requests).toHaveLength(1); // cached
    expect(await suggestGrade({ explanation: "Different words entirely.", flaw }, { llm, db: t.db })).toBeNull(); // index 7 does not exist
    expect(await suggestGrade({ explanation: "Anything.", flaw }, { llm: null, db: t.db })).toBeNull();
    const calls = await t.db.selectFrom("model_calls").select(["purpose", "outcome"]).execute();
    expect(calls).toEqual([
      { purpose: "grade", outcome: "ok" },
      { purpose: "grade", outcome: "ok" },
    ]);
  });
});

describe("model configuration from the environment", () => {
  const keys = ["OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL"] as const;
  const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
  afterEach(() => {
    for (const k of keys) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    resetEnvForTests();
  });
  const set = (v: Partial<Record<(typeof keys)[number], string>>) => {
    for (const k of keys) delete process.env[k];
    Object.assign(process.env, v);
    resetEnvForTests();
  };

  it("is off without any OPENAI_* variable (the offline engine is used)", () => {
    set({});
    expect(llmConfigFromEnv()).toBeNull();
  });
  it("refuses a key without a model, and a model with nowhere to run, naming the variable", () => {
    set({ OPENAI_API_KEY: "sk-test" });
    expect(() => env()).toThrow(/OPENAI_MODEL: OPENAI_MODEL is required when OPENAI_API_KEY is set/);
    set({ OPENAI_MODEL: "gpt-4o-mini" });
    expect(() => env()).toThrow(/OPENAI_API_KEY: OPENAI_MODEL is set, but neither OPENAI_API_KEY/);
  });
  it("refuses a malformed or non-http base URL", () => {
    set({ OPENAI_BASE_URL: "not a url", OPENAI_MODEL: "llama3.1" });
    expect(() => env()).toThrow(/OPENAI_BASE_URL must be a URL such as http:\/\/127.0.0.1:11434\/v1/);
    set({ OPENAI_BASE_URL: "localhost:11434", OPENAI_MODEL: "llama3.1" });
    expect(() => env()).toThrow(/must start with http:\/\/ or https:\/\//);
    set({ OPENAI_BASE_URL: "ftp://127.0.0.1/v1", OPENAI_MODEL: "llama3.1" });
    expect(() => env()).toThrow(/must start with http:\/\/ or https:\/\//);
  });
  it("accepts a local server without a key, and prices an unknown model at the fallback", () => {
    set({ OPENAI_BASE_URL: "http://127.0.0.1:11434/v1", OPENAI_MODEL: "llama3.1" });
    const c = llmConfigFromEnv()!;
    expect(c).toMatchObject({ model: "llama3.1", baseURL: "http://127.0.0.1:11434/v1", pricing: { known: false } });
    set({ OPENAI_API_KEY: "sk-x", OPENAI_MODEL: "gpt-4o-mini-2024-07-18" });
    expect(llmConfigFromEnv()!.pricing).toEqual({ inputPerMTok: 0.15, outputPerMTok: 0.6, known: true });
  });
  it("reads retry-after in seconds, milliseconds and as a date", () => {
    expect(retryAfterMs(new Headers({ "retry-after": "2" }))).toBe(2000);
    expect(retryAfterMs(new Headers({ "retry-after-ms": "150", "retry-after": "9" }))).toBe(150);
    expect(retryAfterMs(new Headers({ "retry-after": new Date(10_000).toUTCString() }), 4_000)).toBe(6_000);
    expect(retryAfterMs(new Headers())).toBeUndefined();
  });
});

// Each case starts the CLI through tsx: seconds on a quiet machine, far longer on a loaded one.
describe("npm run generate -- --generator openai", () => {
  const exec = promisify(execFile);
  async function cli(args: string[], extraEnv: Record<string, string> = {}) {
    const env: NodeJS.ProcessEnv = { ...process.env, CI: "1" };
    for (const k of Object.keys(env)) if (k.startsWith("OPENAI_")) delete env[k];
    Object.assign(env, extraEnv);
    try {
      const { stdout, stderr } = await exec(process.execPath, ["--import", "tsx", "scripts/generate.ts", ...args], { env });
      return { code: 0, out: stdout + stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, out: err.stdout + err.stderr };
    }
  }

  it("refuses bad arguments with a message, and says how to configure a model", { timeout: 180_000 }, async () => {
    const [gen, mode, noModel] = await Promise.all([
      cli(["--generator", "gpt", "--domain", "legal", "--count", "2"]),
      cli(["--domain", "legal", "--count", "2", "--mode", "brief"]),
      cli(["--generator", "openai", "--domain", "legal", "--count", "2"]),
    ]);
    expect(gen).toMatchObject({ code: 2, out: expect.stringContaining('Unknown --generator "gpt". Choose offline or openai.') });
    expect(mode).toMatchObject({ code: 2, out: expect.stringContaining("--mode applies to --generator openai only.") });
    expect(noModel).toMatchObject({ code: 2, out: expect.stringContaining("--generator openai needs a model: set OPENAI_MODEL and OPENAI_API_KEY") });
  });

  it("stores verified model drafts with progress and a per-domain summary", { timeout: 180_000 }, async () => {
    fake.use(goodHandler());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-cli-"));
    const url = `file:${path.join(dir, "cli.db")}`;
    try {
      const r = await cli(["--generator", "openai", "--domain", "legal", "--count", "2", "--difficulty", "2", "--spend-limit", "0.5"], {
        DATABASE_URL: url,
        OPENAI_BASE_URL: fake.baseURL,
        OPENAI_MODEL: "fake-model",
      });
      expect(r.out).toContain("legal: done — 2 accepted, 0 rejected, 2 model calls");
      expect(r.out).toMatch(/generate: 2\/2 \(100%\)/);
      expect(r.code).toBe(0);
      const db = createDatabase(url);
      const drafts = await db.selectFrom("drafts").selectAll().where("generator", "like", "openai:fake-model;%").execute();
      const jobs = await db.selectFrom("generation_jobs").select(["origin", "status"]).execute();
      await db.destroy();
      expect(drafts).toHaveLength(2);
      for (const d of drafts) expect(verifyDraft(rowToDraft(d))).toEqual({ ok: true });
      expect(jobs).toEqual([{ origin: "cli", status: "done" }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
