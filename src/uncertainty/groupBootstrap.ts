/**
 * `bootstrapGroupMetrics`: bootstrap intervals for everything `groupMetrics` reports (overall,
 * per group, min, max, difference, ratio) and for the named criteria, from the same input.
 */

import type { Columns, GroupIndex, Level } from "../data/columns.js";
import type { FairnessInput } from "../data/inputTypes.js";
import { groupLabel } from "../data/levels.js";
import { prepare } from "../data/prepare.js";
import { type GroupSelector, groupIndexOf } from "../data/selector.js";
import { checkMetricInputs, type ResolvedMetric } from "../metrics/evaluate.js";
import { DEFAULT_RATE_METRICS } from "../metrics/registry.js";
import { type MetricSpec, resolveMetrics } from "../metrics/resolve.js";
import {
  CLEAN_CODES,
  type CleanTypedInput,
  type ConfusionStats,
  countCleanTypedInput,
  groupSize,
} from "../stats/confusion.js";
import {
  bootstrapColumns,
  bootstrapConfusion,
  type ColumnsBootstrap,
  type ColumnsBootstrapPlan,
  columnsConfusion,
} from "./columnsBootstrap.js";
import {
  type BootstrapOptions,
  type CountBootstrapResult,
  type MetricIntervals,
  metricIntervals,
  type ResolvedBootstrapOptions,
  readBlock,
  resolveBootstrapOptions,
} from "./countBootstrap.js";
import { criterionIntervals } from "./criterionIntervals.js";
import { RANDOM_METHOD } from "./random.js";
import type { Resampling } from "./replicates.js";

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
  /**
   * Reference group for the toReference intervals of every metric and criterion, as in
   * `GroupMetricsResult.groupIndex`: a level, the levels in feature order, or a record by feature
   * name. Unknown → FairnessInputError `unknown_group`.
   */
  readonly reference?: GroupSelector;
}

/** A group of the result, with its size. */
export interface BootstrapGroup {
  /** One level per sensitive feature. */
  readonly key: readonly Level[];
  /** Levels joined with ", ". */
  readonly label: string;
  /** Unweighted number of rows. */
  readonly count: number;
  /** Whether the group's values were suppressed (`suppressBelow`). */
  readonly suppressed: boolean;
}

/** A group below `minGroupSize`, with the width of its intervals at the first level. */
export interface SmallGroup {
  /** Group label. */
  readonly label: string;
  /** Unweighted number of rows. */
  readonly count: number;
  /** Interval width (upper − lower) per metric id. */
  readonly width: Readonly<Record<string, number>>;
}

/** Result of `bootstrapGroupMetrics`. */
export interface GroupBootstrapResult {
  /** How the intervals were made: the options used, and each metric's resampling. */
  readonly provenance: ResolvedBootstrapOptions & {
    /** How each metric was resampled, by id. */
    readonly resampling: Readonly<Record<string, Resampling>>;
    /** The generator and samplers (`RANDOM_METHOD`). */
    readonly random: string;
    /** Groups with fewer rows were flagged as small. */
    readonly minGroupSize: number;
    /** Groups with fewer rows were suppressed. */
    readonly suppressBelow: number;
    /** Label of the reference group, when one was given. */
    readonly reference: string | undefined;
  };
  /** Every group, in level order. */
  readonly groups: readonly BootstrapGroup[];
  /** Intervals by metric id. */
  readonly metrics: Readonly<Record<string, MetricIntervals>>;
  /** The named criteria, when predictions are available. */
  readonly criteria: CountBootstrapResult["criteria"] | undefined;
  /** Groups below `minGroupSize`, with their interval widths. */
  readonly smallGroups: readonly SmallGroup[];
  /** Labels of the suppressed groups. */
  readonly suppressed: readonly string[];
}

/**
 * Bootstrap confidence intervals for `groupMetrics`' values: for every metric, the overall
 * value, each group's value, the group minimum and maximum, the difference and ratio between
 * groups (max − min, min / max), to the overall value (largest |v_g − overall|, smallest
 * v_g / overall or its inverse) and, with `reference`, to the reference group; and, with
 * predictions, every registered criterion (`CRITERIA`, by id) in the same three comparisons, its
 * metrics bootstrapped from the same draws. Fairlearn's
 * definitions (src/disparity/aggregate.ts), NaN values skipped.
 *
 * Resampling: count metrics on unweighted data use the multinomial bootstrap on the confusion
 * counts (1000 replicates cost about one pass over the rows); with weights, count metrics draw
 * the cell counts the same way and each cell's weighted sum given its count, exactly when the
 * cell has at most 64 distinct weights, otherwise from the normal approximation within a stated
 * Berry–Esseen bound (`weightedCountReplicates`; recorded in `resampling`); score metrics
 * (AUC, Brier, …) and user metrics resample rows and re-evaluate. Stratified by group by default, so
 * every group keeps its size in every replicate. Same seed, same bytes.
 * Intervals: percentile or BCa (see `bootstrapInterval`); NaN replicates are skipped and counted.
 * Groups smaller than `minGroupSize` are listed in `smallGroups` with the width of their intervals;
 * groups smaller than `suppressBelow` are suppressed (values NaN, left out of every aggregate).
 * Reference: Efron & Tibshirani (1993), An Introduction to the Bootstrap, ch. 13–14.
 * Cost O(n) to count, then O(nBoot · k · metrics) for count metrics (weighted: plus O(n) to
 * summarise the cells' weights) and O(nBoot · (n + metric cost)) for row-resampled metrics.
 *
 * @throws FairnessInputError on invalid data; RangeError on bad options or unknown metrics
 * @example
 * const r = bootstrapGroupMetrics(
 *   { yTrue: [1, 0, 1, 1, 0, 1], yPred: [1, 0, 0, 1, 1, 1], sensitiveFeatures: ["a", "a", "a", "b", "b", "b"] },
 *   { metrics: ["selectionRate"], seed: 7, nBoot: 200 },
 * );
 * r.metrics.selectionRate.byGroup[0].estimate; // => 0.3333333333333333
 * r.metrics.selectionRate.differenceToOverall.estimate; // => 0.33333333333333337
 */
export function bootstrapGroupMetrics(
  input: FairnessInput,
  options: BootstrapGroupMetricsOptions = {},
): GroupBootstrapResult {
  const clean = onlyCountMetrics(options) ? countCleanTypedInput(input) : undefined;
  if (clean === undefined) return bootstrapGroupMetricsOfColumns(prepare(input), options);
  return bootstrapOfColumns(cleanColumns(clean), options, clean.stats);
}

/** Whether every metric asked is a built-in count metric (false when one does not resolve). */
function onlyCountMetrics(options: BootstrapGroupMetricsOptions): boolean {
  try {
    const metrics = resolveMetrics(options.metrics ?? DEFAULT_RATE_METRICS, FN);
    return metrics.every((m) => m.kind === "builtin" && m.definition.input === "counts");
  } catch {
    return false;
  }
}

/**
 * The columns `prepare` makes of clean typed input (`countCleanTypedInput`): its arrays as they
 * are, the codes as group indices (renumbered when the codes present are not 0 … k−1).
 */
function cleanColumns(clean: CleanTypedInput): Columns {
  const levels = clean.groups.levels[0] as readonly number[];
  let group = clean.code;
  if (levels.some((code, g) => code !== g)) {
    const index = new Uint32Array(CLEAN_CODES);
    levels.forEach((code, g) => {
      index[code] = g;
    });
    group = clean.code.map((code) => index[code]!);
  }
  return {
    n: clean.label.length,
    label: clean.label,
    pred: clean.pred,
    score: undefined,
    scoreKind: undefined,
    weight: clean.weight,
    group,
    groups: clean.groups,
    control: undefined,
    sourceRow: undefined,
  };
}

const FN = "bootstrapGroupMetrics";

/** The options of `bootstrapGroupMetrics` with their defaults, checked. */
function resolveGroupBootstrapOptions(options: BootstrapGroupMetricsOptions) {
  const resolved = resolveBootstrapOptions(FN, options);
  const minGroupSize = options.minGroupSize ?? 30;
  const suppressBelow = options.suppressBelow ?? 0;
  if (!(suppressBelow >= 0)) throw new RangeError(`${FN}: suppressBelow must be >= 0`);
  const jackknifeBlocks = options.jackknifeBlocks ?? 1000;
  if (!(minGroupSize >= 0)) throw new RangeError(`${FN}: minGroupSize must be >= 0`);
  if (!(Number.isInteger(jackknifeBlocks) && jackknifeBlocks >= 2)) {
    throw new RangeError(`${FN}: jackknifeBlocks must be an integer >= 2`);
  }
  return { resolved, minGroupSize, suppressBelow, jackknifeBlocks };
}

/** {@link bootstrapGroupMetrics} on already prepared columns. */
export function bootstrapGroupMetricsOfColumns(
  columns: Columns,
  options: BootstrapGroupMetricsOptions = {},
): GroupBootstrapResult {
  return bootstrapOfColumns(columns, options, columnsConfusion(columns));
}

/** {@link bootstrapGroupMetricsOfColumns} with the columns' `columnsConfusion` counted already. */
function bootstrapOfColumns(
  columns: Columns,
  options: BootstrapGroupMetricsOptions,
  confusion: ConfusionStats,
): GroupBootstrapResult {
  const settings = resolveGroupBootstrapOptions(options);
  const specs =
    options.metrics ?? (columns.score ? [...DEFAULT_RATE_METRICS, "rocAuc"] : DEFAULT_RATE_METRICS);
  const metrics = resolveMetrics(specs, FN);
  checkMetricInputs(columns, metrics);
  // One count gives the group sizes and the bootstrap's confusion counts.
  const sizes = Array.from({ length: columns.groups.keys.length }, (_, g) =>
    groupSize(confusion, g),
  );
  return groupBootstrapResult(
    columns.groups,
    sizes,
    metrics,
    options,
    settings,
    columns.pred !== undefined,
    (plan) => bootstrapColumns(columns, metrics, plan, confusion),
  );
}

/**
 * {@link bootstrapGroupMetrics} of count metrics from unweighted confusion counts computed
 * elsewhere (merged from worker threads, say): the same result as on the rows they count.
 *
 * Cost: O(nBoot · k · metrics).
 *
 * @throws RangeError on bad options or a metric that is not a count metric; TypeError on
 *   weighted counts
 */
export function bootstrapGroupMetricsOfConfusion(
  stats: ConfusionStats,
  groups: GroupIndex,
  options: BootstrapGroupMetricsOptions = {},
): GroupBootstrapResult {
  const settings = resolveGroupBootstrapOptions(options);
  const metrics = resolveMetrics(options.metrics ?? DEFAULT_RATE_METRICS, FN);
  const sizes = Array.from({ length: stats.groups }, (_, g) => groupSize(stats, g));
  return groupBootstrapResult(groups, sizes, metrics, options, settings, true, (plan) =>
    bootstrapConfusion(stats, metrics, plan),
  );
}

/** The result of `bootstrapGroupMetrics` from the groups, their sizes and the bootstrap. */
function groupBootstrapResult(
  index: GroupIndex,
  sizes: readonly number[],
  metrics: readonly ResolvedMetric[],
  options: BootstrapGroupMetricsOptions,
  settings: ReturnType<typeof resolveGroupBootstrapOptions>,
  hasPredictions: boolean,
  bootstrap: (plan: ColumnsBootstrapPlan) => ColumnsBootstrap,
): GroupBootstrapResult {
  const { resolved, minGroupSize, suppressBelow, jackknifeBlocks } = settings;
  const k = index.keys.length;
  const suppressed = Uint8Array.from(sizes, (n) => (n < suppressBelow ? 1 : 0));
  const reference =
    options.reference === undefined ? -1 : groupIndexOf(index, sizes, options.reference);
  const boot = bootstrap({
    options: resolved,
    suppressed,
    reference,
    zeroDivision: "nan",
    jackknifeBlocks,
    criteria: true,
  });
  const resampling: Record<string, Resampling> = {};
  const ordered: Record<string, MetricIntervals> = {};
  for (const metric of metrics) {
    const slot = boot.metrics[metric.id]!;
    ordered[metric.id] = metricIntervals(
      readBlock(slot.block, resolved),
      slot.base,
      k,
      reference >= 0,
    );
    resampling[metric.id] = slot.resampling;
  }
  const criteria = hasPredictions
    ? criterionIntervals((id) => boot.metrics[id], k, resolved, reference)
    : undefined;

  const groups = index.keys.map((key, g) => ({
    key,
    label: groupLabel(key),
    count: sizes[g] as number,
    suppressed: suppressed[g] === 1,
  }));
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
    provenance: {
      ...resolved,
      resampling,
      random: RANDOM_METHOD,
      minGroupSize,
      suppressBelow,
      reference: reference >= 0 ? groups[reference]!.label : undefined,
    },
    groups,
    metrics: ordered,
    criteria,
    smallGroups,
    suppressed: groups.filter((g) => g.suppressed).map((g) => g.label),
  };
}
