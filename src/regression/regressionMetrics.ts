/**
 * `regressionMetrics`: regression metrics overall and by group with Fairlearn's MetricFrame
 * semantics (groupMin/Max, difference, ratio, reference group, control features).
 */
import type { GroupIndex } from "../data/columns.js";
import { groupLabel } from "../data/levels.js";
import {
  prepareRegression,
  type RegressionColumns,
  type RegressionInput,
} from "../data/regression.js";
import { GroupMetricsResult, type GroupMetricsWarning } from "../frame/result.js";
import {
  DEFAULT_REGRESSION_METRICS,
  getRegressionMetric,
  type RegressionMetric,
  type RegressionMetricId,
} from "./metrics.js";
import { type RegressionSums, regressionSums } from "./sums.js";

/**
 * Options of {@link regressionMetrics}.
 *
 * @category Regression and multiclass
 */
export interface RegressionMetricsOptions {
  /** Metric ids (see `REGRESSION_METRICS`). @defaultValue count, MAE, MSE, RMSE, R², mean prediction, mean target, mean residual */
  readonly metrics?: readonly RegressionMetricId[];
  /** Over- and under-prediction count only errors larger than this. @defaultValue 0 */
  readonly tolerance?: number;
}

function resolve(options: RegressionMetricsOptions): {
  metrics: RegressionMetric[];
  tolerance: number;
} {
  const ids = options.metrics ?? DEFAULT_REGRESSION_METRICS;
  const seen = new Set<string>();
  const metrics = ids.map((id, i) => {
    const metric = getRegressionMetric(id);
    if (metric === undefined) {
      throw new RangeError(
        `regressionMetrics: unknown metric ${JSON.stringify(id)} (metrics[${i}])`,
      );
    }
    if (seen.has(id)) throw new RangeError(`regressionMetrics: metric id ${id} given twice`);
    seen.add(id);
    return metric;
  });
  const tolerance = options.tolerance ?? 0;
  if (!(tolerance >= 0) || !Number.isFinite(tolerance)) {
    throw new RangeError("regressionMetrics: tolerance must be a finite number ≥ 0");
  }
  return { metrics, tolerance };
}

function result(
  groups: GroupIndex,
  metrics: readonly RegressionMetric[],
  overall: RegressionSums,
  overallCell: number,
  cells: RegressionSums,
  first: number,
): GroupMetricsResult {
  const warnings: GroupMetricsWarning[] = [];
  const values = (s: RegressionSums, c: number, group: string | undefined) =>
    Object.fromEntries(
      metrics.map((m) => {
        if (s.count[c] === 0) return [m.id, m.id === "count" ? 0 : Number.NaN];
        const reason = m.undefinedWhen?.(s, c);
        if (reason !== undefined) {
          warnings.push({ code: "undefinedMetric", metric: m.id, group, message: reason });
        }
        return [m.id, m.fromSums(s, c)];
      }),
    );
  const overallValues = values(overall, overallCell, undefined);
  const byGroup = groups.keys.map((key, g) => {
    const label = groupLabel(key);
    return {
      key,
      label,
      count: cells.count[first + g]!,
      values: values(cells, first + g, label),
    };
  });
  return new GroupMetricsResult({
    metrics: metrics.map((m) => m.id),
    metricNames: Object.fromEntries(metrics.map((m) => [m.id, m.name])),
    groups,
    overall: overallValues,
    byGroup,
    warnings,
    strata: undefined,
  });
}

/** {@link regressionMetrics} on prepared columns. */
export function regressionMetricsOfColumns(
  columns: RegressionColumns,
  options: RegressionMetricsOptions = {},
): GroupMetricsResult {
  const { metrics, tolerance } = resolve(options);
  const { target, prediction, weight, groups } = columns;
  const k = groups.keys.length;
  const sums = (code: Uint32Array, cells: number) =>
    regressionSums(target, prediction, weight, code, cells, tolerance);
  const overall = sums(new Uint32Array(columns.n), 1);
  const byGroup = sums(columns.group, k);
  const main = result(groups, metrics, overall, 0, byGroup, 0);
  if (columns.control === undefined) return main;
  const s = columns.control.strata.keys.length;
  const combined = new Uint32Array(columns.n);
  for (let r = 0; r < columns.n; r++) {
    combined[r] = columns.control.code[r]! * k + columns.group[r]!;
  }
  const stratumOverall = sums(columns.control.code, s);
  const stratumGroups = sums(combined, s * k);
  const strata = columns.control.strata.keys.map((key, i) => ({
    key,
    label: groupLabel(key),
    result: result(groups, metrics, stratumOverall, i, stratumGroups, i * k),
  }));
  return new GroupMetricsResult({
    metrics: main.metrics,
    metricNames: main.metricNames,
    groups,
    overall: main.overall,
    byGroup: main.byGroup,
    warnings: main.warnings,
    strata,
  });
}

/**
 * Regression metrics overall and for every group (intersections of several features: the
 * observed combinations, or with `intersections: 'all'` the full Cartesian product, empty
 * intersections with count 0 and NaN values), with the accessors of
 * {@link GroupMetricsResult}: `groupMin()`, `groupMax()`, `difference(options)`,
 * `ratio(options)` (between groups, to the overall value, to a reference group) and `gaps`.
 * With control features, `strata` holds the same computation within each stratum. Weighted
 * when `sampleWeight` is given (count stays the row count).
 *
 * Cost: two passes over the rows.
 *
 * @throws FairnessInputError on invalid data; RangeError on an unknown metric
 * @example
 * const r = regressionMetrics(
 *   { yTrue: [1, 2, 3, 4], yPred: [1, 3, 3, 6], sensitiveFeatures: ["a", "a", "b", "b"] },
 *   { metrics: ["meanAbsoluteError"] },
 * );
 * r.byGroup.map((g) => g.values.meanAbsoluteError); // => [0.5, 1]
 * r.difference().meanAbsoluteError; // => 0.5
 *
 * @category Regression and multiclass
 */
export function regressionMetrics(
  input: RegressionInput,
  options: RegressionMetricsOptions = {},
): GroupMetricsResult {
  return regressionMetricsOfColumns(prepareRegression(input), options);
}
