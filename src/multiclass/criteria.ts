/**
 * Multiclass criteria (`CRITERIA` entries with `classAggregation`): each class compared
 * one-vs-rest across groups with the binary metrics the criterion names, and the worst class.
 */
import type { MulticlassInput } from "../data/multiclass.js";
import { type ComparisonMethod, combineParts, compareGroups } from "../disparity/aggregate.js";
import { type CriterionDefinition, type CriterionId, getCriterion } from "../disparity/registry.js";
import type { ComparisonOptions } from "../frame/result.js";
import { getMetric } from "../metrics/registry.js";
import type { CountMetric } from "../metrics/types.js";
import { type MulticlassMetricsResult, multiclassMetrics } from "./multiclassMetrics.js";

/** Options of the multiclass criteria. */
export interface MulticlassCriterionOptions extends ComparisonOptions {
  /** Compare by difference (ideal 0) or ratio (ideal 1). @defaultValue "difference" */
  readonly comparison?: "difference" | "ratio";
}

/** A multiclass criterion: one value per class and the worst of them. */
export interface MulticlassCriterion {
  /** The value of each class, in the order of `classes`. */
  readonly byClass: readonly number[];
  /** The largest difference (or smallest ratio) over the classes. */
  readonly worstCase: number;
}

/** The registered multiclass criterion `id`, or a RangeError naming `fn`. */
function multiclassDefinition(fn: string, id: string): CriterionDefinition {
  const criterion = getCriterion(id);
  if (criterion?.classAggregation === undefined) {
    throw new RangeError(`${fn}: ${JSON.stringify(id)} is not a multiclass criterion`);
  }
  return criterion;
}

/**
 * A multiclass criterion on computed per-class scores: for each class, each of the criterion's
 * metrics (a binary count metric read from the class's one-vs-rest counts) is compared across
 * the groups with rows, the parts are combined as the criterion declares, and the classes by its
 * `classAggregation`. NaN values (a rate a group cannot have) are skipped. Cost O(groups ·
 * classes · metrics).
 *
 * @internal
 * @throws RangeError when `id` is not a multiclass criterion
 * @example
 * const r = multiclassMetrics({
 *   yTrue: ["a", "b", "a", "b"], yPred: ["a", "b", "a", "a"], sensitiveFeatures: [1, 1, 2, 2],
 * }, { metrics: ["count"] });
 * multiclassCriterionOfResult("multiclassDemographicParityRatio", r).byClass; // => [0.5, 0]
 */
export function multiclassCriterionOfResult(
  id: string,
  result: MulticlassMetricsResult,
  options: ComparisonOptions = {},
): MulticlassCriterion {
  const criterion = multiclassDefinition("multiclassCriterion", id);
  const method: ComparisonMethod = options.method ?? "betweenGroups";
  const metrics = criterion.metrics.map((m) => getMetric(m) as CountMetric);
  const present = result.byGroup.filter((g) => g.count > 0);
  const reference =
    method === "toReference"
      ? result.byGroup[result.summary.groupIndex(options.reference!)]
      : undefined;
  const byClass = result.classes.map((_, j) => {
    const parts = metrics.map((metric) => {
      const values = present.map((g) => metric.fromCounts(g.scores.confusion[j]!));
      const base =
        method === "toOverall"
          ? metric.fromCounts(result.overall.confusion[j]!)
          : reference === undefined
            ? Number.NaN
            : metric.fromCounts(reference.scores.confusion[j]!);
      return compareGroups(values, criterion.comparison, method, base);
    });
    return combineParts(parts, criterion.comparison, criterion.aggregation);
  });
  return {
    byClass,
    worstCase: combineParts(byClass, criterion.comparison, criterion.classAggregation!),
  };
}

/**
 * A registered multiclass criterion (`CRITERIA` entries with `task: "multiclass"`, such as
 * `multiclassEqualizedOddsDifference`) on an input: its value for every class (one-vs-rest) and
 * the worst class, between groups (default), to the overall value or to a reference group.
 *
 * @throws FairnessInputError on invalid data; RangeError when `id` is not a multiclass criterion
 * @example
 * multiclassCriterion("multiclassDemographicParityDifference", {
 *   yTrue: ["a", "b", "a", "b"], yPred: ["a", "b", "a", "a"], sensitiveFeatures: [1, 1, 2, 2],
 * }).worstCase; // => 0.5
 */
export function multiclassCriterion(
  id: CriterionId,
  input: MulticlassInput,
  options: ComparisonOptions = {},
): MulticlassCriterion {
  multiclassDefinition("multiclassCriterion", id);
  return multiclassCriterionOfResult(id, multiclassMetrics(input, { metrics: ["count"] }), options);
}

/**
 * Multiclass demographic parity: for each class, the difference (or ratio) across groups of the
 * share of rows predicted as that class; `worstCase` is the largest difference (smallest ratio).
 * The registered `multiclassDemographicParityDifference` and `…Ratio`.
 *
 * @throws FairnessInputError on invalid data
 * @example
 * multiclassDemographicParity({
 *   yTrue: ["a", "b", "a", "b"], yPred: ["a", "b", "a", "a"], sensitiveFeatures: [1, 1, 2, 2],
 * }).byClass; // => [0.5, 0.5]
 */
export function multiclassDemographicParity(
  input: MulticlassInput,
  options: MulticlassCriterionOptions = {},
): MulticlassCriterion {
  const id =
    options.comparison === "ratio"
      ? "multiclassDemographicParityRatio"
      : "multiclassDemographicParityDifference";
  return multiclassCriterion(id, input, options);
}

/**
 * Multiclass equalized odds: for each class (one-vs-rest), the larger of the across-group
 * differences of its true positive rate and of its false positive rate (or the smaller ratio);
 * `worstCase` over the classes. A rate a group cannot have (no rows of the class) is skipped.
 * The registered `multiclassEqualizedOddsDifference` and `…Ratio`.
 *
 * @throws FairnessInputError on invalid data
 * @example
 * multiclassEqualizedOdds({
 *   yTrue: ["a", "b", "a", "b"], yPred: ["a", "b", "a", "a"], sensitiveFeatures: [1, 1, 2, 2],
 * }).worstCase; // => 1
 */
export function multiclassEqualizedOdds(
  input: MulticlassInput,
  options: MulticlassCriterionOptions = {},
): MulticlassCriterion {
  const id =
    options.comparison === "ratio"
      ? "multiclassEqualizedOddsRatio"
      : "multiclassEqualizedOddsDifference";
  return multiclassCriterion(id, input, options);
}
