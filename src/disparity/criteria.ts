/**
 * The named fairness criteria: differences and ratios of one rate (or two, for equalized odds)
 * across groups, with Fairlearn's definitions.
 */
import type { FairnessInput } from "../data/schema.js";
import type { ZeroDivision } from "../metrics/evaluate.js";
import {
  type CiProvenance,
  type ComparisonOptions,
  comparisonReplicates,
  type GroupMetricsCi,
  type GroupMetricsResult,
  groupMetrics,
} from "../metrics/groupMetrics.js";
import { type BootstrapEstimate, bootstrapInterval } from "../uncertainty/bootstrapInterval.js";
import type { StatisticReplicates } from "../uncertainty/columnsBootstrap.js";
import { maxOf, minOf } from "./aggregate.js";

/** How equalized odds combines its TPR and FPR parts. */
export type EqualizedOddsAggregation = "worstCase" | "mean";

export interface CriterionOptions extends ComparisonOptions {
  /** Value of a rate whose denominator is zero (Fairlearn: 0). @defaultValue "nan" */
  readonly zeroDivision?: ZeroDivision;
  /**
   * Bootstrap options (as `groupMetrics`' `ci`): with them the criterion returns
   * `{ value, interval, ci }` instead of a number.
   */
  readonly ci?: GroupMetricsCi;
}

export interface EqualizedOddsOptions extends CriterionOptions {
  /** @defaultValue "worstCase" */
  readonly agg?: EqualizedOddsAggregation;
}

/** A criterion's value with its bootstrap interval, returned when `ci` is given. */
export interface CriterionWithInterval {
  /** The criterion, the number returned without `ci`. */
  readonly value: number;
  /** Its bootstrap interval(s); `interval.estimate` equals `value`. */
  readonly interval: BootstrapEstimate;
  /** How the interval was made (options, seed, resampling). */
  readonly ci: CiProvenance;
}

/** A named criterion: a number, or `{ value, interval, ci }` when `options.ci` is given. */
export interface CriterionFunction<O extends CriterionOptions> {
  (input: FairnessInput, options: O & { readonly ci: GroupMetricsCi }): CriterionWithInterval;
  (input: FairnessInput, options?: O): number;
}

type Comparison = "difference" | "ratio";

function evaluate(
  input: FairnessInput,
  metrics: readonly string[],
  comparison: Comparison,
  options: CriterionOptions,
): { result: GroupMetricsResult; parts: number[] } {
  const result = groupMetrics(input, {
    metrics,
    ...(options.zeroDivision === undefined ? {} : { zeroDivision: options.zeroDivision }),
    ...(options.ci === undefined ? {} : { ci: options.ci }),
  });
  const values = comparison === "difference" ? result.difference(options) : result.ratio(options);
  return { result, parts: metrics.map((id) => values[id]!) };
}

function single(metric: string, comparison: Comparison): CriterionFunction<CriterionOptions> {
  function criterion(
    input: FairnessInput,
    options: CriterionOptions = {},
  ): number | CriterionWithInterval {
    const { result, parts } = evaluate(input, [metric], comparison, options);
    const value = parts[0]!;
    if (options.ci === undefined) return value;
    const intervals =
      comparison === "difference"
        ? result.differenceInterval(options)
        : result.ratioInterval(options);
    return { value, interval: intervals[metric]!, ci: result.ci! };
  }
  return criterion as CriterionFunction<CriterionOptions>;
}

/** Applies `combine` to the TPR and FPR parts replicate by replicate (and jackknife value by value). */
function combineReplicates(
  parts: readonly StatisticReplicates[],
  combine: (values: readonly number[]) => number,
): StatisticReplicates {
  const [a, b] = parts as [StatisticReplicates, StatisticReplicates];
  const replicates = a.replicates.map((x, i) => combine([x, b.replicates[i]!]));
  const jackknife =
    a.jackknife === undefined || b.jackknife === undefined
      ? undefined
      : {
          values: a.jackknife.values.map((x, i) => combine([x, b.jackknife!.values[i]!])),
          weights: a.jackknife.weights,
        };
  return { replicates, estimate: combine([a.estimate, b.estimate]), jackknife };
}

function equalizedOdds(comparison: Comparison): CriterionFunction<EqualizedOddsOptions> {
  function criterion(
    input: FairnessInput,
    options: EqualizedOddsOptions = {},
  ): number | CriterionWithInterval {
    const agg = options.agg ?? "worstCase";
    if (agg !== "worstCase" && agg !== "mean") {
      throw new RangeError(`equalizedOdds: agg must be 'worstCase' or 'mean', got ${String(agg)}`);
    }
    const combine = (parts: readonly number[]): number => {
      if (agg === "mean") {
        const defined = parts.filter((v) => !Number.isNaN(v));
        return defined.length === 0
          ? Number.NaN
          : defined.reduce((x, y) => x + y, 0) / defined.length;
      }
      return comparison === "difference" ? maxOf(parts) : minOf(parts);
    };
    const ids = ["truePositiveRate", "falsePositiveRate"];
    const { result, parts } = evaluate(input, ids, comparison, options);
    const value = combine(parts);
    if (options.ci === undefined) return value;
    // TPR and FPR are count metrics of one block: their replicates come from the same draws.
    const combined = combineReplicates(
      ids.map((id) => comparisonReplicates(result, id, comparison, options)),
      combine,
    );
    const ci = result.ci!;
    const interval = bootstrapInterval(
      combined.replicates,
      combined.estimate,
      ci.levels,
      ci.method,
      combined.jackknife,
    );
    return { value, interval, ci };
  }
  return criterion as CriterionFunction<EqualizedOddsOptions>;
}

/**
 * Demographic parity difference: the difference of selection rates across groups.
 *
 * Every criterion takes `method` and `reference` as `GroupMetricsResult.difference` / `ratio`,
 * and `ci` (bootstrap options as `groupMetrics`): with `ci` it returns
 * `{ value, interval, ci }`, where `value` is the number returned without `ci` and `interval`
 * its bootstrap interval (percentile or BCa).
 *
 * @example
 * demographicParityDifference({ yTrue: [1, 0, 1, 0], yPred: [1, 1, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] });
 * // => 1
 * const input = { yTrue: [1, 0, 1, 0, 1, 0], yPred: [1, 1, 0, 0, 1, 0], sensitiveFeatures: ["a", "a", "a", "b", "b", "b"] };
 * demographicParityDifference(input, { ci: { seed: 1, nBoot: 200 } }).value; // => 0.3333333333333333
 */
export const demographicParityDifference = single("selectionRate", "difference");
/** Demographic parity ratio: the ratio of selection rates across groups (the "80% rule"). */
export const demographicParityRatio = single("selectionRate", "ratio");
/**
 * Equalized odds difference: the larger (worstCase) or the mean of the TPR and FPR differences.
 * With `ci`, the TPR and FPR differences are combined replicate by replicate.
 *
 * @example
 * equalizedOddsDifference({ yTrue: [1, 0, 1, 0], yPred: [1, 1, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] });
 * // => 1
 */
export const equalizedOddsDifference = equalizedOdds("difference");
/** Equalized odds ratio: the smaller (worstCase) or the mean of the TPR and FPR ratios. */
export const equalizedOddsRatio = equalizedOdds("ratio");
/** Equal opportunity difference: the difference of true positive rates. */
export const equalOpportunityDifference = single("truePositiveRate", "difference");
/** Equal opportunity ratio: the ratio of true positive rates. */
export const equalOpportunityRatio = single("truePositiveRate", "ratio");
/** Predictive parity difference: the difference of precisions (PPV). */
export const predictiveParityDifference = single("precision", "difference");
/** Predictive parity ratio: the ratio of precisions (PPV). */
export const predictiveParityRatio = single("precision", "ratio");
/** Difference of false positive rates. */
export const falsePositiveRateDifference = single("falsePositiveRate", "difference");
/** Ratio of false positive rates. */
export const falsePositiveRateRatio = single("falsePositiveRate", "ratio");
/** Difference of false negative rates. */
export const falseNegativeRateDifference = single("falseNegativeRate", "difference");
/** Ratio of false negative rates. */
export const falseNegativeRateRatio = single("falseNegativeRate", "ratio");
/** Difference of accuracies. */
export const accuracyDifference = single("accuracy", "difference");
/** Ratio of accuracies. */
export const accuracyRatio = single("accuracy", "ratio");
/** Difference of error rates. */
export const errorRateDifference = single("errorRate", "difference");
/** Ratio of error rates. */
export const errorRateRatio = single("errorRate", "ratio");
