// Sessions end after idling or at their absolute end, are purged, and their owner can list and end
// them; sign-in counters hold under concurrent reservations on both databases.
import { afterEach, describe, expect, it } from "vitest";
import { LIMITS, reserveSignIn } from "~/models/login-limit.server";
import { createSession, deleteExpiredSessions, listSessions, revokeOtherSessions, revokeSession, userForSession } from "~/models/session.server";
import { createOrganisation, createUser } from "~/models/user.server";
import { createTestDb, DIALECTS, type TestDb } from "../support/db";

const HOUR = 3_600_000;
const policy = { idleMs: 12 * HOUR, absoluteMs: 14 * 24 * HOUR };

describe.each(DIALECTS)("sessions and sign-in counters on %s", (dialect) => {
  let t: TestDb;
  afterEach(async () => {
    await t?.close();
  });

  async function twoUsers() {
    const org = await createOrganisation(t.db, "Acme");
    const ana = await createUser(t.db, { orgId: org, email: "ana@example.com", name: "Ana", role: "trainee", password: "pw-1234567890" });
    const bob = await createUser(t.db, { orgId: org, email: "bob@example.com", name: "Bob", role: "trainee", password: "pw-1234567890" });
    return { ana, bob };
  }

  it("ends a session after 12 idle hours, keeps an active one to its absolute end, and purges both", async () => {
    t = await createTestDb(dialect);
    const { ana } = await twoUsers();
    const t0 = Date.now();
    const idle = await createSession(t.db, ana.id, {}, policy, t0);
    const active = await createSession(t.db, ana.id, {}, policy, t0);
    // Used every 11 hours, the active one lives on; the idle one is over after 12 hours.
    expect(await userForSession(t.db, active.token, policy, t0 + 11 * HOUR)).toMatchObject({ id: ana.id });
    expect(await userForSession(t.db, idle.token, policy, t0 + 12 * HOUR + 1000)).toBeNull();
    let at = t0 + 11 * HOUR;
    while (at < t0 + 14 * 24 * HOUR - 11 * HOUR) {
      at += 11 * HOUR;
      expect(await userForSession(t.db, active.token, policy, at)).not.toBeNull();
    }
    expect(await userForSession(t.db, active.token, policy, t0 + 14 * 24 * HOUR + 1000)).toBeNull();

    const stale = await createSession(t.db, ana.id, {}, policy, t0);
    const fresh = await createSession(t.db, ana.id, {}, policy, t0 + 13 * HOUR);
    expect(await deleteExpiredSessions(t.db, policy, t0 + 13 * HOUR)).toBe(1);
    expect(await userForSession(t.db, stale.token, policy, t0 + 13 * HOUR)).toBeNull();
    expect(await userForSession(t.db, fresh.token, policy, t0 + 13 * HOUR)).not.toBeNull();
  });

  it("lists only the owner's sessions and ends one by its handle, never someone else's", async () => {
    t = await createTestDb(dialect);
    const { ana, bob } = await twoUsers();
    const here = await createSession(t.db, ana.id, { userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0", client: "10.0.0.1" });
    const phone = await createSession(t.db, ana.id, { userAgent: "Mozilla/5.0 (iPhone) Safari/605.1", client: "10.0.0.2" });
    const bobs = await createSession(t.db, bob.id, {});
    const list = await listSessions(t.db, ana.id, here.token);
    expect(list.map((s) => [s.current, s.device, s.client])).toEqual([
      [true, "Chrome on Linux", "10.0.0.1"],
      [false, "Safari on iOS", "10.0.0.2"],
    ]);
    const bobHandle = (await listSessions(t.db, bob.id, bobs.token))[0].handle;
    expect(await revokeSession(t.db, ana.id, bobHandle)).toBe(false);
    expect(await userForSession(t.db, bobs.token)).not.toBeNull();
    expect(await revokeSession(t.db, ana.id, list[1].handle)).toBe(true);
    expect(await userForSession(t.db, phone.token)).toBeNull();
    expect(await userForSession(t.db, here.token)).not.toBeNull();
    await createSession(t.db, ana.id, {});
    expect(await revokeOtherSessions(t.db, ana.id, here.token)).toBe(1);
    expect(await userForSession(t.db, here.token)).not.toBeNull();
  });

  it("grants exactly the limit to 30 concurrent sign-in reservations for one account", async () => {
    t = await createTestDb(dialect);
    const now = Date.now();
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => reserveSignIn(t.db, { address: `10.1.0.${i}`, email: "ana@example.com", device: null }, now)));
    expect(results.filter((r) => r.ok)).toHaveLength(LIMITS.account.max);
    const sameAddress = await Promise.all(Array.from({ length: 30 }, (_, i) => reserveSignIn(t.db, { address: "10.2.0.1", email: `u${i}@example.com`, device: null }, now)));
    expect(sameAddress.filter((r) => r.ok)).toHaveLength(LIMITS.address.max);
    // A refused try gives back what it reserved on the other counter: u0…u9 still have their slots.
    const refused = sameAddress.find((r) => !r.ok);
    expect(refused && !refused.ok && refused.retryAfter).toBeGreaterThan(0);
  });
});
