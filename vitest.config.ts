import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    globals: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ["default", "./tests/support/count-reporter.ts"],
    pool: "forks",
    fileParallelism: true,
    maxWorkers: 2,
    projects: [
      // Pure unit tests beside the code and the CLI tests: no database server, no browser, so
      // `npx vitest run app/domain` needs nothing but Node.
      { extends: true, test: { name: "unit", include: ["app/**/*.test.ts", "scripts/**/*.test.ts"] } },
      // Integration and browser tests: one throwaway PostgreSQL cluster per run, started only here.
      { extends: true, test: { name: "integration", include: ["tests/**/*.test.ts"], globalSetup: ["./tests/support/global-setup.ts"] } },
    ],
  },
});
