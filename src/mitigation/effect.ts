/**
 * The effect of a mitigation: per-group metrics and disparities before and after, on the data
 * it was fitted on or on any other data, through `groupMetrics`.
 */
import { FairnessInputError } from "../data/errors.js";
import type { FairnessInput, LabelValue } from "../data/inputTypes.js";
import { groupMetrics } from "../frame/groupMetrics.js";
import type { GroupMetricsResult } from "../frame/result.js";
import type { MetricId } from "../metrics/registry.js";

/** Options of {@link mitigationEffect}. */
export interface MitigationEffectOptions {
  /** Registry metric ids. @defaultValue selectionRate, truePositiveRate, falsePositiveRate, accuracy, balancedAccuracy */
  readonly metrics?: readonly MetricId[];
}

/** One metric's overall value and between-groups difference, before and after. */
/** One metric before and after mitigation. */
export interface EffectSummaryRow {
  /** Metric id. */
  readonly metric: string;
  /** Overall value before. */
  readonly overallBefore: number;
  /** Overall value after (expected). */
  readonly overallAfter: number;
  /** Largest minus smallest group value before. */
  readonly differenceBefore: number;
  /** Largest minus smallest group value after (expected). */
  readonly differenceAfter: number;
}

/**
 * Result of {@link mitigationEffect}.
 *
 * @category Mitigation
 */
export interface MitigationEffect {
  /** Group metrics of the original predictions. */
  readonly before: GroupMetricsResult;
  /** Expected values under the mitigated (possibly randomised) predictions. */
  readonly after: GroupMetricsResult;
  /** One row per metric. */
  readonly summary: readonly EffectSummaryRow[];
}

const DEFAULT_METRICS: readonly MetricId[] = [
  "selectionRate",
  "truePositiveRate",
  "falsePositiveRate",
  "accuracy",
  "balancedAccuracy",
];

/**
 * Compares the predictions in `input` (its `yPred`, or `yScore` thresholded) with the mitigated
 * ones, given as P(ŷ = positive) per row (hard labels are probabilities 0 and 1). Expected
 * metrics of randomised predictions are computed exactly: each row enters twice, as a positive
 * prediction with weight w·P and as a negative one with weight w·(1 − P), so every weighted
 * confusion count is its expectation. Cost: two `groupMetrics` passes over 2n rows.
 *
 * @example
 * const data = { yTrue: [1, 0, 1, 0], yPred: [1, 1, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] };
 * const { differenceBefore, differenceAfter } = mitigationEffect(data, [0.5, 0.5, 0.5, 0.5]).summary[0];
 * [differenceBefore, differenceAfter]; // => [1, 0]
 *
 * @category Mitigation
 */
export function mitigationEffect(
  input: FairnessInput,
  probabilityAfter: ArrayLike<number>,
  options: MitigationEffectOptions = {},
): MitigationEffect {
  const metrics = options.metrics ?? DEFAULT_METRICS;
  const n = input.yTrue.length;
  if (probabilityAfter.length !== n) {
    throw new FairnessInputError([
      {
        code: "length_mismatch",
        path: ["probabilityAfter"],
        message: `has ${probabilityAfter.length} rows, but yTrue has ${n}`,
      },
    ]);
  }
  for (let i = 0; i < n; i++) {
    const p = probabilityAfter[i]!;
    if (!(p >= 0 && p <= 1)) {
      throw new FairnessInputError([
        {
          code: "out_of_range",
          path: ["probabilityAfter", i],
          message: `expected a probability, got ${p}`,
        },
      ]);
    }
  }
  const before = groupMetrics(input, { metrics });
  const positive: LabelValue = input.posLabel ?? (typeof input.yTrue[0] === "boolean" ? true : 1);
  const negative = pickNegative(input, positive);
  const doubled = <T>(values: ArrayLike<T>): T[] => {
    const out = new Array<T>(2 * n);
    for (let i = 0; i < n; i++) {
      out[i] = values[i]!;
      out[n + i] = values[i]!;
    }
    return out;
  };
  const features = input.sensitiveFeatures;
  const sensitiveFeatures =
    Array.isArray(features) || ArrayBuffer.isView(features)
      ? doubled(features as ArrayLike<unknown>)
      : Object.fromEntries(
          Object.entries(features).map(([k, v]) => [k, doubled(v as ArrayLike<unknown>)]),
        );
  const weight = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const w = input.sampleWeight === undefined ? 1 : (input.sampleWeight[i] as number);
    weight[i] = w * probabilityAfter[i]!;
    weight[n + i] = w * (1 - probabilityAfter[i]!);
  }
  const yPred = new Array<LabelValue>(2 * n);
  for (let i = 0; i < n; i++) {
    yPred[i] = positive;
    yPred[n + i] = negative;
  }
  const after = groupMetrics(
    {
      yTrue: doubled(input.yTrue as ArrayLike<LabelValue>),
      yPred,
      sensitiveFeatures: sensitiveFeatures as FairnessInput["sensitiveFeatures"],
      sampleWeight: weight,
      ...(input.posLabel === undefined ? {} : { posLabel: input.posLabel }),
      ...(input.missingGroup === undefined ? {} : { missingGroup: input.missingGroup }),
    },
    { metrics },
  );
  const dBefore = before.difference();
  const dAfter = after.difference();
  const summary = metrics.map((metric) => ({
    metric,
    overallBefore: before.overall[metric]!,
    overallAfter: after.overall[metric]!,
    differenceBefore: dBefore[metric]!,
    differenceAfter: dAfter[metric]!,
  }));
  return { before, after, summary };
}

/** The label value that is not `positive` (0/1, -1/1, booleans, or the other given value). */
function pickNegative(input: FairnessInput, positive: LabelValue): LabelValue {
  for (let i = 0; i < input.yTrue.length; i++) {
    const v = input.yTrue[i] as LabelValue;
    if (v !== positive) return v;
  }
  if (typeof positive === "boolean") return !positive;
  return positive === 1 ? 0 : typeof positive === "number" ? positive - 1 : `not ${positive}`;
}
