// A throwaway PostgreSQL cluster on 127.0.0.1 for the test run. PostgreSQL refuses to run as
// root, so as root the cluster belongs to an unprivileged system user.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export interface Cluster {
  url: string;
  stop(): void;
}

function pgBin(): string {
  const fromEnv = process.env.REDLINE_PG_BIN;
  if (fromEnv && fs.existsSync(path.join(fromEnv, "initdb"))) return fromEnv;
  const base = "/usr/lib/postgresql";
  if (fs.existsSync(base)) {
    for (const v of fs.readdirSync(base).sort((a, b) => Number(b) - Number(a))) {
      if (fs.existsSync(path.join(base, v, "bin", "initdb"))) return path.join(base, v, "bin");
    }
  }
  throw new Error("PostgreSQL binaries not found. Run the tests with `npm test`, which installs Debian's postgresql, or: apt-get install -y postgresql");
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function ensureUser(): string | null {
  if (process.getuid?.() !== 0) return null;
  const name = "redline-pg";
  if (spawnSync("id", ["-u", name]).status !== 0) {
    execFileSync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name]);
  }
  return name;
}

export async function startCluster(): Promise<Cluster> {
  const bin = pgBin();
  const user = ensureUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-pg-"));
  fs.chmodSync(dir, 0o755);
  const dataDir = path.join(dir, "data");
  const sockDir = path.join(dir, "sock");
  fs.mkdirSync(dataDir);
  fs.mkdirSync(sockDir);
  if (user) execFileSync("chown", ["-R", `${user}:`, dir]);
  const as = (cmd: string, args: string[]) =>
    user ? execFileSync("runuser", ["-u", user, "--", path.join(bin, cmd), ...args], { stdio: "pipe" }) : execFileSync(path.join(bin, cmd), args, { stdio: "pipe" });

  as("initdb", ["-D", dataDir, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"]);
  const port = await freePort();
  as("pg_ctl", [
    "-D", dataDir, "-l", path.join(dir, "log"), "-w", "-t", "30",
    "-o", `-c listen_addresses=127.0.0.1 -p ${port} -k ${sockDir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    "start",
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        as("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
