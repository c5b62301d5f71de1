/**
 * Multiclass forms of demographic parity and equalized odds: each class compared one-vs-rest
 * across groups, and the worst class.
 */
import type { MulticlassInput } from "../data/multiclass.js";
import { type ComparisonMethod, combineParts, compareGroups } from "../disparity/aggregate.js";
import type { ComparisonOptions } from "../frame/result.js";
import { type MulticlassMetricsResult, multiclassMetrics } from "./multiclassMetrics.js";
import type { ClassScores } from "./scores.js";

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

type Rate = (scores: ClassScores, j: number) => number;

const truePositiveRate: Rate = (s, j) => {
  const c = s.confusion[j]!;
  return c.tp / (c.tp + c.fn);
};

function compare(
  result: MulticlassMetricsResult,
  rates: readonly Rate[],
  options: MulticlassCriterionOptions,
): MulticlassCriterion {
  const comparison = options.comparison ?? "difference";
  const method: ComparisonMethod = options.method ?? "betweenGroups";
  const present = result.byGroup.filter((g) => g.count > 0);
  const reference =
    method === "toReference"
      ? result.byGroup[result.summary.groupIndex(options.reference!)]
      : undefined;
  const byClass = result.classes.map((_, j) => {
    const parts = rates.map((rate) => {
      const values = present.map((g) => rate(g.scores, j));
      const base =
        method === "toOverall"
          ? rate(result.overall, j)
          : reference === undefined
            ? Number.NaN
            : rate(reference.scores, j);
      return compareGroups(values, comparison, method, base);
    });
    return combineParts(parts, comparison, "worstCase");
  });
  return { byClass, worstCase: combineParts(byClass, comparison, "worstCase") };
}

/**
 * Multiclass demographic parity: for each class, the difference (or ratio) across groups of the
 * share of rows predicted as that class; `worstCase` is the largest difference (smallest ratio).
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
  return compare(
    multiclassMetrics(input, { metrics: ["count"] }),
    [(s, j) => s.selectionRate[j]!],
    options,
  );
}

/**
 * Multiclass equalized odds: for each class (one-vs-rest), the larger of the across-group
 * differences of its true positive rate and of its false positive rate (or the smaller ratio);
 * `worstCase` over the classes. A rate a group cannot have (no rows of the class) is skipped.
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
  return compare(
    multiclassMetrics(input, { metrics: ["count"] }),
    [truePositiveRate, (s, j) => s.falsePositiveRate[j]!],
    options,
  );
}
