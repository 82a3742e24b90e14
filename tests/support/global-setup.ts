import type { TestProject } from "vitest/node";
import { startCluster, type Cluster } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

let cluster: Cluster | undefined;

/** One PostgreSQL cluster per run; every test that needs it creates its own database in it. */
export async function setup(project: TestProject) {
  cluster = await startCluster();
  project.provide("pgAdminUrl", cluster.url);
}

export async function teardown() {
  cluster?.stop();
}
