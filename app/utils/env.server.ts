import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().min(1).default("file:data/redline.db"),
  SESSION_SECRET: z.string().min(16, "SESSION_SECRET must be at least 16 characters").optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  REDLINE_DEMO: z.enum(["0", "1", "auto"]).default("auto"),
  SESSION_IDLE_HOURS: z.coerce.number({ message: "SESSION_IDLE_HOURS must be a number of hours, e.g. 12" }).positive("SESSION_IDLE_HOURS must be more than 0").default(12),
  SESSION_MAX_DAYS: z.coerce.number({ message: "SESSION_MAX_DAYS must be a number of days, e.g. 14" }).positive("SESSION_MAX_DAYS must be more than 0").default(14),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z
    .string()
    .superRefine((u, ctx) => {
      let url: URL;
      try {
        url = new URL(u);
      } catch {
        ctx.addIssue({ code: "custom", message: "OPENAI_BASE_URL must be a URL such as http://127.0.0.1:11434/v1" });
        return;
      }
      if (url.protocol !== "http:" && url.protocol !== "https:") {
        ctx.addIssue({ code: "custom", message: "OPENAI_BASE_URL must start with http:// or https://, e.g. http://127.0.0.1:11434/v1" });
      }
    })
    .optional(),
  OPENAI_MODEL: z.string().optional(),
  // Email copies of notifications (optional): on when SMTP_HOST is set.
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.coerce.number({ message: "SMTP_PORT must be a port number, e.g. 587" }).int().min(1).max(65535).default(587),
  SMTP_SECURE: z.enum(["0", "1"], { message: "SMTP_SECURE must be 1 (TLS from the start, usually port 465) or 0" }).default("0"),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.string().optional(),
  REDLINE_PUBLIC_URL: z.string().url("REDLINE_PUBLIC_URL must be the address people open Redline at, e.g. https://redline.example.com").optional(),
}).superRefine((e, ctx) => {
  if (e.SMTP_HOST && !e.SMTP_FROM) ctx.addIssue({ code: "custom", path: ["SMTP_FROM"], message: "SMTP_FROM is required when SMTP_HOST is set (the sender, e.g. Redline <redline@example.com>)" });
  if (e.SMTP_HOST && !e.REDLINE_PUBLIC_URL) ctx.addIssue({ code: "custom", path: ["REDLINE_PUBLIC_URL"], message: "REDLINE_PUBLIC_URL is required when SMTP_HOST is set, for the links in the mails (e.g. https://redline.example.com)" });
  // A model needs a name and somewhere to run: a key for api.openai.com or a local server's URL.
  if ((e.OPENAI_API_KEY || e.OPENAI_BASE_URL) && !e.OPENAI_MODEL) {
    ctx.addIssue({
      code: "custom",
      path: ["OPENAI_MODEL"],
      message: `OPENAI_MODEL is required when ${e.OPENAI_API_KEY ? "OPENAI_API_KEY" : "OPENAI_BASE_URL"} is set (e.g. gpt-4o-mini, or llama3.1 on a local Ollama); unset both to use the offline engine`,
    });
  }
  if (e.OPENAI_MODEL && !e.OPENAI_API_KEY && !e.OPENAI_BASE_URL) {
    ctx.addIssue({
      code: "custom",
      path: ["OPENAI_API_KEY"],
      message: "OPENAI_MODEL is set, but neither OPENAI_API_KEY (for api.openai.com) nor OPENAI_BASE_URL (for a local OpenAI-compatible server) is",
    });
  }
});

export type Env = z.infer<typeof EnvSchema> & { SESSION_SECRET: string };

let cached: Env | undefined;

/** Parses the environment once; a bad value stops start-up with a message that names it. */
export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(
    Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== "")),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  let secret = e.SESSION_SECRET;
  if (!secret) {
    if (e.NODE_ENV === "production") {
      throw new Error(
        "SESSION_SECRET is not set. In production, set SESSION_SECRET to a long random string (e.g. `openssl rand -hex 32`).",
      );
    }
    secret = developmentSecret();
  }
  cached = { ...e, SESSION_SECRET: secret };
  return cached;
}

/** In development a secret is generated once and kept under data/, so sessions survive restarts. */
function developmentSecret(): string {
  const file = path.resolve("data", "session-secret");
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing.length >= 16) return existing;
  } catch {
    /* first start */
  }
  const secret = crypto.randomBytes(32).toString("hex");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

export function isProduction(): boolean {
  return env().NODE_ENV === "production";
}

/** Demo data is for trying Redline out; production refuses it unless REDLINE_DEMO=1. */
export function demoAllowed(): boolean {
  const e = env();
  if (e.REDLINE_DEMO === "1") return true;
  if (e.REDLINE_DEMO === "0") return false;
  return e.NODE_ENV !== "production";
}

export function resetEnvForTests() {
  cached = undefined;
}
