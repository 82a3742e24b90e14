// The check kit's hash helper (SHA-256 and HMAC-SHA-256, for checks that answer a document's
// node:crypto), both ends of its bridge: a check's vm context gets no host object, so the worker's
// node:crypto is reached only through a function that takes and returns strings (hex).
// - CONTEXT_HASH runs inside the context, as part of CONTEXT_PRELUDE (proof-sandbox-context.server.ts):
//   `hash` for the kit, and the `hostHash` slot that `__redline.setHash` fills once. It uses the
//   prelude's `safeString`.
// - HOST_HASH runs in the sandbox worker (proof-sandbox.server.ts): the `hostHash` function the
//   worker hands to `__redline.setHash`; it never throws and answers "" for anything it refuses.

export const CONTEXT_HASH = String.raw`
  // SHA-256 / HMAC for checks that answer a document's node:crypto: computed by the host's
  // node:crypto through a string-only bridge (hostHash never throws and returns hex).
  var hostHash = null;
  function bytesOf(v) {
    if (typeof v === "string") return Array.from(unescape(encodeURIComponent(v)), function (c) { return c.charCodeAt(0); });
    if (v && typeof v.length === "number") return Array.from(v, function (b) { return Number(b) & 255; });
    throw new TypeError("hash: data must be a string (UTF-8) or bytes, got " + safeString(v));
  }
  function toHex(bytes) { return bytesOf(bytes).map(function (b) { return (b | 256).toString(16).slice(1); }).join(""); }
  function digest(alg, key, data) {
    var out = typeof hostHash === "function" ? hostHash(alg, key === null ? null : toHex(key), toHex(data)) : "";
    if (typeof out !== "string" || !out) throw new Error("hash: " + alg + " is not available");
    var bytes = [];
    for (var i = 0; i < out.length; i += 2) bytes.push(parseInt(out.slice(i, i + 2), 16));
    return bytes;
  }
  var hash = Object.freeze({
    sha256: function (data) { return digest("sha256", null, data); },
    hmacSha256: function (key, data) { return digest("sha256", key, data); },
    bytes: function (v) { return bytesOf(v); },
    hex: function (bytes) { return toHex(bytes); },
  });
`;

export const HOST_HASH = String.raw`
// The kit's hash helper: SHA-256 / HMAC from node:crypto. The context gets it only through a
// wrapper of its own realm; this function takes and returns strings (hex), never throws, so no
// host object reaches a check.
const nodeCrypto = require("node:crypto");
const HASHES = new Set(["sha1", "sha256", "sha512"]);
function hostHash(alg, keyHex, dataHex) {
  try {
    alg = String(alg);
    if (!HASHES.has(alg)) return "";
    const data = Buffer.from(String(dataHex), "hex");
    const h = keyHex === null || keyHex === undefined ? nodeCrypto.createHash(alg) : nodeCrypto.createHmac(alg, Buffer.from(String(keyHex), "hex"));
    return String(h.update(data).digest("hex"));
  } catch (e) {
    return "";
  }
}
`;
