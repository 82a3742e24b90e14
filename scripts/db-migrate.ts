// npm run db:migrate [-- --down] [-- --create-admin EMAIL --name "Full Name"]
// Applies migrations to DATABASE_URL (SQLite file by default). --create-admin makes the first
// admin of a production installation (password from REDLINE_ADMIN_PASSWORD, or a generated one
// that is printed once).
import crypto from "node:crypto";
import { parseArgs } from "node:util";
import { db, migrateDown, migrateToLatest } from "~/db/db.server";
import { createOrganisation, createUser, findUserByEmail } from "~/models/user.server";

const USAGE = `Usage: npm run db:migrate [-- --down] [-- --create-admin EMAIL --name "NAME" [--org "ORGANISATION"]]`;
let values;
try {
  ({ values } = parseArgs({ options: { down: { type: "boolean" }, "create-admin": { type: "string" }, name: { type: "string" }, org: { type: "string" } }, strict: true }));
} catch (e) {
  console.error(`${(e as Error).message}\n${USAGE}`);
  process.exit(2);
}
const database = db();
try {
  if (values.down) {
    const name = await migrateDown(database);
    console.log(name ? `Reverted ${name}` : "Nothing to revert.");
  } else {
    const applied = await migrateToLatest(database);
    console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
  }
  const email = values["create-admin"];
  if (email) {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new Error(`"${email}" is not an email address.`);
    if (!values.name || values.name.trim().length < 2) throw new Error('Give the admin a name with --name "Full Name".');
    if (await findUserByEmail(database, email)) throw new Error(`An account for ${email} already exists.`);
    const existing = await database.selectFrom("organisations").select("id").limit(1).executeTakeFirst();
    const orgId = existing?.id ?? (await createOrganisation(database, values.org ?? "My organisation"));
    const password = process.env.REDLINE_ADMIN_PASSWORD || crypto.randomBytes(12).toString("base64url");
    await createUser(database, { orgId, email, name: values.name, role: "admin", password });
    console.log(`Created admin ${email}.${process.env.REDLINE_ADMIN_PASSWORD ? "" : ` Password (shown once): ${password}`}`);
  }
} catch (e) {
  console.error(`db:migrate failed: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  await database.destroy();
}
