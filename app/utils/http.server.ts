// Turning what went wrong into HTTP answers, one way for every route: `invariantResponse` for a
// route's own checks, `domainCall` for the domain errors the models throw, `filtersFromRequest`
// for the dashboard/export/queue query strings. The messages are the ones the error boundary shows.
import { ConflictError, InvalidInputError, NotFoundError } from "~/domain/errors";
import { parseFilters, QueueFiltersSchema, type Filters, type QueueFilters } from "~/domain/stats/filters";

const STATUS_TEXT: Record<number, string> = { 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 409: "Conflict" };

/** Throws a plain-text Response with `status` unless `condition` holds (404 by default). */
export function invariantResponse(condition: unknown, message: string, status = 404): asserts condition {
  if (!condition) throw new Response(message, { status, statusText: STATUS_TEXT[status] ?? "" });
}

/** The HTTP answer for a domain error, or null for anything else (a bug: the boundary shows 500). */
export function domainErrorResponse(e: unknown): Response | null {
  const answer = (status: number, message: string) => new Response(message, { status, statusText: STATUS_TEXT[status] });
  if (e instanceof NotFoundError) return answer(404, e.message);
  if (e instanceof InvalidInputError) return answer(400, e.message);
  if (e instanceof ConflictError) return answer(409, e.message);
  return null;
}

/** Runs a model call; a domain error it throws becomes the matching HTTP answer. */
export async function domainCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw domainErrorResponse(e) ?? e;
  }
}

/** The filters from the request's query string, or a 400 answer naming the field that was wrong. */
export function filtersFromRequest(request: Request): Filters {
  const parsed = parseFilters(new URL(request.url).searchParams);
  invariantResponse(parsed.ok, parsed.ok ? "" : parsed.message, 400);
  return parsed.filters;
}

/** The review queue's filters (with tab and score band), or a 400 answer naming the field. */
export function queueFiltersFromRequest(request: Request): QueueFilters {
  const parsed = parseFilters(new URL(request.url).searchParams, QueueFiltersSchema);
  invariantResponse(parsed.ok, parsed.ok ? "" : parsed.message, 400);
  return parsed.filters;
}

/** Only same-site relative paths are followed after sign-in; anything else goes home. */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  if (/[\r\n\t]/.test(to)) return fallback;
  return to;
}
