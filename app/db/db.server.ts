import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import type { DB } from "./schema";
import { migrationProvider } from "./migrations/index";

export type Database = Kysely<DB>;

export const DEFAULT_DATABASE_URL = "file:data/redline.db";

export type DatabaseKind = "sqlite" | "postgres";

export function databaseKind(url: string): DatabaseKind {
  return /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

function sqlitePath(url: string): string {
  const p = url.replace(/^file:/, "").replace(/^sqlite:/, "");
  return p === ":memory:" ? p : path.resolve(p);
}

/**
 * One code path for both databases: only the dialect differs. SQLite is tuned for a web
 * server (WAL, foreign keys, busy timeout); PostgreSQL uses a small pool.
 */
export function createDatabase(url: string = DEFAULT_DATABASE_URL): Database {
  if (databaseKind(url) === "postgres") {
    // Keep numeric columns (bigint/real) as JS numbers.
    pg.types.setTypeParser(20, (v) => Number(v));
    pg.types.setTypeParser(700, (v) => Number(v));
    pg.types.setTypeParser(701, (v) => Number(v));
    pg.types.setTypeParser(1700, (v) => Number(v));
    return new Kysely<DB>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 10 }) }),
    });
  }
  const file = sqlitePath(url);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}

/**
 * Kysely prepares every query anew; better-sqlite3 statements are reusable (the driver is
 * synchronous, so one statement is never used by two queries at once). Caching them by SQL text
 * saves the parse and plan on every request.
 */
function withStatementCache(sqlite: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  return new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop === "prepare") {
        return (source: string) => {
          let stmt = cache.get(source);
          if (!stmt) {
            stmt = prepare(source);
            if (cache.size > 500) cache.clear();
            cache.set(source, stmt);
          }
          return stmt;
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // Migration numbers are handed out per piece of work, so 0013 may land before 0011: a database
  // that already ran 0013 must still run 0011 when it arrives, not refuse to start.
  const migrator = new Migrator({ db, provider: migrationProvider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error");
    throw new Error(`Database migration ${failed?.migrationName ?? ""} failed: ${String((error as Error).message ?? error)}`);
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

export async function migrateDown(db: Kysely<any>): Promise<string | null> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateDown();
  if (error) throw error;
  return results?.[0]?.migrationName ?? null;
}

let singleton: Database | undefined;

/** The process-wide database chosen by DATABASE_URL (SQLite file under data/ by default). */
export function db(): Database {
  if (!singleton) singleton = createDatabase(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
  return singleton;
}
