/**
 * Bootstrap intervals for count metrics and their disparities, from per-group confusion counts:
 * overall, per group, group minimum and maximum, difference and ratio (between groups, to the
 * overall value, to a reference group) of every metric, and the registered criteria.
 */
import { AGGREGATES, aggregateInto } from "../disparity/aggregate.js";
import { CRITERIA, type CriterionId } from "../disparity/registry.js";
import type { ZeroDivision } from "../metrics/evaluate.js";
import { getMetric } from "../metrics/registry.js";
import type { CountMetric } from "../metrics/types.js";
import type { Confusion } from "../stats/confusion.js";
import type { BootstrapEstimate, BootstrapMethod } from "./bootstrapInterval.js";
import { type CriterionIntervals, criterionIntervals } from "./criterionIntervals.js";
import { MAX_BOOTSTRAP_REPLICATES } from "./limits.js";
import { checkLevel } from "./proportion.js";
import { RANDOM_METHOD, type RandomSource, randomSource } from "./random.js";
import {
  type Block,
  type Resampling,
  replicatesInterval,
  statisticReplicates,
} from "./replicates.js";
import {
  type CellRows,
  type CountStatistic,
  countJackknife,
  multinomialCountReplicates,
} from "./resample.js";
import { weightedCountReplicates } from "./weightedCounts.js";

/** Options of the count bootstrap, with defaults filled by `resolveBootstrapOptions`. */
export interface BootstrapOptions {
  /** Number of bootstrap replicates. @defaultValue 1000 */
  readonly nBoot?: number;
  /** Seed of the random source (an integer in [0, 2^32 − 1]). @defaultValue 0 */
  readonly seed?: number;
  /** Confidence level(s). @defaultValue 0.95 */
  readonly level?: number | readonly number[];
  /** Interval method: percentile or bias-corrected and accelerated. @defaultValue "percentile" */
  readonly method?: BootstrapMethod;
  /** Resample within each group, so no group vanishes from a replicate. @defaultValue true */
  readonly stratified?: boolean;
}

/** The options actually used, recorded in every result. */
export interface ResolvedBootstrapOptions {
  /** Number of bootstrap replicates. */
  readonly nBoot: number;
  /** Seed of the random source. */
  readonly seed: number;
  /** Confidence levels, in the order given. */
  readonly levels: readonly number[];
  /** Interval method. */
  readonly method: BootstrapMethod;
  /** Whether rows were resampled within each group. */
  readonly stratified: boolean;
}

/** What a bootstrap result records about how it was made. */
export interface BootstrapProvenance extends ResolvedBootstrapOptions {
  /**
   * `multinomial` on unweighted counts; on weighted rows `weightedMultinomial` (exact) or
   * `weightedNormal` (some cell sums from the normal approximation, see
   * `weightedCountReplicates`).
   */
  readonly resampling: Resampling;
  /** The generator and samplers (`RANDOM_METHOD`). */
  readonly random: string;
}

/** Intervals for one metric: overall, per group and its disparities. */
export interface MetricIntervals {
  /** The metric on all rows. */
  readonly overall: BootstrapEstimate;
  /** The metric in each group, in level order. */
  readonly byGroup: readonly BootstrapEstimate[];
  /** Smallest group value (NaN groups skipped). */
  readonly groupMin: BootstrapEstimate;
  /** Largest group value (NaN groups skipped). */
  readonly groupMax: BootstrapEstimate;
  /** max − min over groups (NaN groups skipped). */
  readonly difference: BootstrapEstimate;
  /** min / max over groups (NaN groups skipped). */
  readonly ratio: BootstrapEstimate;
  /** Largest |v_g − overall| over groups (Fairlearn `method='to_overall'`). */
  readonly differenceToOverall: BootstrapEstimate;
  /** Smallest of v_g / overall and its inverse over groups. */
  readonly ratioToOverall: BootstrapEstimate;
  /** Largest |v_g − v_reference|; present when a reference group was given. */
  readonly differenceToReference?: BootstrapEstimate;
  /** Smallest of v_g / v_reference and its inverse; present when a reference group was given. */
  readonly ratioToReference?: BootstrapEstimate;
}

/** Result of `bootstrapConfusionCounts`. */
export interface CountBootstrapResult {
  /** How the intervals were made. */
  readonly provenance: BootstrapProvenance;
  /** By metric id. */
  readonly metrics: Readonly<Record<string, MetricIntervals>>;
  /**
   * Intervals of the registered criteria (`CRITERIA`) by id; the count metrics they compare are
   * bootstrapped with the others, from the same draws.
   */
  readonly criteria: Readonly<Partial<Record<CriterionId, CriterionIntervals>>>;
}

/** Options of `bootstrapConfusionCounts`. */
export interface ConfusionBootstrapOptions extends BootstrapOptions {
  /** Index of the reference group for the toReference intervals. */
  readonly reference?: number;
}

export { MAX_BOOTSTRAP_REPLICATES } from "./limits.js";

/** Fills the defaults of the bootstrap options and checks them. */
export function resolveBootstrapOptions(
  fn: string,
  options: BootstrapOptions,
): ResolvedBootstrapOptions {
  const nBoot = options.nBoot ?? 1000;
  const seed = options.seed ?? 0;
  const levels = typeof options.level === "number" ? [options.level] : (options.level ?? [0.95]);
  const method = options.method ?? "percentile";
  const stratified = options.stratified ?? true;
  if (!(Number.isInteger(nBoot) && nBoot >= 2 && nBoot <= MAX_BOOTSTRAP_REPLICATES)) {
    throw new RangeError(
      `${fn}: nBoot must be an integer in [2, ${MAX_BOOTSTRAP_REPLICATES}], got ${nBoot}`,
    );
  }
  if (!(Number.isInteger(seed) && seed >= 0 && seed <= 0xffff_ffff)) {
    throw new RangeError(`${fn}: seed must be an integer in [0, 2^32 - 1], got ${seed}`);
  }
  if (levels.length === 0) throw new RangeError(`${fn}: level must name at least one level`);
  for (const level of levels) checkLevel(fn, level);
  if (method !== "percentile" && method !== "bca") {
    throw new RangeError(`${fn}: method must be 'percentile' or 'bca', got ${String(method)}`);
  }
  return { nBoot, seed, levels: [...levels], method, stratified };
}

/** Statistics per metric besides the groups: overall, then the `AGGREGATES`. */
const PER_METRIC_EXTRA = 1 + AGGREGATES.length;

/** Statistics per metric for k groups: overall, the k groups, the `AGGREGATES`. */
export const metricStride = (k: number) => k + PER_METRIC_EXTRA;

const confusionAt = (t: Float64Array, g: number): Confusion => ({
  tn: t[4 * g] as number,
  fp: t[4 * g + 1] as number,
  fn: t[4 * g + 2] as number,
  tp: t[4 * g + 3] as number,
});

/** Options of `countSummaryStatistic`. */
export interface CountSummaryOptions {
  /** Groups marked 1 are NaN and take no part in any aggregate (their rows count overall). */
  readonly suppressed?: Uint8Array | undefined;
  /** Index of the reference group for the toReference aggregates; -1 for none. @defaultValue -1 */
  readonly reference?: number;
  /** Value of a metric that is NaN on non-empty counts (as `groupMetrics`). @defaultValue "nan" */
  readonly zeroDivision?: ZeroDivision;
}

/**
 * The statistic vector of `bootstrapConfusionCounts` for k groups: per metric
 * [overall, group 0 … group k−1, then the 8 `AGGREGATES`]. A group with no rows (all four cells
 * 0) is NaN, as in `groupMetrics`; so are groups marked in `suppressed`.
 */
export function countSummaryStatistic(
  metrics: readonly CountMetric[],
  k: number,
  options: CountSummaryOptions = {},
): { m: number; statistic: CountStatistic } {
  const { suppressed, reference = -1, zeroDivision = "nan" } = options;
  const stride = metricStride(k);
  const m = metrics.length * stride;
  const perGroup = new Float64Array(k);
  const overall = new Float64Array(4);
  const present = new Uint8Array(k);
  const fill = (v: number) => (Number.isNaN(v) && zeroDivision !== "nan" ? zeroDivision : v);
  // Each group's cells, read once per call and shared by every metric (which only read them).
  const cells: Confusion[] = Array.from({ length: k }, () => ({ tn: 0, fp: 0, fn: 0, tp: 0 }));
  const statistic: CountStatistic = (t, out) => {
    overall.fill(0);
    for (let i = 0; i < t.length; i++)
      overall[i % 4] = (overall[i % 4] as number) + (t[i] as number);
    for (let g = 0; g < k; g++) {
      const size = (t[4 * g] as number) + t[4 * g + 1]! + t[4 * g + 2]! + t[4 * g + 3]!;
      present[g] = size > 0 && !suppressed?.[g] ? 1 : 0;
      cells[g] = confusionAt(t, g);
    }
    const whole = confusionAt(overall, 0);
    metrics.forEach((metric, j) => {
      const base = j * stride;
      out[base] = fill(metric.fromCounts(whole));
      for (let g = 0; g < k; g++) {
        const v = present[g] ? fill(metric.fromCounts(cells[g]!)) : Number.NaN;
        perGroup[g] = v;
        out[base + 1 + g] = v;
      }
      aggregateInto(perGroup, out[base] as number, reference, out, base + k + 1);
    });
  };
  return { m, statistic };
}

/** The `MetricIntervals` of the metric whose statistics start at `base`. */
export function metricIntervals(
  read: (s: number) => BootstrapEstimate,
  base: number,
  k: number,
  withReference: boolean,
): MetricIntervals {
  const at = base + k + 1;
  const aggregates = AGGREGATES.flatMap((aggregate, i) =>
    withReference || !aggregate.endsWith("ToReference") ? [[aggregate, read(at + i)]] : [],
  );
  return {
    overall: read(base),
    byGroup: Array.from({ length: k }, (_, g) => read(base + 1 + g)),
    ...(Object.fromEntries(aggregates) as Omit<MetricIntervals, "overall" | "byGroup">),
  };
}

/**
 * Bootstrap intervals for count metrics from per-group confusion counts.
 *
 * Unweighted data (`counts` only, integer counts) use the multinomial bootstrap on the sufficient
 * statistics: a replicate is one multinomial draw over the 4 cells of each group (stratified) or
 * over all k×4 cells (unstratified), the same distribution as resampling rows and recounting, at
 * O(k) per replicate. Weighted data (`rows` given) draw the cell counts the same way, then each
 * cell's weighted sum given its count: exactly from its distinct weights when it has at most
 * `MAX_WEIGHT_VALUES`, otherwise from the normal approximation within a stated Berry–Esseen
 * bound (see `weightedCountReplicates`). BCa uses the delete-one jackknife on the
 * counts (one evaluation per non-empty cell, or per distinct (cell, weight) pair).
 * Intervals: see `bootstrapInterval`. Disparities follow Fairlearn's definitions (between groups,
 * to the overall value and, with `reference`, to that group); groups whose metric is NaN are
 * skipped.
 * Reference: Efron & Tibshirani (1993), An Introduction to the Bootstrap, ch. 13–14.
 * Cost O(nBoot · k · metrics) unweighted; O(n + nBoot · k · (distinct weights + metrics))
 * weighted.
 *
 * @param counts - k×4 confusion counts [tn, fp, fn, tp] per group (weighted sums when `rows` is
 *   given, which must then be the rows those sums come from)
 * @param metrics - count metric declarations (registry entries)
 * @example
 * bootstrapConfusionCounts(Float64Array.of(40, 10, 5, 45, 30, 20, 10, 40), [accuracy], { seed: 1 })
 *   .provenance.resampling; // => "multinomial"
 */
export function bootstrapConfusionCounts(
  counts: Float64Array,
  metrics: readonly CountMetric[],
  options: ConfusionBootstrapOptions = {},
  rows?: CellRows,
): CountBootstrapResult {
  const resolved = resolveBootstrapOptions("bootstrapConfusionCounts", options);
  if (counts.length === 0 || counts.length % 4 !== 0) {
    throw new RangeError("bootstrapConfusionCounts: counts must hold 4 cells per group");
  }
  const k = counts.length / 4;
  if (rows === undefined && !counts.every((c) => Number.isInteger(c) && c >= 0)) {
    throw new RangeError(
      "bootstrapConfusionCounts: unweighted counts must be non-negative integers (give rows for weighted data)",
    );
  }
  const reference = options.reference;
  if (
    reference !== undefined &&
    !(Number.isInteger(reference) && reference >= 0 && reference < k)
  ) {
    throw new RangeError(`bootstrapConfusionCounts: reference must be a group index in [0, ${k})`);
  }
  // The criteria's metrics ride in the same block: the draws do not depend on the statistics.
  const given = new Set(metrics.map((m) => m.id));
  const all = [...metrics, ...criterionCountMetrics().filter((m) => !given.has(m.id))];
  const { m, statistic } = countSummaryStatistic(all, k, { reference: reference ?? -1 });
  const { block, resampling } = countBlock(
    counts,
    statistic,
    m,
    resolved,
    randomSource(resolved.seed),
    rows,
  );
  const estimate = readBlock(block, resolved);
  const stride = metricStride(k);
  const slots = new Map(
    all.map((metric, j) => [metric.id, { block, base: j * stride, resampling }]),
  );
  const byMetric: Record<string, MetricIntervals> = {};
  metrics.forEach((metric, j) => {
    byMetric[metric.id] = metricIntervals(estimate, j * stride, k, reference !== undefined);
  });
  return {
    provenance: {
      ...resolved,
      resampling,
      random: RANDOM_METHOD,
    },
    metrics: byMetric,
    criteria: criterionIntervals((id) => slots.get(id), k, resolved, reference ?? -1),
  };
}

/** The count metrics the registered criteria compare, from the metric registry. */
export function criterionCountMetrics(): CountMetric[] {
  const ids = new Set(CRITERIA.flatMap((c) => c.metrics));
  return [...ids].flatMap((id) => {
    const metric = getMetric(id);
    return metric?.input === "counts" ? [metric] : [];
  });
}

/**
 * Draws the replicates (multinomial on unweighted counts, `weightedCountReplicates` on weighted
 * rows, with their cells' row counts when counted already) and the estimates of a block, and
 * says how they were drawn.
 */
export function countBlock(
  counts: Float64Array,
  statistic: CountStatistic,
  m: number,
  options: ResolvedBootstrapOptions,
  rng: RandomSource,
  rows: CellRows | undefined,
  rowCounts?: Float64Array,
): { block: Block; resampling: Resampling } {
  const plan = { nBoot: options.nBoot, rng, stratified: options.stratified };
  const drawn =
    rows === undefined
      ? {
          replicates: multinomialCountReplicates(counts, statistic, m, plan),
          resampling: "multinomial" as const,
        }
      : weightedCountReplicates(rows, counts, statistic, m, plan, rowCounts);
  const estimates = new Float64Array(m);
  statistic(counts, estimates);
  const jackknife =
    options.method === "bca" ? countJackknife(counts, statistic, m, rows) : undefined;
  return {
    block: { replicates: drawn.replicates, estimates, jackknife },
    resampling: drawn.resampling,
  };
}

/** The interval of statistic `s` of a block. */
export function readBlock(
  block: Block,
  options: ResolvedBootstrapOptions,
): (s: number) => BootstrapEstimate {
  return (s) =>
    replicatesInterval(statisticReplicates({ block, base: 0 }, s, options.nBoot), options);
}
