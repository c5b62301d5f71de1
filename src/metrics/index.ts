/**
 * Building blocks (the `fairscope/metrics` subpath): the metric registry and metric functions,
 * confusion statistics, input preparation, comparisons, inequality indices, individual
 * consistency, privileged-group comparisons and predicted-positive shares.
 */
export type { Columns, GroupIndex, Level } from "../data/columns.js";
export type { GroupedInput } from "../data/groupedRows.js";
export { type IntersectionMode, MAX_LEVEL_LENGTH, MAX_PRODUCT_GROUPS } from "../data/groups.js";
export type {
  FairnessInput,
  FeatureInput,
  LabelArray,
  LabelValue,
  LevelArray,
  MissingGroupPolicy,
  NumberArray,
  NumericTypedArray,
  ScoreKind,
  ThresholdComparison,
} from "../data/inputTypes.js";
export { groupLabel } from "../data/levels.js";
export { prepare } from "../data/prepare.js";
export { type ReferenceKind, referenceShares } from "../data/reference.js";
export type { GroupSelector } from "../data/selector.js";
export { detectTask, TASK_TYPES, type TaskType } from "../data/task.js";
export {
  type Comparison,
  type ComparisonMethod,
  type CriterionAggregation,
  differenceOf,
  ratioOf,
} from "../disparity/aggregate.js";
export type { ControlStratum } from "../frame/result.js";
export {
  consistency,
  consistencyOfNeighbours,
  nearestNeighbours,
} from "../individual/consistency.js";
export {
  benefits,
  betweenGroupGeneralizedEntropyIndex,
  coefficientOfVariation,
  generalizedEntropyIndex,
  theilIndex,
  withinGroupGeneralizedEntropyIndex,
} from "../inequality/entropy.js";
export {
  differentialFairnessBiasAmplification,
  smoothedEmpiricalDifferentialFairness,
  smoothedRates,
} from "../privileged/differentialFairness.js";
export {
  type PrivilegedComparison,
  type PrivilegedComparisonOptions,
  type PrivilegedDifferences,
  type PrivilegedRates,
  privilegedComparison,
} from "../privileged/privilegedComparison.js";
export {
  disparitiesToReference,
  type PredictedPositiveShareRow,
  predictedPositiveShare,
  type ReferenceDisparity,
} from "../shares/predictedPositiveShare.js";
export {
  type Confusion,
  type ConfusionStats,
  confusionOf,
  countConfusion,
  mergeConfusion,
  totalConfusion,
} from "../stats/confusion.js";
export type { ErrorPolicy, UserMetric, UserMetricFunction, ZeroDivision } from "./evaluate.js";
export { type MetricEvidence, type RateEvidence, rateEvidence } from "./evidence.js";
export { brierScore, logLoss, meanPrediction } from "./probabilistic.js";
export { averagePrecision, rocAuc } from "./ranking.js";
export { getMetric, isMetricId, METRICS, type MetricId, metricIds } from "./registry.js";
export type { MetricSpec } from "./resolve.js";
export type { BetterDirection, CountMetric, MetricDefinition, ScoreMetric } from "./types.js";
