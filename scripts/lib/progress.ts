/** A progress bar on a terminal, plain lines (every 10 %) when output is piped or in CI. */
export function progress(label: string, total: number) {
  const tty = process.stdout.isTTY && !process.env.CI;
  let lastPct = -1;
  const t0 = Date.now();
  return {
    tick(done: number, note = "") {
      const pct = total ? Math.floor((done / total) * 100) : 100;
      if (tty) {
        const width = 30;
        const fill = Math.round((pct / 100) * width);
        process.stdout.write(`\r${label} [${"#".repeat(fill)}${"-".repeat(width - fill)}] ${done}/${total} ${note}`.padEnd(90));
      } else if (pct >= lastPct + 10 || done === total) {
        lastPct = pct - (pct % 10);
        console.log(`${label}: ${done}/${total} (${pct}%) ${note}`.trimEnd());
      }
    },
    end(summary: string) {
      if (tty) process.stdout.write("\n");
      console.log(`${summary} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    },
  };
}
