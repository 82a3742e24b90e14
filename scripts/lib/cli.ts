// Command-line arguments for the scripts, one way: strict parsing, `--help` prints the usage, a
// wrong argument prints what was wrong and the usage and exits with status 2.
import { parseArgs, type ParseArgsConfig } from "node:util";

/** Prints the problem and the usage, exit status 2. */
export function usageError(message: string, usage: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

/** The values of a strict `parseArgs` config that has a `help` option: `--help` prints the usage and exits 0. */
export function parseCli<T extends ParseArgsConfig & { options: { help: { type: "boolean" } } }>(config: T, usage: string): ReturnType<typeof parseArgs<T>>["values"] {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config);
  } catch (e) {
    usageError((e as Error).message, usage);
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(usage);
    process.exit(0);
  }
  return parsed.values;
}

/** A whole number from min to max, or the fallback when absent; underscores allowed (100_000). */
export function intArg(name: string, raw: string | undefined, min: number, max: number, fallback: number, usage: string): number {
  if (raw === undefined) return fallback;
  const n = Number(raw.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < min || n > max) usageError(`--${name} must be a whole number from ${min} to ${max} (got "${raw}").`, usage);
  return n;
}
