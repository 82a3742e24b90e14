import crypto from "node:crypto";
import type { Database } from "~/db/db.server";
import { createOrganisation, createUser } from "./user.server";

export const DEMO_PASSWORD = "redline-demo";

export const DEMO_ACCOUNTS = [
  { email: "admin@redline.test", name: "Avery Admin", role: "admin" },
  { email: "mentor1@redline.test", name: "Morgan Reyes", role: "mentor" },
  { email: "mentor2@redline.test", name: "Priya Natarajan", role: "mentor" },
  { email: "trainee1@redline.test", name: "Tom Becker", role: "trainee" },
  { email: "trainee2@redline.test", name: "Lina Okafor", role: "trainee" },
  { email: "trainee3@redline.test", name: "Sam Ito", role: "trainee" },
  { email: "trainee4@redline.test", name: "Jess Moreau", role: "trainee" },
  { email: "trainee5@redline.test", name: "Ravi Shah", role: "trainee" },
  { email: "trainee6@redline.test", name: "Noor Haddad", role: "trainee" },
  { email: "trainee7@redline.test", name: "Elena Petrova", role: "trainee" },
  { email: "trainee8@redline.test", name: "Kofi Mensah", role: "trainee" },
] as const;

export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const row = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  return !row;
}

export async function isDemoDatabase(db: Database): Promise<boolean> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", "demo").executeTakeFirst();
  return row?.value === "1";
}

/**
 * The demo organisation: 1 admin, 2 mentors, 2 cohorts of 4 trainees. Mentor 1 mentors both
 * cohorts, mentor 2 only the second, so cohort scoping is visible from the first click.
 */
export async function seedDemoOrganisation(db: Database): Promise<void> {
  const orgId = await createOrganisation(db, "Northwind Advisory (demo)");
  const users = [];
  for (const a of DEMO_ACCOUNTS) {
    users.push(await createUser(db, { orgId, email: a.email, name: a.name, role: a.role, password: DEMO_PASSWORD }));
  }
  const byEmail = new Map(users.map((u) => [u.email, u]));
  const now = new Date().toISOString();
  const cohorts = [
    { name: "Spring cohort — analysts", mentors: ["mentor1"], trainees: ["trainee1", "trainee2", "trainee3", "trainee4"] },
    { name: "Autumn cohort — engineers", mentors: ["mentor1", "mentor2"], trainees: ["trainee5", "trainee6", "trainee7", "trainee8"] },
  ];
  for (const c of cohorts) {
    const id = crypto.randomUUID();
    await db.insertInto("cohorts").values({ id, org_id: orgId, name: c.name, created_at: now }).execute();
    for (const [list, role] of [[c.mentors, "mentor"], [c.trainees, "trainee"]] as const) {
      for (const handle of list) {
        const u = byEmail.get(`${handle}@redline.test`)!;
        await db.insertInto("cohort_members").values({ cohort_id: id, user_id: u.id, member_role: role, added_at: now }).execute();
      }
    }
  }
  await db.insertInto("settings").values({ key: "demo", value: "1" }).execute();
}
