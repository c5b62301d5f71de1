/**
 * Bootstrap intervals for count metrics and their disparities, from per-group confusion counts:
 * overall, per group, group minimum and maximum, difference and ratio (between groups, to the
 * overall value, to a reference group) of every metric, and the named criteria (demographic
 * parity, equal opportunity, equalized odds).
 */
import type { ZeroDivision } from "../metrics/evaluate.js";
import type { Confusion, CountMetric } from "../metrics/types.js";
import {
  type BootstrapEstimate,
  type BootstrapMethod,
  bootstrapInterval,
} from "./bootstrapInterval.js";
import { checkLevel } from "./proportion.js";
import { RANDOM_METHOD, type RandomSource, randomSource } from "./random.js";
import {
  type CellRows,
  type CountStatistic,
  countJackknife,
  multinomialCountReplicates,
  weightedRowCountReplicates,
} from "./resample.js";

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
  /** `multinomial` on unweighted counts, `rows` when weighted rows were resampled. */
  readonly resampling: "multinomial" | "rows";
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

/**
 * Difference and ratio of a named criterion: between groups (max − min, min / max), to the
 * overall value and, when a reference group was given, to the reference group.
 */
export interface CriterionIntervals {
  /** The criterion's difference between groups (max − min). */
  readonly difference: BootstrapEstimate;
  /** The criterion's ratio between groups (min / max). */
  readonly ratio: BootstrapEstimate;
  /** The criterion's difference to the overall value (largest |v_g − overall|). */
  readonly differenceToOverall: BootstrapEstimate;
  /** The criterion's ratio to the overall value. */
  readonly ratioToOverall: BootstrapEstimate;
  /** The criterion's difference to the reference group; present when one was given. */
  readonly differenceToReference?: BootstrapEstimate;
  /** The criterion's ratio to the reference group; present when one was given. */
  readonly ratioToReference?: BootstrapEstimate;
}

/** Result of `bootstrapConfusionCounts`. */
export interface CountBootstrapResult {
  /** How the intervals were made. */
  readonly provenance: BootstrapProvenance;
  /** By metric id. */
  readonly metrics: Readonly<Record<string, MetricIntervals>>;
  /** Intervals of the named criteria. */
  readonly criteria: {
    /** Selection rate between groups. */
    readonly demographicParity: CriterionIntervals;
    /** True positive rate between groups. */
    readonly equalOpportunity: CriterionIntervals;
    /** Worst case of TPR and FPR: max of the differences, min of the ratios. */
    readonly equalizedOdds: CriterionIntervals;
    /** Mean of the TPR and FPR differences (ratios), as `equalizedOdds…({ agg: "mean" })`. */
    readonly equalizedOddsMean: CriterionIntervals;
  };
}

/** Options of `bootstrapConfusionCounts`. */
export interface ConfusionBootstrapOptions extends BootstrapOptions {
  /** Index of the reference group for the toReference intervals. */
  readonly reference?: number;
}

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
  if (!(Number.isInteger(nBoot) && nBoot >= 2)) {
    throw new RangeError(`${fn}: nBoot must be an integer >= 2, got ${nBoot}`);
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

/**
 * Aggregates of one metric's per-group values, in the order `aggregateInto` writes them:
 * min, max, then difference and ratio between groups, to the overall value and to the reference.
 */
export const AGGREGATES = [
  "groupMin",
  "groupMax",
  "difference",
  "ratio",
  "differenceToOverall",
  "ratioToOverall",
  "differenceToReference",
  "ratioToReference",
] as const;

/** One of `AGGREGATES`. */
export type Aggregate = (typeof AGGREGATES)[number];

/** Statistics per metric besides the groups: overall, then the `AGGREGATES`. */
const PER_METRIC_EXTRA = 1 + AGGREGATES.length;
/** Criteria statistics per comparison method (betweenGroups, toOverall, toReference). */
const CRITERIA_PER_METHOD = 8;
const CRITERIA_COUNT = 3 * CRITERIA_PER_METHOD;

/** Statistics per metric for k groups: overall, the k groups, the `AGGREGATES`. */
export const metricStride = (k: number) => k + PER_METRIC_EXTRA;

/**
 * Writes the `AGGREGATES` of `values` (one per group, NaN for groups left out) at `out[at…]`,
 * with Fairlearn's definitions (src/disparity/aggregate.ts), NaN values skipped:
 * min, max, max − min, min / max; the largest |v − base| and the smallest of v / base and its
 * inverse, with base the overall value and then the reference group's value (`reference` < 0:
 * no reference, NaN). Cost O(k), no allocation.
 */
export function aggregateInto(
  values: ArrayLike<number>,
  overall: number,
  reference: number,
  out: Float64Array,
  at: number,
): void {
  const k = values.length;
  const base = reference >= 0 ? (values[reference] as number) : Number.NaN;
  let min = Number.NaN;
  let max = Number.NaN;
  let diffOverall = Number.NaN;
  let ratioOverall = Number.NaN;
  let diffReference = Number.NaN;
  let ratioReference = Number.NaN;
  for (let g = 0; g < k; g++) {
    const v = values[g] as number;
    if (Number.isNaN(v)) continue;
    if (!(v >= min)) min = v;
    if (!(v <= max)) max = v;
    const d = Math.abs(v - overall);
    if (!Number.isNaN(d) && !(d <= diffOverall)) diffOverall = d;
    let r = v / overall;
    if (r > 1) r = 1 / r;
    if (!Number.isNaN(r) && !(r >= ratioOverall)) ratioOverall = r;
    const e = Math.abs(v - base);
    if (!Number.isNaN(e) && !(e <= diffReference)) diffReference = e;
    let q = v / base;
    if (q > 1) q = 1 / q;
    if (!Number.isNaN(q) && !(q >= ratioReference)) ratioReference = q;
  }
  out[at] = min;
  out[at + 1] = max;
  out[at + 2] = max - min;
  out[at + 3] = min / max;
  out[at + 4] = diffOverall;
  out[at + 5] = ratioOverall;
  out[at + 6] = diffReference;
  out[at + 7] = ratioReference;
}

const confusionAt = (t: Float64Array, g: number): Confusion => ({
  tn: t[4 * g] as number,
  fp: t[4 * g + 1] as number,
  fn: t[4 * g + 2] as number,
  tp: t[4 * g + 3] as number,
});

/** `pick(a, b)` of the non-NaN values among a and b (NaN when both are), as Fairlearn's. */
const nanSkipping = (pick: (a: number, b: number) => number, a: number, b: number) =>
  Number.isNaN(a) ? b : Number.isNaN(b) ? a : pick(a, b);

/** Mean of the non-NaN values among a and b (NaN when both are), as `equalizedOdds` `mean`. */
const nanMean = (a: number, b: number) => nanSkipping((x, y) => (x + y) / 2, a, b);

const selectionRate = (c: Confusion) => (c.fp + c.tp) / (c.tn + c.fp + c.fn + c.tp);
const truePositiveRate = (c: Confusion) => c.tp / (c.tp + c.fn);
const falsePositiveRate = (c: Confusion) => c.fp / (c.fp + c.tn);

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
 * [overall, group 0 … group k−1, then the 8 `AGGREGATES`], then the criteria, for each comparison
 * method in the order betweenGroups, toOverall, toReference: [difference, ratio] of demographic
 * parity, equal opportunity, equalized odds (worst case) and equalized odds (mean). A group with no
 * rows (all four cells 0) is NaN, as in `groupMetrics`; so are groups marked in `suppressed`.
 */
export function countSummaryStatistic(
  metrics: readonly CountMetric[],
  k: number,
  options: CountSummaryOptions = {},
): { m: number; statistic: CountStatistic } {
  const { suppressed, reference = -1, zeroDivision = "nan" } = options;
  const stride = metricStride(k);
  const m = metrics.length * stride + CRITERIA_COUNT;
  const perGroup = new Float64Array(k);
  const overall = new Float64Array(4);
  const present = new Uint8Array(k);
  const scratch = new Float64Array(3 * AGGREGATES.length);
  const fill = (v: number) => (Number.isNaN(v) && zeroDivision !== "nan" ? zeroDivision : v);
  const rate = (f: (c: Confusion) => number, t: Float64Array, at: number) => {
    for (let g = 0; g < k; g++) perGroup[g] = present[g] ? fill(f(confusionAt(t, g))) : Number.NaN;
    aggregateInto(perGroup, fill(f(confusionAt(overall, 0))), reference, scratch, at);
  };
  const statistic: CountStatistic = (t, out) => {
    overall.fill(0);
    for (let i = 0; i < t.length; i++)
      overall[i % 4] = (overall[i % 4] as number) + (t[i] as number);
    for (let g = 0; g < k; g++) {
      const size = (t[4 * g] as number) + t[4 * g + 1]! + t[4 * g + 2]! + t[4 * g + 3]!;
      present[g] = size > 0 && !suppressed?.[g] ? 1 : 0;
    }
    const whole = confusionAt(overall, 0);
    metrics.forEach((metric, j) => {
      const base = j * stride;
      out[base] = fill(metric.fromCounts(whole));
      for (let g = 0; g < k; g++) {
        const v = present[g] ? fill(metric.fromCounts(confusionAt(t, g))) : Number.NaN;
        perGroup[g] = v;
        out[base + 1 + g] = v;
      }
      aggregateInto(perGroup, out[base] as number, reference, out, base + k + 1);
    });
    const n = AGGREGATES.length;
    rate(selectionRate, t, 0);
    rate(truePositiveRate, t, n);
    rate(falsePositiveRate, t, 2 * n);
    let c = metrics.length * stride;
    for (let method = 0; method < 3; method++) {
      const [d, r] = [2 + 2 * method, 3 + 2 * method];
      const tprD = scratch[n + d] as number;
      const tprR = scratch[n + r] as number;
      const fprD = scratch[2 * n + d] as number;
      const fprR = scratch[2 * n + r] as number;
      out[c] = scratch[d] as number;
      out[c + 1] = scratch[r] as number;
      out[c + 2] = tprD;
      out[c + 3] = tprR;
      out[c + 4] = nanSkipping(Math.max, tprD, fprD);
      out[c + 5] = nanSkipping(Math.min, tprR, fprR);
      out[c + 6] = nanMean(tprD, fprD);
      out[c + 7] = nanMean(tprR, fprR);
      c += CRITERIA_PER_METHOD;
    }
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
  return {
    overall: read(base),
    byGroup: Array.from({ length: k }, (_, g) => read(base + 1 + g)),
    groupMin: read(at),
    groupMax: read(at + 1),
    difference: read(at + 2),
    ratio: read(at + 3),
    differenceToOverall: read(at + 4),
    ratioToOverall: read(at + 5),
    ...(withReference
      ? { differenceToReference: read(at + 6), ratioToReference: read(at + 7) }
      : {}),
  };
}

/** The criteria's intervals, whose statistics start at `c`. */
export function criteriaIntervals(
  read: (s: number) => BootstrapEstimate,
  c: number,
  withReference: boolean,
): CountBootstrapResult["criteria"] {
  const pair = (at: number): CriterionIntervals => ({
    difference: read(c + at),
    ratio: read(c + at + 1),
    differenceToOverall: read(c + CRITERIA_PER_METHOD + at),
    ratioToOverall: read(c + CRITERIA_PER_METHOD + at + 1),
    ...(withReference
      ? {
          differenceToReference: read(c + 2 * CRITERIA_PER_METHOD + at),
          ratioToReference: read(c + 2 * CRITERIA_PER_METHOD + at + 1),
        }
      : {}),
  });
  return {
    demographicParity: pair(0),
    equalOpportunity: pair(2),
    equalizedOdds: pair(4),
    equalizedOddsMean: pair(6),
  };
}

/**
 * Bootstrap intervals for count metrics from per-group confusion counts.
 *
 * Unweighted data (`counts` only, integer counts) use the multinomial bootstrap on the sufficient
 * statistics: a replicate is one multinomial draw over the 4 cells of each group (stratified) or
 * over all k×4 cells (unstratified), the same distribution as resampling rows and recounting, at
 * O(k) per replicate. Weighted data (`rows` given) resample rows, because a cell's weighted count
 * is not a function of how many of its rows were drawn. BCa uses the delete-one jackknife on the
 * counts (one evaluation per non-empty cell, or per distinct (cell, weight) pair).
 * Intervals: see `bootstrapInterval`. Disparities follow Fairlearn's definitions (between groups,
 * to the overall value and, with `reference`, to that group); groups whose metric is NaN are
 * skipped.
 * Reference: Efron & Tibshirani (1993), An Introduction to the Bootstrap, ch. 13–14.
 * Cost O(nBoot · k · metrics) unweighted; O(nBoot · (n + k · metrics)) weighted.
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
  const { m, statistic } = countSummaryStatistic(metrics, k, { reference: reference ?? -1 });
  const estimate = readBlock(
    countBlock(counts, statistic, m, resolved, randomSource(resolved.seed), rows),
    resolved,
  );
  const stride = metricStride(k);
  const byMetric: Record<string, MetricIntervals> = {};
  metrics.forEach((metric, j) => {
    byMetric[metric.id] = metricIntervals(estimate, j * stride, k, reference !== undefined);
  });
  return {
    provenance: {
      ...resolved,
      resampling: rows === undefined ? "multinomial" : "rows",
      random: RANDOM_METHOD,
    },
    metrics: byMetric,
    criteria: criteriaIntervals(estimate, metrics.length * stride, reference !== undefined),
  };
}

/** Replicates and point estimates of a block of count statistics, with their jackknife. */
export interface Block {
  readonly replicates: Float64Array;
  readonly estimates: Float64Array;
  readonly jackknife: ReturnType<typeof countJackknife> | undefined;
}

/** Draws the replicates (multinomial on counts, or weighted rows) and the estimates of a block. */
export function countBlock(
  counts: Float64Array,
  statistic: CountStatistic,
  m: number,
  options: ResolvedBootstrapOptions,
  rng: RandomSource,
  rows: CellRows | undefined,
): Block {
  const plan = { nBoot: options.nBoot, rng, stratified: options.stratified };
  const replicates =
    rows === undefined
      ? multinomialCountReplicates(counts, statistic, m, plan)
      : weightedRowCountReplicates(rows, statistic, m, plan);
  const estimates = new Float64Array(m);
  statistic(counts, estimates);
  const jackknife =
    options.method === "bca" ? countJackknife(counts, statistic, m, rows) : undefined;
  return { replicates, estimates, jackknife };
}

/** The interval of statistic `s` of a block. */
export function readBlock(
  block: Block,
  options: ResolvedBootstrapOptions,
): (s: number) => BootstrapEstimate {
  return (s) =>
    bootstrapInterval(
      block.replicates.subarray(s * options.nBoot, (s + 1) * options.nBoot),
      block.estimates[s] as number,
      options.levels,
      options.method,
      block.jackknife?.[s],
    );
}
