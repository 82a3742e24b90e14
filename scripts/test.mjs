#!/usr/bin/env node
// `npm test`: provides what the tests need on a fresh machine (Debian's Chromium for the
// browser tests, PostgreSQL binaries for the second dialect), type-checks and lints, runs vitest.
// Nothing is skipped silently: a missing component is installed or the run stops and says
// exactly what to install.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const args = process.argv.slice(2);

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { stdio: "inherit", ...opts });
  return r.status ?? 1;
}

function findPostgresBin() {
  for (const dir of ["/usr/lib/postgresql"]) {
    if (!fs.existsSync(dir)) continue;
    const versions = fs.readdirSync(dir).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (fs.existsSync(`${dir}/${v}/bin/initdb`)) return `${dir}/${v}/bin`;
  }
  return null;
}

const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const missing = [];
if (!fs.existsSync(chromium)) missing.push("chromium");
if (!findPostgresBin()) missing.push("postgresql");

if (missing.length) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = fs.existsSync("/usr/bin/apt-get");
  if (isRoot && hasApt) {
    console.log(`Installing Debian packages the tests need: ${missing.join(", ")} …`);
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    if (run("apt-get", ["update", "-qq"], { env }) !== 0 || run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], { env }) !== 0) {
      console.error(`\nCould not install ${missing.join(", ")}. Install them yourself: apt-get update && apt-get install -y ${missing.join(" ")}`);
      process.exit(1);
    }
  } else {
    console.error(
      `\nThe tests need ${missing.join(" and ")}, which this machine does not have.\n` +
        `Install them, then run npm test again:\n\n    sudo apt-get update && sudo apt-get install -y ${missing.join(" ")}\n`,
    );
    process.exit(1);
  }
}

process.env.REDLINE_PG_BIN = findPostgresBin();
process.env.CHROMIUM_PATH = chromium;

// The whole suite starts with the static checks: types, lint, then the proof of every seeded flaw
// (a variant of a source under proof that no check, error or recomputation proves fails the run;
// docs/content-format.md, "Proof of flaws"). A run of chosen files (`npm test -- tests/e2e/foo.test.ts`)
// goes straight to them. The browser tests' setup rebuilds the app when its sources are newer than
// build/ (tests/support/build.ts).
if (args.length === 0) {
  for (const [name, cli, how] of [
    ["Type check (tsc --noEmit)", ["node_modules/typescript/bin/tsc", "--noEmit"], "npm run typecheck"],
    ["Type check of the proof's check modules", ["node_modules/typescript/bin/tsc", "--noEmit", "-p", "tsconfig.checks.json"], "npm run typecheck"],
    ["Lint (eslint)", ["node_modules/eslint/bin/eslint.js", "."], "npm run lint"],
    ["Proof of flaws (content:check --prove --ci)", ["--import", "tsx", "scripts/content-check.ts", "--prove", "--ci", "--time-limit", "60"], "npm run content:check -- --prove --source ID"],
  ]) {
    console.log(`${name} …`);
    if (run(process.execPath, cli) !== 0) {
      console.error(`${name} failed; fix the problems above (${how}).`);
      process.exit(1);
    }
  }
}

process.exit(run(process.execPath, ["node_modules/vitest/vitest.mjs", "run", ...args], { env: { ...process.env, NODE_ENV: "test" } }));
