/**
 * fairscope: fairness evaluation for JavaScript and TypeScript.
 *
 * The public surface, listed by name and grouped by topic. No logic lives here.
 */

// Calibration by group: reliability curves, calibration metrics, tests, impossibility notes
export {
  type BinStrategy,
  type BrierDecomposition,
  CALIBRATION_METRICS,
  type CalibrationBin,
  type CalibrationByGroupResult,
  type CalibrationCurve,
  type CalibrationCurveOptions,
  type CalibrationGroup,
  type CalibrationOptions,
  type CalibrationSummary,
  type ChouldechovaGroup,
  type ChouldechovaNote,
  calibrationByGroup,
  calibrationCurve,
  calibrationSummary,
  type GeneralizedRates,
  type GroupCalibrationTest,
  type HosmerLemeshowTest,
  type ImpossibilityNote,
  type InterceptFit,
  type KleinbergGroup,
  type KleinbergNote,
  type SlopeFit,
} from "./calibration/index.js";
// Input: schemas, preparation, errors
export type { Columns, GroupIndex, Level } from "./data/columns.js";
export { FairnessInputError, type InputIssue, type InputIssueCode } from "./data/errors.js";
export { compareLevels, groupLabel } from "./data/levels.js";
export { prepare } from "./data/prepare.js";
export {
  ArrayInputSchema,
  type FairnessInput,
  FairnessInputSchema,
  type FeatureInput,
  FeatureInputSchema,
  type LabelArray,
  type LabelValue,
  type LevelArray,
  type MissingGroupPolicy,
  type NumberArray,
  type NumericTypedArray,
  type ScoreKind,
  type ThresholdRule,
} from "./data/schema.js";
// Disparities and named criteria
export {
  type ComparisonMethod,
  differenceOf,
  maxOf,
  minOf,
  ratioOf,
} from "./disparity/aggregate.js";
export {
  accuracyDifference,
  accuracyRatio,
  type CriterionOptions,
  demographicParityDifference,
  demographicParityRatio,
  type EqualizedOddsAggregation,
  type EqualizedOddsOptions,
  equalizedOddsDifference,
  equalizedOddsRatio,
  equalOpportunityDifference,
  equalOpportunityRatio,
  errorRateDifference,
  errorRateRatio,
  falseNegativeRateDifference,
  falseNegativeRateRatio,
  falsePositiveRateDifference,
  falsePositiveRateRatio,
  predictiveParityDifference,
  predictiveParityRatio,
} from "./disparity/criteria.js";
// Metrics
export type {
  ErrorPolicy,
  UserMetric,
  UserMetricFunction,
  ZeroDivision,
} from "./metrics/evaluate.js";
export {
  type ComparisonOptions,
  type ControlStratum,
  type GroupMetricsOptions,
  GroupMetricsResult,
  type GroupMetricsWarning,
  type GroupRow,
  type GroupSelector,
  groupMetrics,
  groupMetricsOfColumns,
  type MetricSpec,
} from "./metrics/groupMetrics.js";
export { brierScore, logLoss, meanPrediction } from "./metrics/probabilistic.js";
export { averagePrecision, rocAuc } from "./metrics/ranking.js";
export { getMetric, METRICS, metricIds } from "./metrics/registry.js";
export type {
  BetterDirection,
  Confusion,
  CountMetric,
  MetricDefinition,
  ScoreMetric,
} from "./metrics/types.js";
// Sufficient statistics
export {
  type ConfusionStats,
  confusionOf,
  countConfusion,
  mergeConfusion,
  totalConfusion,
} from "./stats/confusion.js";
export { neumaierSum } from "./stats/summation.js";
// Uncertainty: seeded randomness, intervals, tests, bootstrap
export {
  type AdjustedPValues,
  adjustPValues,
  type BootstrapEstimate,
  type BootstrapGroup,
  type BootstrapGroupMetricsOptions,
  type BootstrapMethod,
  type BootstrapOptions,
  type BootstrapProvenance,
  bootstrapConfusionCounts,
  bootstrapGroupMetrics,
  bootstrapInterval,
  type ChiSquareResult,
  type CorrectionMethod,
  type CountBootstrapResult,
  type CriterionIntervals,
  chiSquareHomogeneityTest,
  clopperPearsonInterval,
  fisherExactTest,
  type GroupBootstrapResult,
  type GroupRateTestsOptions,
  type GroupRateTestsResult,
  groupRateTests,
  type Interval,
  type IntervalMethod,
  type Jackknife,
  type LevelBounds,
  type MetricIntervals,
  newcombeDifferenceInterval,
  type ProportionIntervals,
  proportionEffectSize,
  proportionIntervals,
  quantileSorted,
  RANDOM_METHOD,
  type RandomSource,
  type RateComparison,
  type RepresentationOptions,
  type RepresentationRow,
  randomSource,
  representationCheck,
  requiredSampleSize,
  type SampleSizeResult,
  type SmallGroup,
  type TestResult,
  twoProportionZTest,
  wilsonInterval,
} from "./uncertainty/index.js";
