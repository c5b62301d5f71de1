/**
 * The worker thread's script (a module Web Worker in browsers, a `worker_threads` worker in
 * Node): computes the statistics of each chunk it is sent and replies with them, the buffers
 * transferred.
 */
import { type ChunkReply, type ChunkRequest, outcomeOf, transferables } from "./pool.js";

function reply(request: ChunkRequest): { message: ChunkReply; transfer: ArrayBuffer[] } {
  const outcome = outcomeOf(request.chunk);
  return { message: { index: request.index, outcome }, transfer: transferables(outcome) };
}

/** The Node module, named through a variable so that browser bundlers leave it alone. */
const NODE_WORKER_THREADS = "node:worker_threads";

const scope = globalThis as unknown as {
  WorkerGlobalScope?: unknown;
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  onmessage: ((event: { readonly data: ChunkRequest }) => void) | null;
};
if (scope.WorkerGlobalScope !== undefined) {
  scope.onmessage = (event) => {
    const { message, transfer } = reply(event.data);
    scope.postMessage(message, transfer);
  };
} else {
  const { parentPort } = (await import(
    /* webpackIgnore: true */ /* @vite-ignore */ NODE_WORKER_THREADS
  )) as typeof import("node:worker_threads");
  parentPort?.on("message", (request: ChunkRequest) => {
    const { message, transfer } = reply(request);
    parentPort.postMessage(message, transfer);
  });
}
