// Sign-in limits that hold under parallel load. A sign-in first *reserves* a slot on each counter
// that applies (one conditional update per counter, atomic on SQLite and PostgreSQL alike), and
// only then checks the password, which is slow on purpose. Thirty requests sent at once therefore
// cannot all pass a "count < 10" read before any of them records a failure. A failed check keeps
// its slot; a successful one gives its slots back. Counters live in the database, so every app
// instance shares them.
import type { Database } from "~/db/db.server";
import { sha256 } from "~/utils/password.server";

export interface Limit {
  max: number;
  windowMs: number;
}

export const LIMITS = {
  /** Per client address (behind a proxy, the address TRUST_PROXY lets the app see). */
  address: { max: 10, windowMs: 60_000 },
  /** Per account, from any address without the owner's device cookie: slows a distributed guess. */
  account: { max: 10, windowMs: 15 * 60_000 },
  /**
   * Per account and known device: a browser that signed in to this account before carries a signed
   * device cookie and is limited on its own counter, so an attacker who exhausts the address and
   * account limits cannot lock the owner out of their usual browser.
   */
  device: { max: 10, windowMs: 60_000 },
} satisfies Record<string, Limit>;

/** Kept for callers that name the per-address limit. */
export const MAX_FAILURES_PER_MINUTE = LIMITS.address.max;

/**
 * Takes one slot of the counter `key` if it has one left in its window (a new window starts once
 * the old one is over). True when reserved. One statement decides, so concurrent callers cannot
 * overshoot: PostgreSQL re-checks the WHERE clause after waiting for the row lock.
 */
export async function reserve(db: Database, key: string, limit: Limit, now = Date.now()): Promise<boolean> {
  const nowIso = new Date(now).toISOString();
  const cutoff = new Date(now - limit.windowMs).toISOString();
  await db.insertInto("login_limits").values({ key, window_start: nowIso, count: 0 }).onConflict((oc) => oc.column("key").doNothing()).execute();
  const res = await db
    .updateTable("login_limits")
    .set((eb) => ({
      count: eb.case().when("window_start", "<=", cutoff).then(1).else(eb("count", "+", 1)).end(),
      window_start: eb.case().when("window_start", "<=", cutoff).then(nowIso).else(eb.ref("window_start")).end(),
    }))
    .where("key", "=", key)
    .where((eb) => eb.or([eb("window_start", "<=", cutoff), eb("count", "<", limit.max)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Gives a reserved slot back (the attempt succeeded, or was never checked). */
export async function release(db: Database, key: string): Promise<void> {
  await db
    .updateTable("login_limits")
    .set((eb) => ({ count: eb("count", "-", 1) }))
    .where("key", "=", key)
    .where("count", ">", 0)
    .execute();
}

/** Seconds until the counter `key` opens a new window (for Retry-After). */
async function secondsLeft(db: Database, key: string, limit: Limit, now: number): Promise<number> {
  const row = await db.selectFrom("login_limits").select("window_start").where("key", "=", key).executeTakeFirst();
  if (!row) return 1;
  return Math.max(1, Math.ceil((new Date(row.window_start).getTime() + limit.windowMs - now) / 1000));
}

export interface SignInClient {
  /** The client's address as the app sees it. */
  address: string;
  email: string;
  /** The device id from a valid device cookie issued for this email, if any. */
  device: string | null;
}

export type Reservation = { ok: true; keys: string[] } | { ok: false; retryAfter: number };

/** The counters a sign-in is held to: a known device has its own; others share address and account. */
function countersFor(c: SignInClient): [string, Limit][] {
  const account = sha256(c.email.trim().toLowerCase());
  if (c.device) return [[`device:${account}:${c.device}`, LIMITS.device]];
  return [
    [`address:${c.address}`, LIMITS.address],
    [`account:${account}`, LIMITS.account],
  ];
}

/** Reserves a sign-in check on every counter that applies, or none (and says how long to wait). */
export async function reserveSignIn(db: Database, c: SignInClient, now = Date.now()): Promise<Reservation> {
  const taken: string[] = [];
  for (const [key, limit] of countersFor(c)) {
    if (await reserve(db, key, limit, now)) {
      taken.push(key);
      continue;
    }
    for (const k of taken) await release(db, k);
    return { ok: false, retryAfter: await secondsLeft(db, key, limit, now) };
  }
  return { ok: true, keys: taken };
}

/** After a successful sign-in: its slots do not count as failures. */
export async function releaseSignIn(db: Database, reservation: { keys: string[] }): Promise<void> {
  for (const k of reservation.keys) await release(db, k);
}

/** Counters whose window is long over are useless; called from the periodic purge. */
export async function purgeLoginLimits(db: Database, now = Date.now()): Promise<void> {
  const longest = Math.max(...Object.values(LIMITS).map((l) => l.windowMs));
  await db.deleteFrom("login_limits").where("window_start", "<", new Date(now - longest).toISOString()).execute();
}
