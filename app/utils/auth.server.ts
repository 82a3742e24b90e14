import { createCookie, redirect } from "@remix-run/node";
import { db } from "~/db/db.server";
import type { Role } from "~/db/schema";
import { createSession, deleteSession, SESSION_TTL_MS, userForSession } from "~/models/session.server";
import { touchUser, type UserDTO } from "~/models/user.server";
import { env, isProduction } from "./env.server";

let cookie: ReturnType<typeof createCookie> | undefined;
function sessionCookie() {
  cookie ??= createCookie("redline_session", {
    httpOnly: true,
    sameSite: "lax",
    secure: isProduction(),
    path: "/",
    maxAge: SESSION_TTL_MS / 1000,
    secrets: [env().SESSION_SECRET],
  });
  return cookie;
}

async function sessionToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** Cached per request so a loader tree does one session lookup. */
const userCache = new WeakMap<Request, Promise<UserDTO | null>>();

export function getUser(request: Request): Promise<UserDTO | null> {
  let p = userCache.get(request);
  if (!p) {
    p = sessionToken(request).then((t) => (t ? userForSession(db(), t) : null));
    userCache.set(request, p);
  }
  return p;
}

/** Only same-site relative paths are followed after sign-in; anything else goes home. */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  if (/[\r\n\t]/.test(to)) return fallback;
  return to;
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
export async function signIn(request: Request, user: UserDTO, redirectTo: string): Promise<Response> {
  const old = await sessionToken(request);
  if (old) await deleteSession(db(), old);
  const { token } = await createSession(db(), user.id);
  await touchUser(db(), user.id);
  return redirect(redirectTo, { headers: { "Set-Cookie": await sessionCookie().serialize(token) } });
}

export async function signOut(request: Request): Promise<Response> {
  const token = await sessionToken(request);
  if (token) await deleteSession(db(), token);
  return redirect("/login", { headers: { "Set-Cookie": await sessionCookie().serialize("", { maxAge: 0 }) } });
}
