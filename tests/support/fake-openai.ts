// A stand-in for an OpenAI-compatible model server: node:http on 127.0.0.1 (a free port),
// POST /v1/chat/completions answered with the JSON shape the openai SDK expects (choices,
// finish_reason, usage). Tests script the replies — good edits, malformed JSON, hallucinated
// originals, refusals, truncation, 429s, 500s, hangs — and count the requests it received.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { DOCUMENT_CLOSE, DOCUMENT_OPEN } from "~/domain/generation/proposals";

export interface FakeUsage {
  prompt_tokens: number;
  completion_tokens: number;
}

export type FakeReply =
  /** A normal reply whose content is this value as JSON. */
  | { type: "json"; value: unknown; usage?: FakeUsage; finishReason?: string }
  /** A normal reply with raw content (e.g. malformed JSON). */
  | { type: "text"; content: string; usage?: FakeUsage; finishReason?: string }
  | { type: "refusal"; refusal: string; usage?: FakeUsage }
  /** Cut off at the output limit: finish_reason "length" with partial content. */
  | { type: "length"; content?: string; usage?: FakeUsage }
  | { type: "error"; status: number; headers?: Record<string, string>; message?: string; code?: string }
  /** Never answers (until the server closes or the client gives up). */
  | { type: "hang" }
  /** Answers with `then` only after release() is called. */
  | { type: "hold"; then: FakeReply }
  | { type: "delay"; ms: number; then: FakeReply };

export interface FakeRequest {
  n: number;
  path: string;
  body: {
    model?: string;
    messages?: { role: string; content: string }[];
    response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: Record<string, unknown> } };
    max_tokens?: number;
    max_completion_tokens?: number;
  };
  authorization: string | undefined;
}

export type FakeHandler = (req: FakeRequest) => FakeReply | Promise<FakeReply>;

export interface FakeOpenAI {
  /** Base URL for the SDK / OPENAI_BASE_URL, ending in /v1. */
  baseURL: string;
  requests: FakeRequest[];
  /**
   * Replace the script: a handler, or a list played in order (requests past its end get a 500).
   * Also forgets the requests seen so far, so counts start again.
   */
  use(script: FakeHandler | (FakeReply | FakeHandler)[]): void;
  /** Requests since the last use() currently held by a "hold" reply. */
  held(): number;
  waitForHeld(count?: number, timeoutMs?: number): Promise<void>;
  /** Lets held replies go. */
  release(): void;
  close(): Promise<void>;
}

export const DEFAULT_USAGE: FakeUsage = { prompt_tokens: 1200, completion_tokens: 350 };

export async function startFakeOpenAI(script: FakeHandler | (FakeReply | FakeHandler)[] = goodHandler()): Promise<FakeOpenAI> {
  let handler: FakeHandler = toHandler(script);
  const requests: FakeRequest[] = [];
  // Held replies by request number; a client that gave up may close its socket a moment later,
  // so only holds of requests since the last use() count.
  const heldReleases = new Map<number, () => void>();
  let baseline = 0;
  const sockets = new Set<import("node:net").Socket>();
  let counter = 0;

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: `No route ${req.method} ${req.url}`, type: "invalid_request_error" } }));
      return;
    }
    let body: FakeRequest["body"];
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "Body is not JSON", type: "invalid_request_error" } }));
      return;
    }
    const request: FakeRequest = { n: ++counter, path: req.url, body, authorization: req.headers.authorization };
    requests.push(request);
    let reply = await handler(request);
    const closed = new Promise<void>((r) => res.once("close", () => r()));
    while (reply.type === "hold" || reply.type === "delay") {
      if (reply.type === "hold") {
        let release!: () => void;
        const released = new Promise<void>((r) => (release = r));
        heldReleases.set(request.n, release);
        await Promise.race([released, closed]);
        heldReleases.delete(request.n);
      } else {
        await Promise.race([new Promise((r) => setTimeout(r, (reply as { ms: number }).ms)), closed]);
      }
      if (res.destroyed || res.writableEnded) return;
      reply = reply.then;
    }
    if (reply.type === "hang") return; // the socket stays open until the client aborts or close()
    send(res, request, reply);
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const held = () => [...heldReleases.keys()].filter((n) => n > baseline).length;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    use(s) {
      handler = toHandler(s);
      requests.length = 0;
      baseline = counter;
    },
    held,
    async waitForHeld(count = 1, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (held() < count) {
        if (Date.now() > until) throw new Error(`fake server: expected ${count} held request(s), have ${held()}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    release() {
      for (const r of [...heldReleases.values()]) r();
    },
    async close() {
      for (const r of [...heldReleases.values()]) r();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function toHandler(script: FakeHandler | (FakeReply | FakeHandler)[]): FakeHandler {
  if (typeof script === "function") return script;
  let i = 0;
  return (req) => {
    const next = script[i++];
    if (!next) return { type: "error", status: 500, message: `fake server: no scripted reply for request ${req.n}` };
    return typeof next === "function" ? next(req) : next;
  };
}

function send(res: http.ServerResponse, req: FakeRequest, reply: FakeReply) {
  const requestId = `req_fake_${req.n}`;
  if (reply.type === "error") {
    res.writeHead(reply.status, { "content-type": "application/json", "x-request-id": requestId, ...reply.headers });
    res.end(JSON.stringify({ error: { message: reply.message ?? `fake error ${reply.status}`, type: reply.status === 429 ? "rate_limit_exceeded" : "server_error", code: reply.code ?? null } }));
    return;
  }
  let content: string | null = null;
  let refusal: string | null = null;
  let finishReason = "stop";
  let usage = DEFAULT_USAGE;
  if (reply.type === "json") {
    content = JSON.stringify(reply.value);
    finishReason = reply.finishReason ?? "stop";
    usage = reply.usage ?? usage;
  } else if (reply.type === "text") {
    content = reply.content;
    finishReason = reply.finishReason ?? "stop";
    usage = reply.usage ?? usage;
  } else if (reply.type === "refusal") {
    refusal = reply.refusal;
    usage = reply.usage ?? { prompt_tokens: usage.prompt_tokens, completion_tokens: 20 };
  } else if (reply.type === "length") {
    content = reply.content ?? '{"edits": [{"category": "';
    finishReason = "length";
    usage = reply.usage ?? { prompt_tokens: usage.prompt_tokens, completion_tokens: req.body.max_tokens ?? req.body.max_completion_tokens ?? 4000 };
  }
  res.writeHead(200, { "content-type": "application/json", "x-request-id": requestId });
  res.end(
    JSON.stringify({
      id: `chatcmpl-fake-${req.n}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: req.body.model ?? "fake",
      choices: [{ index: 0, message: { role: "assistant", content, refusal, annotations: [] }, finish_reason: finishReason, logprobs: null }],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
      system_fingerprint: "fp_fake",
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Reading a request and writing plausible replies

export function schemaName(req: FakeRequest): string {
  return req.body.response_format?.json_schema?.name ?? "";
}

/** The document the app put between the markers (flaw requests). */
export function documentOf(req: FakeRequest): string {
  const msg = (req.body.messages ?? []).find((m) => m.role === "user" && m.content.includes(DOCUMENT_OPEN));
  if (!msg) throw new Error("fake server: no document in the request");
  const start = msg.content.indexOf(DOCUMENT_OPEN) + DOCUMENT_OPEN.length + 1;
  return msg.content.slice(start, msg.content.lastIndexOf(DOCUMENT_CLOSE));
}

/** The category ids the app allowed (from the strict JSON schema's enum). */
export function categoriesOf(req: FakeRequest): string[] {
  const schema = req.body.response_format?.json_schema?.schema as
    | { properties?: { edits?: { items?: { properties?: { category?: { enum?: string[] } } } } } }
    | undefined;
  return schema?.properties?.edits?.items?.properties?.category?.enum ?? [];
}

/** How many edits the app asked for ("Propose N edits"). */
export function wantedOf(req: FakeRequest): number {
  const user = (req.body.messages ?? []).find((m) => m.role === "user")?.content ?? "";
  return Number(user.match(/Propose (\d+) edits/)?.[1] ?? 3);
}

/** A repair request carries the previous reply and the validation errors. */
export function isRepair(req: FakeRequest): boolean {
  return (req.body.messages ?? []).some((m) => m.role === "assistant");
}

function count(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) n++;
  return n;
}

function mutate(line: string): string {
  const digit = line.match(/\d/);
  if (digit) return line.replace(/\d/, String((Number(digit[0]) + 1) % 10));
  if (line.includes(" < ")) return line.replace(" < ", " <= ");
  if (line.includes("true")) return line.replace("true", "false");
  if (/\bmust\b/.test(line)) return line.replace(/\bmust\b/, "may");
  return `${line.replace(/\s+$/, "")} (unverified)`;
}

/** Valid edits for a document: whole unique lines, at least two untouched lines apart. */
export function goodEdits(doc: string, categories: string[], wanted = 3) {
  const lines = doc.split("\n");
  const edits = [];
  let last = -10;
  for (let i = 0; i < lines.length && edits.length < wanted; i++) {
    const line = lines[i];
    if (i - last < 3 || line.trim().length < 8 || count(doc, line) !== 1) continue;
    const replacement = mutate(line);
    if (replacement === line || count(doc, replacement) > 0) continue;
    edits.push({
      category: categories[edits.length % categories.length],
      original: line,
      replacement,
      explanation: `Line ${i + 1} was changed so that it no longer does what the brief asks.`,
      keyPoints: [{ text: "The changed value contradicts the brief", phrases: ["contradicts the brief", "wrong value", "changed"] }],
      hint: "Compare this part with the brief.",
    });
    last = i;
  }
  return { edits };
}

/** A clean document a model might write for a brief (mode b). */
export function cleanDraftValue(title = "Quarterly totals helper", lines = 24) {
  const body = Array.from({ length: lines }, (_, i) => (i % 4 === 3 ? "" : `const value${i + 1} = total * ${i + 2} + offset${i + 1};`));
  return { title, text: `${body.join("\n")}\n` };
}

/**
 * Answers every request sensibly: a clean draft for draft requests, good edits for flaw requests
 * (as many as asked for, unless `edits` says otherwise).
 */
export function goodHandler(options: { usage?: FakeUsage; edits?: number } = {}): FakeHandler {
  return (req) => {
    if (schemaName(req) === "clean_draft") return { type: "json", value: cleanDraftValue(), usage: options.usage };
    if (schemaName(req) === "grade") return { type: "json", value: { coveredKeyPoints: [0], grade: 2, rationale: "Names the main problem but not its consequence." }, usage: options.usage };
    return { type: "json", value: goodEdits(documentOf(req), categoriesOf(req), options.edits ?? wantedOf(req)), usage: options.usage };
  };
}
