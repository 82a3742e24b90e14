// Production server: Express in front of the Remix build. It sets security headers with a
// per-request CSP nonce, serves static assets and hands the client address to the app.
import crypto from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express from "express";
import { createRequestHandler } from "@remix-run/express";

const root = path.dirname(fileURLToPath(import.meta.url));
const build = await import(path.join(root, "build", "index.js"));

try {
  await build.entry.module.startup();
} catch (error) {
  console.error(`\nRedline could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

const app = express();
app.disable("x-powered-by");
// TRUST_PROXY: which proxies may name the client in X-Forwarded-For. Unset: none (the socket's
// address is the client). A number of hops ("1"), or addresses/subnets ("loopback",
// "10.0.0.0/8,192.168.0.1"). Sign-in limits are per client address, so behind a proxy set it, or
// every user shares the proxy's address.
app.set("trust proxy", trustProxy(process.env.TRUST_PROXY));
app.use((req, res, next) => {
  const nonce = crypto.randomBytes(16).toString("base64");
  res.locals.nonce = nonce;
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "object-src 'none'",
    ].join("; "),
  );
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  // Pages and `.data` carry signed-in users' work: never stored by a browser or proxy cache.
  // (Static assets below set their own long-lived Cache-Control.)
  res.setHeader("Cache-Control", "no-store");
  if (process.env.NODE_ENV === "production") {
    res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
  next();
});
// Requests that change state are checked before the app reads a byte of their body:
// - from a foreign origin (Origin or Sec-Fetch-Site says cross-site): 403, plain text;
// - larger than BODY_LIMIT, or of unknown length: 413 / 411, a short message, never an echo;
// - not a form (the app's only body type): 400.
// A refused body is drained and dropped as it arrives, so it never sits in memory.
const BODY_LIMIT = 1024 * 1024;
app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const refuse = (status, message) => {
    const answer = () => res.status(status).set({ "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" }).end(message);
    // The body is read and dropped as it arrives, never buffered; answering only once it is in
    // means the client is not cut off mid-upload and sees the message.
    if (req.complete || Number(req.get("content-length") ?? 0) === 0) return answer();
    req.on("end", answer);
    req.on("error", () => req.destroy());
    req.resume();
  };
  const origin = req.get("origin");
  const site = req.get("sec-fetch-site");
  // Hosts are compared, not schemes: behind a TLS proxy the app itself may see plain http.
  if ((origin !== undefined && hostOf(origin) !== req.get("host")) || site === "cross-site") {
    return refuse(403, "Refused: this form was sent from another site.\n");
  }
  const length = req.get("content-length");
  if (length === undefined && req.get("transfer-encoding")) return refuse(411, "Send the form with a Content-Length.\n");
  if (Number(length ?? 0) > BODY_LIMIT) return refuse(413, `The form is too large: the limit is ${BODY_LIMIT / 1024 / 1024} MB.\n`);
  const type = (req.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (Number(length ?? 0) > 0 && type !== "application/x-www-form-urlencoded") {
    return refuse(400, "Send the form as application/x-www-form-urlencoded.\n");
  }
  next();
});

// Static files live under /build (fingerprinted) plus the favicon; other paths go straight to the
// app without a filesystem lookup per request.
app.use("/build", express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y", fallthrough: false }));
app.get("/favicon.ico", (req, res) => res.sendFile(path.join(root, "public", "favicon.ico"), { maxAge: "1d" }));
app.all(
  "*",
  createRequestHandler({
    build,
    mode: build.mode,
    getLoadContext: (req, res) => ({
      nonce: res.locals.nonce,
      clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
      // A document request renders HTML; a `.data` request returns loader data to the browser.
      isDocumentRequest: !req.path.endsWith(".data"),
      serverOnly: {},
    }),
  }),
);

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST || "0.0.0.0";
const server = app.listen(port, host, () => {
  const shown = host === "0.0.0.0" ? "localhost" : host;
  console.log(`Redline is listening on http://${shown}:${server.address().port}`);
});
// An idle connection stays open 65 s (Node's default is 5 s). A proxy or client that reuses a
// connection just as the server closes it gets a reset instead of an answer; proxies keep idle
// connections about 60 s, so the server must outlast them. Headers must still arrive in time.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  });
}

function trustProxy(value) {
  if (!value || value === "false" || value === "0") return false;
  if (/^\d+$/.test(value)) return Number(value);
  if (value === "true") {
    console.error("TRUST_PROXY=true would let any client choose its own address; give the number of proxies (e.g. 1) or their addresses.");
    process.exit(1);
  }
  return value.split(",").map((v) => v.trim()).filter(Boolean);
}

function hostOf(origin) {
  try {
    return new URL(origin).host;
  } catch {
    return null; // "null" (sandboxed or privacy-stripped) or garbage: not this site
  }
}
