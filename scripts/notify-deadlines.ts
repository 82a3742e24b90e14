// npm run notify:deadlines [-- --database URL]
// Stores "due soon" and "overdue" notifications for every trainee whose program module is due
// within three days or past due, and mails them when SMTP is configured (decisions 121, 123).
// The server also does this at start-up and every hour; running it again, or on several
// instances, notifies nobody twice. Suited to a scheduler (cron) when the server is not always on.
import { createDatabase, migrateToLatest } from "~/db/db.server";
import { mailsSettled } from "~/models/notification-mail.server";
import { sweepDeadlines } from "~/models/notification-deadlines.server";
import { env } from "~/utils/env.server";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  env(); // SMTP settings are checked (with a message naming the variable) before anything is stored
  const db = createDatabase(arg("--database") ?? process.env.DATABASE_URL);
  try {
    await migrateToLatest(db);
    const before = Number((await db.selectFrom("notifications").select((eb) => eb.fn.countAll<number>().as("n")).where("kind", "in", ["due-soon", "overdue"]).executeTakeFirstOrThrow()).n);
    const r = await sweepDeadlines(db);
    const after = Number((await db.selectFrom("notifications").select((eb) => eb.fn.countAll<number>().as("n")).where("kind", "in", ["due-soon", "overdue"]).executeTakeFirstOrThrow()).n);
    await mailsSettled();
    console.log(`notify:deadlines: ${r.trainees} trainees with a program, ${r.deadlines} modules due soon or overdue, ${after - before} new notifications`);
    return 0;
  } finally {
    await db.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`notify:deadlines: ${(e as Error).message}`);
    process.exit(1);
  },
);
