// npm run rescore [-- --database URL] [--batch N]
// Rescores every submitted attempt whose stored breakdown came from another scoring version or
// concept sets, in batches (one transaction each; rerun to resume after a stop), records a
// score revision for each whose grade changed, and prints the distribution of the changes.
import { createDatabase, migrateToLatest } from "~/db/db.server";
import type { ChangeDistribution } from "~/domain/scoring/changes";
import { rescoreStoredAttempts } from "~/models/rescore.server";

const USAGE = "usage: npm run rescore [-- --database URL] [--batch N]";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

export function printDistribution(title: string, d: ChangeDistribution): void {
  console.log(`${title}: ${d.count} attempts, mean ${d.mean.toFixed(2)}, median ${d.median.toFixed(1)}, min ${d.min.toFixed(1)}, max ${d.max.toFixed(1)}`);
  for (const b of d.bands) console.log(`  ${b.label.padEnd(18)} ${String(b.count).padStart(8)}`);
}

async function main(): Promise<number> {
  const batch = Number(arg("--batch") ?? 500);
  if (!Number.isInteger(batch) || batch < 1) {
    console.error(`rescore: --batch must be a whole number ≥ 1\n${USAGE}`);
    return 2;
  }
  const db = createDatabase(arg("--database") ?? process.env.DATABASE_URL);
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
    console.log(`${r.runKey}: ${r.scanned} attempts scanned, ${r.changed} with a changed grade (a revision each) in ${s.toFixed(1)} s${r.finished ? "" : " (not finished: run again to resume)"}`);
    printDistribution("Final score changes (after − before)", r.distribution);
    printDistribution("Automatic score changes", r.autoDistribution);
    return 0;
  } finally {
    await db.destroy();
  }
}

if (process.argv[1]?.endsWith("rescore.ts")) {
  main().then((code) => process.exit(code), (e) => {
    console.error(`rescore: ${(e as Error).message}`);
    process.exit(1);
  });
}
