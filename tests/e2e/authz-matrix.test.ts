// The authorization matrix: every route file × request (GET page, GET `.data`, POST each intent) ×
// role, with the outcome each role must get, in one table. The route files are listed at test time:
// a route without an entry, an entry without a route, or an intent the route handles that the
// table does not list fails the suite.
//
// The resources belong to trainee1 (Spring cohort). Roles:
//   anon         not signed in
//   trainee      trainee1, who owns them
//   peer         trainee5 (Autumn), another trainee
//   mentor       mentor1, who mentors Spring (and Autumn)
//   outsider     mentor2, who mentors Autumn only
//   admin        the demo organisation's admin
//   alien        the admin of another organisation
// Outcomes: "ok" (200), "login" (sent to sign in), "moved" (sent elsewhere), or the status number.
// POST bodies are chosen so an allowed role reaches the route's own validation or a harmless change,
// never something later cells depend on.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoProgram } from "~/models/demo-program.server";
import { createInvite } from "~/models/invite.server";
import { createOrganisation, createUser } from "~/models/user.server";
import { e2eFixture } from "../support/e2e";
import { Client } from "../support/http";
import { openAttempt, submitted } from "../support/org";

const ROLES = ["anon", "trainee", "peer", "mentor", "outsider", "admin", "alien"] as const;
type Role = (typeof ROLES)[number];
const SIGN_IN: Record<Exclude<Role, "anon">, string> = {
  trainee: "trainee1@redline.test",
  peer: "trainee5@redline.test",
  mentor: "mentor1@redline.test",
  outsider: "mentor2@redline.test",
  admin: "admin@redline.test",
  alien: "admin@other.test",
};
/** Roles that must never see trainee1's name or writing, on any route that is not public by link. */
const STRANGERS: Role[] = ["anon", "peer", "outsider", "alien"];
const SECRET = "Matrix-secret explanation of trainee1";

type Outcome = "ok" | "login" | "moved" | 400 | 403 | 404 | 405 | 409;
/** One outcome per role, in the order of ROLES, e.g. "login ok 404 403 403 403 403". */
type Row = string;
interface Fixture {
  open: string;
  done: string;
  draft: string;
  finding: string;
  trainee1: string;
  trainee8: string;
  spring: string;
  program: string;
  cert: string;
  invite: string;
  trainee1Session: string;
}
interface Entry {
  path: (f: Fixture) => string;
  get: Row;
  /** The `.data` outcome when it differs from the page's. */
  data?: Row;
  /** POST bodies by intent; a route without an action lists none and every role gets 405. */
  post?: Record<string, { body: (f: Fixture) => Record<string, string>; expect: Row; signsOut?: boolean }>;
  /** Public by link (certificates, invites): the stranger check does not apply. */
  public?: boolean;
}

const ALL = (o: Outcome) => ROLES.map(() => String(o)).join(" ");
const SIGNED_IN = (o: Outcome) => `login ${ROLES.slice(1).map(() => String(o)).join(" ")}`;
const ADMIN_ONLY = "login 403 403 403 403 ok ok";
const MENTORS = "login 403 403 ok ok ok ok";
const TRAINEES = "login ok ok 403 403 403 403";

const MATRIX: Record<string, Entry> = {
  "_index.tsx": { path: () => "/", get: "login moved moved moved moved moved moved" },
  "account.sessions.tsx": {
    path: () => "/account/sessions",
    get: SIGNED_IN("ok"),
    post: {
      // Another user's session handle is not theirs to end.
      revoke: { body: (f) => ({ intent: "revoke", session: f.trainee1Session }), expect: "login ok 404 404 404 404 404" },
      "revoke-others": { body: () => ({ intent: "revoke-others" }), expect: SIGNED_IN("ok") },
    },
  },
  "admin._index.tsx": {
    path: () => "/admin",
    get: ADMIN_ONLY,
    post: {
      invite: { body: () => ({ intent: "invite", email: "", role: "trainee" }), expect: "login 403 403 403 403 400 400" },
      // trainee8 belongs to the demo organisation: the other organisation's admin cannot touch it.
      disable: { body: (f) => ({ intent: "disable", userId: f.trainee8 }), expect: "login 403 403 403 403 ok 404" },
      enable: { body: (f) => ({ intent: "enable", userId: f.trainee8 }), expect: "login 403 403 403 403 ok 404" },
      resend: { body: () => ({ intent: "resend", inviteId: "no-such-invite" }), expect: "login 403 403 403 403 404 404" },
      revoke: { body: () => ({ intent: "revoke", inviteId: "no-such-invite" }), expect: "login 403 403 403 403 404 404" },
    },
  },
  "admin.cohorts.tsx": {
    path: () => "/admin/cohorts",
    get: ADMIN_ONLY,
    post: {
      create: { body: () => ({ intent: "create", name: "" }), expect: "login 403 403 403 403 400 400" },
      // Another organisation's cohort is refused as unknown (400 with "No such cohort"), and left as it was.
      rename: { body: (f) => ({ intent: "rename", cohortId: f.spring, name: "Spring cohort — analysts" }), expect: "login 403 403 403 403 ok 400" },
      add: { body: (f) => ({ intent: "add", cohortId: f.spring, userId: f.trainee8 }), expect: "login 403 403 403 403 ok 400" },
      remove: { body: (f) => ({ intent: "remove", cohortId: f.spring, userId: f.trainee8 }), expect: "login 403 403 403 403 ok 400" },
      dates: { body: (f) => ({ intent: "dates", cohortId: f.spring, startsOn: "2027-01-04", endsOn: "2027-06-30" }), expect: "login 403 403 403 403 ok 400" },
      // A preview writes nothing; another organisation's cohort is unknown.
      "bulk-preview": { body: (f) => ({ intent: "bulk-preview", cohortId: f.spring, list: "nobody@example.com" }), expect: "login 403 403 403 403 ok 400" },
      "bulk-add": { body: (f) => ({ intent: "bulk-add", cohortId: f.spring, emails: "nobody@example.com" }), expect: "login 403 403 403 403 400 400" },
      "delete-ask": { body: (f) => ({ intent: "delete-ask", cohortId: f.spring }), expect: "login 403 403 403 403 ok 400" },
      // A cohort that does not exist (deleting Spring would take the other cells' data with it).
      delete: { body: () => ({ intent: "delete", cohortId: "00000000-0000-4000-8000-000000000000" }), expect: "login 403 403 403 403 400 400" },
    },
  },
  "admin.content.tsx": {
    path: () => "/admin/content",
    get: ADMIN_ONLY,
    post: {
      // An empty phrase is refused before anything is recorded; the packs are shared by organisations.
      accept: { body: () => ({ intent: "accept", domain: "software", keyPoint: "x", kind: "add", phrase: "" }), expect: "login 403 403 403 403 400 400" },
      reject: { body: () => ({ intent: "reject", domain: "software", keyPoint: "x", kind: "add", phrase: "" }), expect: "login 403 403 403 403 400 400" },
    },
  },
  "admin.settings.tsx": {
    path: () => "/admin/settings",
    get: ADMIN_ONLY,
    post: {
      // No model is configured for this app: turning model grading on is refused, naming why.
      "model-grading-on": { body: () => ({ intent: "model-grading-on" }), expect: "login 403 403 403 403 400 400" },
      // Each admin changes only their own organisation's setting.
      "model-grading-off": { body: () => ({ intent: "model-grading-off" }), expect: "login 403 403 403 403 ok ok" },
    },
  },
  "admin.generation.tsx": {
    path: () => "/admin/generation",
    get: ADMIN_ONLY,
    post: {
      start: { body: () => ({ intent: "start" }), expect: "login 403 403 403 403 400 400" },
      // Cancelling goes back to the page whether or not the organisation has such a job.
      cancel: { body: () => ({ intent: "cancel", jobId: "no-such-job" }), expect: "login 403 403 403 403 moved moved" },
    },
  },
  "admin.programs.$programId.tsx": {
    path: (f) => `/admin/programs/${f.program}`,
    get: "login 403 403 403 403 ok 404",
    post: { save: { body: () => ({ name: "" }), expect: "login 403 403 403 403 400 400" } },
  },
  "admin.programs._index.tsx": {
    path: () => "/admin/programs",
    get: ADMIN_ONLY,
    post: { assign: { body: (f) => ({ programId: f.program, cohortId: f.spring, startDate: "" }), expect: "login 403 403 403 403 400 400" } },
  },
  "admin.programs.progress[.]csv.tsx": { path: () => "/admin/programs/progress.csv", get: ADMIN_ONLY },
  "certificates.$id.tsx": { path: (f) => `/certificates/${f.cert}`, get: ALL("ok"), public: true },
  "invite.$token.tsx": {
    path: (f) => `/invite/${f.invite}`,
    get: ALL("ok"),
    post: { accept: { body: () => ({ name: "", password: "" }), expect: ALL(400) } },
    public: true,
  },
  "login.tsx": {
    path: () => "/login",
    get: "ok moved moved moved moved moved moved",
    // Signed-in people are sent home before the form is shown again.
    post: { "sign-in": { body: () => ({ email: "", password: "" }), expect: "400 moved moved moved moved moved moved" } },
  },
  "logout.tsx": {
    path: () => "/logout",
    get: ALL("moved"),
    post: { "sign-out": { body: () => ({}), expect: "login login login login login login login", signsOut: true } },
  },
  "mentor._index.tsx": { path: () => "/mentor", get: MENTORS },
  "mentor.attempts.$attemptId.tsx": {
    path: (f) => `/mentor/attempts/${f.done}`,
    get: "login 403 403 ok 404 ok 404",
    post: {
      // An empty review (no grades) is a valid draft; a publish without the version the form was
      // rendered with is refused (it used to publish as version 0); publish-over publishes the saved draft.
      save: { body: () => ({ intent: "save", version: "0" }), expect: "login 403 403 ok 404 ok 404" },
      publish: { body: () => ({ intent: "publish" }), expect: "login 403 403 400 404 400 404" },
      "publish-over": { body: () => ({ intent: "publish-over" }), expect: "login 403 403 ok 404 ok 404" },
      suggest: { body: () => ({ intent: "suggest" }), expect: "login 403 403 ok 404 ok 404" },
      preview: { body: () => ({ intent: "preview", version: "0" }), expect: "login 403 403 ok 404 ok 404" },
      confirm: { body: () => ({ intent: "confirm", version: "0" }), expect: "login 403 403 ok 404 ok 404" },
    },
  },
  "mentor.calibration.tsx": { path: () => "/mentor/calibration", get: MENTORS },
  "mentor.dashboard.tsx": { path: () => "/mentor/dashboard", get: MENTORS },
  "mentor.drafts.$draftId.groups.tsx": {
    path: (f) => `/mentor/drafts/${f.draft}/groups`,
    // Only trainee1 has attempted this draft, so for mentor2 and the other organisation it has no group to show.
    get: "login 403 403 ok 404 ok 404",
    post: { grade: { body: (f) => ({ findingIds: f.finding, verdict: "correct", grade: "" }), expect: "login 403 403 ok 404 ok 404" } },
  },
  "mentor.export.$kind[.]csv.tsx": { path: (f) => `/mentor/export/findings.csv?trainee=${f.trainee1}`, get: "login 403 403 ok 404 ok 404" },
  "mentor.programs.tsx": {
    path: () => "/mentor/programs",
    get: MENTORS,
    post: { decide: { body: () => ({ completionId: "no-such-completion", decision: "sign-off", note: "" }), expect: "login 403 403 400 400 400 400" } },
  },
  "mentor.trainees.$userId.tsx": { path: (f) => `/mentor/trainees/${f.trainee1}`, get: "login 403 403 ok 404 ok 404" },
  "notifications.tsx": {
    path: () => "/notifications",
    get: SIGNED_IN("ok"),
    post: { "mark-read": { body: () => ({}), expect: SIGNED_IN("ok") } },
  },
  "practice._index.tsx": {
    path: () => "/practice",
    get: TRAINEES,
    post: {
      next: { body: () => ({ intent: "next", programId: "no-such-program" }), expect: "login 400 400 403 403 403 403" },
      practise: { body: () => ({ intent: "practise", category: "no-such-category" }), expect: "login 400 400 403 403 403 403" },
    },
  },
  "practice.attempts.$attemptId.tsx": {
    path: (f) => `/practice/attempts/${f.open}`,
    get: "login ok 404 403 403 403 403",
    post: {
      add: { body: () => ({ intent: "add" }), expect: "login 400 404 403 403 403 403" },
      update: { body: () => ({ intent: "update", findingId: "no-such-finding" }), expect: "login 400 404 403 403 403 403" },
      delete: { body: () => ({ intent: "delete", findingId: "no-such-finding" }), expect: "login moved 404 403 403 403 403" },
      hint: { body: () => ({ intent: "hint" }), expect: "login moved 404 403 403 403 403" },
      // Last: the owner's submit closes the attempt.
      submit: { body: () => ({ intent: "submit" }), expect: "login moved 404 403 403 403 403" },
      // After the submit: a submitted review cannot be discarded (409), another trainee's is not theirs (404).
      discard: { body: () => ({ intent: "discard" }), expect: "login 409 404 403 403 403 403" },
    },
  },
  "practice.categories.$domain.tsx": { path: () => "/practice/categories/software", get: SIGNED_IN("ok") },
  "practice.progress.tsx": { path: () => "/practice/progress", get: TRAINEES },
  "practice.results.$attemptId.tsx": {
    path: (f) => `/practice/results/${f.done}`,
    get: "login ok 404 403 403 403 403",
    post: { "mark-seen": { body: () => ({}), expect: "login ok 404 403 403 403 403" } },
  },
  "practice.scoring.tsx": { path: () => "/practice/scoring", get: SIGNED_IN("ok") },
};

const routesDir = path.resolve(import.meta.dirname, "..", "..", "app", "routes");

/** The intents a route's action handles, read from its source (`intent === "x"` and intent buttons/inputs). */
function intentsIn(file: string): string[] {
  // A form that posts to another route (action="/…") carries that route's intents, listed in its row.
  const src = fs.readFileSync(path.join(routesDir, file), "utf8").replace(/<Form\b[^>]*\baction="\/[^"]*"[^>]*>[\s\S]*?<\/Form>/g, "");
  const found = new Set<string>();
  for (const m of src.matchAll(/intent === "([\w-]+)"/g)) found.add(m[1]);
  for (const m of src.matchAll(/name="intent" value="([\w-]+)"/g)) found.add(m[1]);
  for (const m of src.matchAll(/intent="([\w-]+)"/g)) found.add(m[1]);
  return [...found].sort();
}

function parseRow(row: Row, where: string): Outcome[] {
  const cells = row.trim().split(/\s+/).map((c) => (/^\d+$/.test(c) ? Number(c) : c)) as Outcome[];
  if (cells.length !== ROLES.length) throw new Error(`${where}: ${cells.length} outcomes for ${ROLES.length} roles`);
  return cells;
}

function outcomeOf(r: { status: number; body: string; location: string | null }, isData: boolean): Outcome {
  // A document redirect is a 302 with Location; a single-fetch redirect is a 202 carrying the target.
  const target = r.status === 302 ? r.location : isData && r.status === 202 ? r.body : null;
  if (target !== null) return /\/login(\?|")/.test(target ?? "") || target === "/login" ? "login" : "moved";
  if (r.status === 200) return "ok";
  return r.status as Outcome;
}

function dataPath(p: string): string {
  const [pathname, query] = p.split("?");
  return (pathname === "/" ? "/_root.data" : `${pathname}.data`) + (query ? `?${query}` : "");
}

const e2e = e2eFixture({ browser: false });
const F = {} as Fixture;
const clients = {} as Record<Role, Client>;

async function signedIn(role: Role): Promise<Client> {
  return role === "anon" ? new Client(e2e.url) : e2e.client(SIGN_IN[role]);
}

beforeAll(async () => {
  const users = Object.fromEntries((await e2e.db.selectFrom("users").select(["id", "email", "org_id"]).execute()).map((u) => [u.email.split("@")[0], u]));
  const cohorts = await e2e.db.selectFrom("cohorts").select(["id", "name"]).execute();
  const otherOrg = await createOrganisation(e2e.db, "Other Firm");
  await createUser(e2e.db, { orgId: otherOrg, email: "admin@other.test", name: "Olive Other", role: "admin", password: "redline-demo" });
  const draft = await e2e.db.selectFrom("drafts").select("id").where("domain", "=", "software").orderBy("id").executeTakeFirstOrThrow();
  const done = await submitted(e2e.db, users.trainee1.id, draft.id, [{ lineFrom: 1, lineTo: 1, category: "off-by-one", explanation: SECRET }]);
  await seedDemoProgram(e2e.db);
  const program = await e2e.db.selectFrom("programs").select("id").executeTakeFirstOrThrow();
  const cert = crypto.randomBytes(16).toString("hex");
  await e2e.db.insertInto("certificates").values({ id: cert, user_id: users.trainee1.id, program_id: program.id, issued_at: new Date().toISOString(), content: JSON.stringify({ trainee: "Tom Becker", organisation: "Northwind Advisory (demo)", program: "Analyst onboarding", version: 1, startDate: "2026-01-05", modules: [] }) }).execute();
  const invite = await createInvite(e2e.db, { orgId: users.admin.org_id, email: "newcomer@redline.test", role: "trainee", invitedBy: users.admin.id });
  Object.assign(F, {
    open: await openAttempt(e2e.db, users.trainee1.id, draft.id),
    done: done.attemptId,
    draft: draft.id,
    finding: done.findingIds[0],
    trainee1: users.trainee1.id,
    trainee8: users.trainee8.id,
    spring: cohorts.find((c) => c.name.startsWith("Spring"))!.id,
    program: program.id,
    cert,
    invite: invite.token,
  });
  for (const role of ROLES) clients[role] = await signedIn(role);
  // trainee1's second browser: the session the "revoke" row tries to end.
  await signedIn("trainee");
  const session = await e2e.db.selectFrom("sessions").select("id").where("user_id", "=", users.trainee1.id).orderBy("created_at", "desc").executeTakeFirstOrThrow();
  F.trainee1Session = crypto.createHash("sha256").update(`handle:${session.id}`).digest("hex").slice(0, 16);
}, 120_000);

describe("authorization matrix", () => {
  it("has exactly one entry for every route file, and lists every intent each route handles", () => {
    const files = fs.readdirSync(routesDir).filter((f) => /\.(tsx?|jsx?)$/.test(f) && !/\.test\./.test(f)).sort();
    expect(Object.keys(MATRIX).sort(), "entries without a route file, or route files without an entry").toEqual(files);
    for (const file of files) {
      const listed = Object.keys(MATRIX[file].post ?? {});
      for (const intent of intentsIn(file)) expect(listed, `${file}: intent "${intent}" has no row`).toContain(intent);
    }
  });

  it("gives every role the expected outcome on every route, request and intent", async () => {
    const mismatches: string[] = [];
    const leaks: string[] = [];
    let cells = 0;
    const check = (where: string, role: Role, expected: Outcome, r: { status: number; body: string; location: string | null }, isData: boolean, entry: Entry) => {
      cells++;
      const got = outcomeOf(r, isData);
      if (got !== expected) mismatches.push(`${where} as ${role}: expected ${expected}, got ${got} (${r.status})`);
      if (!entry.public && STRANGERS.includes(role) && (r.body.includes(SECRET) || r.body.includes("Tom Becker"))) leaks.push(`${where} as ${role}`);
    };
    for (const [file, entry] of Object.entries(MATRIX)) {
      const p = entry.path(F);
      const get = parseRow(entry.get, `${file} GET`);
      const data = parseRow(entry.data ?? entry.get, `${file} .data`);
      for (const [i, role] of ROLES.entries()) {
        check(`${file} GET ${p}`, role, get[i], await clients[role].get(p), false, entry);
        check(`${file} GET ${dataPath(p)}`, role, data[i], await clients[role].get(dataPath(p)), true, entry);
      }
      const posts = Object.entries(entry.post ?? { "(no action)": { body: () => ({}), expect: ALL(405) } });
      for (const [intent, cell] of posts) {
        const expected = parseRow(cell.expect, `${file} POST ${intent}`);
        // The owner goes last, so a change they are allowed to make (submit) never hides another role's refusal.
        for (const i of [0, 2, 3, 4, 5, 6, 1]) {
          const role = ROLES[i];
          check(`${file} POST ${intent}`, role, expected[i], await clients[role].post(p, cell.body(F)), false, entry);
          if (cell.signsOut) clients[role] = await signedIn(role);
        }
      }
    }
    console.log(`Authorization matrix: ${Object.keys(MATRIX).length} routes × ${ROLES.length} roles, ${cells} cells checked.`);
    expect(leaks, "trainee1's name or writing reached a role that may not see it").toEqual([]);
    expect(mismatches).toEqual([]);
  }, 300_000);
});
