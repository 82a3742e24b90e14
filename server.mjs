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
  if (process.env.NODE_ENV === "production") {
    res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
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
