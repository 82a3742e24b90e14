import { afterEach, describe, expect, it } from "vitest";
import { migrateDown, migrateToLatest } from "~/db/db.server";
import { migrations } from "~/db/migrations/index";
import { acceptInvite, createInvite, inviteToOrganisation, lookupInvite } from "~/models/invite.server";
import { MAX_FAILURES_PER_MINUTE, reserveSignIn } from "~/models/login-limit.server";
import { createSession, deleteSession, userForSession } from "~/models/session.server";
import { checkCredentials, createOrganisation, createUser, setUserDisabled } from "~/models/user.server";
import { createTestDb, DIALECTS, type TestDb } from "../support/db";

describe.each(DIALECTS)("accounts on %s", (dialect) => {
  let t: TestDb;
  afterEach(async () => {
    await t?.close();
  });

  it("migrates up, all the way down, and up again", async () => {
    t = await createTestDb(dialect, { migrate: false });
    expect(await migrateToLatest(t.db)).toEqual(Object.keys(migrations));
    for (let i = 0; i < Object.keys(migrations).length; i++) await migrateDown(t.db);
    const tables = await t.db.introspection.getTables();
    expect(tables.map((x) => x.name).filter((n) => !n.startsWith("kysely_"))).toEqual([]);
    expect(await migrateToLatest(t.db)).toEqual(Object.keys(migrations));
    // The first sign-in limiter's log of client addresses is unused since login_limits replaced it.
    const after = (await t.db.introspection.getTables()).map((x) => x.name);
    expect(after).toContain("login_limits");
    expect(after).not.toContain("login_failures");
  });

  it("signs in with the right password only, and refuses disabled accounts", async () => {
    t = await createTestDb(dialect);
    const org = await createOrganisation(t.db, "Acme");
    const u = await createUser(t.db, { orgId: org, email: "Ana@Example.com ", name: "Ana", role: "trainee", password: "correct horse" });
    expect(u.email).toBe("ana@example.com");

    const ok = await checkCredentials(t.db, "ana@example.com", "correct horse");
    expect(ok).toMatchObject({ ok: true, user: { id: u.id, role: "trainee" } });
    expect(await checkCredentials(t.db, "ana@example.com", "wrong")).toEqual({ ok: false, reason: "invalid" });
    expect(await checkCredentials(t.db, "nobody@example.com", "correct horse")).toEqual({ ok: false, reason: "invalid" });

    const { token } = await createSession(t.db, u.id);
    expect((await userForSession(t.db, token))?.id).toBe(u.id);
    expect(await setUserDisabled(t.db, org, u.id, true)).toBe(true);
    expect(await userForSession(t.db, token)).toBeNull();
    expect(await checkCredentials(t.db, "ana@example.com", "correct horse")).toEqual({ ok: false, reason: "disabled" });
  });

  it("ends a session at sign-out and never stores the token itself", async () => {
    t = await createTestDb(dialect);
    const org = await createOrganisation(t.db, "Acme");
    const u = await createUser(t.db, { orgId: org, email: "b@example.com", name: "B", role: "mentor", password: "pw-1234567890" });
    const { token } = await createSession(t.db, u.id);
    const stored = await t.db.selectFrom("sessions").select("id").execute();
    expect(stored).toHaveLength(1);
    expect(stored[0].id).not.toBe(token);
    await deleteSession(t.db, token);
    expect(await userForSession(t.db, token)).toBeNull();
  });

  it("accepts an invite once, and refuses reuse and expiry", async () => {
    t = await createTestDb(dialect);
    const org = await createOrganisation(t.db, "Acme");
    const admin = await createUser(t.db, { orgId: org, email: "admin@example.com", name: "Admin", role: "admin", password: "pw-1234567890" });
    const { token } = await createInvite(t.db, { orgId: org, email: "new@example.com", role: "mentor", invitedBy: admin.id });
    expect(await lookupInvite(t.db, token)).toEqual({ ok: true, email: "new@example.com", role: "mentor", name: "", cohort: null });
    const first = await acceptInvite(t.db, token, { name: "Nia", password: "long-password-1" });
    expect(first).toMatchObject({ ok: true, user: { email: "new@example.com", role: "mentor" } });
    expect(await acceptInvite(t.db, token, { name: "Eve", password: "long-password-2" })).toEqual({ ok: false, reason: "used" });
    expect(await checkCredentials(t.db, "new@example.com", "long-password-1")).toMatchObject({ ok: true });

    const late = await createInvite(t.db, { orgId: org, email: "late@example.com", role: "trainee", invitedBy: admin.id });
    await t.db.updateTable("invites").set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where("email", "=", "late@example.com").execute();
    expect(await lookupInvite(t.db, late.token)).toEqual({ ok: false, reason: "expired" });
    expect(await acceptInvite(t.db, late.token, { name: "Late", password: "long-password-3" })).toEqual({ ok: false, reason: "expired" });
    expect(await t.db.selectFrom("users").select("id").where("email", "=", "late@example.com").execute()).toEqual([]);
    expect(await lookupInvite(t.db, "not-a-token")).toEqual({ ok: false, reason: "unknown" });
  });

  it("an invite never reveals that an address has an account in another organisation", async () => {
    t = await createTestDb(dialect);
    const ours = await createOrganisation(t.db, "Ours");
    const theirs = await createOrganisation(t.db, "Theirs");
    const admin = await createUser(t.db, { orgId: ours, email: "admin@ours.test", name: "Admin", role: "admin", password: "long-password-0" });
    await createUser(t.db, { orgId: ours, email: "mine@ours.test", name: "Mine", role: "trainee", password: "long-password-1" });
    await createUser(t.db, { orgId: theirs, email: "elsewhere@theirs.test", name: "Elsewhere", role: "trainee", password: "long-password-2" });
    const input = { orgId: ours, role: "trainee" as const, invitedBy: admin.id };
    expect(await inviteToOrganisation(t.db, { ...input, email: "Mine@Ours.test" })).toEqual({ ok: false, field: "email", error: "Someone in your organisation already has an account with this email." });
    const foreign = await inviteToOrganisation(t.db, { ...input, email: "elsewhere@theirs.test" });
    expect(foreign.ok).toBe(true); // the same answer as for an unknown address
    // Only the address's owner learns it, when they open the link.
    expect(await acceptInvite(t.db, (foreign as { token: string }).token, { name: "E", password: "long-password-3" })).toEqual({ ok: false, reason: "email-taken" });
  });

  it("blocks a client after more than ten failures in a minute, and forgets them after it", async () => {
    t = await createTestDb(dialect);
    const now = Date.now();
    // Each try is for a different account, so only the per-address limit applies.
    const tryFrom = async (address: string, i: number, at = now) => (await reserveSignIn(t.db, { address, email: `user${i}@example.com`, device: null }, at)).ok;
    for (let i = 0; i < MAX_FAILURES_PER_MINUTE; i++) expect(await tryFrom("10.0.0.1", i)).toBe(true);
    expect(await tryFrom("10.0.0.1", 99)).toBe(false);
    expect(await tryFrom("10.0.0.2", 99)).toBe(true);
    expect(await tryFrom("10.0.0.1", 99, now + 61_000)).toBe(true);
  });
});
