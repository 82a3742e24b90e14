import type { Database } from "~/db/db.server";
import { randomToken, sha256 } from "~/utils/password.server";
import type { UserDTO } from "./user.server";

export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

/** Creates a session and returns the token for the cookie; only its hash is stored. */
export async function createSession(db: Database, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db
    .insertInto("sessions")
    .values({ id: sha256(token), user_id: userId, created_at: now.toISOString(), expires_at: expiresAt.toISOString() })
    .execute();
  return { token, expiresAt };
}

export async function userForSession(db: Database, token: string): Promise<UserDTO | null> {
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select(["users.id", "users.org_id", "users.email", "users.name", "users.role", "users.disabled_at", "sessions.expires_at"])
    .where("sessions.id", "=", sha256(token))
    .executeTakeFirst();
  if (!row || row.disabled_at || row.expires_at < new Date().toISOString()) return null;
  return { id: row.id, orgId: row.org_id, email: row.email, name: row.name, role: row.role, disabled: false };
}

export async function deleteSession(db: Database, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sha256(token)).execute();
}

export async function deleteExpiredSessions(db: Database): Promise<void> {
  await db.deleteFrom("sessions").where("expires_at", "<", new Date().toISOString()).execute();
}
