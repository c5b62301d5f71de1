/**
 * `groupMetrics`: metrics overall and by group, with Fairlearn's MetricFrame semantics
 * (groupMin/Max, difference, ratio, control features), on prepared columns, with bootstrap
 * intervals on request.
 */
import type { Columns, GroupIndex } from "../data/columns.js";
import { FairnessInputError } from "../data/errors.js";
import type { FairnessInput } from "../data/inputTypes.js";
import { groupLabel } from "../data/levels.js";
import { prepare } from "../data/prepare.js";
import { unknownKeyIssues } from "../data/unknownKeys.js";
import {
  type CellValues,
  checkMetricInputs,
  type ErrorPolicy,
  evaluateCells,
  evaluateConfusion,
  evaluateGroupsAndOverall,
  type ResolvedMetric,
  type ZeroDivision,
} from "../metrics/evaluate.js";
import { DEFAULT_RATE_METRICS, type MetricId } from "../metrics/registry.js";
import { type MetricSpec, resolveMetrics } from "../metrics/resolve.js";
import { type ConfusionStats, countCleanTypedInput, sumGroups } from "../stats/confusion.js";
import { resolveBootstrapOptions } from "../uncertainty/countBootstrap.js";
import {
  type GroupMetricsCi,
  GroupMetricsIntervals,
} from "../uncertainty/groupMetricsIntervals.js";
import { type ControlStratum, GroupMetricsResult, type GroupMetricsWarning } from "./result.js";

/**
 * Options of {@link groupMetrics}.
 *
 * @category Per-group metrics
 */
export interface GroupMetricsOptions {
  /**
   * Metrics to compute. @defaultValue count, selectionRate, truePositiveRate, falsePositiveRate,
   * falseNegativeRate, precision, accuracy (and rocAuc when scores are given)
   */
  readonly metrics?: readonly MetricSpec[];
  /** Value of a count metric whose denominator is zero. Fairlearn uses 0. @defaultValue "nan" */
  readonly zeroDivision?: ZeroDivision;
  /** What to do when a user metric returns a non-number. @defaultValue "raise" */
  readonly errors?: ErrorPolicy;
  /**
   * Bootstrap confidence intervals for every value and aggregate (see `GroupMetricsCi`). Without
   * it no resampling is done and the result carries no intervals.
   */
  readonly ci?: GroupMetricsCi;
}

const DEFAULT_METRICS: readonly MetricId[] = ["count", ...DEFAULT_RATE_METRICS];

/**
 * The metrics `groupMetrics` computes when none are named: count and the default rates, plus ROC
 * AUC when scores are given.
 *
 * @internal
 */
export const defaultGroupMetricIds = (withScores: boolean): readonly MetricId[] =>
  withScores ? [...DEFAULT_METRICS, "rocAuc"] : DEFAULT_METRICS;

function toWarnings(
  cells: CellValues,
  label: (cell: number) => string | undefined,
): GroupMetricsWarning[] {
  return cells.warnings.map((w) => ({
    code: w.code,
    metric: w.metric,
    group: label(w.cell),
    message: w.message,
  }));
}

function buildResult(
  groups: GroupIndex,
  metrics: readonly ResolvedMetric[],
  overallCells: CellValues,
  overallCell: number,
  groupCells: CellValues,
  firstGroupCell: number,
  strata: readonly ControlStratum[] | undefined,
  intervals?: GroupMetricsIntervals,
): GroupMetricsResult {
  const ids = metrics.map((m) => m.id);
  const pick = (cells: CellValues, c: number) =>
    Object.fromEntries(ids.map((id) => [id, cells.values[id]![c]!]));
  const byGroup = groups.keys.map((key, g) => ({
    key,
    label: groupLabel(key),
    count: groupCells.count[firstGroupCell + g]!,
    values: pick(groupCells, firstGroupCell + g),
  }));
  const inRange = (c: number) => c >= firstGroupCell && c < firstGroupCell + groups.keys.length;
  const warnings = [
    ...toWarnings(
      { ...overallCells, warnings: overallCells.warnings.filter((w) => w.cell === overallCell) },
      () => undefined,
    ),
    ...toWarnings(
      { ...groupCells, warnings: groupCells.warnings.filter((w) => inRange(w.cell)) },
      (c) => byGroup[c - firstGroupCell]!.label,
    ),
  ];
  return new GroupMetricsResult({
    metrics: ids,
    metricNames: Object.fromEntries(metrics.map((m) => [m.id, m.name])),
    groups,
    overall: pick(overallCells, overallCell),
    byGroup,
    warnings,
    strata,
    intervals,
  });
}

/**
 * Computes metrics overall and for every group of the sensitive features (their intersections
 * when several are given: the observed combinations, or with `intersections: 'all'` the full
 * Cartesian product, empty intersections listed with count 0 and NaN values). With control features, `strata` holds the same computation within each
 * control stratum, as Fairlearn's MetricFrame does.
 *
 * With `ci`, bootstrap intervals come with the values: `overallIntervals[id]`,
 * `byGroup[i].intervals[id]`, the accessors `groupMinInterval()`, `groupMaxInterval()`,
 * `differenceInterval(options)` and `ratioInterval(options)` (any comparison method and
 * reference), and the provenance `ci` (options, seed, resampling per metric). Control strata
 * carry no intervals. The same seed gives the same bytes.
 *
 * Cost: one pass over the rows for count metrics; score metrics add a counting sort and a sort
 * of each group's scores. With `ci`: O(nBoot · k · metrics) more for unweighted count metrics,
 * O(nBoot · (n + metric cost)) for row-resampled ones.
 *
 * @throws FairnessInputError on invalid data; RangeError on an unknown metric or method, or bad
 *   `ci` options
 * @example
 * const r = groupMetrics(
 *   { yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] },
 *   { metrics: ["selectionRate"] },
 * );
 * r.byGroup.map((g) => g.values.selectionRate); // => [0.5, 0]
 * r.difference().selectionRate; // => 0.5
 * const withCi = groupMetrics(
 *   { yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] },
 *   { metrics: ["selectionRate"], ci: { seed: 1, nBoot: 100 } },
 * );
 * withCi.byGroup[1].intervals.selectionRate.intervals[0].upper; // => 0
 *
 * @category Per-group metrics
 */
export function groupMetrics(
  input: FairnessInput,
  options: GroupMetricsOptions = {},
): GroupMetricsResult {
  const clean = options.ci === undefined ? cleanTypedConfusion(input, options) : undefined;
  const columns = clean === undefined ? prepare(input) : undefined;
  const unknown = unknownKeyIssues(options, GROUP_METRICS_OPTION_KEYS, ["options"]);
  if (unknown.length > 0) throw new FairnessInputError(unknown);
  if (clean !== undefined) return groupMetricsOfConfusion(clean.stats, clean.groups, options);
  return groupMetricsOfColumns(columns!, options);
}

/**
 * The fast path of {@link groupMetrics}: when only count metrics are asked and the input is clean
 * typed columns (`countCleanTypedInput`), their confusion statistics and group index from one
 * checked pass, the same as `prepare` and a count give. Otherwise undefined: `prepare` then
 * validates the input and describes every problem.
 */
function cleanTypedConfusion(
  input: FairnessInput,
  options: GroupMetricsOptions,
): { stats: ConfusionStats; groups: GroupIndex } | undefined {
  let metrics: readonly ResolvedMetric[];
  try {
    metrics = resolveMetrics(options.metrics ?? DEFAULT_METRICS, "groupMetrics");
  } catch {
    return undefined;
  }
  if (!metrics.every((m) => m.kind === "builtin" && m.definition.input === "counts")) {
    return undefined;
  }
  return countCleanTypedInput(input);
}

/** Every key of {@link GroupMetricsOptions} (the record type makes the list exhaustive). */
const GROUP_METRICS_OPTION_KEYS = Object.keys({
  metrics: true,
  zeroDivision: true,
  errors: true,
  ci: true,
} satisfies Record<keyof GroupMetricsOptions, true>);

function resolvePolicies(options: GroupMetricsOptions): {
  zeroDivision: ZeroDivision;
  errors: ErrorPolicy;
} {
  const zeroDivision = options.zeroDivision ?? "nan";
  const errors = options.errors ?? "raise";
  if (zeroDivision !== "nan" && zeroDivision !== 0 && zeroDivision !== 1) {
    throw new RangeError(`groupMetrics: zeroDivision must be 'nan', 0 or 1`);
  }
  if (errors !== "raise" && errors !== "coerce") {
    throw new RangeError(`groupMetrics: errors must be 'raise' or 'coerce'`);
  }
  return { zeroDivision, errors };
}

/**
 * {@link groupMetrics} from confusion statistics computed elsewhere (a streaming accumulator,
 * a SQL engine): count metrics only, overall values from the sum of the groups' counts.
 *
 * Cost: O(groups × metrics).
 *
 * @example
 * const stats = { groups: 2, counts: Float64Array.of(1, 0, 0, 1, 1, 1, 0, 0), weightSum: undefined, weightComp: undefined };
 * const groups = { featureNames: ["g"], levels: [["a", "b"]], keys: [["a"], ["b"]] };
 * groupMetricsOfConfusion(stats, groups, { metrics: ["selectionRate"] }).overall.selectionRate; // => 0.5
 */
export function groupMetricsOfConfusion(
  stats: ConfusionStats,
  groups: GroupIndex,
  options: GroupMetricsOptions = {},
): GroupMetricsResult {
  if (stats.groups !== groups.keys.length) {
    throw new RangeError(
      `groupMetricsOfConfusion: statistics have ${stats.groups} groups, the index ${groups.keys.length}`,
    );
  }
  if (options.ci !== undefined) {
    throw new TypeError("groupMetricsOfConfusion: ci needs the rows; use groupMetrics");
  }
  const metrics = resolveMetrics(options.metrics ?? DEFAULT_METRICS, "groupMetrics");
  const { zeroDivision } = resolvePolicies(options);
  const byGroup = evaluateConfusion(stats, metrics, zeroDivision);
  const overall = evaluateConfusion(sumGroups(stats), metrics, zeroDivision);
  return buildResult(groups, metrics, overall, 0, byGroup, 0, undefined);
}

/** {@link groupMetrics} on already prepared columns. */
export function groupMetricsOfColumns(
  columns: Columns,
  options: GroupMetricsOptions = {},
): GroupMetricsResult {
  const specs = options.metrics ?? defaultGroupMetricIds(columns.score !== undefined);
  const metrics = resolveMetrics(specs, "groupMetrics");
  checkMetricInputs(columns, metrics);
  const { zeroDivision, errors } = resolvePolicies(options);
  const ciOptions =
    options.ci === undefined ? undefined : resolveBootstrapOptions("groupMetrics", options.ci);
  const k = columns.groups.keys.length;
  const evaluate = (code: Uint32Array, cells: number) =>
    evaluateCells(columns, code, cells, metrics, zeroDivision, errors);
  const { overall, groups: byGroup } = evaluateGroupsAndOverall(
    columns,
    metrics,
    zeroDivision,
    errors,
  );

  let strata: ControlStratum[] | undefined;
  if (columns.control) {
    const s = columns.control.strata.keys.length;
    const combined = new Uint32Array(columns.n);
    for (let r = 0; r < columns.n; r++)
      combined[r] = columns.control.code[r]! * k + columns.group[r]!;
    const stratumOverall = evaluate(columns.control.code, s);
    const stratumGroups = evaluate(combined, s * k);
    strata = columns.control.strata.keys.map((key, i) => ({
      key,
      label: groupLabel(key),
      result: buildResult(
        columns.groups,
        metrics,
        stratumOverall,
        i,
        stratumGroups,
        i * k,
        undefined,
      ),
    }));
  }
  const intervals =
    ciOptions === undefined
      ? undefined
      : new GroupMetricsIntervals(columns, metrics, ciOptions, zeroDivision);
  return buildResult(columns.groups, metrics, overall, 0, byGroup, 0, strata, intervals);
}
