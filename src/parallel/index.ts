/**
 * `fairscope/parallel`: group metrics and their bootstrap with the rows counted on worker
 * threads (Web Workers in browsers, `worker_threads` in Node). Asynchronous; the same results as
 * the one-thread functions for any number of workers.
 *
 * @packageDocumentation
 */
export {
  type ParallelBootstrapGroupMetricsOptions,
  type ParallelGroupMetricsOptions,
  type ParallelOptions,
  parallelBootstrapGroupMetrics,
  parallelGroupMetrics,
} from "./parallelGroupMetrics.js";
export { createWorkerPool, WorkerPool } from "./pool.js";
