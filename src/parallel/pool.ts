/**
 * Runs chunk tasks on worker threads: Web Workers (module workers) where the platform has them,
 * `node:worker_threads` in Node, the calling thread when asked for no workers or when neither
 * exists. Each worker takes the next chunk when it finishes one; outcomes are returned in chunk
 * order, so the result does not depend on which worker ran which chunk. Workers are terminated
 * before the promise settles.
 */
import { FairnessInputError } from "../data/errors.js";
import { type ChunkInput, type ChunkStats, type Cut, chunkStats, viewRows } from "./chunks.js";
import { ChunkSlot, canShare, copyRows } from "./slot.js";

/** A chunk's outcome: its statistics, or whether it failed on invalid input or otherwise. */
export type ChunkOutcome =
  | { readonly kind: "stats"; readonly stats: ChunkStats }
  | { readonly kind: "input" }
  | { readonly kind: "error"; readonly name: string; readonly message: string };

/** A task message: the chunk's index and rows. */
export interface ChunkRequest {
  readonly index: number;
  readonly chunk: ChunkInput;
}

/** A reply message: the chunk's index and outcome. */
export interface ChunkReply {
  readonly index: number;
  readonly outcome: ChunkOutcome;
}

/** The outcome of one chunk computed here, errors caught. */
export function outcomeOf(chunk: ChunkInput): ChunkOutcome {
  try {
    return { kind: "stats", stats: chunkStats(chunk) };
  } catch (error) {
    if (error instanceof FairnessInputError) return { kind: "input" };
    const e = error instanceof Error ? error : new Error(String(error));
    return { kind: "error", name: e.name, message: e.message };
  }
}

/** The buffers of an outcome, moved rather than copied to the receiving thread. */
export function transferables(outcome: ChunkOutcome): ArrayBuffer[] {
  if (outcome.kind !== "stats") return [];
  const { counts, weightSum, weightComp } = outcome.stats;
  return [counts, weightSum, weightComp].flatMap((a) =>
    a === undefined || !(a.buffer instanceof ArrayBuffer) ? [] : [a.buffer],
  );
}

/** The thread side of one worker, whatever the platform. */
interface WorkerHandle {
  post(request: ChunkRequest): void;
  /** Where replies and failures go (set for each run). */
  listen(onReply: Listener, onFailure: Failure): void;
  /** Whether an idle worker may keep the process alive (Node only). */
  hold(busy: boolean): void;
  terminate(): void;
}

type Listener = (reply: ChunkReply) => void;
type Failure = (error: Error) => void;
type Factory = () => WorkerHandle;

/** The Node module, named through a variable so that browser bundlers leave it alone. */
const NODE_WORKER_THREADS = "node:worker_threads";

/** The part of the Web Worker API used here (the library is typed without the DOM's types). */
interface WebWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: { readonly data: ChunkReply }) => void) | null;
  onerror: ((event: { readonly message: string; preventDefault(): void }) => void) | null;
}

/**
 * The platform's `Worker`, where there is one. Named `Worker` and called as
 * `new Worker(new URL("./worker.js", import.meta.url), …)` so that bundlers (Vite, webpack,
 * esbuild with plugins, Parcel) see the worker script and emit it.
 */
declare const Worker: (new (url: URL, options: { type: "module" }) => WebWorker) | undefined;

function webWorker(): WorkerHandle {
  const worker = new Worker!(new URL("./worker.js", import.meta.url), { type: "module" });
  return {
    post: (request) => worker.postMessage(request),
    listen(onReply, onFailure) {
      worker.onmessage = (event) => onReply(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        onFailure(new Error(`fairscope worker failed: ${event.message}`));
      };
    },
    hold: () => undefined,
    terminate: () => worker.terminate(),
  };
}

async function nodeWorkerFactory(): Promise<Factory> {
  const { Worker: NodeWorker } = (await import(
    /* webpackIgnore: true */ /* @vite-ignore */ NODE_WORKER_THREADS
  )) as typeof import("node:worker_threads");
  // This module's own file: in the CommonJS build (dist/parallel/index.cjs) `__filename`, since
  // the build's `import.meta.url` shim names the shared chunk it lives in; else its URL.
  const self = typeof __filename === "string" ? `file:${__filename}` : import.meta.url;
  // Run from the sources (tests), the worker is TypeScript: it is loaded through tsx.
  const fromSource = self.endsWith(".ts");
  const script = new URL(fromSource ? "./worker.ts" : "./worker.js", self);
  const loader = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}); });`;
  return () => {
    const worker = fromSource ? new NodeWorker(loader, { eval: true }) : new NodeWorker(script);
    let onReply: Listener = () => undefined;
    let onFailure: Failure = () => undefined;
    let terminated = false;
    worker.on("message", (reply: ChunkReply) => onReply(reply));
    worker.on("error", (error: Error) => onFailure(error));
    worker.on("exit", (code: number) => {
      if (!terminated) onFailure(new Error(`fairscope worker exited with code ${code}`));
    });
    return {
      post: (request) => worker.postMessage(request),
      listen(reply, failure) {
        onReply = reply;
        onFailure = failure;
      },
      hold: (busy) => (busy ? worker.ref() : worker.unref()),
      terminate() {
        terminated = true;
        void worker.terminate();
      },
    };
  };
}

/** A factory of workers on this platform, or undefined where there are none. */
async function workerFactory(): Promise<Factory | undefined> {
  if (typeof Worker === "function") return webWorker;
  if (typeof process === "object" && process?.versions?.node !== undefined) {
    return nodeWorkerFactory();
  }
  return undefined;
}

/**
 * Builds chunk `index`, its columns cut by `cut`: views on the calling thread; for a worker,
 * copies in shared memory the pool reuses (or plain copies where memory cannot be shared).
 */
export type MakeChunk = (index: number, cut: Cut) => ChunkInput;

/** The outcomes of `count` chunks computed on this thread. */
function runHere(count: number, make: MakeChunk): ChunkOutcome[] {
  return Array.from({ length: count }, (_, i) => outcomeOf(make(i, viewRows)));
}

/** Chunks sent to a worker ahead of its replies. */
const IN_FLIGHT = 2;

/** A worker and the shared memory of its chunks in flight (none where memory is not shared). */
interface Lane {
  readonly handle: WorkerHandle;
  readonly slots: ChunkSlot[] | undefined;
}

/** Sends each chunk to the next idle worker; resolves when every chunk has its outcome. */
function runOn(lanes: readonly Lane[], count: number, make: MakeChunk): Promise<ChunkOutcome[]> {
  const outcomes = new Array<ChunkOutcome>(count);
  const free = lanes.map((lane) => [...(lane.slots ?? [])]);
  const slotOf = new Array<ChunkSlot | undefined>(count);
  return new Promise<ChunkOutcome[]>((resolve, reject) => {
    let next = 0;
    let done = 0;
    let failed = false;
    const fail = (error: Error) => {
      failed = true;
      reject(error);
    };
    const settle = (index: number, outcome: ChunkOutcome, lane: number) => {
      outcomes[index] = outcome;
      // The worker is done with the chunk's rows: its slot takes the next chunk.
      const slot = slotOf[index];
      if (slot !== undefined) free[lane]!.push(slot);
      slotOf[index] = undefined;
      done++;
      if (done === count) resolve(outcomes);
      else send(lane);
    };
    const send = (lane: number) => {
      if (failed || next >= count) return;
      const index = next++;
      const slot = free[lane]!.pop();
      slotOf[index] = slot;
      try {
        slot?.begin();
        const cut: Cut =
          slot === undefined ? copyRows : (column, from, to) => slot.cut(column, from, to);
        lanes[lane]!.handle.post({ index, chunk: make(index, cut) });
      } catch (error) {
        if ((error as { name?: unknown } | null)?.name !== "DataCloneError") {
          fail(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        // A value that cannot be sent to a worker (a function among the rows, say) is invalid
        // input, which the caller describes.
        settle(index, { kind: "input" }, lane);
      }
    };
    lanes.forEach((lane, l) => {
      lane.handle.listen((reply) => settle(reply.index, reply.outcome, l), fail);
    });
    // Two chunks in flight per worker: each has its next chunk queued when it finishes one, so
    // it does not wait for this thread to be scheduled between chunks.
    for (let round = 0; round < IN_FLIGHT; round++) for (let l = 0; l < lanes.length; l++) send(l);
  });
}

/**
 * Worker threads kept between calls (their start-up, tens of milliseconds, is paid once). Pass
 * it as `workers` to the parallel functions; `close()` ends its threads. In Node an idle pool
 * does not keep the process alive. Calls on one pool run one after the other.
 */
export class WorkerPool {
  /** Number of worker threads. */
  readonly size: number;
  #lanes: Promise<Lane[] | undefined> | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  /** @internal use {@link createWorkerPool}. */
  constructor(size: number) {
    this.size = size;
  }

  /**
   * The workers, started on first use, each with its slots of shared memory (undefined where
   * the platform has no workers).
   */
  #start(): Promise<Lane[] | undefined> {
    this.#lanes ??= workerFactory().then((factory) =>
      factory === undefined
        ? undefined
        : Array.from({ length: this.size }, () => ({
            handle: factory(),
            slots: canShare()
              ? Array.from({ length: IN_FLIGHT }, () => new ChunkSlot())
              : undefined,
          })),
    );
    return this.#lanes;
  }

  /**
   * @internal The outcomes of `count` chunks (`make(i, cut)` builds chunk i when it is sent),
   * in chunk order; on this thread where the platform has no workers.
   */
  run(count: number, make: MakeChunk): Promise<ChunkOutcome[]> {
    const result = this.#queue.then(async () => {
      if (this.#closed) throw new Error("WorkerPool: the pool was closed");
      const lanes = this.size === 0 ? undefined : await this.#start();
      if (lanes === undefined) return runHere(count, make);
      for (const lane of lanes) lane.handle.hold(true);
      try {
        return await runOn(lanes.slice(0, Math.min(lanes.length, count)), count, make);
      } catch (error) {
        // A worker that failed may be in any state: the pool ends its threads.
        await this.close();
        throw error;
      } finally {
        for (const lane of lanes) lane.handle.hold(false);
      }
    });
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** Ends the pool's threads and lets go of their shared memory. */
  async close(): Promise<void> {
    this.#closed = true;
    const lanes = await this.#lanes;
    this.#lanes = Promise.resolve(undefined);
    for (const lane of lanes ?? []) lane.handle.terminate();
  }
}

/**
 * A pool of `workers` worker threads for the parallel functions, kept until `close()`.
 *
 * @example
 * const pool = createWorkerPool(0);
 * const r = await parallelGroupMetrics(
 *   { yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] },
 *   { metrics: ["selectionRate"], workers: pool },
 * );
 * await pool.close();
 * r.overall.selectionRate; // => 0.25
 */
export function createWorkerPool(workers: number): WorkerPool {
  if (!(Number.isInteger(workers) && workers >= 0)) {
    throw new RangeError(
      `createWorkerPool: workers must be a non-negative integer, got ${workers}`,
    );
  }
  return new WorkerPool(workers);
}
