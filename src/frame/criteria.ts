/**
 * The named fairness criteria as functions of the input, one per entry of the criterion registry
 * (`CRITERIA`), with Fairlearn's definitions.
 */

import type { FairnessInput } from "../data/inputTypes.js";
import { prepare } from "../data/prepare.js";
import { type CriterionAggregation, combineParts } from "../disparity/aggregate.js";
import { type CriterionId, getCriterion } from "../disparity/registry.js";
import type { ZeroDivision } from "../metrics/evaluate.js";
import { metricIdsOf } from "../metrics/registry.js";
import { resolveMetrics } from "../metrics/resolve.js";
import type { BootstrapEstimate } from "../uncertainty/bootstrapInterval.js";
import { resolveBootstrapOptions } from "../uncertainty/countBootstrap.js";
import { criterionReplicates } from "../uncertainty/criterionIntervals.js";
import type { CiProvenance, GroupMetricsCi } from "../uncertainty/groupMetricsIntervals.js";
import { GroupMetricsIntervals } from "../uncertainty/groupMetricsIntervals.js";
import { replicatesInterval } from "../uncertainty/replicates.js";
import { groupMetricsOfColumns } from "./groupMetrics.js";
import type { ComparisonOptions } from "./result.js";

/**
 * How equalized odds combines its TPR and FPR parts.
 *
 * @category Criteria
 */
export type EqualizedOddsAggregation = CriterionAggregation;

/**
 * Options of every criterion function.
 *
 * @category Criteria
 */
export interface CriterionOptions extends ComparisonOptions {
  /** Value of a rate whose denominator is zero (Fairlearn: 0). @defaultValue "nan" */
  readonly zeroDivision?: ZeroDivision;
  /**
   * Bootstrap options (as `groupMetrics`' `ci`): with them the criterion returns
   * `{ value, interval, ci }` instead of a number.
   */
  readonly ci?: GroupMetricsCi;
}

/**
 * Options of the criteria that combine several metrics (equalized odds).
 *
 * @category Criteria
 */
export interface EqualizedOddsOptions extends CriterionOptions {
  /** @defaultValue "worstCase" */
  readonly agg?: EqualizedOddsAggregation;
}

/**
 * A criterion's value with its bootstrap interval, returned when `ci` is given.
 *
 * @category Criteria
 */
export interface CriterionWithInterval {
  /** The criterion, the number returned without `ci`. */
  readonly value: number;
  /** Its bootstrap interval(s); `interval.estimate` equals `value`. */
  readonly interval: BootstrapEstimate;
  /** How the interval was made (options, seed, resampling). */
  readonly ci: CiProvenance;
}

/**
 * A named criterion: a number, or `{ value, interval, ci }` when `options.ci` is given.
 *
 * @category Criteria
 */
export interface CriterionFunction<O extends CriterionOptions> {
  (input: FairnessInput, options: O & { readonly ci: GroupMetricsCi }): CriterionWithInterval;
  (input: FairnessInput, options?: O): number;
}

/**
 * The registered criterion `id` on an input: its metrics' comparisons across groups, combined as
 * the registry declares (or by `options.agg`), with a bootstrap interval when `options.ci` is
 * given (the parts combined replicate by replicate).
 *
 * @example
 * evaluateCriterion("accuracyRatio", { yTrue: [1, 0, 1, 0], yPred: [1, 0, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] });
 * // => 0.5
 *
 * @category Criteria
 */
export function evaluateCriterion(
  id: CriterionId,
  input: FairnessInput,
  options: EqualizedOddsOptions = {},
): number | CriterionWithInterval {
  const criterion = getCriterion(id);
  if (criterion === undefined) throw new RangeError(`unknown criterion ${JSON.stringify(id)}`);
  if ((criterion.task ?? "binary") !== "binary") {
    throw new RangeError(
      `${id} is a ${criterion.task} criterion: use ${criterion.task === "regression" ? "regressionCriterion" : "multiclassCriterion"}`,
    );
  }
  const agg = options.agg ?? criterion.aggregation;
  if (agg !== "worstCase" && agg !== "mean") {
    throw new RangeError(`${id}: agg must be 'worstCase' or 'mean', got ${String(agg)}`);
  }
  const { comparison } = criterion;
  const metrics = metricIdsOf(criterion.metrics, id);
  const ciOptions =
    options.ci === undefined ? undefined : resolveBootstrapOptions("groupMetrics", options.ci);
  const columns = prepare(input);
  const zeroDivision = options.zeroDivision ?? "nan";
  const result = groupMetricsOfColumns(columns, { metrics, zeroDivision });
  const values = comparison === "difference" ? result.difference(options) : result.ratio(options);
  const value = combineParts(
    metrics.map((m) => values[m]!),
    comparison,
    agg,
  );
  if (ciOptions === undefined) return value;
  const method = options.method ?? "betweenGroups";
  const reference = method === "toReference" ? result.groupIndex(options.reference!) : -1;
  // The same bootstrap as groupMetrics(input, { metrics, ci }): same seed, same replicates.
  const intervals = new GroupMetricsIntervals(
    columns,
    resolveMetrics(metrics, "groupMetrics"),
    ciOptions,
    zeroDivision,
  );
  const { slots, k, nBoot } = intervals.slots(metrics);
  const ci = intervals.provenance;
  const replicates = criterionReplicates(criterion, agg, slots, k, nBoot, method, reference);
  return { value, interval: replicatesInterval(replicates, ci), ci };
}

function criterionFunction<O extends CriterionOptions>(id: CriterionId): CriterionFunction<O> {
  return ((input: FairnessInput, options?: O) =>
    evaluateCriterion(id, input, options)) as CriterionFunction<O>;
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
 *
 * @category Criteria
 */
export const demographicParityDifference = criterionFunction<CriterionOptions>(
  "demographicParityDifference",
);
/**
 * Demographic parity ratio: the ratio of selection rates across groups (the "80% rule").
 *
 * @category Criteria
 */
export const demographicParityRatio = criterionFunction<CriterionOptions>("demographicParityRatio");
/**
 * Equalized odds difference: the larger (worstCase) or the mean of the TPR and FPR differences.
 * With `ci`, the TPR and FPR differences are combined replicate by replicate.
 *
 * @example
 * equalizedOddsDifference({ yTrue: [1, 0, 1, 0], yPred: [1, 1, 0, 0], sensitiveFeatures: ["a", "a", "b", "b"] });
 * // => 1
 *
 * @category Criteria
 */
export const equalizedOddsDifference =
  criterionFunction<EqualizedOddsOptions>("equalizedOddsDifference");
/**
 * Equalized odds ratio: the smaller (worstCase) or the mean of the TPR and FPR ratios.
 *
 * @category Criteria
 */
export const equalizedOddsRatio = criterionFunction<EqualizedOddsOptions>("equalizedOddsRatio");
/**
 * Equal opportunity difference: the difference of true positive rates.
 *
 * @category Criteria
 */
export const equalOpportunityDifference = criterionFunction<CriterionOptions>(
  "equalOpportunityDifference",
);
/**
 * Equal opportunity ratio: the ratio of true positive rates.
 *
 * @category Criteria
 */
export const equalOpportunityRatio = criterionFunction<CriterionOptions>("equalOpportunityRatio");
/**
 * Predictive parity difference: the difference of precisions (PPV).
 *
 * @category Criteria
 */
export const predictiveParityDifference = criterionFunction<CriterionOptions>(
  "predictiveParityDifference",
);
/**
 * Predictive parity ratio: the ratio of precisions (PPV).
 *
 * @category Criteria
 */
export const predictiveParityRatio = criterionFunction<CriterionOptions>("predictiveParityRatio");
/**
 * Difference of false positive rates.
 *
 * @category Criteria
 */
export const falsePositiveRateDifference = criterionFunction<CriterionOptions>(
  "falsePositiveRateDifference",
);
/**
 * Ratio of false positive rates.
 *
 * @category Criteria
 */
export const falsePositiveRateRatio = criterionFunction<CriterionOptions>("falsePositiveRateRatio");
/**
 * Difference of false negative rates.
 *
 * @category Criteria
 */
export const falseNegativeRateDifference = criterionFunction<CriterionOptions>(
  "falseNegativeRateDifference",
);
/**
 * Ratio of false negative rates.
 *
 * @category Criteria
 */
export const falseNegativeRateRatio = criterionFunction<CriterionOptions>("falseNegativeRateRatio");
/**
 * Difference of accuracies.
 *
 * @category Criteria
 */
export const accuracyDifference = criterionFunction<CriterionOptions>("accuracyDifference");
/**
 * Ratio of accuracies.
 *
 * @category Criteria
 */
export const accuracyRatio = criterionFunction<CriterionOptions>("accuracyRatio");
/**
 * Difference of error rates.
 *
 * @category Criteria
 */
export const errorRateDifference = criterionFunction<CriterionOptions>("errorRateDifference");
/**
 * Ratio of error rates.
 *
 * @category Criteria
 */
export const errorRateRatio = criterionFunction<CriterionOptions>("errorRateRatio");
