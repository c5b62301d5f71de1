/**
 * Bootstrap intervals of regression metrics: overall, for every group, and for the difference and
 * ratio between groups, from a seeded row bootstrap (within each group by default).
 */
import {
  prepareRegression,
  type RegressionColumns,
  type RegressionInput,
} from "../data/regression.js";
import type { BootstrapOptions } from "../uncertainty/countBootstrap.js";
import {
  type GroupIntervals,
  groupSlots,
  percentileRowBootstrap,
  readGroupSlots,
  resolvePercentileOptions,
  rowBootstrapSettings,
  writeGroupSlots,
} from "../uncertainty/rowBootstrap.js";
import {
  DEFAULT_REGRESSION_METRICS,
  getRegressionMetric,
  type RegressionMetricId,
} from "./metrics.js";
import { type RegressionSums, regressionSums } from "./sums.js";

/** Options of {@link regressionIntervals}. */
export interface RegressionIntervalsOptions extends BootstrapOptions {
  /** Metric ids (see `REGRESSION_METRICS`). @defaultValue the default regression metrics */
  readonly metrics?: readonly RegressionMetricId[];
  /** Tolerance of the over- and under-prediction rates. @defaultValue 0 */
  readonly tolerance?: number;
  /**
   * The base of `gaps`: a group's index (in level order) or "overall". @defaultValue none (no
   * gaps)
   */
  readonly reference?: number | "overall";
}

/** Intervals of regression metrics, by metric id. */
export type RegressionIntervals = GroupIntervals;

/**
 * Percentile bootstrap intervals of regression metrics, overall, per group, between groups and
 * (with `reference`) of each group's gap to the reference group or the overall value. The rows
 * are redrawn as `percentileRowBootstrap` does (within each group by default); each replicate
 * recomputes the weighted sums. A metric undefined in a replicate (R² of a one-row group) is
 * counted in `nanReplicates`. The same seed gives the same intervals.
 *
 * Cost: O(nBoot · n), two passes over the rows per replicate.
 *
 * @throws FairnessInputError on invalid data; RangeError on bad options (only the percentile
 * method is offered)
 * @example
 * const iv = regressionIntervals(
 *   { yTrue: [1, 2, 3, 4, 5, 6], yPred: [1, 2, 4, 4, 5, 8], sensitiveFeatures: ["a", "a", "a", "b", "b", "b"] },
 *   { metrics: ["meanAbsoluteError"], nBoot: 200, seed: 1 },
 * );
 * iv.byGroup[0].meanAbsoluteError.intervals[0].lower <= 1 / 3; // => true
 */
export function regressionIntervals(
  input: RegressionInput | RegressionColumns,
  options: RegressionIntervalsOptions = {},
): RegressionIntervals {
  const columns = "task" in input ? input : prepareRegression(input);
  const resolved = resolvePercentileOptions("regressionIntervals", options);
  const ids = options.metrics ?? DEFAULT_REGRESSION_METRICS;
  const metrics = ids.map((id) => {
    const m = getRegressionMetric(id);
    if (m === undefined) throw new RangeError(`regressionIntervals: unknown metric ${id}`);
    return m;
  });
  const tolerance = options.tolerance ?? 0;
  const { n, target, prediction, weight, group } = columns;
  const k = columns.groups.keys.length;
  const slots = groupSlots(
    "regressionIntervals",
    metrics.map((m) => m.id),
    k,
    options.reference,
  );
  const value = (s: RegressionSums, c: number, m: (typeof metrics)[number]) =>
    s.count[c] === 0 ? Number.NaN : m.fromSums(s, c);
  const evaluate = (
    t: Float64Array,
    p: Float64Array,
    w: Float64Array | undefined,
    g: Uint32Array,
    out: Float64Array,
  ) => {
    const overall = regressionSums(t, p, w, new Uint32Array(t.length), 1, tolerance);
    const groups = regressionSums(t, p, w, g, k, tolerance);
    metrics.forEach((m, i) => {
      const byGroup = Array.from({ length: k }, (_, c) => value(groups, c, m));
      writeGroupSlots(slots, out, i, value(overall, 0, m), byGroup, groups.count);
    });
  };
  const estimates = new Float64Array(slots.size);
  evaluate(target, prediction, weight, group, estimates);
  const t = new Float64Array(n);
  const p = new Float64Array(n);
  const w = weight === undefined ? undefined : new Float64Array(n);
  const g = new Uint32Array(n);
  const intervals = percentileRowBootstrap(
    group,
    k,
    (rows, out) => {
      for (let i = 0; i < n; i++) {
        const r = rows[i]!;
        t[i] = target[r]!;
        p[i] = prediction[r]!;
        if (w !== undefined) w[i] = weight![r]!;
        g[i] = group[r]!;
      }
      evaluate(t, p, w, g, out);
    },
    estimates,
    resolved,
  );
  return { ...readGroupSlots(slots, intervals), ci: rowBootstrapSettings(resolved) };
}
