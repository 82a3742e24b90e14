import { db, migrateToLatest } from "~/db/db.server";
import { seedDemoHistory } from "~/models/demo-history.server";
import { seedDraftPool } from "~/models/draft-pool.server";
import { startDeadlineSweeps } from "~/models/notification-deadlines.server";
import { resumeModelGradingInBackground } from "~/models/model-grading.server";
import { rescoreStoredAttempts } from "~/models/rescore.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isDatabaseEmpty, isDemoDatabase, seedDemoOrganisation } from "~/models/demo.server";
import { demoAllowed, env } from "~/utils/env.server";

/** Runs once before the server listens: configuration, migrations, demo data. */
export async function startup(): Promise<void> {
  const config = env(); // throws with a message naming the bad variable
  const database = db();
  const applied = await migrateToLatest(database);
  if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);

  if (await isDatabaseEmpty(database)) {
    if (demoAllowed()) {
      console.log("Empty database: seeding the demo organisation…");
      await seedDemoOrganisation(database);
      const n = await seedDraftPool(database, 4);
      // Tests start from a pool with no history (REDLINE_DEMO_HISTORY=0) so their numbers are exact.
      const h = process.env.REDLINE_DEMO_HISTORY === "0" ? 0 : await seedDemoHistory(database, 4);
      console.log(`Seeded ${n} practice drafts and ${h} submitted reviews of demo trainees.`);
    } else if (config.NODE_ENV === "production") {
      console.log("Empty database and demo mode is off (production). Create the first admin with `npm run db:migrate -- --create-admin EMAIL --name 'NAME'`.");
    }
  }
  if (await isDemoDatabase(database)) {
    // Demo scores follow the current scoring version; each change is a visible score revision.
    const r = await rescoreStoredAttempts(database, { reason: "start-up (demo)" });
    if (r.changed) console.log(`Rescored ${r.changed} demo attempts with the current scoring version.`);
  }
  // Attempts whose model grading was pending when the process stopped are graded again.
  resumeModelGradingInBackground(database);
  // "Due soon" and "overdue" become stored notifications now and every hour (decision 123).
  startDeadlineSweeps(database);
  if ((await isDemoDatabase(database)) && demoAllowed()) {
    console.log("\nDemo mode. Sign in with any of these (password for all: " + DEMO_PASSWORD + "):");
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(8)} ${a.email}`);
    console.log("");
  }
}
