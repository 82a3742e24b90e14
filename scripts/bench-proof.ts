// Proof of flaws for all packs, timed for `npm run bench` (section "proof"): the whole
// `content:check --prove` (issue goal ≤ 180 s on this machine), and as the baseline measured in
// the same run the plain `content:check` it includes, so the proof's own share is visible.
import { spawn } from "node:child_process";

function timed(args: string[]): Promise<{ ms: number; code: number; last: string; split: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/content-check.ts", ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (b: Buffer) => (out += b.toString()));
    child.once("error", reject);
    child.once("exit", (code) => {
      const lines = out.trimEnd().split("\n");
      resolve({ ms: performance.now() - t0, code: code ?? 1, last: lines.at(-1) ?? "", split: lines.find((l) => l.startsWith("proof time:"))?.slice("proof time: ".length) ?? "" });
    });
  });
}

export async function benchProof(): Promise<Record<string, number | string>> {
  const plain = await timed([]);
  const proved = await timed(["--prove"]);
  return {
    "content:check, all packs (baseline)": `${Math.round(plain.ms).toLocaleString("en-US")} ms`,
    "content:check --prove, all packs (goal ≤ 180,000 ms)": Math.round(proved.ms),
    "--prove ÷ plain content:check": `${(proved.ms / plain.ms).toFixed(2)}×`,
    "proof tally (last line)": proved.last,
    "where the time goes": proved.split,
  };
}
