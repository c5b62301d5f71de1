/**
 * Run by parallel.test.ts in a child process: uses worker threads, started per call and from a
 * pool that is never closed, then returns; the process must exit by itself.
 */
import { createWorkerPool, parallelGroupMetrics } from "../../src/parallel/index.js";

const input = {
  yTrue: [1, 0, 1, 0],
  yPred: [1, 0, 0, 0],
  sensitiveFeatures: ["a", "a", "b", "b"],
};
const perCall = await parallelGroupMetrics(input, {
  metrics: ["selectionRate"],
  workers: 2,
  chunkSize: 1,
});
const pool = createWorkerPool(2);
const pooled = await parallelGroupMetrics(input, {
  metrics: ["selectionRate"],
  workers: pool,
  chunkSize: 1,
});
console.log(perCall.difference().selectionRate, pooled.difference().selectionRate);
