/**
 * Bootstrap intervals for count metrics and their disparities, from per-group confusion counts:
 * overall, per group, group minimum and maximum, difference (max − min) and ratio (min / max) of
 * every metric, and the named criteria (demographic parity, equal opportunity, equalized odds).
 */
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
  /** @defaultValue "percentile" */
  readonly method?: BootstrapMethod;
  /** Resample within each group, so no group vanishes from a replicate. @defaultValue true */
  readonly stratified?: boolean;
}

/** The options actually used, recorded in every result. */
export interface ResolvedBootstrapOptions {
  readonly nBoot: number;
  readonly seed: number;
  readonly levels: readonly number[];
  readonly method: BootstrapMethod;
  readonly stratified: boolean;
}

/** What a bootstrap result records about how it was made. */
export interface BootstrapProvenance extends ResolvedBootstrapOptions {
  /** `multinomial` on unweighted counts, `rows` when weighted rows were resampled. */
  readonly resampling: "multinomial" | "rows";
  /** The generator and samplers (`RANDOM_METHOD`). */
  readonly random: string;
}

/** Intervals for one metric: overall, per group and its disparities between groups. */
export interface MetricIntervals {
  readonly overall: BootstrapEstimate;
  readonly byGroup: readonly BootstrapEstimate[];
  readonly groupMin: BootstrapEstimate;
  readonly groupMax: BootstrapEstimate;
  /** max − min over groups (NaN groups skipped). */
  readonly difference: BootstrapEstimate;
  /** min / max over groups (NaN groups skipped). */
  readonly ratio: BootstrapEstimate;
}

/** Difference and ratio of a named criterion. */
export interface CriterionIntervals {
  readonly difference: BootstrapEstimate;
  readonly ratio: BootstrapEstimate;
}

/** Result of `bootstrapConfusionCounts`. */
export interface CountBootstrapResult {
  readonly provenance: BootstrapProvenance;
  /** By metric id. */
  readonly metrics: Readonly<Record<string, MetricIntervals>>;
  readonly criteria: {
    /** Selection rate between groups. */
    readonly demographicParity: CriterionIntervals;
    /** True positive rate between groups. */
    readonly equalOpportunity: CriterionIntervals;
    /** Worst case of TPR and FPR: max of the differences, min of the ratios. */
    readonly equalizedOdds: CriterionIntervals;
  };
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

/** Statistics per metric: overall, k groups, min, max, difference, ratio. */
const PER_METRIC_EXTRA = 5;
/** Criteria statistics: (difference, ratio) × (demographic parity, equal opportunity, equalized odds). */
const CRITERIA_COUNT = 6;

const confusionAt = (t: Float64Array, g: number): Confusion => ({
  tn: t[4 * g] as number,
  fp: t[4 * g + 1] as number,
  fn: t[4 * g + 2] as number,
  tp: t[4 * g + 3] as number,
});

function extremes(values: Float64Array): [number, number] {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? [min, max] : [Number.NaN, Number.NaN];
}

/** `pick(a, b)` of the non-NaN values among a and b (NaN when both are), as Fairlearn's. */
const nanSkipping = (pick: (a: number, b: number) => number, a: number, b: number) =>
  Number.isNaN(a) ? b : Number.isNaN(b) ? a : pick(a, b);

const selectionRate = (c: Confusion) => (c.fp + c.tp) / (c.tn + c.fp + c.fn + c.tp);
const truePositiveRate = (c: Confusion) => c.tp / (c.tp + c.fn);
const falsePositiveRate = (c: Confusion) => c.fp / (c.fp + c.tn);

/**
 * The statistic vector of `bootstrapConfusionCounts` for k groups: per metric
 * [overall, group 0 … group k−1, min, max, max − min, min / max], then the criteria's
 * [difference, ratio] for demographic parity, equal opportunity and equalized odds. Groups marked
 * in `suppressed` are NaN and take no part in min, max or the criteria (their rows still count
 * overall).
 */
export function countSummaryStatistic(
  metrics: readonly CountMetric[],
  k: number,
  suppressed?: Uint8Array,
): { m: number; statistic: CountStatistic } {
  const stride = k + PER_METRIC_EXTRA;
  const m = metrics.length * stride + CRITERIA_COUNT;
  const perGroup = new Float64Array(k);
  const overall = new Float64Array(4);
  const between = (rate: (c: Confusion) => number, t: Float64Array): [number, number] => {
    for (let g = 0; g < k; g++)
      perGroup[g] = suppressed?.[g] ? Number.NaN : rate(confusionAt(t, g));
    const [min, max] = extremes(perGroup);
    return [max - min, min / max];
  };
  const statistic: CountStatistic = (t, out) => {
    overall.fill(0);
    for (let i = 0; i < t.length; i++)
      overall[i % 4] = (overall[i % 4] as number) + (t[i] as number);
    const whole = confusionAt(overall, 0);
    metrics.forEach((metric, j) => {
      const base = j * stride;
      out[base] = metric.fromCounts(whole);
      for (let g = 0; g < k; g++) {
        const v = suppressed?.[g] ? Number.NaN : metric.fromCounts(confusionAt(t, g));
        perGroup[g] = v;
        out[base + 1 + g] = v;
      }
      const [min, max] = extremes(perGroup);
      out[base + k + 1] = min;
      out[base + k + 2] = max;
      out[base + k + 3] = max - min;
      out[base + k + 4] = min / max;
    });
    const c = metrics.length * stride;
    const [dpDiff, dpRatio] = between(selectionRate, t);
    const [tprDiff, tprRatio] = between(truePositiveRate, t);
    const [fprDiff, fprRatio] = between(falsePositiveRate, t);
    out[c] = dpDiff;
    out[c + 1] = dpRatio;
    out[c + 2] = tprDiff;
    out[c + 3] = tprRatio;
    out[c + 4] = nanSkipping(Math.max, tprDiff, fprDiff);
    out[c + 5] = nanSkipping(Math.min, tprRatio, fprRatio);
  };
  return { m, statistic };
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
 * Intervals: see `bootstrapInterval`. Disparities follow Fairlearn's `between_groups`
 * definitions; groups whose metric is NaN are skipped in min and max.
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
  options: BootstrapOptions = {},
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
  const { m, statistic } = countSummaryStatistic(metrics, k);
  const estimate = readBlock(
    countBlock(counts, statistic, m, resolved, randomSource(resolved.seed), rows),
    resolved,
  );
  const stride = k + PER_METRIC_EXTRA;
  const byMetric: Record<string, MetricIntervals> = {};
  metrics.forEach((metric, j) => {
    const base = j * stride;
    byMetric[metric.id] = {
      overall: estimate(base),
      byGroup: Array.from({ length: k }, (_, g) => estimate(base + 1 + g)),
      groupMin: estimate(base + k + 1),
      groupMax: estimate(base + k + 2),
      difference: estimate(base + k + 3),
      ratio: estimate(base + k + 4),
    };
  });
  const c = metrics.length * stride;
  return {
    provenance: {
      ...resolved,
      resampling: rows === undefined ? "multinomial" : "rows",
      random: RANDOM_METHOD,
    },
    metrics: byMetric,
    criteria: {
      demographicParity: { difference: estimate(c), ratio: estimate(c + 1) },
      equalOpportunity: { difference: estimate(c + 2), ratio: estimate(c + 3) },
      equalizedOdds: { difference: estimate(c + 4), ratio: estimate(c + 5) },
    },
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
