/**
 * Regression criteria: bounded group loss (the worst group's loss, Agarwal, Dudík and Wu 2019,
 * "Fair Regression") and the registered differences and ratios of regression metrics.
 */
import type { RegressionInput } from "../data/regression.js";
import { getCriterion } from "../disparity/registry.js";
import type { ComparisonOptions } from "../frame/result.js";
import { getRegressionMetric, type RegressionMetricId, regressionMetricIdsOf } from "./metrics.js";
import { regressionMetrics } from "./regressionMetrics.js";

/** Options of {@link boundedGroupLoss}. */
export interface BoundedGroupLossOptions {
  /** A loss metric id (`loss: true` in `REGRESSION_METRICS`). @defaultValue "meanSquaredError" */
  readonly loss?: RegressionMetricId;
  /** Tolerance of the over- and under-prediction rates. @defaultValue 0 */
  readonly tolerance?: number;
}

/**
 * Bounded group loss: the largest loss of any group (empty groups skipped). A model satisfies
 * bounded group loss at level ζ when this value is at most ζ.
 *
 * @throws FairnessInputError on invalid data; RangeError when `loss` is not a loss metric
 * @example
 * boundedGroupLoss(
 *   { yTrue: [1, 2, 3, 4], yPred: [1, 3, 3, 6], sensitiveFeatures: ["a", "a", "b", "b"] },
 *   { loss: "meanAbsoluteError" },
 * ); // => 1
 */
export function boundedGroupLoss(
  input: RegressionInput,
  options: BoundedGroupLossOptions = {},
): number {
  const loss = options.loss ?? "meanSquaredError";
  if (getRegressionMetric(loss)?.loss !== true) {
    throw new RangeError(`boundedGroupLoss: ${JSON.stringify(loss)} is not a regression loss`);
  }
  const result = regressionMetrics(input, {
    metrics: [loss],
    ...(options.tolerance === undefined ? {} : { tolerance: options.tolerance }),
  });
  return result.groupMax()[loss]!;
}

/**
 * A registered regression criterion (`CRITERIA` entries with `task: "regression"`, such as
 * `meanAbsoluteErrorDifference` or `rootMeanSquaredErrorRatio`): the difference or ratio of its
 * metric across groups, between groups (default), to the overall value or to a reference group.
 *
 * @throws RangeError when `id` is not a regression criterion
 * @example
 * regressionCriterion("meanAbsoluteErrorDifference", {
 *   yTrue: [1, 2, 3, 4], yPred: [1, 3, 3, 6], sensitiveFeatures: ["a", "a", "b", "b"],
 * }); // => 0.5
 */
export function regressionCriterion(
  id: string,
  input: RegressionInput,
  options: ComparisonOptions & { readonly tolerance?: number } = {},
): number {
  const criterion = getCriterion(id);
  if (criterion?.task !== "regression") {
    throw new RangeError(
      `regressionCriterion: ${JSON.stringify(id)} is not a regression criterion`,
    );
  }
  const metric = regressionMetricIdsOf(criterion.metrics, "regressionCriterion")[0]!;
  const result = regressionMetrics(input, {
    metrics: [metric],
    ...(options.tolerance === undefined ? {} : { tolerance: options.tolerance }),
  });
  const values =
    criterion.comparison === "difference" ? result.difference(options) : result.ratio(options);
  return values[metric]!;
}
