import { createCookie, redirect } from "@remix-run/node";
import { db } from "~/db/db.server";
import type { Role } from "~/db/schema";
import { purgeLoginLimits } from "~/models/login-limit.server";
import { createSession, deleteExpiredSessions, deleteSession, userForSession, type SessionPolicy } from "~/models/session.server";
import { touchUser, type UserDTO } from "~/models/user.server";
import { env, isProduction } from "~/utils/env.server";
import { randomToken, sha256 } from "~/utils/password.server";

/** Idle timeout and absolute lifetime from the environment (SESSION_IDLE_HOURS, SESSION_MAX_DAYS). */
export function sessionPolicy(): SessionPolicy {
  const e = env();
  return { idleMs: e.SESSION_IDLE_HOURS * 60 * 60 * 1000, absoluteMs: e.SESSION_MAX_DAYS * 24 * 60 * 60 * 1000 };
}

let cookie: ReturnType<typeof createCookie> | undefined;
function sessionCookie() {
  cookie ??= createCookie("redline_session", {
    httpOnly: true,
    sameSite: "lax",
    secure: isProduction(),
    path: "/",
    maxAge: sessionPolicy().absoluteMs / 1000,
    secrets: [env().SESSION_SECRET],
  });
  return cookie;
}

let device: ReturnType<typeof createCookie> | undefined;
/**
 * Marks a browser that signed in to an account before (signed, random id, a hash of the email):
 * its sign-in tries count on their own counter, so an attacker's failures elsewhere do not lock the
 * owner out of their usual browser.
 */
function deviceCookie() {
  device ??= createCookie("redline_device", {
    httpOnly: true,
    sameSite: "lax",
    secure: isProduction(),
    path: "/login",
    maxAge: 365 * 24 * 60 * 60,
    secrets: [env().SESSION_SECRET],
  });
  return device;
}

const accountTag = (email: string) => sha256(`device:${email.trim().toLowerCase()}`);

/** The device id of this browser for the account with this email, if it signed in to it before. */
export async function knownDevice(request: Request, email: string): Promise<string | null> {
  const value = (await deviceCookie().parse(request.headers.get("Cookie"))) as { a?: unknown; d?: unknown } | null;
  if (!value || typeof value !== "object" || value.a !== accountTag(email) || typeof value.d !== "string") return null;
  return value.d;
}

export async function sessionToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** Cached per request so a loader tree does one session lookup. */
const userCache = new WeakMap<Request, Promise<UserDTO | null>>();

export function getUser(request: Request): Promise<UserDTO | null> {
  let p = userCache.get(request);
  if (!p) {
    p = sessionToken(request).then((t) => (t ? userForSession(db(), t, sessionPolicy()) : null));
    userCache.set(request, p);
  }
  return p;
}

export async function requireUser(request: Request): Promise<UserDTO> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const here = url.pathname.replace(/\.data$/, "") + url.search;
    throw redirect(`/login?redirectTo=${encodeURIComponent(here)}`);
  }
  return user;
}

export async function requireRole(request: Request, ...roles: Role[]): Promise<UserDTO> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) {
    throw new Response("You do not have access to this page.", { status: 403, statusText: "Forbidden" });
  }
  return user;
}

export function homeFor(role: Role): string {
  return role === "admin" ? "/admin" : role === "mentor" ? "/mentor" : "/practice";
}

/** Starts a fresh session (new id at every sign-in) and ends the previous one, if any. */
export async function signIn(request: Request, user: UserDTO, redirectTo: string, clientAddress: string | null = null): Promise<Response> {
  const old = await sessionToken(request);
  if (old) await deleteSession(db(), old);
  const { token } = await createSession(db(), user.id, { userAgent: request.headers.get("User-Agent"), client: clientAddress }, sessionPolicy());
  await touchUser(db(), user.id);
  // Sign-in is the natural moment to clear out what has expired, on whichever instance runs it.
  await deleteExpiredSessions(db(), sessionPolicy());
  await purgeLoginLimits(db());
  const headers = new Headers();
  headers.append("Set-Cookie", await sessionCookie().serialize(token));
  headers.append("Set-Cookie", await deviceCookie().serialize({ a: accountTag(user.email), d: (await knownDevice(request, user.email)) ?? randomToken(16) }));
  return redirect(redirectTo, { headers });
}

export async function signOut(request: Request): Promise<Response> {
  const token = await sessionToken(request);
  if (token) await deleteSession(db(), token);
  return redirect("/login", { headers: { "Set-Cookie": await sessionCookie().serialize("", { maxAge: 0 }) } });
}
