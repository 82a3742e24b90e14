// Each integration test gets its own migrated database: a fresh SQLite file under data/ (git-ignored),
// or a fresh database in the run's throwaway PostgreSQL cluster.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { createDatabase, migrateToLatest, type Database } from "~/db/db.server";

const root = path.resolve(import.meta.dirname, "..", "..");

export type Dialect = "sqlite" | "postgres";
export const DIALECTS: Dialect[] = ["sqlite", "postgres"];

export interface TestDb {
  db: Database;
  url: string;
  close(): Promise<void>;
}

export async function createTestDb(dialect: Dialect, { migrate = true } = {}): Promise<TestDb> {
  if (dialect === "sqlite") {
    fs.mkdirSync(path.join(root, "data"), { recursive: true });
    const dir = fs.mkdtempSync(path.join(root, "data", "test-db-"));
    return opened(`file:${path.join(dir, "test.db")}`, migrate, async () => fs.rmSync(dir, { recursive: true, force: true }));
  }
  const adminUrl = inject("pgAdminUrl");
  const name = `t_${crypto.randomBytes(6).toString("hex")}`;
  await asAdmin(adminUrl, `CREATE DATABASE ${name}`);
  return opened(adminUrl.replace(/\/postgres$/, `/${name}`), migrate, () => asAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name}`));
}

/** The database at `url` through the app's code, migrated when asked; closing it also runs `remove`. */
async function opened(url: string, migrate: boolean, remove: () => Promise<void>): Promise<TestDb> {
  const db = createDatabase(url);
  if (migrate) await migrateToLatest(db);
  return {
    db,
    url,
    async close() {
      await db.destroy();
      await remove();
    },
  };
}

async function asAdmin(adminUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}
