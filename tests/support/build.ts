// The browser tests run the production build. Rebuild when it is missing or older than any
// source it is made from, so `npx vitest run tests/e2e/…` never tests a stale build.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");
const SOURCES = ["app", "public/favicon.ico", "remix.config.js", "package.json", "tsconfig.json"];

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/** True when build/ is missing or a source changed after it was built. */
export function buildIsStale(): boolean {
  const built = path.join(root, "build", "index.js");
  if (!fs.existsSync(built)) return true;
  const builtAt = fs.statSync(built).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(root, s)) > builtAt);
}

export function ensureFreshBuild(): void {
  if (!buildIsStale()) return;
  console.log("Building the app for the browser tests (sources are newer than build/) …");
  const r = spawnSync(process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (r.status !== 0) throw new Error("The app did not build; fix the build errors above.");
}
