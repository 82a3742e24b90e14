// Outbound webhooks: sign each event with the subscriber's secret and deliver it with a deadline.
import { createHmac, timingSafeEqual } from "node:crypto";

export type Subscription = { id: string; endpoint: string; secret: string; events: string[] };
export type WebhookEvent = { id: string; type: string; createdAt: string; data: Record<string, unknown> };
export type DeliveryResult = {
  subscriptionId: string;
  status: "delivered" | "failed";
  httpStatus?: number;
  error?: string;
};

const TOLERANCE_SECONDS = {{tol_s}};
const DELIVERY_TIMEOUT_MS = {{timeout_ms}};
const SIGNATURE_HEADER = "{{header}}";

/** Canonical JSON: object keys sorted at every depth, so both sides hash the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function signatureHeader(secret: string, body: string, timestamp: number): string {
  const mac = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${mac}`;
}

/** Receiver side, shipped in our SDK: checks the signature and that the timestamp is recent. */
export function verifySignature(secret: string, body: string, header: string, nowSeconds: number): boolean {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2)));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp)) return false;
  if (Math.abs(nowSeconds - timestamp) > TOLERANCE_SECONDS) return false;
  const expected = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest();
  const given = Buffer.from(String(parts.v1 ?? ""), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** One POST to the subscriber; never throws, so one bad endpoint cannot stop a fan-out. */
export async function deliver(sub: Subscription, event: WebhookEvent, nowMs = Date.now()): Promise<DeliveryResult> {
  const body = canonicalJson(event);
  const timestamp = Math.floor(nowMs / 1000);
  try {
    const res = await fetch(sub.endpoint, {
      method: "POST",
      headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signatureHeader(sub.secret, body, timestamp) },
      body,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      redirect: "manual",
    });
    // Release the connection: an unread body keeps the socket busy until it is collected.
    await res.body?.cancel();
    const ok = res.status >= 200 && res.status < 300;
    return { subscriptionId: sub.id, status: ok ? "delivered" : "failed", httpStatus: res.status };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    return { subscriptionId: sub.id, status: "failed", error };
  }
}

/** Delivers one event to every subscription that wants its type, at most `concurrency` at a time. */
export async function fanOut(subs: Subscription[], event: WebhookEvent, concurrency = {{concurrency}}): Promise<DeliveryResult[]> {
  const targets = subs.filter((s) => s.events.includes(event.type) || s.events.includes("*"));
  const results: DeliveryResult[] = new Array(targets.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < targets.length) {
      const i = next++;
      results[i] = await deliver(targets[i], event);
    }
  }
  const workers = Math.max(1, Math.min(concurrency, targets.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
