// Each integration test gets its own migrated database: a fresh SQLite file, or a fresh
// database in the run's throwaway PostgreSQL cluster.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { createDatabase, migrateToLatest, type Database } from "~/db/db.server";

export type Dialect = "sqlite" | "postgres";
export const DIALECTS: Dialect[] = ["sqlite", "postgres"];

export interface TestDb {
  db: Database;
  url: string;
  close(): Promise<void>;
}

export async function createTestDb(dialect: Dialect, { migrate = true } = {}): Promise<TestDb> {
  if (dialect === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-test-"));
    const url = `file:${path.join(dir, "test.db")}`;
    const db = createDatabase(url);
    if (migrate) await migrateToLatest(db);
    return {
      db,
      url,
      async close() {
        await db.destroy();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = inject("pgAdminUrl");
  const name = `t_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  const db = createDatabase(url);
  if (migrate) await migrateToLatest(db);
  return {
    db,
    url,
    async close() {
      await db.destroy();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name}`);
      await c.end();
    },
  };
}
