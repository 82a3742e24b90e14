// Email copies of in-app notifications, when SMTP is configured (decision 121). Sending happens
// after the notification is stored and is never awaited by the user's action: a failure is
// logged and the in-app notification stays. The mail says only what the in-app notification
// says (its title and a link), to the one person it is for.
import nodemailer, { type Transporter } from "nodemailer";
import type { Database } from "~/db/db.server";
import { env } from "~/utils/env.server";

export interface MailSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
  /** Where Redline is reached by its users, for the links in a mail (no trailing slash). */
  publicUrl: string;
}

/** The SMTP settings from the environment, or null when email is off (no SMTP_HOST). */
export function mailSettings(): MailSettings | null {
  if (!process.env.SMTP_HOST) return null; // email off: not even the rest of the settings are read
  const e = env();
  if (!e.SMTP_HOST) return null;
  return {
    host: e.SMTP_HOST,
    port: e.SMTP_PORT,
    secure: e.SMTP_SECURE === "1",
    user: e.SMTP_USER,
    password: e.SMTP_PASSWORD,
    from: e.SMTP_FROM!,
    publicUrl: e.REDLINE_PUBLIC_URL!.replace(/\/+$/, ""),
  };
}

let transport: { key: string; transporter: Transporter } | undefined;
const inFlight = new Set<Promise<void>>();

function transporterFor(s: MailSettings): Transporter {
  const key = JSON.stringify([s.host, s.port, s.secure, s.user, s.password]);
  if (transport?.key !== key) {
    transport = {
      key,
      transporter: nodemailer.createTransport({ host: s.host, port: s.port, secure: s.secure, ...(s.user ? { auth: { user: s.user, pass: s.password ?? "" } } : {}) }),
    };
  }
  return transport.transporter;
}

/** The mail for one notification: its title as the subject, and a link to where it points. */
export function notificationMail(s: MailSettings, to: { email: string; name: string }, n: { title: string; link: string }) {
  const url = `${s.publicUrl}${n.link.startsWith("/") ? n.link : `/${n.link}`}`;
  return {
    from: s.from,
    to: { name: to.name, address: to.email },
    subject: `Redline: ${n.title}`,
    text: `Hello ${to.name},\n\n${n.title}\n\nOpen it in Redline: ${url}\n\nYou get this mail because your Redline account has notifications; they are also listed at ${s.publicUrl}/notifications.\n`,
  };
}

/**
 * Sends the email copy of a notification in the background when SMTP is configured: only the
 * recipient's address is read before this returns; the send itself is not awaited. A send that
 * fails is logged with the notification's kind, never thrown.
 */
export async function mailNotification(db: Database, userId: string, n: { kind: string; title: string; link: string }): Promise<void> {
  const settings = mailSettings();
  if (!settings) return;
  const user = await db.selectFrom("users").select(["email", "name"]).where("id", "=", userId).executeTakeFirst();
  if (!user) return;
  const sending = transporterFor(settings).sendMail(notificationMail(settings, user, n)).then(() => undefined, (e: unknown) => {
    console.error(`Email for a “${n.kind}” notification could not be sent: ${(e as Error).message}`);
  });
  inFlight.add(sending);
  void sending.finally(() => inFlight.delete(sending));
}

/** Waits for the emails being sent (tests; a graceful stop). */
export async function mailsSettled(): Promise<void> {
  while (inFlight.size) await Promise.all([...inFlight]);
}
