/**
 * The named fairness criteria: differences and ratios of one rate (or two, for equalized odds)
 * across groups, with Fairlearn's definitions.
 */
import type { FairnessInput } from "../data/schema.js";
import type { ZeroDivision } from "../metrics/evaluate.js";
import { type ComparisonOptions, groupMetrics } from "../metrics/groupMetrics.js";
import { maxOf, minOf } from "./aggregate.js";

/** How equalized odds combines its TPR and FPR parts. */
export type EqualizedOddsAggregation = "worstCase" | "mean";

export interface CriterionOptions extends ComparisonOptions {
  /** Value of a rate whose denominator is zero (Fairlearn: 0). @defaultValue "nan" */
  readonly zeroDivision?: ZeroDivision;
}

export interface EqualizedOddsOptions extends CriterionOptions {
  /** @defaultValue "worstCase" */
  readonly agg?: EqualizedOddsAggregation;
}

type Comparison = "difference" | "ratio";

function compare(
  input: FairnessInput,
  metrics: readonly string[],
  comparison: Comparison,
  options: CriterionOptions,
): number[] {
  const result = groupMetrics(input, {
    metrics,
    ...(options.zeroDivision === undefined ? {} : { zeroDivision: options.zeroDivision }),
  });
  const values = comparison === "difference" ? result.difference(options) : result.ratio(options);
  return metrics.map((id) => values[id]!);
}

function single(metric: string, comparison: Comparison) {
  return (input: FairnessInput, options: CriterionOptions = {}): number =>
    compare(input, [metric], comparison, options)[0]!;
}

function equalizedOdds(comparison: Comparison) {
  return (input: FairnessInput, options: EqualizedOddsOptions = {}): number => {
    const agg = options.agg ?? "worstCase";
    if (agg !== "worstCase" && agg !== "mean") {
      throw new RangeError(`equalizedOdds: agg must be 'worstCase' or 'mean', got ${String(agg)}`);
    }
    const parts = compare(input, ["truePositiveRate", "falsePositiveRate"], comparison, options);
    if (agg === "mean") {
      const defined = parts.filter((v) => !Number.isNaN(v));
      return defined.length === 0
        ? Number.NaN
        : defined.reduce((a, b) => a + b, 0) / defined.length;
    }
    return comparison === "difference" ? maxOf(parts) : minOf(parts);
  };
}

/**
 * Demographic parity difference: the difference of selection rates across groups.
 *
 * @example
 * demographicParityDifference({ yTrue: [1, 0, 1, 0], yPred: [1, 1, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] });
 * // => 1
 */
export const demographicParityDifference = single("selectionRate", "difference");
/** Demographic parity ratio: the ratio of selection rates across groups (the "80% rule"). */
export const demographicParityRatio = single("selectionRate", "ratio");
/**
 * Equalized odds difference: the larger (worstCase) or the mean of the TPR and FPR differences.
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
