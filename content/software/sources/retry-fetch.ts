// {{fn}}: retries transient failures (network errors, 429 and 5xx responses)
// with capped exponential backoff and full jitter. Node 20+ (global fetch).
import { setTimeout as sleep } from 'node:timers/promises';

export interface {{opts_type}} {
  /** Retries after the first attempt. Default {{retries}}. */
  retries?: number;
  /** Base delay for the exponential backoff, in ms. Default {{base}}. */
  baseDelayMs?: number;
  /** Upper bound for any single wait, in ms. Default {{max}}. */
  maxDelayMs?: number;
}

function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/** Full jitter: a random wait between 0 and min(maxDelayMs, baseDelayMs * 2^attempt). */
function backoffDelay(attempt: number, baseDelayMs: number, maxDelayMs: number): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
  return Math.floor(Math.random() * ceiling);
}

/** Retry-After in seconds; HTTP-date values are ignored and we fall back to backoff. */
function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/** Waits `ms`, but rejects with the caller's abort reason as soon as the signal fires. */
async function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch (error) {
    throw signal?.aborted ? signal.reason : error;
  }
}

export async function {{fn}}(
  url: string | URL,
  init: RequestInit = {},
  options: {{opts_type}} = {},
): Promise<Response> {
  const { retries = {{retries}}, baseDelayMs = {{base}}, maxDelayMs = {{max}} } = options;
  const signal = init.signal ?? undefined;

  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted();

    let response: Response;
    try {
      response = await fetch(url, init);
    } catch (error) {
      // An abort is the caller's decision, not a transient failure: never retry it.
      if (signal?.aborted) throw signal.reason;
      if (attempt >= retries) throw error;
      await wait(backoffDelay(attempt, baseDelayMs, maxDelayMs), signal);
      continue;
    }

    if (!isRetryableStatus(response.status) || attempt >= retries) {
      return response;
    }

    const hinted =
      response.status === 429 || response.status === 503 ? retryAfterMs(response) : undefined;
    const delay = Math.min(maxDelayMs, hinted ?? backoffDelay(attempt, baseDelayMs, maxDelayMs));

    // Discard the body so the underlying connection can be reused while we wait.
    await response.body?.cancel();
    await wait(delay, signal);
  }
}

// Notes:
// - With the defaults a request is attempted at most {{attempts}} times (1 + {{retries}} retries).
// - 4xx responses other than 429 are returned at once: retrying a bad request or a
//   missing resource cannot succeed.
// - Retry-After is honoured for 429 and 503 but never makes a single wait exceed maxDelayMs.
