import { Transform } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider, ServerOnlyProvider } from "./utils/nonce";
import { trimTrailingNuls } from "./utils/trailing-nuls";
export { startup } from "./startup.server";

/**
 * How long a response may keep streaming after its shell went out. The timer starts at the shell,
 * not at the request: no page streams deferred data, so aborting before the shell only turned a
 * slow render on a busy server (a burst of refused sign-ins answered 429) into a 500.
 */
const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext?.nonce ?? "";
  const waitForAll = isbot(request.headers.get("user-agent") || "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <ServerOnlyProvider value={loadContext?.serverOnly ?? {}}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </ServerOnlyProvider>
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = withoutTrailingNuls();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
          setTimeout(abort, ABORT_DELAY).unref();
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logError(error, request);
        },
      },
    );
  });
}

/** The page stream, minus the NUL bytes React 18 leaves at chunk ends (see trimTrailingNuls). */
function withoutTrailingNuls() {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, trimTrailingNuls(chunk));
    },
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  logError(error, request);
}

/**
 * In development the whole error with its stack; in production one line (method, path, the
 * error's name and message): a log line says what failed without a stack trace of the code.
 */
function logError(error: unknown, request: Request) {
  if (process.env.NODE_ENV !== "production") {
    console.error(error);
    return;
  }
  const e = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  console.error(`${request.method} ${new URL(request.url).pathname} failed: ${e.split("\n")[0]}`);
}
