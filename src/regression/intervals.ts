/**
 * Bootstrap intervals of regression metrics: overall, for every group, and for the difference and
 * ratio between groups, from a seeded row bootstrap (within each group by default).
 */
import {
  prepareRegression,
  type RegressionColumns,
  type RegressionInput,
} from "../data/regression.js";
import { differenceOf, ratioOf } from "../disparity/aggregate.js";
import { type BootstrapEstimate, bootstrapInterval } from "../uncertainty/bootstrapInterval.js";
import {
  type BootstrapOptions,
  type ResolvedBootstrapOptions,
  resolveBootstrapOptions,
} from "../uncertainty/countBootstrap.js";
import { RANDOM_METHOD, randomSource } from "../uncertainty/random.js";
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
export interface RegressionIntervals {
  /** On all rows. */
  readonly overall: Readonly<Record<string, BootstrapEstimate>>;
  /** For each group, in level order (NaN bounds for groups without rows). */
  readonly byGroup: readonly Readonly<Record<string, BootstrapEstimate>>[];
  /** Of `max − min` over the groups with rows. */
  readonly difference: Readonly<Record<string, BootstrapEstimate>>;
  /** Of `min / max` over the groups with rows. */
  readonly ratio: Readonly<Record<string, BootstrapEstimate>>;
  /**
   * Of each group's gap `v_g − v_reference` to `reference` (empty without one), in level order.
   */
  readonly gaps: readonly Readonly<Record<string, BootstrapEstimate>>[];
  /** The options used, the resampling and the generator. */
  readonly ci: ResolvedBootstrapOptions & {
    /** Always "rows": rows are drawn with replacement. */
    readonly resampling: "rows";
    /** The generator and samplers (`RANDOM_METHOD`). */
    readonly random: string;
  };
}

/**
 * Percentile bootstrap intervals of regression metrics. Each replicate draws rows with
 * replacement (within each group when `stratified`, the default, so every group keeps its size),
 * recomputes the weighted sums and reads every metric, overall, per group and between groups.
 * With `reference`, each group's gap to the reference group (or the overall value) too. A
 * replicate where a metric is undefined (R² of a one-row group) is left out and counted in
 * `nanReplicates`. The same seed gives the same intervals.
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
  const resolved = resolveBootstrapOptions("regressionIntervals", options);
  if (resolved.method !== "percentile") {
    throw new RangeError("regressionIntervals: only method 'percentile' is offered");
  }
  const ids = options.metrics ?? DEFAULT_REGRESSION_METRICS;
  const metrics = ids.map((id) => {
    const m = getRegressionMetric(id);
    if (m === undefined) throw new RangeError(`regressionIntervals: unknown metric ${id}`);
    return m;
  });
  const tolerance = options.tolerance ?? 0;
  const { n, target, prediction, weight, group } = columns;
  const k = columns.groups.keys.length;
  const reference = options.reference;
  if (
    reference !== undefined &&
    reference !== "overall" &&
    !(Number.isInteger(reference) && reference >= 0 && reference < k)
  ) {
    throw new RangeError(
      `regressionIntervals: reference must be "overall" or a group index, got ${reference}`,
    );
  }
  const { nBoot, levels } = resolved;
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let r = 0; r < n; r++) members[group[r]!]!.push(r);
  const value = (s: RegressionSums, c: number, m: (typeof metrics)[number]) =>
    s.count[c] === 0 ? Number.NaN : m.fromSums(s, c);
  const evaluate = (
    t: Float64Array,
    p: Float64Array,
    w: Float64Array | undefined,
    g: Uint32Array,
  ) => {
    const overall = regressionSums(t, p, w, new Uint32Array(t.length), 1, tolerance);
    const groups = regressionSums(t, p, w, g, k, tolerance);
    return metrics.map((m) => {
      const byGroup = Array.from({ length: k }, (_, c) => value(groups, c, m));
      const present = byGroup.filter((_, c) => groups.count[c]! > 0);
      const overallValue = value(overall, 0, m);
      const base = reference === "overall" ? overallValue : byGroup[reference ?? -1];
      return {
        overall: overallValue,
        byGroup,
        gaps: base === undefined ? [] : byGroup.map((v) => v - base),
        difference: differenceOf(present, Number.NaN, "betweenGroups"),
        ratio: ratioOf(present, Number.NaN, "betweenGroups"),
      };
    });
  };
  const estimates = evaluate(target, prediction, weight, group);
  const gapCount = reference === undefined ? 0 : k;
  const statistics = 3 + k + gapCount;
  const replicates = metrics.map(() =>
    Array.from({ length: statistics }, () => new Float64Array(nBoot)),
  );
  const rng = randomSource(resolved.seed);
  const t = new Float64Array(n);
  const p = new Float64Array(n);
  const w = weight === undefined ? undefined : new Float64Array(n);
  const g = new Uint32Array(n);
  for (let b = 0; b < nBoot; b++) {
    let i = 0;
    const draw = (from: readonly number[] | undefined) => {
      const size = from === undefined ? n : from.length;
      for (let j = 0; j < size; j++) {
        const r = from === undefined ? rng.integer(0, n - 1) : from[rng.integer(0, size - 1)]!;
        t[i] = target[r]!;
        p[i] = prediction[r]!;
        if (w !== undefined) w[i] = weight![r]!;
        g[i] = group[r]!;
        i++;
      }
    };
    if (resolved.stratified) for (const rows of members) draw(rows);
    else draw(undefined);
    evaluate(t, p, w, g).forEach((e, m) => {
      const out = replicates[m]!;
      out[0]![b] = e.overall;
      out[1]![b] = e.difference;
      out[2]![b] = e.ratio;
      e.byGroup.forEach((v, c) => {
        out[3 + c]![b] = v;
      });
      e.gaps.forEach((v, c) => {
        out[3 + k + c]![b] = v;
      });
    });
  }
  const read = (m: number, s: number, estimate: number) =>
    bootstrapInterval(replicates[m]![s]!, estimate, levels, "percentile");
  const byId = (fn: (m: number) => BootstrapEstimate) =>
    Object.fromEntries(metrics.map((metric, m) => [metric.id, fn(m)]));
  return {
    overall: byId((m) => read(m, 0, estimates[m]!.overall)),
    difference: byId((m) => read(m, 1, estimates[m]!.difference)),
    ratio: byId((m) => read(m, 2, estimates[m]!.ratio)),
    byGroup: Array.from({ length: k }, (_, c) =>
      byId((m) => read(m, 3 + c, estimates[m]!.byGroup[c]!)),
    ),
    gaps: Array.from({ length: gapCount }, (_, c) =>
      byId((m) => read(m, 3 + k + c, estimates[m]!.gaps[c]!)),
    ),
    ci: { ...resolved, resampling: "rows", random: RANDOM_METHOD },
  };
}
