import type { TestProject } from "vitest/node";
import { ensureFreshBuild } from "./build";
import { startCluster, type Cluster } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

let cluster: Cluster | undefined;

/**
 * For the integration and browser tests: a build no older than the sources, and one PostgreSQL
 * cluster per run (every test that needs it creates its own database in it).
 */
export async function setup(project: TestProject) {
  ensureFreshBuild();
  cluster = await startCluster();
  project.provide("pgAdminUrl", cluster.url);
}

export async function teardown() {
  cluster?.stop();
}
