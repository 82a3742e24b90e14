// Before submission, nothing of the answer key may reach the trainee: not in page HTML, loader
// data (<path>.data), action responses or error pages. Unique markers are planted in every part
// of a draft's key, then everything the trainee can fetch is searched for them.
import { beforeAll, describe, expect, it } from "vitest";
import { buildDraft } from "~/domain/generation/generate";
import { insertDrafts } from "~/models/draft.server";
import { e2eFixture } from "../support/e2e";

const M = {
  clean: "MKCLEANTEXT7781",
  category: "mk-category-7781",
  explanation: "MKEXPLANATION7781",
  keyPointText: "MKKEYPOINTTEXT7781",
  phrase: "mkphrase7781",
  hint1: "MKHINTONE7781",
  hint2: "MKHINTTWO7781",
  original: "MKORIGINAL7781",
};

const e2e = e2eFixture({ browser: false });
let attemptId = "";

const text = Array.from({ length: 40 }, (_, i) => (i === 9 ? `const limit = "${M.clean}"; // ${M.original}` : i === 24 ? "for (let i = 0; i < n; i++) total += xs[i];" : `const line${i} = ${i};`)).join("\n") + "\n";

beforeAll(async () => {
  const line10 = text.indexOf(`"${M.clean}"`);
  const loop = text.indexOf("i < n");
  const draft = buildDraft(
    { id: "leak-source", domain: "software", title: "Leak test draft", format: "code", language: "typescript", brief: "Sum the first n numbers and keep the limit.", text },
    { domain: "software" },
    [
      { start: line10, end: text.indexOf("\n", line10), replacement: '"open"; // no limit', category: M.category, severity: 3, explanation: M.explanation, keyPoints: [{ text: M.keyPointText, phrases: [M.phrase] }], hint: M.hint1, origin: { kind: "operator", operatorId: "mk" } },
      { start: loop, end: loop + 5, replacement: "i <= n", category: "off-by-one", severity: 2, explanation: M.explanation, keyPoints: [{ text: M.keyPointText, phrases: [M.phrase] }], hint: M.hint2, origin: { kind: "operator", operatorId: "mk" } },
    ],
    { seed: 1, difficulty: 2, generator: "offline", contentHash: "leak" },
  );
  const [draftId] = await insertDrafts(e2e.db, [draft]);
  const user = await e2e.db.selectFrom("users").select("id").where("email", "=", "trainee1@redline.test").executeTakeFirstOrThrow();
  attemptId = crypto.randomUUID();
  const now = new Date().toISOString();
  await e2e.db
    .insertInto("attempts")
    .values({ id: attemptId, user_id: user.id, draft_id: draftId, status: "open", started_at: now, first_flag_at: null, submitted_at: null, hints_taken: "[]", auto_total: null, auto_score: null, final_total: null, final_score: null, domain: "software", updated_at: now })
    .execute();
});

function leaks(body: string, allowed: string[] = []): string[] {
  return Object.entries(M)
    .filter(([, v]) => !allowed.includes(v))
    .filter(([, v]) => body.toLowerCase().includes(v.toLowerCase()))
    .map(([k]) => k);
}

describe("answer key secrecy before submission", () => {
  it("nothing of the key is in any page, loader data, action response or error page", async () => {
    const c = await e2e.client("trainee1@redline.test");
    const ex = `/practice/attempts/${attemptId}`;
    const responses: [string, { status: number; body: string }][] = [];
    const grab = async (label: string, p: Promise<{ status: number; body: string }>) => responses.push([label, await p]);

    await grab("exercise page", c.get(ex));
    await grab("exercise data", c.get(`${ex}.data`));
    await grab("exercise route data", c.get(`${ex}.data?_routes=${encodeURIComponent("routes/practice.attempts.$attemptId")}`));
    await grab("root data", c.get(`${ex}.data?_routes=root`));
    await grab("results before submit", c.get(`/practice/results/${attemptId}`));
    await grab("results data before submit", c.get(`/practice/results/${attemptId}.data`));
    await grab("practice home", c.get("/practice"));
    await grab("practice home data", c.get("/practice.data"));
    await grab("progress", c.get("/practice/progress"));
    await grab("progress data", c.get("/practice/progress.data"));
    await grab("add finding (invalid)", c.post(`${ex}.data`, { intent: "add", lineFrom: "99", lineTo: "1", category: "nope", explanation: "short", confidence: "20" }));
    await grab("add finding (valid)", c.post(`${ex}.data`, { intent: "add", lineFrom: "25", lineTo: "25", category: "off-by-one", explanation: "Loop bound is wrong, n + 1 iterations.", confidence: "80" }));
    await grab("page after finding", c.get(ex));
    await grab("unknown intent", c.post(ex, { intent: "reveal" }));
    await grab("missing attempt", c.get(`/practice/attempts/${crypto.randomUUID()}`));
    await grab("mentor page (403)", c.get("/mentor"));

    // The crawl really reached the draft: the page and its data carry the flawed text.
    const page = responses.find(([l]) => l === "exercise page")![1];
    expect(page.status).toBe(200);
    expect(page.body).toContain("no limit");
    expect(responses.find(([l]) => l === "exercise data")![1].body).toContain("no limit");
    for (const [label, r] of responses) expect(leaks(r.body), `${label} (HTTP ${r.status})`).toEqual([]);

    // Taking one hint reveals that hint (at its cost) and nothing else.
    const hint = await c.post(ex, { intent: "hint" });
    expect(hint.status).toBe(302);
    const withHint = await c.get(ex);
    expect(withHint.body).toContain(M.hint1);
    expect(leaks(withHint.body, [M.hint1])).toEqual([]);
    expect(leaks((await c.get(`${ex}.data`)).body, [M.hint1])).toEqual([]);
  });

  it("another trainee can neither read nor change the attempt (404)", async () => {
    const other = await e2e.client("trainee2@redline.test");
    const ex = `/practice/attempts/${attemptId}`;
    for (const r of [await other.get(ex), await other.get(`${ex}.data`), await other.get(`/practice/results/${attemptId}`), await other.post(ex, { intent: "submit" })]) {
      expect(r.status).toBe(404);
      expect(leaks(r.body)).toEqual([]);
    }
  });

  it("after submission the key is revealed, and the attempt can no longer change", async () => {
    const c = await e2e.client("trainee1@redline.test");
    const ex = `/practice/attempts/${attemptId}`;
    expect((await c.post(ex, { intent: "submit" })).location).toBe(`/practice/results/${attemptId}`);
    const results = await c.get(`/practice/results/${attemptId}`);
    expect(results.status).toBe(200);
    expect(results.body).toContain(M.explanation);
    expect(results.body).toContain(M.clean);
    const late = await c.post(ex, { intent: "add", lineFrom: "1", lineTo: "1", category: "off-by-one", explanation: "A late finding after submit.", confidence: "80" });
    expect(late.location).toBe(`/practice/results/${attemptId}`);
    const rows = await e2e.db.selectFrom("findings").select("findings.id").innerJoin("attempts", "attempts.id", "findings.attempt_id").where("attempts.id", "=", attemptId).execute();
    expect(rows).toHaveLength(1);
  });
});
