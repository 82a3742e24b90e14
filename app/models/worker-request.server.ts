// One request to a worker thread, settled by whichever comes first: the worker's reply (matched
// by id), an error, its exit, or the time limit. Listeners and the timer are removed either way.
// The proof runners (TypeScript sandbox, SQL engine) use it; each decides what an outcome means.
import type { Worker } from "node:worker_threads";

export type WorkerOutcome<M> =
  | { kind: "reply"; message: M }
  | { kind: "out-of-memory" }
  | { kind: "error"; message: string }
  | { kind: "exit"; code: number }
  | { kind: "timeout" };

export function requestOnce<M extends { id: number }>(worker: Worker, message: { id: number } & Record<string, unknown>, timeoutMs: number): Promise<WorkerOutcome<M>> {
  return new Promise((resolve) => {
    const finish = (outcome: WorkerOutcome<M>) => {
      clearTimeout(timer);
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      resolve(outcome);
    };
    const onMessage = (m: M) => {
      if (m.id === message.id) finish({ kind: "reply", message: m });
    };
    const onError = (e: Error & { code?: string }) => finish(e.code === "ERR_WORKER_OUT_OF_MEMORY" ? { kind: "out-of-memory" } : { kind: "error", message: e.message });
    const onExit = (code: number) => finish({ kind: "exit", code });
    const timer = setTimeout(() => finish({ kind: "timeout" }), timeoutMs);
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    worker.postMessage(message);
  });
}

/** After a request: a worker that must not be reused is dropped and terminated; else it is released (unref) until the next run. */
export function releaseWorker(worker: Worker, kill: boolean, drop: () => void): void {
  if (kill) {
    drop();
    void worker.terminate();
  } else worker.unref();
}
