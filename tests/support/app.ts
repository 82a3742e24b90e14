// Starts the built production server on a free loopback port with its own throwaway SQLite database.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export interface RunningApp {
  url: string;
  dbUrl: string;
  dir: string;
  /** The server's process id (to read its memory use). */
  pid: number;
  output: () => string;
  stop(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, "..", "..");
/** How long a server may take to say it is listening. */
export const START_LIMIT_MS = 300_000;

export async function startApp(extraEnv: Record<string, string> = {}): Promise<RunningApp> {
  if (!fs.existsSync(path.join(root, "build", "index.js"))) {
    throw new Error("The app is not built: the test setup (tests/support/build.ts) should have built it; run `npm run build`.");
  }
  // Under data/ (git-ignored), where the app keeps its databases; removed when the app stops.
  fs.mkdirSync(path.join(root, "data"), { recursive: true });
  const dir = fs.mkdtempSync(path.join(root, "data", "test-app-"));
  const dbUrl = `file:${path.join(dir, "app.db")}`;
  const child: ChildProcess = spawn(process.execPath, [path.join(root, "server.mjs")], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "test", PORT: "0", HOST: "127.0.0.1", DATABASE_URL: dbUrl, SESSION_SECRET: "test-secret-0123456789abcdef", REDLINE_DEMO_HISTORY: "0", ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  // Generous: on a machine shared by several test runs a cold start (migrations, seeding) can take minutes.
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start within ${START_LIMIT_MS / 1000} s:\n${out}`)), START_LIMIT_MS);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = out.match(/listening on (http:\/\/[\d.]+:\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`app exited with ${code}:\n${out}`));
    });
  }).catch(async (e: unknown) => {
    // A start that failed leaves no server and no database behind.
    await stopChild(child);
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(e as Error).message}\n(its data directory ${dir} is removed)`);
  });
  return {
    url,
    dbUrl,
    dir,
    pid: child.pid!,
    output: () => out,
    async stop() {
      await stopChild(child);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  // A server too busy to shut down in time is killed.
  const hard = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(hard);
}
