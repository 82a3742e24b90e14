// The XSS corpus: markup and script payloads stored in every kind of text people or the model
// write (trainee and cohort names, explanations, fixes, quotes, mentor comments and feedback,
// program names and descriptions, the model-written draft's title, brief, lines and answer key, a
// browser's user agent), then every page that shows them loaded in Chromium. Each page must show the
// payload as text, open no dialog, run none of it, add none of its elements and report no CSP
// violation.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_PACK, FIXTURE_SOURCE } from "~/domain/generation/fixture-pack";
import { generateDraft } from "~/domain/generation/generate";
import { addFinding, submitAttempt } from "~/models/attempt.server";
import { addCohortMember, createCohort } from "~/models/cohort.server";
import { insertDrafts } from "~/models/draft.server";
import { assignProgram, saveProgram } from "~/models/program.server";
import { publishReview } from "~/models/review.server";
import { reviewDTO } from "~/models/review-view.server";
import { createSession } from "~/models/session.server";
import { createUser } from "~/models/user.server";
import { newContext, signIn } from "../support/browser";
import { e2eFixture } from "../support/e2e";
import { openAttempt } from "../support/org";

/** One payload per place, tagged so a page that runs it names where it came from. */
function payload(tag: string): string {
  return [
    `XSS-${tag}`,
    `<img src=x data-xss onerror="window.__xss='${tag}';alert('${tag}')">`,
    `<script data-xss>window.__xss='${tag}';alert('${tag}')</script>`,
    `"'><svg data-xss onload="alert('${tag}')"></svg>`,
    `</textarea></title></script><script>alert('${tag}')</script>`,
    `<a data-xss href="javascript:alert('${tag}')">link</a>`,
    `<iframe data-xss srcdoc="<script>parent.alert('${tag}')</script>"></iframe>`,
    // Markdown: briefs, prose drafts, explanations and feedback are rendered from it.
    `[md-link](javascript:alert('${tag}')) [md-data](data:text/html,<script>alert('${tag}')</script>) ![md-img](x" onerror="alert('${tag}'))`,
  ].join(" ");
}

/** Invisible characters that would make text read differently: shown as markers, never acting. */
const BIDI = " bidi: \u202Eevil\u202C zero\u200Bwidth \u2066isolate\u2069";

/** For fields limited to 100 characters. */
const short = (tag: string) => `XSS-${tag} <img src=x data-xss onerror=alert('${tag}')>"'><b data-xss>`;

const e2e = e2eFixture();
const ids = {} as { trainee: string; open: string; done: string; draft: string; program: string; cert: string; prose: string };

/** A prose draft (rendered from markdown line by line) with payloads in headings, lists and table cells. */
function proseText(tag: string): string {
  return [
    `# XSS-${tag} <img src=x data-xss onerror="alert('${tag}')">`,
    "",
    payload(`${tag}-para`),
    `- [item](javascript:alert('${tag}')) <svg data-xss onload="alert('${tag}')">`,
    "",
    "| Item | Amount |",
    "|---|---:|",
    `| <img src=x data-xss onerror="alert('${tag}')"> | <a data-xss href="javascript:alert('${tag}')">1</a> |`,
    `| [cell](javascript:alert('${tag}')) | <script data-xss>alert('${tag}')</script> |`,
  ].join("\n");
}

beforeAll(async () => {
  const admin = await e2e.db.selectFrom("users").select(["id", "org_id as orgId", "role", "name"]).where("email", "=", "admin@redline.test").executeTakeFirstOrThrow();
  const mentor = await e2e.db.selectFrom("users").select(["id", "org_id as orgId", "role", "name"]).where("email", "=", "mentor1@redline.test").executeTakeFirstOrThrow();
  const trainee = await createUser(e2e.db, { orgId: admin.orgId, email: "xss@redline.test", name: payload("trainee-name"), role: "trainee", password: "redline-demo" });
  const cohort = await createCohort(e2e.db, admin.orgId, payload("cohort-name"));
  await addCohortMember(e2e.db, admin.orgId, cohort, trainee.id);
  await addCohortMember(e2e.db, admin.orgId, cohort, mentor.id);

  // A model-written draft whose every text carries a payload.
  const base = generateDraft(FIXTURE_SOURCE, FIXTURE_PACK, { seed: 11, flawCount: 3, categories: ["off-by-one", "missing-await"] });
  const line = `// ${payload("draft-line")}`;
  const [draft] = await insertDrafts(e2e.db, [
    {
      ...base,
      domain: "software",
      title: payload("draft-title"),
      brief: payload("draft-brief"),
      cleanText: `${base.cleanText}\n${line}`,
      flawedText: `${base.flawedText}\n${line}`,
      answerKey: base.answerKey.map((k) => ({ ...k, explanation: payload("answer-key") + BIDI })),
    },
  ]);

  // The same payloads in a prose draft, rendered from markdown.
  const proseBase = generateDraft(FIXTURE_SOURCE, FIXTURE_PACK, { seed: 12, flawCount: 0, categories: ["off-by-one"] });
  const [prose] = await insertDrafts(e2e.db, [
    { ...proseBase, domain: "software", format: "table", language: "markdown", title: short("prose-title"), brief: payload("prose-brief"), cleanText: proseText("prose"), flawedText: proseText("prose"), answerKey: [] },
  ]);
  const proseAttempt = await openAttempt(e2e.db, trainee.id, prose);

  const finding = (tag: string) => ({ lineFrom: 1, lineTo: 1, category: "off-by-one", confidence: 80, explanation: payload(`${tag}-explanation`), suggestedFix: payload(`${tag}-fix`), quote: payload(`${tag}-quote`) });
  const done = await openAttempt(e2e.db, trainee.id, draft);
  const f1 = await addFinding(e2e.db, trainee.id, done, finding("submitted"));
  await submitAttempt(e2e.db, trainee.id, done);
  const viewer = { id: mentor.id, orgId: mentor.orgId, role: mentor.role, name: mentor.name };
  const review = await reviewDTO(e2e.db, viewer, done);
  const published = await publishReview(e2e.db, viewer, done, { feedback: payload("feedback") + BIDI, findings: [{ findingId: f1, verdict: "partly", grade: 2, comment: payload("comment") + BIDI, unseeded: false }] }, review.attempt.version);
  expect(published.ok).toBe(true);
  const open = await openAttempt(e2e.db, trainee.id, draft);
  await addFinding(e2e.db, trainee.id, open, finding("open"));

  const program = await saveProgram(e2e.db, admin, null, {
    name: short("program"),
    description: payload("program-description"),
    modules: [{ title: short("module"), domains: ["software"], difficultyMin: "1", difficultyMax: "3", drafts: "2", minMeanScore: "40", lastN: "2", dueDays: "7" }],
  });
  await assignProgram(e2e.db, admin, program, cohort, new Date().toISOString().slice(0, 10));
  const cert = "c0ffee".padEnd(32, "0");
  await e2e.db
    .insertInto("certificates")
    .values({ id: cert, user_id: trainee.id, program_id: program, issued_at: new Date().toISOString(), content: JSON.stringify({ trainee: payload("cert-name"), organisation: payload("cert-org"), program: payload("cert-program"), version: 1, startDate: "2026-01-05", modules: [] }) })
    .execute();
  await createSession(e2e.db, trainee.id, { userAgent: payload("user-agent"), client: "127.0.0.1" }, { idleMs: 3_600_000, absoluteMs: 86_400_000 });
  Object.assign(ids, { trainee: trainee.id, open, done, draft, program, cert, prose: proseAttempt });
}, 120_000);

/** Loads each page signed in as `email` and returns what went wrong, page by page. */
async function visit(email: string | null, paths: string[]): Promise<string[]> {
  const ctx = await newContext(e2e.browser);
  await ctx.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  });
  const page: Page = await ctx.newPage();
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  if (email) await signIn(page, e2e.url, email);
  const problems: string[] = [];
  for (const p of paths) {
    dialogs.length = 0;
    const res = await page.goto(e2e.url + p);
    await page.waitForLoadState("networkidle");
    const seen = await page.evaluate(() => {
      const w = window as unknown as { __csp: string[]; __xss?: string };
      return {
        xss: w.__xss ?? null,
        csp: w.__csp,
        injected: [...document.querySelectorAll("[data-xss], [onerror], [onload], iframe, a[href^='javascript:' i]")].map((e) => e.outerHTML.slice(0, 80)),
        shown: document.body.innerText.includes("XSS-"),
      };
    });
    const where = `${p} (${email ?? "anonymous"})`;
    if (res?.status() !== 200) problems.push(`${where}: status ${res?.status()}`);
    if (!seen.shown) problems.push(`${where}: no stored text shown, so nothing was tested`);
    if (seen.xss) problems.push(`${where}: ran a script from ${seen.xss}`);
    if (seen.injected.length) problems.push(`${where}: injected ${seen.injected.join(", ")}`);
    if (seen.csp.length) problems.push(`${where}: CSP violations ${seen.csp.join(" | ")}`);
    if (dialogs.length) problems.push(`${where}: dialogs ${dialogs.join(", ")}`);
  }
  await ctx.close();
  return problems;
}

describe("stored markup and scripts are shown as text on every page that shows them", () => {
  it("on the trainee's pages", async () => {
    const pages = ["/practice", `/practice/attempts/${ids.open}`, `/practice/attempts/${ids.prose}`, `/practice/results/${ids.done}`, "/practice/progress", "/notifications", "/account/sessions"];
    expect(await visit("xss@redline.test", pages)).toEqual([]);
  }, 180_000);

  it("with bidi controls and zero-width characters shown as markers in model explanations and mentor feedback", async () => {
    const ctx = await newContext(e2e.browser);
    const page = await ctx.newPage();
    await signIn(page, e2e.url, "xss@redline.test");
    await page.goto(`${e2e.url}/practice/results/${ids.done}`);
    for (const where of ['[data-testid="feedback-text"]', ".flaw-result .md", ".mentor-note .md"]) {
      const block = page.locator(where).first();
      expect(await block.locator(".format-char").allTextContents(), where).toEqual(["⟨U+202E⟩", "⟨U+202C⟩", "⟨U+200B⟩", "⟨U+2066⟩", "⟨U+2069⟩"]);
      expect(await block.innerText(), where).not.toMatch(/[\u200B\u202A-\u202E\u2066-\u2069]/);
    }
    await ctx.close();
  }, 180_000);

  it("on the mentor's pages", async () => {
    const pages = ["/mentor", "/mentor/dashboard", `/mentor/attempts/${ids.done}`, `/mentor/drafts/${ids.draft}/groups`, `/mentor/trainees/${ids.trainee}`, "/mentor/programs"];
    expect(await visit("mentor1@redline.test", pages)).toEqual([]);
  }, 180_000);

  it("on the admin's pages and the public certificate", async () => {
    expect(await visit("admin@redline.test", ["/admin", "/admin/cohorts", "/admin/programs", `/admin/programs/${ids.program}`])).toEqual([]);
    expect(await visit(null, [`/certificates/${ids.cert}`])).toEqual([]);
  }, 180_000);
});
