// The JavaScript evaluated inside each check's vm context, before the document and the check.
// Everything a check can touch is created here, in the context's own realm: the kit (test, load,
// assert, clock), a virtual clock behind setTimeout/setInterval/Date, and small Response /
// Headers / URL / AbortController stand-ins. No object or function of the host is handed in, so
// no `.constructor` chain leads back to the host (the context also refuses code from strings).
//
// The host talks to it only with strings: it defines the document and check factories with
// runInContext, calls `__redline.start(paramsJson)`, then reads `__redline.poll()` (a JSON string)
// after each turn of its event loop.
import { CONTEXT_HASH } from "./proof-sandbox-hash.server";

export const CONTEXT_PRELUDE = String.raw`
(function () {
  "use strict";
  var G = globalThis;
  var RealDate = Date;
  var EPOCH = RealDate.UTC(2025, 0, 15, 12, 0, 0);
  var now = EPOCH;
  var timers = [];
  var timerSeq = 0;
  var MAX_TIMERS = 100000;
  var fired = 0;

  function addTimer(fn, ms, args, repeat) {
    if (typeof fn !== "function") throw new TypeError("setTimeout: the callback must be a function");
    var delay = Math.max(0, Number(ms) || 0);
    var t = { id: ++timerSeq, at: now + delay, fn: fn, args: args, repeat: repeat ? Math.max(1, delay) : 0 };
    timers.push(t);
    return t.id;
  }
  function clearTimer(id) {
    if (id && typeof id === "object" && "id" in id) id = id.id;
    for (var i = 0; i < timers.length; i++) if (timers[i].id === id) { timers.splice(i, 1); return; }
  }
  function nextTimer(limit) {
    var best = -1;
    for (var i = 0; i < timers.length; i++) {
      if (timers[i].at > limit) continue;
      if (best < 0 || timers[i].at < timers[best].at || (timers[i].at === timers[best].at && timers[i].id < timers[best].id)) best = i;
    }
    return best;
  }
  async function settle() { for (var i = 0; i < 200; i++) await null; }
  async function runUntil(limit) {
    await settle();
    for (;;) {
      var i = nextTimer(limit);
      if (i < 0) break;
      var t = timers[i];
      if (++fired > MAX_TIMERS) throw new Error("the virtual clock fired more than " + MAX_TIMERS + " timers (an endless setInterval?)");
      if (t.at > now) now = t.at;
      if (t.repeat) t.at = now + t.repeat; else timers.splice(i, 1);
      t.fn.apply(undefined, t.args);
      await settle();
    }
    if (limit !== Infinity && limit > now) now = limit;
  }

  function sleep(ms, value, options) {
    var signal = options && options.signal;
    return new Promise(function (resolve, reject) {
      if (signal && signal.aborted) { reject(abortError(signal)); return; }
      var id = addTimer(function () { if (signal) signal.removeEventListener("abort", onAbort); resolve(value); }, ms, [], false);
      function onAbort() { clearTimer(id); reject(abortError(signal)); }
      if (signal) signal.addEventListener("abort", onAbort);
    });
  }
  var clock = {
    now: function () { return now; },
    sleep: sleep,
    advance: function (ms) { return runUntil(now + Math.max(0, Number(ms) || 0)); },
    runAll: function () { return runUntil(Infinity); },
  };

  function VDate() {
    var args = Array.prototype.slice.call(arguments);
    if (!new.target) return new RealDate(now).toString();
    return args.length ? new (Function.prototype.bind.apply(RealDate, [null].concat(args)))() : new RealDate(now);
  }
  VDate.prototype = RealDate.prototype;
  VDate.now = function () { return now; };
  VDate.UTC = RealDate.UTC;
  VDate.parse = RealDate.parse;
  G.Date = VDate;
  G.setTimeout = function (fn, ms) { return addTimer(fn, ms, Array.prototype.slice.call(arguments, 2), false); };
  G.setInterval = function (fn, ms) { return addTimer(fn, ms, Array.prototype.slice.call(arguments, 2), true); };
  G.setImmediate = function (fn) { return addTimer(fn, 0, Array.prototype.slice.call(arguments, 1), false); };
  G.clearTimeout = clearTimer;
  G.clearInterval = clearTimer;
  G.clearImmediate = clearTimer;
  G.queueMicrotask = function (fn) { Promise.resolve().then(fn); };
  G.structuredClone = function (v) { return v === undefined ? undefined : JSON.parse(JSON.stringify(v)); };
  var logs = [];
  function log() { if (logs.length < 50) logs.push(Array.prototype.map.call(arguments, function (a) { return typeof a === "string" ? a : safeString(a); }).join(" ")); }
  G.console = { log: log, info: log, warn: log, error: log, debug: log };

  // --- Web stand-ins (enough for documents that use fetch, Response, URL and AbortSignal) ---
  function DOMException(message, name) { var e = new Error(message); e.name = name || "Error"; Object.setPrototypeOf(e, DOMException.prototype); return e; }
  DOMException.prototype = Object.create(Error.prototype);
  DOMException.prototype.constructor = DOMException;
  G.DOMException = DOMException;
  function abortError(signal) { return signal && signal.reason !== undefined ? signal.reason : new DOMException("This operation was aborted", "AbortError"); }

  class EventTarget {
    constructor() { this._l = {}; }
    addEventListener(type, fn) { (this._l[type] = this._l[type] || []).push(fn); }
    removeEventListener(type, fn) { var l = this._l[type] || []; var i = l.indexOf(fn); if (i >= 0) l.splice(i, 1); }
    dispatchEvent(ev) { var l = (this._l[ev.type] || []).slice(); for (var i = 0; i < l.length; i++) l[i].call(this, ev); var h = this["on" + ev.type]; if (typeof h === "function") h.call(this, ev); return true; }
  }
  class AbortSignal extends EventTarget {
    constructor() { super(); this.aborted = false; this.reason = undefined; this.onabort = null; }
    throwIfAborted() { if (this.aborted) throw this.reason; }
    static abort(reason) { var c = new AbortController(); c.abort(reason); return c.signal; }
    static timeout(ms) { var c = new AbortController(); G.setTimeout(function () { c.abort(new DOMException("The operation timed out.", "TimeoutError")); }, ms); return c.signal; }
    static any(signals) { var c = new AbortController(); signals.forEach(function (s) { if (s.aborted) c.abort(s.reason); else s.addEventListener("abort", function () { c.abort(s.reason); }); }); return c.signal; }
  }
  class AbortController {
    constructor() { this.signal = new AbortSignal(); }
    abort(reason) {
      var s = this.signal;
      if (s.aborted) return;
      s.aborted = true;
      s.reason = reason === undefined ? new DOMException("This operation was aborted", "AbortError") : reason;
      s.dispatchEvent({ type: "abort", target: s });
    }
  }
  G.EventTarget = EventTarget;
  G.AbortSignal = AbortSignal;
  G.AbortController = AbortController;

  class Headers {
    constructor(init) {
      this._m = {};
      if (!init) return;
      var entries = init instanceof Headers ? init.entries() : Array.isArray(init) ? init : Object.keys(init).map(function (k) { return [k, init[k]]; });
      for (var e of entries) this.append(e[0], e[1]);
    }
    append(k, v) { k = String(k).toLowerCase(); this._m[k] = k in this._m ? this._m[k] + ", " + String(v) : String(v); }
    set(k, v) { this._m[String(k).toLowerCase()] = String(v); }
    get(k) { k = String(k).toLowerCase(); return k in this._m ? this._m[k] : null; }
    has(k) { return String(k).toLowerCase() in this._m; }
    delete(k) { delete this._m[String(k).toLowerCase()]; }
    forEach(fn) { for (var k of Object.keys(this._m).sort()) fn(this._m[k], k, this); }
    *entries() { for (var k of Object.keys(this._m).sort()) yield [k, this._m[k]]; }
    *keys() { for (var k of Object.keys(this._m).sort()) yield k; }
    *values() { for (var k of Object.keys(this._m).sort()) yield this._m[k]; }
    [Symbol.iterator]() { return this.entries(); }
  }
  G.Headers = Headers;

  function bodyText(body) {
    if (body === undefined || body === null) return "";
    if (typeof body === "string") return body;
    if (body instanceof URLSearchParams) return body.toString();
    return String(body);
  }
  class Body {
    constructor(body) {
      this._text = bodyText(body);
      this.bodyUsed = false;
      var self = this;
      this.body = body === undefined || body === null ? null : { locked: false, cancel: function () { self.bodyUsed = true; return Promise.resolve(); } };
    }
    _consume() { if (this.bodyUsed) return Promise.reject(new TypeError("Body is unusable: Body has already been read")); this.bodyUsed = true; return Promise.resolve(this._text); }
    text() { return this._consume(); }
    json() { return this._consume().then(function (t) { return JSON.parse(t); }); }
  }
  class Response extends Body {
    constructor(body, init) {
      super(body);
      init = init || {};
      this.status = init.status === undefined ? 200 : Number(init.status);
      if (!(this.status >= 200 && this.status <= 599)) throw new RangeError("init[\"status\"] must be in the range of 200 to 599, inclusive.");
      this.statusText = init.statusText || "";
      this.ok = this.status >= 200 && this.status <= 299;
      this.headers = new Headers(init.headers);
      this.url = "";
      this.redirected = false;
      this.type = "default";
    }
    clone() { var r = new Response(this.body ? this._text : null, { status: this.status, statusText: this.statusText, headers: this.headers }); return r; }
    static json(data, init) { var h = new Headers((init && init.headers) || {}); if (!h.has("content-type")) h.set("content-type", "application/json"); return new Response(JSON.stringify(data), Object.assign({}, init, { headers: h })); }
    static error() { var r = new Response(null, { status: 200 }); r.status = 0; r.ok = false; r.type = "error"; return r; }
  }
  class Request extends Body {
    constructor(input, init) {
      init = init || {};
      super(init.body);
      this.url = input instanceof Request ? input.url : String(input);
      this.method = (init.method || (input instanceof Request ? input.method : "GET")).toUpperCase();
      this.headers = new Headers(init.headers || (input instanceof Request ? input.headers : undefined));
      this.signal = init.signal || (input instanceof Request ? input.signal : new AbortSignal());
    }
  }
  G.Response = Response;
  G.Request = Request;
  G.fetch = function () { return Promise.reject(new TypeError("fetch failed: there is no network in a check (assign globalThis.fetch in the check)")); };

  class URLSearchParams {
    constructor(init) {
      this._p = [];
      if (typeof init === "string") {
        init.replace(/^\?/, "").split("&").filter(Boolean).forEach((kv) => { var i = kv.indexOf("="); var k = i < 0 ? kv : kv.slice(0, i); var v = i < 0 ? "" : kv.slice(i + 1); this._p.push([dec(k), dec(v)]); });
      } else if (init) {
        var entries = Array.isArray(init) ? init : typeof init.entries === "function" ? Array.from(init.entries()) : Object.keys(init).map(function (k) { return [k, init[k]]; });
        entries.forEach((e) => this._p.push([String(e[0]), String(e[1])]));
      }
      this._onChange = null;
    }
    get size() { return this._p.length; }
    get(k) { for (var e of this._p) if (e[0] === k) return e[1]; return null; }
    getAll(k) { return this._p.filter(function (e) { return e[0] === k; }).map(function (e) { return e[1]; }); }
    has(k) { return this._p.some(function (e) { return e[0] === k; }); }
    set(k, v) { var i = this._p.findIndex(function (e) { return e[0] === k; }); this._p = this._p.filter(function (e, j) { return e[0] !== k || j === i; }); if (i < 0) this._p.push([k, String(v)]); else this._p[this._p.findIndex(function (e) { return e[0] === k; })][1] = String(v); this._changed(); }
    append(k, v) { this._p.push([String(k), String(v)]); this._changed(); }
    delete(k) { this._p = this._p.filter(function (e) { return e[0] !== k; }); this._changed(); }
    sort() { this._p.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; }); this._changed(); }
    forEach(fn) { this._p.forEach((e) => fn(e[1], e[0], this)); }
    *entries() { for (var e of this._p) yield [e[0], e[1]]; }
    *keys() { for (var e of this._p) yield e[0]; }
    *values() { for (var e of this._p) yield e[1]; }
    [Symbol.iterator]() { return this.entries(); }
    toString() { return this._p.map(function (e) { return enc(e[0]) + "=" + enc(e[1]); }).join("&"); }
    _changed() { if (this._onChange) this._onChange(); }
  }
  function dec(s) { try { return decodeURIComponent(s.replace(/\+/g, " ")); } catch (e) { return s; } }
  function enc(s) { return encodeURIComponent(s).replace(/%20/g, "+"); }
  var URL_RE = /^([a-zA-Z][a-zA-Z0-9+.-]*:)\/\/(?:([^:@\/]*)(?::([^@\/]*))?@)?([^:\/?#]*)(?::(\d+))?([^?#]*)(\?[^#]*)?(#.*)?$/;
  class URL {
    constructor(input, base) {
      var s = String(input);
      var m = URL_RE.exec(s);
      if (!m && base !== undefined) {
        var b = new URL(base);
        if (s.startsWith("/")) m = URL_RE.exec(b.origin + s);
        else if (s.startsWith("?")) m = URL_RE.exec(b.origin + b.pathname + s);
        else m = URL_RE.exec(b.origin + b.pathname.replace(/[^\/]*$/, "") + s);
      }
      if (!m) throw new TypeError("Invalid URL: " + s);
      this.protocol = m[1].toLowerCase();
      this.username = m[2] || "";
      this.password = m[3] || "";
      this.hostname = (m[4] || "").toLowerCase();
      var defaultPort = { "http:": "80", "https:": "443" }[this.protocol];
      this.port = m[5] && m[5] !== defaultPort ? m[5] : "";
      this.pathname = m[6] || "/";
      this.hash = m[8] && m[8] !== "#" ? m[8] : "";
      this.searchParams = new URLSearchParams(m[7] || "");
      this.searchParams._onChange = () => {};
    }
    get host() { return this.hostname + (this.port ? ":" + this.port : ""); }
    get origin() { return this.protocol + "//" + this.host; }
    get search() { var q = this.searchParams.toString(); return q ? "?" + q : ""; }
    set search(v) { this.searchParams = new URLSearchParams(String(v)); }
    get href() { var auth = this.username ? this.username + (this.password ? ":" + this.password : "") + "@" : ""; return this.protocol + "//" + auth + this.host + this.pathname + this.search + this.hash; }
    toString() { return this.href; }
    toJSON() { return this.href; }
    static canParse(u, b) { try { new URL(u, b); return true; } catch (e) { return false; } }
  }
  G.URL = URL;
  G.URLSearchParams = URLSearchParams;

  // --- The kit ---
  function safeString(v) {
    try {
      if (typeof v === "string") return JSON.stringify(v);
      if (typeof v === "bigint") return String(v) + "n";
      if (v instanceof Error) return v.name + ": " + v.message;
      var s = JSON.stringify(v);
      return s === undefined ? String(v) : s.length > 200 ? s.slice(0, 200) + "…" : s;
    } catch (e) { return String(v); }
  }
  function fail(message, fallback) { var e = new Error(message || fallback); e.name = "AssertionError"; throw e; }
  function deepEq(a, b) {
    if (Object.is(a, b)) return true;
    if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
    if (a instanceof RealDate && b instanceof RealDate) return a.getTime() === b.getTime();
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (a instanceof Map && b instanceof Map) { if (a.size !== b.size) return false; for (var e of a) if (!b.has(e[0]) || !deepEq(e[1], b.get(e[0]))) return false; return true; }
    if (a instanceof Set && b instanceof Set) { if (a.size !== b.size) return false; for (var x of a) if (!b.has(x)) return false; return true; }
    var ka = Object.keys(a), kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    for (var k of ka) if (!Object.prototype.hasOwnProperty.call(b, k) || !deepEq(a[k], b[k])) return false;
    return true;
  }
  function errMatches(e, pattern) { if (!pattern) return true; var m = e && e.message !== undefined ? String(e.message) : String(e); return pattern.test(m) || (e && e.name && pattern.test(String(e.name))); }
  var assert = {
    equal: function (a, b, m) { if (!Object.is(a, b) && !(a === b)) fail(m, "expected " + safeString(b) + ", got " + safeString(a)); },
    deepEqual: function (a, b, m) { if (!deepEq(a, b)) fail(m, "expected " + safeString(b) + ", got " + safeString(a)); },
    ok: function (v, m) { if (!v) fail(m, "expected a true value, got " + safeString(v)); },
    throws: function (fn, pattern, m) {
      try { fn(); } catch (e) { if (!errMatches(e, pattern)) fail(m, "threw " + safeString(e) + ", which does not match " + pattern); return; }
      fail(m, "expected an error" + (pattern ? " matching " + pattern : "") + ", nothing was thrown");
    },
    rejects: async function (p, pattern, m) {
      try { await (typeof p === "function" ? p() : p); } catch (e) { if (!errMatches(e, pattern)) fail(m, "rejected with " + safeString(e) + ", which does not match " + pattern); return; }
      fail(m, "expected a rejection" + (pattern ? " matching " + pattern : "") + ", it resolved");
    },
  };

  var state = { phase: "idle", checks: [], current: -1, results: [], loadError: null, done: false, abandoned: null };
  var docFactories = Object.create(null);
  var params = {};
  function load(modules, file) {
    var docFactory = docFactories[file === undefined ? "" : String(file)];
    if (file !== undefined && docFactory === undefined) throw new Error("the document has no file \"" + file + "\" (it has: " + Object.keys(docFactories).filter(Boolean).map(function (k) { return JSON.stringify(k); }).join(", ") + ")");
    if (typeof docFactory !== "function") throw new Error("the document did not compile");
    modules = modules || {};
    var module = { exports: {} };
    function require(spec) {
      if (Object.prototype.hasOwnProperty.call(modules, spec)) return modules[spec];
      var alt = spec.startsWith("node:") ? spec.slice(5) : "node:" + spec;
      if (Object.prototype.hasOwnProperty.call(modules, alt)) return modules[alt];
      throw new Error("the document imports \"" + spec + "\", which the check does not provide (pass it to load({ \"" + spec + "\": … }))");
    }
    docFactory(module.exports, require, module);
    return module.exports;
  }
  function test(name, body) {
    if (state.phase !== "collect") throw new Error("test() must be called while the check module loads, not inside a check");
    if (typeof body !== "function") throw new TypeError("test(\"" + name + "\"): the body must be a function");
    state.checks.push({ name: String(name), body: body });
  }
${CONTEXT_HASH}
  var kit = { test: test, load: load, assert: assert, clock: clock, hash: hash, get params() { return params; } };

  function message(e) {
    if (e && typeof e === "object" && "message" in e) return (e.name && e.name !== "Error" && e.name !== "AssertionError" ? e.name + ": " : "") + String(e.message);
    return safeString(e);
  }
  var runToken = 0;
  async function runChecks(from) {
    for (var i = from; i < state.checks.length; i++) {
      state.current = i;
      var token = ++runToken;
      var ok = true, msg = "";
      try { await state.checks[i].body(); } catch (e) { ok = false; msg = message(e); }
      if (token !== runToken) return; // abandoned: the host moved on
      timers = [];
      state.results.push({ name: state.checks[i].name, ok: ok, message: msg });
    }
    state.done = true;
  }
  function runFrom(from) { runChecks(from).catch(function (e) { state.loadError = message(e); state.done = true; }); }

  G.__redline = {
    setDocument: function (factory, name) { docFactories[name || ""] = factory; },
    setHash: function (fn) { if (hostHash === null) hostHash = fn; },
    start: function (paramsJson, suiteFactory) {
      params = Object.freeze(JSON.parse(paramsJson));
      var mod = { exports: {} };
      try {
        suiteFactory(mod.exports, function (spec) { throw new Error("a check may import types only; it imports \"" + spec + "\""); }, mod);
        var suite = mod.exports && (mod.exports.default || mod.exports);
        if (typeof suite !== "function") throw new Error("the check module must \"export default\" a CheckSuite function");
        state.phase = "collect";
        suite(kit);
        state.phase = "run";
        if (!state.checks.length) throw new Error("the check module declares no test()");
      } catch (e) {
        state.loadError = message(e);
        state.done = true;
        return;
      }
      // The checks start after this script returns, so their time is the host's limit to stop.
      Promise.resolve().then(function () { runFrom(0); });
    },
    // The host saw no progress in a whole turn of its event loop: the current check awaits
    // something that never happens. It fails and the next one starts.
    abandon: function () {
      var i = state.current;
      var pending = timers.length;
      state.results.push({ name: state.checks[i].name, ok: false, message: "never finished: it waits for something that never happens" + (pending ? " (" + pending + " virtual timer" + (pending === 1 ? "" : "s") + " pending: call clock.runAll() or clock.advance(ms))" : "") });
      runToken++;
      timers = [];
      runFrom(i + 1);
    },
    poll: function () {
      return JSON.stringify({ done: state.done, current: state.current, count: state.results.length, results: state.done ? state.results : [], loadError: state.loadError, logs: state.done ? logs : [] });
    },
  };
})();
`;
