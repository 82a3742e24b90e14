// npm run rescore [-- --database URL] [--batch N] [--dry-run]
// Rescores every submitted attempt whose stored breakdown came from another scoring version or
// concept sets, in batches (one transaction each; rerun to resume after a stop), records a
// score revision for each whose grade changed, and prints the distribution of the changes.
// --dry-run rescores a throwaway copy of a SQLite database under data/ with the same code and
// prints the same report; the database itself is not touched.
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { createDatabase, DEFAULT_DATABASE_URL, databaseKind, migrateToLatest } from "~/db/db.server";
import { formatDistribution, type ChangeDistribution } from "~/domain/scoring/changes";
import { rescoreStoredAttempts } from "~/models/rescore.server";

const USAGE = "usage: npm run rescore [-- --database URL] [--batch N] [--dry-run]";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

export function printDistribution(title: string, d: ChangeDistribution): void {
  console.log(`${title}:`);
  for (const line of formatDistribution(d)) console.log(`  ${line}`);
}

/** A consistent copy of a SQLite database (WAL included) under data/, for a dry run. */
async function throwawayCopy(url: string): Promise<{ url: string; remove: () => void }> {
  const source = path.resolve(url.replace(/^file:/, "").replace(/^sqlite:/, ""));
  if (!fs.existsSync(source)) throw new Error(`--dry-run: no SQLite database at ${source}`);
  fs.mkdirSync("data", { recursive: true });
  const copy = path.resolve("data", `rescore-dry-run-${process.pid}.sqlite`);
  const remove = () => {
    for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) fs.rmSync(f, { force: true });
  };
  remove();
  const src = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    await src.backup(copy);
  } finally {
    src.close();
  }
  return { url: `file:${copy}`, remove };
}

async function main(): Promise<number> {
  const batch = Number(arg("--batch") ?? 500);
  if (!Number.isInteger(batch) || batch < 1) {
    console.error(`rescore: --batch must be a whole number ≥ 1\n${USAGE}`);
    return 2;
  }
  const dryRun = process.argv.includes("--dry-run");
  let url = arg("--database") ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  let remove = () => {};
  if (dryRun) {
    if (databaseKind(url) !== "sqlite") {
      console.error(`rescore: --dry-run copies a SQLite database; for PostgreSQL, restore a copy and rescore that\n${USAGE}`);
      return 2;
    }
    const copy = await throwawayCopy(url);
    console.log(`Dry run: rescoring a throwaway copy (${path.relative(process.cwd(), copy.url.slice(5))}); ${url} is not changed.`);
    url = copy.url;
    remove = copy.remove;
  }
  const db = createDatabase(url);
  try {
    await migrateToLatest(db);
    const t0 = performance.now();
    const r = await rescoreStoredAttempts(db, {
      batchSize: batch,
      reason: "npm run rescore",
      onBatch: (p) => process.stderr.write(`\r  ${p.scanned} scanned, ${p.changed} rescored`),
    });
    const s = (performance.now() - t0) / 1000;
    process.stderr.write("\n");
    console.log(`${r.runKey}: ${r.scanned} attempts scanned, ${r.distribution.count} scored with another version, ${r.changed} with a changed grade (a revision each) in ${s.toFixed(1)} s${r.finished ? "" : " (not finished: run again to resume)"}`);
    printDistribution("Final score changes (after − before)", r.distribution);
    printDistribution("Automatic score changes", r.autoDistribution);
    return 0;
  } finally {
    await db.destroy();
    remove();
  }
}

if (process.argv[1]?.endsWith("rescore.ts")) {
  main().then((code) => process.exit(code), (e) => {
    console.error(`rescore: ${(e as Error).message}`);
    process.exit(1);
  });
}
