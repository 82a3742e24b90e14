import crypto from "node:crypto";
import type { Database } from "~/db/db.server";

export const MAX_FAILURES_PER_MINUTE = 10;
const WINDOW_MS = 60_000;

/** Stored in the database so every app instance sees the same count. */
export async function isLoginBlocked(db: Database, client: string, now = Date.now()): Promise<boolean> {
  const since = new Date(now - WINDOW_MS).toISOString();
  const row = await db
    .selectFrom("login_failures")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("client", "=", client)
    .where("at", ">", since)
    .executeTakeFirstOrThrow();
  return Number(row.n) >= MAX_FAILURES_PER_MINUTE;
}

export async function recordLoginFailure(db: Database, client: string, now = Date.now()): Promise<void> {
  await db
    .insertInto("login_failures")
    .values({ id: crypto.randomUUID(), client, at: new Date(now).toISOString() })
    .execute();
  // Keep the table small: anything older than the window is useless.
  await db.deleteFrom("login_failures").where("at", "<", new Date(now - WINDOW_MS).toISOString()).execute();
}
