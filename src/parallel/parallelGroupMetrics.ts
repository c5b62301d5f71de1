/**
 * `groupMetrics` and `bootstrapGroupMetrics` with the rows counted on worker threads: the input
 * is cut into chunks of a fixed size, each chunk validated and counted by a worker, and the
 * chunks' statistics merged in chunk order on the calling thread.
 */

import type { GroupIndex } from "../data/columns.js";
import { FairnessInputError } from "../data/errors.js";
import type { FairnessInput, FeatureInput, LabelArray } from "../data/inputTypes.js";
import { prepare } from "../data/prepare.js";
import { unknownKeyIssues } from "../data/unknownKeys.js";
import {
  defaultGroupMetricIds,
  type GroupMetricsOptions,
  groupMetrics,
  groupMetricsOfConfusion,
} from "../frame/groupMetrics.js";
import type { GroupMetricsResult } from "../frame/result.js";
import type { ResolvedMetric } from "../metrics/evaluate.js";
import { DEFAULT_RATE_METRICS } from "../metrics/registry.js";
import { type MetricSpec, resolveMetrics } from "../metrics/resolve.js";
import type { ConfusionStats } from "../stats/confusion.js";
import {
  type BootstrapGroupMetricsOptions,
  bootstrapGroupMetrics,
  bootstrapGroupMetricsOfConfusion,
  type GroupBootstrapResult,
} from "../uncertainty/groupBootstrap.js";
import { CHUNKED_INPUT_KEYS, chunkBounds, chunkInput, DEFAULT_CHUNK_SIZE } from "./chunks.js";
import { mergeChunks } from "./merge.js";
import { type ChunkOutcome, createWorkerPool, WorkerPool } from "./pool.js";

/** How the rows are split between threads. */
export interface ParallelOptions {
  /**
   * Worker threads counting the chunks (Web Workers in browsers, `worker_threads` in Node): a
   * number of threads started for this call and ended after it, or a {@link WorkerPool} kept
   * between calls; 0 counts the chunks on the calling thread. Where the platform has no workers,
   * the chunks are counted on the calling thread, with the same result.
   */
  readonly workers: number | WorkerPool;
  /**
   * Rows per chunk. The result depends on the chunks (weighted sums are merged chunk by chunk),
   * never on the number of workers. @defaultValue 1048576
   */
  readonly chunkSize?: number;
}

/** Options of {@link parallelGroupMetrics}. */
export interface ParallelGroupMetricsOptions extends GroupMetricsOptions, ParallelOptions {}

/** Options of {@link parallelBootstrapGroupMetrics}. */
export interface ParallelBootstrapGroupMetricsOptions
  extends BootstrapGroupMetricsOptions,
    ParallelOptions {}

const PARALLEL_GROUP_METRICS_KEYS = Object.keys({
  metrics: true,
  zeroDivision: true,
  errors: true,
  ci: true,
  workers: true,
  chunkSize: true,
} satisfies Record<keyof ParallelGroupMetricsOptions, true>);

function resolveParallel(
  fn: string,
  options: ParallelOptions,
): { workers: number | WorkerPool; chunkSize: number } {
  const { workers } = options;
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!(workers instanceof WorkerPool || (Number.isInteger(workers) && workers >= 0))) {
    throw new RangeError(
      `${fn}: workers must be a non-negative integer or a WorkerPool, got ${String(workers)}`,
    );
  }
  if (!(Number.isInteger(chunkSize) && chunkSize >= 1)) {
    throw new RangeError(`${fn}: chunkSize must be a positive integer, got ${chunkSize}`);
  }
  return { workers, chunkSize };
}

const isColumn = (value: unknown): value is LabelArray =>
  Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));

/** The columns of the sensitive features, or undefined when not of a form the chunks can cut. */
function featureColumns(features: FeatureInput | undefined): readonly unknown[] | undefined {
  if (isColumn(features)) return [features];
  if (typeof features !== "object" || features === null) return undefined;
  const columns = Object.values(features);
  return columns.length > 0 ? columns : undefined;
}

/**
 * Whether the input has the form the chunks cut (known keys, no control features, columns of
 * one length, at least one row); anything else goes to the one-thread function, which describes
 * what is wrong or computes what the chunks do not.
 */
function chunkable(input: FairnessInput): boolean {
  if (typeof input !== "object" || input === null) return false;
  if (Object.keys(input).some((key) => !CHUNKED_INPUT_KEYS.includes(key))) return false;
  if (!isColumn(input.yTrue) || input.yTrue.length === 0) return false;
  const n = input.yTrue.length;
  const features = featureColumns(input.sensitiveFeatures);
  const columns = [input.yPred, input.yScore, input.sampleWeight, ...(features ?? [undefined])];
  return (
    features !== undefined &&
    columns.every((c, i) => (i < 3 && c === undefined) || (isColumn(c) && c.length === n))
  );
}

const ERRORS: Record<string, new (message: string) => Error> = {
  RangeError,
  TypeError,
};

/**
 * The merged statistics of a chunkable input, or undefined when the one-thread function must
 * compute the result (a chunk was invalid on its own although the whole input is valid: all its
 * weights zero, say).
 *
 * @throws FairnessInputError the one-thread function throws, when the input is invalid
 */
async function mergedStatistics(
  input: FairnessInput,
  workers: number | WorkerPool,
  chunkSize: number,
): Promise<{ stats: ConfusionStats; groups: GroupIndex } | undefined> {
  const n = input.yTrue.length;
  const bounds = chunkBounds(n, chunkSize);
  const pool = workers instanceof WorkerPool ? workers : createWorkerPool(workers);
  let outcomes: ChunkOutcome[];
  try {
    outcomes = await pool.run(bounds.length, (i, cut) => {
      const [from, to] = bounds[i]!;
      return chunkInput(input, from, to, cut);
    });
  } finally {
    if (pool !== workers) await pool.close();
  }
  const failure = outcomes.find((o) => o.kind === "error");
  if (failure?.kind === "error") {
    throw new (ERRORS[failure.name] ?? Error)(failure.message);
  }
  const chunks = outcomes.flatMap((o) => (o.kind === "stats" ? [o.stats] : []));
  const merged =
    chunks.length === outcomes.length
      ? mergeChunks(chunks, {
          n,
          posLabel: input.posLabel,
          intersections: input.intersections ?? "observed",
        })
      : undefined;
  // Invalid chunks, or chunks that disagree: the whole input's problems, as `prepare` reports
  // them (the same error as one thread).
  if (merged === undefined) prepare(input);
  return merged;
}

const isCountMetric = (m: ResolvedMetric) =>
  m.kind === "builtin" && m.definition.input === "counts";

/** Whether every metric is a built-in count metric (what the merged counts give). */
function countsOnly(specs: readonly MetricSpec[], fn: string): boolean {
  return resolveMetrics(specs, fn).every(isCountMetric);
}

/**
 * {@link groupMetrics} with the rows validated and counted by `workers` threads, for large
 * inputs: the same result for count metrics (exactly for counts; weighted sums merged chunk by
 * chunk, equal to compensated-sum accuracy and the same for any number of workers). Score and
 * user metrics, control features and `ci` are computed by `groupMetrics` on the calling thread
 * (intervals in parallel: {@link parallelBootstrapGroupMetrics}). Returns a promise; the
 * one-thread functions stay synchronous.
 *
 * Cost: O(n / workers) per worker, O(chunks × groups) to merge.
 *
 * @throws FairnessInputError on invalid data (as `groupMetrics`, rows numbered in the whole
 *   input); RangeError on bad options
 * @example
 * const r = await parallelGroupMetrics(
 *   { yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] },
 *   { metrics: ["selectionRate"], workers: 0, chunkSize: 3 },
 * );
 * r.difference().selectionRate; // => 0.5
 */
export async function parallelGroupMetrics(
  input: FairnessInput,
  options: ParallelGroupMetricsOptions,
): Promise<GroupMetricsResult> {
  const { workers, chunkSize } = resolveParallel("parallelGroupMetrics", options);
  const unknown = unknownKeyIssues(options, PARALLEL_GROUP_METRICS_KEYS, ["options"]);
  if (unknown.length > 0) throw new FairnessInputError(unknown);
  const { workers: _w, chunkSize: _c, ...rest } = options;
  const specs = rest.metrics ?? defaultGroupMetricIds(input?.yScore !== undefined);
  if (!chunkable(input) || !countsOnly(specs, "groupMetrics") || rest.ci !== undefined) {
    return groupMetrics(input, rest);
  }
  const merged = await mergedStatistics(input, workers, chunkSize);
  if (merged === undefined) return groupMetrics(input, rest);
  return groupMetricsOfConfusion(merged.stats, merged.groups, rest);
}

/**
 * {@link bootstrapGroupMetrics} with the rows validated and counted by `workers` threads: on
 * unweighted data with count metrics only, the multinomial bootstrap then runs once on the
 * merged counts, so the result is the one `bootstrapGroupMetrics` gives, byte for byte, for any
 * number of workers. Other metrics and weighted data are bootstrapped by `bootstrapGroupMetrics`
 * on the calling thread.
 *
 * Cost: O(n / workers) per worker, then O(nBoot · k · metrics) on the calling thread.
 *
 * @throws FairnessInputError on invalid data (as `bootstrapGroupMetrics`); RangeError on bad
 *   options
 * @example
 * const r = await parallelBootstrapGroupMetrics(
 *   { yTrue: [1, 0, 1, 1, 0, 1], yPred: [1, 0, 0, 1, 1, 1], sensitiveFeatures: ["a", "a", "a", "b", "b", "b"] },
 *   { metrics: ["selectionRate"], seed: 7, nBoot: 200, workers: 0, chunkSize: 4 },
 * );
 * r.metrics.selectionRate.byGroup[0].estimate; // => 0.3333333333333333
 */
export async function parallelBootstrapGroupMetrics(
  input: FairnessInput,
  options: ParallelBootstrapGroupMetricsOptions,
): Promise<GroupBootstrapResult> {
  const { workers, chunkSize } = resolveParallel("parallelBootstrapGroupMetrics", options);
  const { workers: _w, chunkSize: _c, ...rest } = options;
  const specs =
    rest.metrics ??
    (input?.yScore ? [...DEFAULT_RATE_METRICS, "rocAuc" as const] : DEFAULT_RATE_METRICS);
  if (
    !chunkable(input) ||
    !countsOnly(specs, "bootstrapGroupMetrics") ||
    input.sampleWeight !== undefined
  ) {
    return bootstrapGroupMetrics(input, rest);
  }
  const merged = await mergedStatistics(input, workers, chunkSize);
  if (merged === undefined) return bootstrapGroupMetrics(input, rest);
  return bootstrapGroupMetricsOfConfusion(merged.stats, merged.groups, rest);
}
