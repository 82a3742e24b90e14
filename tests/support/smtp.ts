// A real SMTP server on 127.0.0.1 for the mail tests, and the app's SMTP settings pointed at it.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { resetEnvForTests } from "~/utils/env.server";

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The raw message with quoted-printable soft line breaks joined, so a long line reads whole. */
  data: string;
}

export interface TestSmtp {
  port: number;
  received: ReceivedMail[];
  close(): Promise<void>;
}

/** Starts an SMTP server on a free loopback port that keeps every mail it is sent. */
export async function startSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString("utf8").replace(/=\r?\n/g, ""),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const SMTP_KEYS = ["SMTP_HOST", "SMTP_PORT", "SMTP_FROM", "REDLINE_PUBLIC_URL"] as const;

/** Points the app's mail settings at an SMTP server on 127.0.0.1 (null: no mail settings at all). */
export function setSmtp(port: number | null, publicUrl = "http://127.0.0.1:3999") {
  for (const k of SMTP_KEYS) delete process.env[k];
  if (port !== null) {
    process.env.SMTP_HOST = "127.0.0.1";
    process.env.SMTP_PORT = String(port);
    process.env.SMTP_FROM = "Redline <redline@acme.test>";
    process.env.REDLINE_PUBLIC_URL = publicUrl;
  }
  resetEnvForTests();
}
