import type { Database } from "~/db/db.server";
import { randomToken, sha256 } from "~/utils/password.server";
import type { UserDTO } from "./user.server";

/** Session lifetimes: unused for `idleMs` or older than `absoluteMs`, a session is over. */
export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 12 * 60 * 60 * 1000, absoluteMs: 14 * 24 * 60 * 60 * 1000 };

/** Activity is written at most once a minute per session, not on every request. */
const TOUCH_EVERY_MS = 60_000;

/** Creates a session and returns the token for the cookie; only its hash is stored. */
export async function createSession(
  db: Database,
  userId: string,
  meta: { userAgent?: string | null; client?: string | null } = {},
  policy: SessionPolicy = DEFAULT_SESSION_POLICY,
  now = Date.now(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const expiresAt = new Date(now + policy.absoluteMs);
  const at = new Date(now).toISOString();
  await db
    .insertInto("sessions")
    .values({
      id: sha256(token),
      user_id: userId,
      created_at: at,
      expires_at: expiresAt.toISOString(),
      last_seen_at: at,
      user_agent: meta.userAgent ? meta.userAgent.slice(0, 300) : null,
      client: meta.client ? meta.client.slice(0, 100) : null,
    })
    .execute();
  return { token, expiresAt };
}

/** The signed-in user of a live session (not past its absolute end, not idle too long), or null. */
export async function userForSession(db: Database, token: string, policy: SessionPolicy = DEFAULT_SESSION_POLICY, now = Date.now()): Promise<UserDTO | null> {
  const id = sha256(token);
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select(["users.id", "users.org_id", "users.email", "users.name", "users.role", "users.disabled_at", "sessions.expires_at", "sessions.created_at", "sessions.last_seen_at"])
    .where("sessions.id", "=", id)
    .executeTakeFirst();
  if (!row || row.disabled_at) return null;
  const nowIso = new Date(now).toISOString();
  const lastSeen = row.last_seen_at ?? row.created_at;
  if (row.expires_at < nowIso || lastSeen < new Date(now - policy.idleMs).toISOString()) {
    await db.deleteFrom("sessions").where("id", "=", id).execute();
    return null;
  }
  if (lastSeen < new Date(now - TOUCH_EVERY_MS).toISOString()) {
    await db.updateTable("sessions").set({ last_seen_at: nowIso }).where("id", "=", id).execute();
  }
  return { id: row.id, orgId: row.org_id, email: row.email, name: row.name, role: row.role, disabled: false };
}

export async function deleteSession(db: Database, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sha256(token)).execute();
}

/** Removes every session past its absolute end or idle for too long. Returns how many. */
export async function deleteExpiredSessions(db: Database, policy: SessionPolicy = DEFAULT_SESSION_POLICY, now = Date.now()): Promise<number> {
  const idleCutoff = new Date(now - policy.idleMs).toISOString();
  const res = await db
    .deleteFrom("sessions")
    .where((eb) =>
      eb.or([
        eb("expires_at", "<", new Date(now).toISOString()),
        eb("last_seen_at", "<", idleCutoff),
        eb.and([eb("last_seen_at", "is", null), eb("created_at", "<", idleCutoff)]),
      ]),
    )
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

export interface SessionDTO {
  /** A short public handle (not the cookie, not its hash). */
  handle: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  device: string;
  client: string | null;
}

/** A handle that names a session to its owner without revealing the stored hash. */
const handleOf = (storedId: string) => sha256(`handle:${storedId}`).slice(0, 16);

/** The user's own live sessions, this one first. */
export async function listSessions(db: Database, userId: string, currentToken: string | null, policy: SessionPolicy = DEFAULT_SESSION_POLICY, now = Date.now()): Promise<SessionDTO[]> {
  const current = currentToken ? sha256(currentToken) : null;
  const idleCutoff = new Date(now - policy.idleMs).toISOString();
  const rows = await db
    .selectFrom("sessions")
    .select(["id", "created_at", "last_seen_at", "expires_at", "user_agent", "client"])
    .where("user_id", "=", userId)
    .where("expires_at", ">=", new Date(now).toISOString())
    .orderBy("created_at", "desc")
    .execute();
  return rows
    .filter((r) => (r.last_seen_at ?? r.created_at) >= idleCutoff)
    .map((r) => ({
      handle: handleOf(r.id),
      current: r.id === current,
      createdAt: r.created_at,
      lastSeenAt: r.last_seen_at ?? r.created_at,
      expiresAt: r.expires_at,
      device: describeAgent(r.user_agent),
      client: r.client,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** Ends one of the user's own sessions by its handle. False if they have no such session. */
export async function revokeSession(db: Database, userId: string, handle: string): Promise<boolean> {
  const rows = await db.selectFrom("sessions").select("id").where("user_id", "=", userId).execute();
  const target = rows.find((r) => handleOf(r.id) === handle);
  if (!target) return false;
  await db.deleteFrom("sessions").where("id", "=", target.id).where("user_id", "=", userId).execute();
  return true;
}

/** Ends every session of the user except the current one. Returns how many. */
export async function revokeOtherSessions(db: Database, userId: string, currentToken: string | null): Promise<number> {
  let q = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (currentToken) q = q.where("id", "!=", sha256(currentToken));
  return Number((await q.executeTakeFirst()).numDeletedRows);
}

/** "Chrome on Linux"-style label from a User-Agent header; unknown agents are named as such. */
export function describeAgent(ua: string | null): string {
  if (!ua) return "Unknown browser";
  const browser = /Edg\//.test(ua) ? "Edge" : /Firefox\//.test(ua) ? "Firefox" : /Chrom(e|ium)\//.test(ua) ? "Chrome" : /Safari\//.test(ua) ? "Safari" : /curl|node|undici/i.test(ua) ? "Script" : "Browser";
  const os = /Windows/.test(ua) ? "Windows" : /Mac OS X|Macintosh/.test(ua) ? "macOS" : /Android/.test(ua) ? "Android" : /iPhone|iPad/.test(ua) ? "iOS" : /Linux/.test(ua) ? "Linux" : null;
  return os ? `${browser} on ${os}` : browser;
}
