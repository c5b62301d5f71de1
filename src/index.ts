/**
 * fairscope: fairness evaluation for JavaScript and TypeScript.
 *
 * The public surface, listed by name and grouped by topic. No logic lives here.
 */
// Calibration by group: reliability curves, calibration metrics, tests, impossibility notes
// Flexible (lowess) calibration and the calibration hierarchy
export {
  type BinaryLabels,
  type BinStrategy,
  type BrierDecomposition,
  CALIBRATION_ERROR_SUMMARIES,
  CALIBRATION_METRICS,
  type CalibrationAssessment,
  type CalibrationBin,
  type CalibrationByGroupResult,
  type CalibrationCurve,
  type CalibrationCurveOptions,
  type CalibrationErrorGap,
  type CalibrationErrorSummary,
  type CalibrationErrors,
  type CalibrationGroup,
  type CalibrationHierarchyGroup,
  type CalibrationHierarchyOptions,
  type CalibrationHierarchyResult,
  type CalibrationLevel,
  type CalibrationNote,
  type CalibrationOptions,
  type CalibrationSummary,
  type ChouldechovaGroup,
  type ChouldechovaNote,
  calibrationByGroup,
  calibrationCurve,
  calibrationErrors,
  calibrationHierarchy,
  calibrationSummary,
  type EstimateWithInterval,
  type FlexibleBootstrapOptions,
  type FlexibleCalibrationGroup,
  type FlexibleCalibrationOptions,
  type FlexibleCalibrationResult,
  type FlexibleCalibrationSummary,
  flexibleCalibrationByGroup,
  type GeneralizedRates,
  type GroupCalibrationTest,
  type HosmerLemeshowTest,
  type InterceptFit,
  type KleinbergGroup,
  type KleinbergNote,
  type LowessCalibration,
  lowessCalibration,
  type SlopeFit,
  type SmoothCurve,
  type WeightKind,
} from "./calibration/index.js";
// Clinical utility: net benefit and decision curves by group
export {
  type ClinicalWarning,
  DEFAULT_NET_BENEFIT_GRID,
  type DecisionCurveGroup,
  type DecisionCurveOptions,
  type DecisionCurveResult,
  decisionCurve,
  decisionCurveOfArrays,
  type NetBenefitBootstrapOptions,
  type NetBenefitGap,
  type NetBenefitPoint,
  netBenefit,
} from "./clinical/index.js";
// Input: schemas, preparation, errors
export type {
  Columns,
  GroupIndex,
  Level,
} from "./data/columns.js";
export {
  FairnessInputError,
  type InputIssue,
  type InputIssueCode,
} from "./data/errors.js";
export type { GroupedInput } from "./data/groupedRows.js";
export { type IntersectionMode, MAX_PRODUCT_GROUPS } from "./data/groups.js";
export { groupLabel } from "./data/levels.js";
export type {
  ClassArray,
  ClassLabel,
  MulticlassColumns,
  MulticlassInput,
} from "./data/multiclass.js";
export { prepareMulticlass } from "./data/multiclass.js";
export { prepare } from "./data/prepare.js";
export {
  type ReferenceKind,
  referenceShares,
} from "./data/reference.js";
export type {
  RegressionColumns,
  RegressionInput,
} from "./data/regression.js";
export { prepareRegression } from "./data/regression.js";
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
  type ThresholdComparison,
} from "./data/schema.js";
export type { GroupSelector } from "./data/selector.js";
export type { TaskType } from "./data/task.js";
export {
  detectTask,
  TASK_TYPES,
} from "./data/task.js";
// Disparities and named criteria
export {
  type Comparison,
  type ComparisonMethod,
  type CriterionAggregation,
  differenceOf,
  ratioOf,
} from "./disparity/aggregate.js";
export {
  CRITERIA,
  CRITERION_IDS,
  type CriterionDefinition,
  type CriterionId,
  getCriterion,
} from "./disparity/registry.js";
export {
  accuracyDifference,
  accuracyRatio,
  type CriterionFunction,
  type CriterionOptions,
  type CriterionWithInterval,
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
  evaluateCriterion,
  falseNegativeRateDifference,
  falseNegativeRateRatio,
  falsePositiveRateDifference,
  falsePositiveRateRatio,
  predictiveParityDifference,
  predictiveParityRatio,
} from "./frame/criteria.js";
export {
  type GroupMetricsOptions,
  groupMetrics,
} from "./frame/groupMetrics.js";
export {
  type ComparisonOptions,
  type ControlStratum,
  GroupMetricsResult,
  type GroupMetricsWarning,
  type GroupRow,
} from "./frame/result.js";
// Release gate: policies, evaluation, JUnit
export {
  type CriterionRule,
  CriterionRuleSchema,
  EXIT_CODES,
  type GateCheck,
  type GateResult,
  gate,
  type MetricRule,
  MetricRuleSchema,
  type NetBenefitRule,
  NetBenefitRuleSchema,
  type Policy,
  type PolicyInput,
  type PolicyRule,
  PolicyRuleSchema,
  PolicySchema,
  parsePolicy,
  policyJsonSchema,
  type RepresentationRule,
  RepresentationRuleSchema,
  renderGateMarkdown,
  renderGateText,
  renderJunit,
  type SubgroupScanRule,
  SubgroupScanRuleSchema,
} from "./gate/index.js";
export {
  consistency,
  consistencyOfNeighbours,
  nearestNeighbours,
} from "./individual/consistency.js";
export {
  benefits,
  betweenGroupGeneralizedEntropyIndex,
  coefficientOfVariation,
  generalizedEntropyIndex,
  theilIndex,
  withinGroupGeneralizedEntropyIndex,
} from "./inequality/entropy.js";
// Soft (probabilistic) group membership
export {
  argmaxGroups,
  type MembershipMatrix,
  membershipMatrix,
  type SoftGroupMetricsOptions,
  type SoftGroupMetricsResult,
  type SoftMembershipInput,
  type SoftRate,
  softGroupMetrics,
} from "./membership/index.js";
// Metrics
export type {
  ErrorPolicy,
  UserMetric,
  UserMetricFunction,
  ZeroDivision,
} from "./metrics/evaluate.js";
export {
  type MetricEvidence,
  type RateEvidence,
  rateEvidence,
} from "./metrics/evidence.js";
export {
  brierScore,
  logLoss,
  meanPrediction,
} from "./metrics/probabilistic.js";
export {
  averagePrecision,
  rocAuc,
} from "./metrics/ranking.js";
export {
  getMetric,
  METRICS,
  metricIds,
} from "./metrics/registry.js";
export type { MetricSpec } from "./metrics/resolve.js";
export type {
  BetterDirection,
  CountMetric,
  MetricDefinition,
  ScoreMetric,
} from "./metrics/types.js";
// Mitigation: reweighing, threshold optimizer, group thresholds, post-processors
export {
  type AchievedThreshold,
  applies,
  type CalibratedEqOddsGroup,
  type CalibratedEqOddsJSON,
  type CalibratedEqOddsOptions,
  CalibratedEqOddsRule,
  CalibratedEqOddsSchema,
  type CalibratedEqualizedOddsGroup,
  type CalibratedEqualizedOddsJSON,
  type CalibratedEqualizedOddsOptions,
  type CalibratedEqualizedOddsPredictOptions,
  CalibratedEqualizedOddsRule,
  CalibratedEqualizedOddsSchema,
  type CostConstraint,
  calibratedEqualizedOdds,
  type EffectSummaryRow,
  type EqOddsGroup,
  type EqOddsJSON,
  type EqOddsLinearProgram,
  EqOddsRule,
  EqOddsSchema,
  type EqualizedOddsGroup,
  type EqualizedOddsJSON,
  type EqualizedOddsLinearProgram,
  type EqualizedOddsPredictOptions,
  EqualizedOddsRule,
  EqualizedOddsSchema,
  equalizedOddsPostprocessing,
  type FittedGroupRule,
  type FittedRule,
  type FittedRuleClass,
  type GroupRuleJSON,
  type GroupThresholdsOptions,
  type GroupThresholdsResult,
  groupThresholds,
  type JSONThreshold,
  type ManualThreshold,
  type ManualThresholdsOptions,
  type MitigationEffect,
  type MitigationEffectOptions,
  manualThresholds,
  mitigationEffect,
  type PositiveRule,
  type PredictionRuleInput,
  type PredictOptions,
  type PredictProbaOptions,
  type RejectOptionJSON,
  type RejectOptionMetric,
  type RejectOptionOptions,
  RejectOptionRule,
  RejectOptionSchema,
  type ReweighingCell,
  type ReweighingInput,
  type ReweighingResult,
  type RuleFitSummaryJSON,
  type RuleInput,
  type RuleState,
  rejectOptionClassification,
  reweighing,
  StatefulRule,
  type ThresholdConstraint,
  type ThresholdObjective,
  type ThresholdOperation,
  type ThresholdOperationJSON,
  type ThresholdOperator,
  ThresholdOptimizer,
  type ThresholdOptimizerOptions,
  ThresholdRule,
  type ThresholdRuleJSON,
  ThresholdRuleSchema,
  type ThresholdTarget,
  type TradeoffData,
} from "./mitigation/index.js";
export type {
  MulticlassStats,
  OneVsRest,
} from "./multiclass/confusion.js";
export {
  multiclassStats,
  oneVsRest,
} from "./multiclass/confusion.js";
export type {
  MulticlassCriterion,
  MulticlassCriterionOptions,
} from "./multiclass/criteria.js";
export {
  multiclassDemographicParity,
  multiclassEqualizedOdds,
} from "./multiclass/criteria.js";
export type { MulticlassMetric } from "./multiclass/metrics.js";
export {
  getMulticlassMetric,
  MULTICLASS_METRICS,
} from "./multiclass/metrics.js";
export type {
  ClassScoresRow,
  MulticlassMetricsOptions,
} from "./multiclass/multiclassMetrics.js";
export {
  MulticlassMetricsResult,
  multiclassMetrics,
} from "./multiclass/multiclassMetrics.js";
export type {
  ClassScores,
  MulticlassZeroDivision,
} from "./multiclass/scores.js";
export {
  differentialFairnessBiasAmplification,
  smoothedEmpiricalDifferentialFairness,
  smoothedRates,
} from "./privileged/differentialFairness.js";
export type {
  PrivilegedComparison,
  PrivilegedComparisonOptions,
  PrivilegedDifferences,
  PrivilegedRates,
} from "./privileged/privilegedComparison.js";
export { privilegedComparison } from "./privileged/privilegedComparison.js";
export type { BoundedGroupLossOptions } from "./regression/criteria.js";
export {
  boundedGroupLoss,
  regressionCriterion,
} from "./regression/criteria.js";
export type { RegressionIntervals, RegressionIntervalsOptions } from "./regression/intervals.js";
export { regressionIntervals } from "./regression/intervals.js";
export type { RegressionMetric } from "./regression/metrics.js";
export {
  getRegressionMetric,
  REGRESSION_METRICS,
} from "./regression/metrics.js";
export type { RegressionMetricsOptions } from "./regression/regressionMetrics.js";
export { regressionMetrics } from "./regression/regressionMetrics.js";
export type { RegressionSums } from "./regression/sums.js";
export { mergeRegressionSums, regressionSums } from "./regression/sums.js";
export type { TaskAuditOptions } from "./report/auditTask.js";
export { auditMulticlass, auditRegression } from "./report/auditTask.js";
export {
  DEFAULT_FINDING_THRESHOLDS,
  type FindingThresholds,
  type ReportDraft,
} from "./report/findings.js";
// Reports: audit, FairnessReport, renderers, charts
export {
  type AuditOptions,
  type AuditScanOptions,
  audit,
  type CalibrationHierarchySection,
  type CalibrationSection,
  type ChartSpec,
  type Criterion,
  chartSpecs,
  type Disparity,
  decisionCurveSpec,
  type Estimate,
  EstimateSchema,
  FAIRSCOPE_VERSION,
  FairnessReport,
  type FairnessReportData,
  FairnessReportSchema,
  type Finding,
  findingsOf,
  type Gap,
  type GroupResult,
  type HtmlOptions,
  type ImpossibilityNote,
  type InputSummary,
  type Interval,
  IntervalSchema,
  type MarkdownOptions,
  type MetricInfo,
  metricBarsSpec,
  type NetBenefitSection,
  REPORT_SCHEMA_VERSION,
  type ReferenceChoice,
  type ReliabilityBin,
  type RenderedChart,
  type ReportMetadata,
  type ReportOptions,
  type ReportScanSubgroup,
  type ReportWarning,
  type RocCurve,
  reliabilitySpec,
  renderCharts,
  renderCsv,
  renderHtml,
  renderHtmlReport,
  renderJson,
  renderMarkdown,
  renderSvg,
  renderText,
  reportJsonSchema,
  rocSpec,
  type SubgroupScanSection,
  type SurvivalSection,
  type TextOptions,
  type TradeoffPoint,
  tradeoffSpec,
  type VegaLiteSpec,
} from "./report/index.js";

export type {
  RepresentationRowResult,
  RepresentationSection,
  SoftMembershipSection,
  StandardizationSection,
} from "./report/schema.js";
// Subgroup scans: the MDSS bias scan and SliceLine-style slice discovery, with p-values after the search
export {
  type BiasScanCells,
  type BiasScanInput,
  type BiasScanOptions,
  type BiasScanResult,
  biasScan,
  biasScanOfCells,
  type DescribeOptions,
  describeSubgroup,
  type QuantileBuckets,
  quantileBuckets,
  type RowLoss,
  rowLosses,
  type ScanDirection,
  type ScanFeatures,
  type ScanLevel,
  type ScanScoring,
  type ScanStep,
  type ScanSubgroup,
  type Slice,
  type SliceFinderInput,
  type SliceFinderOptions,
  type SliceFinderResult,
  sliceFinder,
} from "./scan/index.js";
export type {
  PredictedPositiveShareRow,
  ReferenceDisparity,
} from "./shares/predictedPositiveShare.js";
export {
  disparitiesToReference,
  predictedPositiveShare,
} from "./shares/predictedPositiveShare.js";
// Target-population standardisation
export {
  kishEffectiveSampleSize,
  postStratificationWeights,
  type RakingOptions,
  type RakingResult,
  rakingWeights,
  type StandardizationFeatures,
  type StandardizationTarget,
  type StandardizedGroupMetrics,
  standardizedGroupMetrics,
  type WeightingOptions,
} from "./standardization/index.js";
// Sufficient statistics
export {
  type Confusion,
  type ConfusionStats,
  confusionOf,
  countConfusion,
  mergeConfusion,
  totalConfusion,
} from "./stats/confusion.js";
// Streaming evaluation: mergeable accumulators
export {
  type AccumulatorBatch,
  type AccumulatorConfig,
  type AccumulatorOptions,
  type AccumulatorState,
  accumulatorFromState,
  type CalibrationHistogram,
  createAccumulator,
  type DeclaredGroups,
  FairnessAccumulator,
} from "./stream/index.js";
// Time to event: concordance and calibration at a horizon by group
export {
  type Concordance,
  type ConcordanceGap,
  type HorizonCalibration,
  type SurvivalBootstrapOptions,
  type SurvivalGroup,
  type SurvivalInput,
  type SurvivalOptions,
  type SurvivalResult,
  type SurvivalWarning,
  survivalByGroup,
} from "./survival/index.js";
export type {
  CiProvenance,
  GroupMetricsCi,
} from "./uncertainty/groupMetricsIntervals.js";
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
  type Bounds,
  bootstrapConfusionCounts,
  bootstrapGroupMetrics,
  bootstrapInterval,
  type CellRows,
  type ChiSquareResult,
  type ConfusionBootstrapOptions,
  type CorrectionMethod,
  type CountBootstrapResult,
  type CriterionIntervals,
  chiSquareHomogeneityTest,
  clopperPearsonInterval,
  type DisparityBounds,
  type DisparityInterval,
  type DisparityIntervalMethod,
  type DisparityIntervalOptions,
  disparityInterval,
  type ExactReason,
  fisherExactTest,
  type GroupBootstrapResult,
  type GroupRateTestsOptions,
  type GroupRateTestsResult,
  groupRateTests,
  type IntervalMethod,
  type Jackknife,
  type LevelBounds,
  type MetricIntervals,
  newcombeDifferenceInterval,
  type ProportionInterval,
  type ProportionIntervals,
  proportionEffectSize,
  proportionIntervals,
  type RandomSource,
  type RateComparison,
  type RateCounts,
  type RateInterval,
  type RateIntervalMethod,
  type RateIntervalOptions,
  type RepresentationOptions,
  type RepresentationRow,
  type Resampling,
  type ResolvedBootstrapOptions,
  randomSource,
  rateInterval,
  representationCheck,
  requiredSampleSize,
  type SampleSizeResult,
  type SmallGroup,
  simultaneousDisparityInterval,
  type TestResult,
  twoProportionZTest,
  wilsonInterval,
} from "./uncertainty/index.js";
