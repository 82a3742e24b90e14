// The domain and difficulty a trainee last started a review with, kept in a cookie (works without
// JavaScript) so /practice offers the same choice next time. Read values are checked against the
// current lists; anything else falls back to the first domain at difficulty 2.
import { createCookie } from "@remix-run/node";
import { isProduction } from "./env.server";

export interface StartChoice {
  domain: string;
  difficulty: string;
}

let cookie: ReturnType<typeof createCookie> | undefined;
const startCookie = () =>
  (cookie ??= createCookie("redline_start", { httpOnly: true, sameSite: "lax", secure: isProduction(), path: "/practice", maxAge: 60 * 60 * 24 * 365 }));

const DIFFICULTIES = ["1", "2", "3", "4", "5", "surprise"];

/** The remembered choice, or the default when none (or a stale one) is stored. */
export async function lastStartChoice(request: Request, domains: readonly string[]): Promise<StartChoice> {
  const fallback = { domain: domains[0] ?? "surprise", difficulty: "2" };
  const raw = (await startCookie().parse(request.headers.get("Cookie")).catch(() => null)) as Partial<StartChoice> | null;
  if (!raw || typeof raw !== "object") return fallback;
  const domain = typeof raw.domain === "string" && (raw.domain === "surprise" || domains.includes(raw.domain)) ? raw.domain : fallback.domain;
  const difficulty = typeof raw.difficulty === "string" && DIFFICULTIES.includes(raw.difficulty) ? raw.difficulty : fallback.difficulty;
  return { domain, difficulty };
}

/** The Set-Cookie header that remembers this choice. */
export function rememberStartChoice(choice: StartChoice): Promise<string> {
  return startCookie().serialize({ domain: choice.domain, difficulty: choice.difficulty });
}
