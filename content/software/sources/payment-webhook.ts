// POST {{route}}: verifies the provider's signature, then records and applies
// each event at most once, inside a single transaction.
import { createHmac, timingSafeEqual } from 'node:crypto';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { pool } from './db';

const TOLERANCE_SECONDS = {{tol_min}} * 60;

function loadSecret(): string {
  const secret = process.env.{{env}};
  if (!secret) throw new Error('{{env}} is not set');
  return secret;
}
const SECRET = loadSecret();

interface PaymentEvent {
  id: string;
  type: string;
  data?: { {{id_field}}?: unknown };
}

/** Parses "t={{ts_example}},v1=<64 hex chars>"; null if the header is missing or malformed. */
function parseSignatureHeader(header: string | undefined): { t: string; v1: string } | null {
  if (!header) return null;
  const fields = new Map<string, string>();
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const t = fields.get('t');
  const v1 = fields.get('v1');
  if (!t || !/^\d{1,12}$/.test(t) || !v1 || !/^[0-9a-f]{64}$/i.test(v1)) return null;
  return { t, v1 };
}

function isValidSignature(rawBody: Buffer, header: string | undefined, nowSeconds: number): boolean {
  const parsed = parseSignatureHeader(header);
  if (parsed === null) return false;
  if (Math.abs(nowSeconds - Number(parsed.t)) > TOLERANCE_SECONDS) return false;

  const expected = createHmac('sha256', SECRET).update(`${parsed.t}.`).update(rawBody).digest();
  const received = Buffer.from(parsed.v1, 'hex');
  // Both are 32 bytes (the header regex fixed the length), as timingSafeEqual requires.
  return timingSafeEqual(expected, received);
}

/** Records the event and applies it in one transaction; false means it was a duplicate. */
async function recordAndApply(event: PaymentEvent): Promise<boolean> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // The primary key does the locking: a concurrent duplicate blocks on this insert until
    // the first transaction commits, then inserts nothing.
    const inserted = await client.query(
      'INSERT INTO {{events_table}} (id, type, received_at) VALUES ($1, $2, now()) ON CONFLICT (id) DO NOTHING',
      [event.id, event.type],
    );
    const isNew = inserted.rowCount === 1;
    if (isNew && event.type === '{{event}}') {
      await client.query("UPDATE {{table}} SET status = '{{status}}', {{stamp}} = now() WHERE id = $1", [
        event.data?.{{id_field}},
      ]);
    }
    await client.query('COMMIT');
    return isNew;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {}); // keep the original error
    throw error;
  } finally {
    client.release();
  }
}

export const webhookRouter = Router();

webhookRouter.post(
  '{{route}}',
  // The signature covers the exact bytes, so take the raw body and parse it ourselves.
  express.raw({ type: 'application/json', limit: '{{limit}}' }),
  async (req: Request, res: Response, next: NextFunction) => {
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!isValidSignature(rawBody, req.get('{{header}}'), Math.floor(Date.now() / 1000))) {
      res.status(401).json({ error: 'invalid signature' });
      return;
    }

    let event: PaymentEvent;
    try {
      event = JSON.parse(rawBody.toString('utf8'));
    } catch {
      res.status(400).json({ error: 'malformed JSON' });
      return;
    }
    const {{id_field}} = event?.data?.{{id_field}};
    if (
      typeof event?.id !== 'string' ||
      typeof event.type !== 'string' ||
      (event.type === '{{event}}' && typeof {{id_field}} !== 'string')
    ) {
      res.status(400).json({ error: 'event id, type and data.{{id_field}} are required' });
      return;
    }

    try {
      const isNew = await recordAndApply(event);
      res.status(200).json({ received: true, duplicate: !isNew });
    } catch (error) {
      next(error); // 500, so the provider retries the delivery later
    }
  },
);
