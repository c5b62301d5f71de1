/**
 * Bootstrap intervals of multiclass metrics and criteria: overall, for every group, and for the
 * difference and ratio between groups, from a seeded row bootstrap (within each group by default).
 */
import {
  type MulticlassColumns,
  type MulticlassInput,
  prepareMulticlass,
} from "../data/multiclass.js";
import { differenceOf, ratioOf } from "../disparity/aggregate.js";
import { type BootstrapEstimate, bootstrapInterval } from "../uncertainty/bootstrapInterval.js";
import {
  type BootstrapOptions,
  type ResolvedBootstrapOptions,
  resolveBootstrapOptions,
} from "../uncertainty/countBootstrap.js";
import { RANDOM_METHOD, randomSource } from "../uncertainty/random.js";
import { rowReplicates } from "../uncertainty/resample.js";
import { multiclassCriterionOfResult } from "./criteria.js";
import { MULTICLASS_METRICS } from "./metrics.js";
import { type MulticlassMetricsResult, multiclassMetricsOfColumns } from "./multiclassMetrics.js";
import type { MulticlassZeroDivision } from "./scores.js";

/** Options of {@link multiclassIntervals}. */
export interface MulticlassIntervalsOptions extends BootstrapOptions {
  /** Metric ids (see `MULTICLASS_METRICS`; `count` is never resampled). @defaultValue every one */
  readonly metrics?: readonly string[];
  /** Multiclass criterion ids (`CRITERIA` with `task: "multiclass"`). @defaultValue none */
  readonly criteria?: readonly string[];
  /** Value of a per-class score with a zero denominator. @defaultValue 0 */
  readonly zeroDivision?: MulticlassZeroDivision;
  /**
   * The base of `gaps`: a group's index (in level order) or "overall". @defaultValue none (no
   * gaps)
   */
  readonly reference?: number | "overall";
}

/** Intervals of multiclass metrics and criteria, by id. */
export interface MulticlassIntervals {
  /** Metrics on all rows. */
  readonly overall: Readonly<Record<string, BootstrapEstimate>>;
  /** Metrics for each group, in level order (NaN bounds for groups without rows). */
  readonly byGroup: readonly Readonly<Record<string, BootstrapEstimate>>[];
  /** Of each metric's `max − min` over the groups with rows. */
  readonly difference: Readonly<Record<string, BootstrapEstimate>>;
  /** Of each metric's `min / max` over the groups with rows. */
  readonly ratio: Readonly<Record<string, BootstrapEstimate>>;
  /**
   * Of each group's gap `v_g − v_reference` to `reference` (empty without one), in level order.
   */
  readonly gaps: readonly Readonly<Record<string, BootstrapEstimate>>[];
  /** Of each criterion's value between groups (its worst class). */
  readonly criteria: Readonly<Record<string, BootstrapEstimate>>;
  /** The options used, the resampling and the generator. */
  readonly ci: ResolvedBootstrapOptions & {
    /** Always "rows": rows are drawn with replacement. */
    readonly resampling: "rows";
    /** The generator and samplers (`RANDOM_METHOD`). */
    readonly random: string;
  };
}

/**
 * Percentile bootstrap intervals of multiclass metrics and criteria. Each replicate draws rows
 * with replacement (within each group when `stratified`, the default, so every group keeps its
 * size) and recomputes the per-class counts, every metric overall, per group and between groups,
 * and every criterion (each class one-vs-rest, worst class); with `reference`, each group's gap to
 * the reference group (or the overall value). A replicate where a value is
 * undefined is left out and counted in `nanReplicates`. The same seed gives the same intervals.
 *
 * Cost: O(nBoot · (n + groups · classes²)).
 *
 * @throws FairnessInputError on invalid data; RangeError on bad options (only the percentile
 * method is offered) or an unknown metric or criterion
 * @example
 * const iv = multiclassIntervals(
 *   { yTrue: ["a", "a", "b", "b"], yPred: ["a", "a", "b", "b"], sensitiveFeatures: [1, 1, 2, 2] },
 *   { metrics: ["accuracy"], nBoot: 50, seed: 1 },
 * );
 * iv.byGroup[0].accuracy.intervals[0].lower; // => 1
 */
export function multiclassIntervals(
  input: MulticlassInput | MulticlassColumns,
  options: MulticlassIntervalsOptions = {},
): MulticlassIntervals {
  const columns = "task" in input ? input : prepareMulticlass(input);
  const resolved = resolveBootstrapOptions("multiclassIntervals", options);
  if (resolved.method !== "percentile") {
    throw new RangeError("multiclassIntervals: only method 'percentile' is offered");
  }
  const ids = (options.metrics ?? MULTICLASS_METRICS.map((m) => m.id)).filter(
    (id) => id !== "count",
  );
  const criteria = options.criteria ?? [];
  const metricOptions = {
    metrics: ids,
    ...(options.zeroDivision === undefined ? {} : { zeroDivision: options.zeroDivision }),
  };
  const k = columns.groups.keys.length;
  const reference = options.reference;
  if (
    reference !== undefined &&
    reference !== "overall" &&
    !(Number.isInteger(reference) && reference >= 0 && reference < k)
  ) {
    throw new RangeError(
      `multiclassIntervals: reference must be "overall" or a group index, got ${reference}`,
    );
  }
  const gapCount = reference === undefined ? 0 : k;
  const stride = 3 + k + gapCount;
  const statistics = ids.length * stride + criteria.length;
  const read = (result: MulticlassMetricsResult, out: Float64Array) => {
    const { summary } = result;
    ids.forEach((id, m) => {
      const at = m * stride;
      const present = summary.byGroup.filter((g) => g.count > 0).map((g) => g.values[id]!);
      out[at] = summary.overall[id]!;
      out[at + 1] = differenceOf(present, Number.NaN, "betweenGroups");
      out[at + 2] = ratioOf(present, Number.NaN, "betweenGroups");
      summary.byGroup.forEach((g, c) => {
        out[at + 3 + c] = g.count > 0 ? g.values[id]! : Number.NaN;
      });
      if (reference === undefined) return;
      const base = reference === "overall" ? summary.overall[id]! : out[at + 3 + reference]!;
      for (let c = 0; c < k; c++) out[at + 3 + k + c] = out[at + 3 + c]! - base;
    });
    criteria.forEach((id, i) => {
      out[ids.length * stride + i] = multiclassCriterionOfResult(id, result).worstCase;
    });
  };
  const estimates = new Float64Array(statistics);
  read(multiclassMetricsOfColumns({ ...columns, control: undefined }, metricOptions), estimates);
  const { n } = columns;
  const target = new Uint32Array(n);
  const prediction = new Uint32Array(n);
  const weight = columns.weight === undefined ? undefined : new Float64Array(n);
  const group = new Uint32Array(n);
  const replicates = rowReplicates(
    columns.group,
    k,
    (rows, out) => {
      for (let i = 0; i < n; i++) {
        const r = rows[i]!;
        target[i] = columns.target[r]!;
        prediction[i] = columns.prediction[r]!;
        if (weight !== undefined) weight[i] = columns.weight![r]!;
        group[i] = columns.group[r]!;
      }
      const resampled: MulticlassColumns = {
        ...columns,
        target,
        prediction,
        weight,
        group,
        control: undefined,
        probability: undefined,
      };
      read(multiclassMetricsOfColumns(resampled, metricOptions), out);
    },
    statistics,
    { nBoot: resolved.nBoot, rng: randomSource(resolved.seed), stratified: resolved.stratified },
  );
  const interval = (s: number) =>
    bootstrapInterval(
      replicates.subarray(s * resolved.nBoot, (s + 1) * resolved.nBoot),
      estimates[s]!,
      resolved.levels,
      "percentile",
    );
  const byId = (offset: number) =>
    Object.fromEntries(ids.map((id, m) => [id, interval(m * stride + offset)]));
  return {
    overall: byId(0),
    difference: byId(1),
    ratio: byId(2),
    byGroup: Array.from({ length: k }, (_, c) => byId(3 + c)),
    gaps: Array.from({ length: gapCount }, (_, c) => byId(3 + k + c)),
    criteria: Object.fromEntries(criteria.map((id, i) => [id, interval(ids.length * stride + i)])),
    ci: { ...resolved, resampling: "rows", random: RANDOM_METHOD },
  };
}
