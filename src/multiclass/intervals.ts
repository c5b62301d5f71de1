/**
 * Bootstrap intervals of multiclass metrics and criteria: overall, for every group, and for the
 * difference and ratio between groups, from a seeded row bootstrap (within each group by default).
 */
import {
  type MulticlassColumns,
  type MulticlassInput,
  prepareMulticlass,
} from "../data/multiclass.js";
import type { BootstrapEstimate } from "../uncertainty/bootstrapInterval.js";
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
export interface MulticlassIntervals extends GroupIntervals {
  /** Of each criterion's value between groups (its worst class). */
  readonly criteria: Readonly<Record<string, BootstrapEstimate>>;
}

/**
 * Percentile bootstrap intervals of multiclass metrics and criteria (each class one-vs-rest,
 * worst class). Rows are redrawn as `percentileRowBootstrap` does, within each group unless
 * `stratified` is false; every replicate recounts the per-class tables and reads each metric
 * overall, per group, between groups and, given `reference`, as a gap to it. Values undefined
 * in a replicate are counted in `nanReplicates`; one seed, one result.
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
  const resolved = resolvePercentileOptions("multiclassIntervals", options);
  const ids = (options.metrics ?? MULTICLASS_METRICS.map((m) => m.id)).filter(
    (id) => id !== "count",
  );
  const criteria = options.criteria ?? [];
  const metricOptions = {
    metrics: ids,
    ...(options.zeroDivision === undefined ? {} : { zeroDivision: options.zeroDivision }),
  };
  const k = columns.groups.keys.length;
  const slots = groupSlots("multiclassIntervals", ids, k, options.reference);
  const read = (result: MulticlassMetricsResult, out: Float64Array) => {
    const { byGroup, overall } = result.summary;
    const counts = byGroup.map((g) => g.count);
    ids.forEach((id, m) => {
      const values = byGroup.map((g) => (g.count > 0 ? g.values[id]! : Number.NaN));
      writeGroupSlots(slots, out, m, overall[id]!, values, counts);
    });
    criteria.forEach((id, i) => {
      out[slots.size + i] = multiclassCriterionOfResult(id, result).worstCase;
    });
  };
  const estimates = new Float64Array(slots.size + criteria.length);
  read(multiclassMetricsOfColumns({ ...columns, control: undefined }, metricOptions), estimates);
  const { n } = columns;
  const target = new Uint32Array(n);
  const prediction = new Uint32Array(n);
  const weight = columns.weight === undefined ? undefined : new Float64Array(n);
  const group = new Uint32Array(n);
  const intervals = percentileRowBootstrap(
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
    estimates,
    resolved,
  );
  return {
    ...readGroupSlots(slots, intervals),
    criteria: Object.fromEntries(criteria.map((id, i) => [id, intervals[slots.size + i]!])),
    ci: rowBootstrapSettings(resolved),
  };
}
