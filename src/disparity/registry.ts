/**
 * The criterion registry: every named fairness criterion declared once. The criterion functions,
 * the report's criteria, the bootstrap's criterion intervals, the policy schema and the gate all
 * read this table, as the metric registry drives tables, disparities and reports.
 */

import type { TaskType } from "../data/task.js";
import type { Comparison, CriterionAggregation } from "./aggregate.js";

/**
 * A criterion's declaration.
 *
 * @category Criteria
 */
export interface CriterionDefinition {
  /** camelCase id used in the API, reports, policies and the CLI. */
  readonly id: string;
  /** Display name, e.g. "Demographic parity difference". */
  readonly name: string;
  /** One sentence: the definition. */
  readonly description: string;
  /** The metric ids compared across groups (one, or the parts of a combined criterion). */
  readonly metrics: readonly string[];
  /** How each metric is compared across groups. */
  readonly comparison: Comparison;
  /** How several metrics' comparisons are combined (the default; equalized odds also takes `mean`). */
  readonly aggregation: CriterionAggregation;
  /** The value of perfect parity: 0 for differences, 1 for ratios. */
  readonly ideal: 0 | 1;
  /** Which direction is better: lower differences, higher ratios. */
  readonly better: "lower" | "higher";
  /** The reference implementation it matches (Fairlearn's function or MetricFrame call). */
  readonly reference: string;
  /** Whether `audit` reports it when its metrics are computed and no criteria are named. */
  readonly reportedByDefault: boolean;
  /** The task type whose metrics it compares. @defaultValue "binary" */
  readonly task?: TaskType;
  /**
   * Multiclass: each class is compared one-vs-rest (`metrics` are binary metrics of the class
   * against the rest, from the binary metric registry) and the classes' values are combined by
   * this aggregation: `worstCase` takes the largest difference (the smallest ratio).
   */
  readonly classAggregation?: "worstCase";
}

/** A regression criterion: the difference or ratio of one regression metric across groups. */
const regression = <const M extends string, const C extends Comparison>(
  metric: M,
  label: string,
  sklearn: string,
  comparison: C,
): CriterionDefinition & {
  readonly id: `${M}${C extends "difference" ? "Difference" : "Ratio"}`;
} => {
  const isDifference = comparison === "difference";
  return {
    id: `${metric}${isDifference ? "Difference" : "Ratio"}` as `${M}${C extends "difference"
      ? "Difference"
      : "Ratio"}`,
    name: `${label} ${comparison}`,
    description: isDifference
      ? `Largest minus smallest group ${label.toLowerCase()}.`
      : `Smallest over largest group ${label.toLowerCase()}.`,
    metrics: [metric],
    comparison,
    aggregation: "worstCase",
    ideal: isDifference ? 0 : 1,
    better: isDifference ? "lower" : "higher",
    reference: frame(sklearn, comparison),
    reportedByDefault: false,
    task: "regression",
  };
};

/**
 * A multiclass criterion: a binary criterion's comparison made for every class one-vs-rest,
 * worst class.
 */
const multiclass = <const Id extends string>(
  id: Id,
  name: string,
  metrics: readonly string[],
  comparison: Comparison,
  description: string,
  reference: string,
): CriterionDefinition & { readonly id: Id } => ({
  id,
  name,
  description,
  metrics,
  comparison,
  aggregation: "worstCase",
  ideal: comparison === "difference" ? 0 : 1,
  better: comparison === "difference" ? "lower" : "higher",
  reference: `${reference} on each class one-vs-rest, worst class`,
  reportedByDefault: false,
  task: "multiclass",
  classAggregation: "worstCase",
});

/** A criterion on one metric: its difference (ideal 0, lower is better) or ratio (ideal 1). */
const single =
  (comparison: Comparison) =>
  <const Id extends string>(
    id: Id,
    name: string,
    metric: string,
    description: string,
    reference: string,
    reportedByDefault: boolean,
  ): CriterionDefinition & { readonly id: Id } => ({
    id,
    name,
    description,
    metrics: [metric],
    comparison,
    aggregation: "worstCase",
    ideal: comparison === "difference" ? 0 : 1,
    better: comparison === "difference" ? "lower" : "higher",
    reference,
    reportedByDefault,
  });
const difference = single("difference");
const ratio = single("ratio");

const frame = (metric: string, method: string) =>
  `Fairlearn MetricFrame(metrics=${metric}).${method}()`;

const TABLE = [
  difference(
    "demographicParityDifference",
    "Demographic parity difference",
    "selectionRate",
    "Largest minus smallest group selection rate.",
    "fairlearn.metrics.demographic_parity_difference",
    true,
  ),
  ratio(
    "demographicParityRatio",
    "Demographic parity ratio",
    "selectionRate",
    "Smallest over largest group selection rate (the 80% rule).",
    "fairlearn.metrics.demographic_parity_ratio",
    true,
  ),
  difference(
    "equalOpportunityDifference",
    "Equal opportunity difference",
    "truePositiveRate",
    "Largest minus smallest group true positive rate.",
    "fairlearn.metrics.equal_opportunity_difference",
    true,
  ),
  ratio(
    "equalOpportunityRatio",
    "Equal opportunity ratio",
    "truePositiveRate",
    "Smallest over largest group true positive rate.",
    "fairlearn.metrics.equal_opportunity_ratio",
    true,
  ),
  {
    id: "equalizedOddsDifference",
    name: "Equalized odds difference",
    description: "The larger of the true and false positive rate differences.",
    metrics: ["truePositiveRate", "falsePositiveRate"],
    comparison: "difference",
    aggregation: "worstCase",
    ideal: 0,
    better: "lower",
    reference: "fairlearn.metrics.equalized_odds_difference",
    reportedByDefault: true,
  },
  {
    id: "equalizedOddsRatio",
    name: "Equalized odds ratio",
    description: "The smaller of the true and false positive rate ratios.",
    metrics: ["truePositiveRate", "falsePositiveRate"],
    comparison: "ratio",
    aggregation: "worstCase",
    ideal: 1,
    better: "higher",
    reference: "fairlearn.metrics.equalized_odds_ratio",
    reportedByDefault: true,
  },
  difference(
    "predictiveParityDifference",
    "Predictive parity difference",
    "precision",
    "Largest minus smallest group precision.",
    frame("precision_score", "difference"),
    true,
  ),
  ratio(
    "predictiveParityRatio",
    "Predictive parity ratio",
    "precision",
    "Smallest over largest group precision.",
    frame("precision_score", "ratio"),
    true,
  ),
  difference(
    "falsePositiveRateDifference",
    "False positive rate difference",
    "falsePositiveRate",
    "Largest minus smallest group false positive rate.",
    frame("false_positive_rate", "difference"),
    false,
  ),
  ratio(
    "falsePositiveRateRatio",
    "False positive rate ratio",
    "falsePositiveRate",
    "Smallest over largest group false positive rate.",
    frame("false_positive_rate", "ratio"),
    false,
  ),
  difference(
    "falseNegativeRateDifference",
    "False negative rate difference",
    "falseNegativeRate",
    "Largest minus smallest group false negative rate.",
    frame("false_negative_rate", "difference"),
    false,
  ),
  ratio(
    "falseNegativeRateRatio",
    "False negative rate ratio",
    "falseNegativeRate",
    "Smallest over largest group false negative rate.",
    frame("false_negative_rate", "ratio"),
    false,
  ),
  difference(
    "accuracyDifference",
    "Accuracy difference",
    "accuracy",
    "Largest minus smallest group accuracy.",
    frame("accuracy_score", "difference"),
    true,
  ),
  ratio(
    "accuracyRatio",
    "Accuracy ratio",
    "accuracy",
    "Smallest over largest group accuracy.",
    frame("accuracy_score", "ratio"),
    false,
  ),
  difference(
    "errorRateDifference",
    "Error rate difference",
    "errorRate",
    "Largest minus smallest group error rate.",
    frame("1 - accuracy_score", "difference"),
    false,
  ),
  ratio(
    "errorRateRatio",
    "Error rate ratio",
    "errorRate",
    "Smallest over largest group error rate.",
    frame("1 - accuracy_score", "ratio"),
    false,
  ),
  regression("meanAbsoluteError", "Mean absolute error", "mean_absolute_error", "difference"),
  regression("meanAbsoluteError", "Mean absolute error", "mean_absolute_error", "ratio"),
  regression("meanSquaredError", "Mean squared error", "mean_squared_error", "difference"),
  regression("meanSquaredError", "Mean squared error", "mean_squared_error", "ratio"),
  regression(
    "rootMeanSquaredError",
    "Root mean squared error",
    "root_mean_squared_error",
    "difference",
  ),
  regression("rootMeanSquaredError", "Root mean squared error", "root_mean_squared_error", "ratio"),
  regression("r2Score", "R²", "r2_score", "difference"),
  regression("meanPrediction", "Mean prediction", "mean_prediction", "difference"),
  regression("meanPrediction", "Mean prediction", "mean_prediction", "ratio"),
  regression("meanResidual", "Mean residual", "mean residual y - y_pred", "difference"),
  regression(
    "overPredictionRate",
    "Over-prediction rate",
    "share of y_pred - y > tolerance",
    "difference",
  ),
  regression(
    "underPredictionRate",
    "Under-prediction rate",
    "share of y - y_pred > tolerance",
    "difference",
  ),
  multiclass(
    "multiclassDemographicParityDifference",
    "Multiclass demographic parity difference",
    ["selectionRate"],
    "difference",
    "For each class, largest minus smallest group share of rows predicted as the class; the largest over the classes.",
    "fairlearn.metrics.demographic_parity_difference",
  ),
  multiclass(
    "multiclassDemographicParityRatio",
    "Multiclass demographic parity ratio",
    ["selectionRate"],
    "ratio",
    "For each class, smallest over largest group share of rows predicted as the class; the smallest over the classes.",
    "fairlearn.metrics.demographic_parity_ratio",
  ),
  multiclass(
    "multiclassEqualizedOddsDifference",
    "Multiclass equalized odds difference",
    ["truePositiveRate", "falsePositiveRate"],
    "difference",
    "For each class one-vs-rest, the larger of the true and false positive rate differences; the largest over the classes.",
    "fairlearn.metrics.equalized_odds_difference",
  ),
  multiclass(
    "multiclassEqualizedOddsRatio",
    "Multiclass equalized odds ratio",
    ["truePositiveRate", "falsePositiveRate"],
    "ratio",
    "For each class one-vs-rest, the smaller of the true and false positive rate ratios; the smallest over the classes.",
    "fairlearn.metrics.equalized_odds_ratio",
  ),
] as const satisfies readonly CriterionDefinition[];

/**
 * The id of a registered criterion.
 *
 * @category Criteria
 */
export type CriterionId = (typeof TABLE)[number]["id"];

/**
 * Every named criterion, in display order.
 *
 * @category Criteria
 */
export const CRITERIA: readonly (CriterionDefinition & { readonly id: CriterionId })[] = TABLE;

/**
 * Every criterion id, in display order.
 *
 * @category Criteria
 */
export const CRITERION_IDS = CRITERIA.map((c) => c.id) as readonly CriterionId[] as readonly [
  CriterionId,
  ...CriterionId[],
];

const BY_ID = new Map<string, CriterionDefinition & { readonly id: CriterionId }>(
  CRITERIA.map((c) => [c.id, c]),
);

/**
 * The registered criterion with this id, or undefined.
 *
 * @example
 * getCriterion("equalizedOddsDifference")?.metrics; // => ["truePositiveRate", "falsePositiveRate"]
 *
 * @category Criteria
 */
export function getCriterion(
  id: string,
): (CriterionDefinition & { readonly id: CriterionId }) | undefined {
  return BY_ID.get(id);
}

/** The ids of the criteria `audit` reports by default (when their metrics are computed). */
export const DEFAULT_CRITERIA: readonly CriterionId[] = CRITERIA.filter(
  (c) => c.reportedByDefault,
).map((c) => c.id);
