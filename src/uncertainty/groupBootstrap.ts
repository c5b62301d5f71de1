/**
 * `bootstrapGroupMetrics`: bootstrap intervals for everything `groupMetrics` reports (overall,
 * per group, min, max, difference, ratio) and for the named criteria, from the same input.
 */

import type { Columns, Level } from "../data/columns.js";
import { groupLabel } from "../data/levels.js";
import { prepare } from "../data/prepare.js";
import type { FairnessInput } from "../data/schema.js";
import { checkMetricInputs, evaluateCells, type ResolvedMetric } from "../metrics/evaluate.js";
import { type MetricSpec, resolveMetrics } from "../metrics/groupMetrics.js";
import { DEFAULT_RATE_METRICS } from "../metrics/registry.js";
import type { CountMetric } from "../metrics/types.js";
import { countConfusion } from "../stats/confusion.js";
import { take } from "../stats/partition.js";
import type { BootstrapEstimate } from "./bootstrapInterval.js";
import {
  type BootstrapOptions,
  type CountBootstrapResult,
  type CriterionIntervals,
  countBlock,
  countSummaryStatistic,
  type MetricIntervals,
  type ResolvedBootstrapOptions,
  readBlock,
  resolveBootstrapOptions,
} from "./countBootstrap.js";
import { RANDOM_METHOD, randomSource } from "./random.js";
import { type CellRows, type RowStatistic, rowJackknife, rowReplicates } from "./resample.js";

/** Options of `bootstrapGroupMetrics`. */
export interface BootstrapGroupMetricsOptions extends BootstrapOptions {
  /**
   * Metric ids or user metrics, as in `groupMetrics`.
   * @defaultValue selectionRate, truePositiveRate, falsePositiveRate, falseNegativeRate, precision,
   * accuracy (and rocAuc when scores are given)
   */
  readonly metrics?: readonly MetricSpec[];
  /** Groups with fewer rows are flagged in `smallGroups`. @defaultValue 30 */
  readonly minGroupSize?: number;
  /**
   * Groups with fewer rows are suppressed (k-anonymity style): their values and intervals are
   * NaN, they take no part in min, max, difference, ratio or the criteria, and `suppressed` lists
   * them. Their rows still count in the overall values. @defaultValue 0 (nothing suppressed)
   */
  readonly suppressBelow?: number;
  /**
   * Blocks of the delete-a-group jackknife used for BCa on row-resampled metrics; the exact
   * delete-one jackknife when the data have at most this many rows. @defaultValue 1000
   */
  readonly jackknifeBlocks?: number;
}

/** A group of the result, with its size. */
export interface BootstrapGroup {
  readonly key: readonly Level[];
  readonly label: string;
  /** Unweighted number of rows. */
  readonly count: number;
  /** Whether the group's values were suppressed (`suppressBelow`). */
  readonly suppressed: boolean;
}

/** A group below `minGroupSize`, with the width of its intervals at the first level. */
export interface SmallGroup {
  readonly label: string;
  readonly count: number;
  /** Interval width (upper − lower) per metric id. */
  readonly width: Readonly<Record<string, number>>;
}

/** Result of `bootstrapGroupMetrics`. */
export interface GroupBootstrapResult {
  readonly provenance: ResolvedBootstrapOptions & {
    /** How each metric was resampled, by id. */
    readonly resampling: Readonly<Record<string, "multinomial" | "rows">>;
    readonly random: string;
    readonly minGroupSize: number;
    readonly suppressBelow: number;
  };
  readonly groups: readonly BootstrapGroup[];
  readonly metrics: Readonly<Record<string, MetricIntervals>>;
  /** The named criteria, when predictions are available. */
  readonly criteria: CountBootstrapResult["criteria"] | undefined;
  readonly smallGroups: readonly SmallGroup[];
  /** Labels of the suppressed groups. */
  readonly suppressed: readonly string[];
}

type CountResolved = ResolvedMetric & {
  readonly kind: "builtin";
  readonly definition: CountMetric;
};

const isCountMetric = (m: ResolvedMetric): m is CountResolved =>
  m.kind === "builtin" && m.definition.input === "counts";

/** The per-metric layout of `countSummaryStatistic`, for metrics evaluated on rows. */
function rowSummaryStatistic(
  columns: Columns,
  metrics: readonly ResolvedMetric[],
  k: number,
  suppressed: Uint8Array,
): { m: number; statistic: RowStatistic } {
  const stride = k + 5;
  const m = metrics.length * stride;
  const statistic: RowStatistic = (rows, out) => {
    const sample: Columns = {
      ...columns,
      n: rows.length,
      label: take(columns.label, rows),
      pred: columns.pred ? take(columns.pred, rows) : undefined,
      score: columns.score ? take(columns.score, rows) : undefined,
      weight: columns.weight ? take(columns.weight, rows) : undefined,
      group: rows.map((i) => columns.group[i] as number),
      control: undefined,
      sourceRow: undefined,
    };
    const byGroup = evaluateCells(sample, sample.group, k, metrics, "nan", "coerce");
    const overall = evaluateCells(
      sample,
      new Uint32Array(rows.length),
      1,
      metrics,
      "nan",
      "coerce",
    );
    metrics.forEach((metric, j) => {
      const base = j * stride;
      const values = byGroup.values[metric.id] as Float64Array;
      out[base] = overall.values[metric.id]?.[0] as number;
      let min = Number.NaN;
      let max = Number.NaN;
      for (let g = 0; g < k; g++) {
        const v = suppressed[g] ? Number.NaN : (values[g] as number);
        out[base + 1 + g] = v;
        if (!Number.isNaN(v) && !(v >= min)) min = v;
        if (!Number.isNaN(v) && !(v <= max)) max = v;
      }
      out[base + k + 1] = min;
      out[base + k + 2] = max;
      out[base + k + 3] = max - min;
      out[base + k + 4] = min / max;
    });
  };
  return { m, statistic };
}

function metricIntervals(read: (s: number) => BootstrapEstimate, base: number, k: number) {
  return {
    overall: read(base),
    byGroup: Array.from({ length: k }, (_, g) => read(base + 1 + g)),
    groupMin: read(base + k + 1),
    groupMax: read(base + k + 2),
    difference: read(base + k + 3),
    ratio: read(base + k + 4),
  };
}

/**
 * Bootstrap confidence intervals for `groupMetrics`' values: for every metric, the overall
 * value, each group's value, the group minimum and maximum, the difference (max − min) and the
 * ratio (min / max); and, with predictions, the named criteria (demographic parity, equal
 * opportunity, equalized odds with the worst case of TPR and FPR).
 *
 * Resampling: count metrics on unweighted data use the multinomial bootstrap on the confusion
 * counts (1000 replicates cost about one pass over the rows); with weights, count metrics resample
 * rows (a cell's weighted sum is not a function of how many of its rows were drawn); score metrics
 * (AUC, Brier, …) and user metrics resample rows and re-evaluate. Stratified by group by default, so
 * every group keeps its size in every replicate. Same seed, same bytes.
 * Intervals: percentile or BCa (see `bootstrapInterval`); NaN replicates are skipped and counted.
 * Groups smaller than `minGroupSize` are listed in `smallGroups` with the width of their intervals;
 * groups smaller than `suppressBelow` are suppressed (values NaN, left out of every aggregate).
 * Reference: Efron & Tibshirani (1993), An Introduction to the Bootstrap, ch. 13–14.
 * Cost O(n) to count, then O(nBoot · k · metrics) for unweighted count metrics and
 * O(nBoot · (n + metric cost)) for row-resampled metrics.
 *
 * @throws FairnessInputError on invalid data; RangeError on bad options or unknown metrics
 * @example
 * const r = bootstrapGroupMetrics(
 *   { yTrue: [1, 0, 1, 1, 0, 1], yPred: [1, 0, 0, 1, 1, 1], sensitiveFeatures: ["a", "a", "a", "b", "b", "b"] },
 *   { metrics: ["selectionRate"], seed: 7, nBoot: 200 },
 * );
 * r.metrics.selectionRate.byGroup[0].estimate; // => 0.3333333333333333
 */
export function bootstrapGroupMetrics(
  input: FairnessInput,
  options: BootstrapGroupMetricsOptions = {},
): GroupBootstrapResult {
  const fn = "bootstrapGroupMetrics";
  const resolved = resolveBootstrapOptions(fn, options);
  const minGroupSize = options.minGroupSize ?? 30;
  const suppressBelow = options.suppressBelow ?? 0;
  if (!(suppressBelow >= 0)) throw new RangeError(`${fn}: suppressBelow must be >= 0`);
  const jackknifeBlocks = options.jackknifeBlocks ?? 1000;
  if (!(minGroupSize >= 0)) throw new RangeError(`${fn}: minGroupSize must be >= 0`);
  if (!(Number.isInteger(jackknifeBlocks) && jackknifeBlocks >= 2)) {
    throw new RangeError(`${fn}: jackknifeBlocks must be an integer >= 2`);
  }
  const columns = prepare(input);
  const specs =
    options.metrics ?? (columns.score ? [...DEFAULT_RATE_METRICS, "rocAuc"] : DEFAULT_RATE_METRICS);
  const metrics = resolveMetrics(specs, fn);
  const k = columns.groups.keys.length;
  checkMetricInputs(columns, metrics);
  const hasPred = columns.pred !== undefined;
  const counted = metrics.filter(isCountMetric);
  const weighted = counted.filter(
    (m) => columns.weight !== undefined && m.definition.unweighted !== true,
  );
  const unweighted = counted.filter((m) => !weighted.includes(m));
  const byRows = metrics.filter((m) => !isCountMetric(m));

  const pred = columns.pred ?? new Uint8Array(columns.n);
  const confusion = countConfusion({ ...columns, pred });
  const sizes = Array.from({ length: k }, (_, g) => {
    const c = confusion.counts;
    return c[4 * g]! + c[4 * g + 1]! + c[4 * g + 2]! + c[4 * g + 3]!;
  });
  const suppressed = Uint8Array.from(sizes, (n) => (n < suppressBelow ? 1 : 0));
  const rng = randomSource(resolved.seed);
  const stride = k + 5;
  const out: Record<string, MetricIntervals> = {};
  const resampling: Record<string, "multinomial" | "rows"> = {};
  let criteria: GroupBootstrapResult["criteria"];

  // Criteria ride with the weighted block when weights are given, else with the unweighted one.
  const criteriaWithWeighted = columns.weight !== undefined;
  const addCountBlock = (list: typeof counted, withWeights: boolean, withCriteria: boolean) => {
    if (list.length === 0 && !withCriteria) return;
    const defs = list.map((m) => m.definition);
    const { m, statistic } = countSummaryStatistic(defs, k, suppressed);
    let counts = confusion.counts;
    let rows: CellRows | undefined;
    if (withWeights) {
      counts = confusion.weightSum!.map((s, i) => s + confusion.weightComp![i]!);
      const cell = new Uint8Array(columns.n);
      for (let r = 0; r < columns.n; r++) cell[r] = 2 * columns.label[r]! + pred[r]!;
      rows = { cell, group: columns.group, weight: columns.weight!, k };
    }
    const read = readBlock(countBlock(counts, statistic, m, resolved, rng.split(), rows), resolved);
    list.forEach((metric, j) => {
      out[metric.id] = metricIntervals(read, j * stride, k);
      resampling[metric.id] = withWeights ? "rows" : "multinomial";
    });
    if (withCriteria && hasPred) {
      const c = list.length * stride;
      const pair = (at: number): CriterionIntervals => ({
        difference: read(c + at),
        ratio: read(c + at + 1),
      });
      criteria = { demographicParity: pair(0), equalOpportunity: pair(2), equalizedOdds: pair(4) };
    }
  };
  addCountBlock(unweighted, false, !criteriaWithWeighted);
  addCountBlock(weighted, true, criteriaWithWeighted);

  if (byRows.length > 0) {
    const { m, statistic } = rowSummaryStatistic(columns, byRows, k, suppressed);
    const plan = { nBoot: resolved.nBoot, rng: rng.split(), stratified: resolved.stratified };
    const replicates = rowReplicates(columns.group, k, statistic, m, plan);
    const estimates = new Float64Array(m);
    statistic(
      Uint32Array.from({ length: columns.n }, (_, i) => i),
      estimates,
    );
    const jackknife =
      resolved.method === "bca"
        ? rowJackknife(columns.n, statistic, m, Math.min(columns.n, jackknifeBlocks))
        : undefined;
    const read = readBlock({ replicates, estimates, jackknife }, resolved);
    byRows.forEach((metric, j) => {
      out[metric.id] = metricIntervals(read, j * stride, k);
      resampling[metric.id] = "rows";
    });
  }

  const groups = columns.groups.keys.map((key, g) => ({
    key,
    label: groupLabel(key),
    count: sizes[g] as number,
    suppressed: suppressed[g] === 1,
  }));
  const ordered: Record<string, MetricIntervals> = {};
  for (const metric of metrics) ordered[metric.id] = out[metric.id] as MetricIntervals;
  const smallGroups = groups.flatMap((group, g) =>
    group.count < minGroupSize
      ? [
          {
            label: group.label,
            count: group.count,
            width: Object.fromEntries(
              metrics.map((metric) => {
                const ci = ordered[metric.id]?.byGroup[g]?.intervals[0];
                return [metric.id, ci === undefined ? Number.NaN : ci.upper - ci.lower];
              }),
            ),
          },
        ]
      : [],
  );
  return {
    provenance: { ...resolved, resampling, random: RANDOM_METHOD, minGroupSize, suppressBelow },
    groups,
    metrics: ordered,
    criteria,
    smallGroups,
    suppressed: groups.filter((g) => g.suppressed).map((g) => g.label),
  };
}
