import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001_accounts";
import * as m0002 from "./0002_practice";

// Static index: bundlers and the classic compiler see every migration; no filesystem scan.
export const migrations: Record<string, Migration> = {
  "0001_accounts": m0001,
  "0002_practice": m0002,
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
