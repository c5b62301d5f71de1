/**
 * fairscope: fairness evaluation for JavaScript and TypeScript.
 *
 * The root entry holds what most users call: per-group metrics, the named criteria, `audit` and
 * its report, the release gate, calibration by group, the main mitigation methods, the subgroup
 * bias scan, net benefit, and regression and multiclass metrics. Each topic's full API lives in
 * its subpath: `fairscope/calibration`, `fairscope/clinical`, `fairscope/gate`,
 * `fairscope/membership`, `fairscope/metrics`, `fairscope/mitigation`, `fairscope/multiclass`,
 * `fairscope/regression`, `fairscope/report`, `fairscope/scan`, `fairscope/schemas`,
 * `fairscope/standardization`, `fairscope/stream`, `fairscope/uncertainty`, `fairscope/sql` and
 * `fairscope/tfjs`. No logic lives here.
 *
 * @packageDocumentation
 */
// Calibration by group
export {
  type CalibrationByGroupResult,
  type CalibrationGroup,
  type CalibrationOptions,
  type CalibrationSummary,
  calibrationByGroup,
} from "./calibration/index.js";
// Clinical utility
export { type NetBenefitPoint, netBenefit } from "./clinical/index.js";
// Input and errors
export type { Level } from "./data/columns.js";
export { FairnessInputError, type InputIssue, type InputIssueCode } from "./data/errors.js";
export type { IntersectionMode } from "./data/groups.js";
export type {
  FairnessInput,
  LabelArray,
  LabelValue,
  LevelArray,
  MissingGroupPolicy,
  NumberArray,
  NumericTypedArray,
  ScoreKind,
  ThresholdComparison,
} from "./data/inputTypes.js";
// Multiclass and regression
export type { MulticlassInput } from "./data/multiclass.js";
export type { RegressionInput } from "./data/regression.js";
// Criteria and their registry
export type { ComparisonMethod } from "./disparity/aggregate.js";
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
// Notebook displays (tslab)
export { type NotebookDisplay, showInNotebook } from "./frame/display.js";
// Per-group metrics
export { type GroupMetricsOptions, groupMetrics } from "./frame/groupMetrics.js";
export {
  type ComparisonOptions,
  GroupMetricsResult,
  type GroupMetricsWarning,
  type GroupRow,
} from "./frame/result.js";
// Release gate
export {
  type GateCheck,
  type GateResult,
  gate,
  type Policy,
  type PolicyInput,
  type PolicyRule,
  parsePolicy,
} from "./gate/index.js";
// The metric registry
export type { UserMetric, UserMetricFunction, ZeroDivision } from "./metrics/evaluate.js";
export { getMetric, isMetricId, METRICS, type MetricId, metricIds } from "./metrics/registry.js";
export type { MetricSpec } from "./metrics/resolve.js";
export type { BetterDirection, MetricDefinition } from "./metrics/types.js";
// Mitigation
export {
  type CalibratedEqualizedOddsOptions,
  CalibratedEqualizedOddsRule,
  calibratedEqualizedOdds,
  type EqualizedOddsPredictOptions,
  EqualizedOddsRule,
  equalizedOddsPostprocessing,
  type GroupThresholdsOptions,
  type GroupThresholdsResult,
  groupThresholds,
  type MitigationEffect,
  mitigationEffect,
  type RejectOptionOptions,
  RejectOptionRule,
  type ReweighingInput,
  type ReweighingResult,
  rejectOptionClassification,
  reweighing,
  ThresholdOptimizer,
  type ThresholdOptimizerOptions,
  ThresholdRule,
} from "./mitigation/index.js";
export {
  type MulticlassMetricsOptions,
  MulticlassMetricsResult,
  multiclassMetrics,
} from "./multiclass/multiclassMetrics.js";
export type { RegressionMetricId } from "./regression/metrics.js";
export {
  type RegressionMetricsOptions,
  regressionMetrics,
} from "./regression/regressionMetrics.js";
// Reports
export { auditMulticlass, auditRegression, type TaskAuditOptions } from "./report/auditTask.js";
export {
  type AuditOptions,
  audit,
  FairnessReport,
  type FairnessReportData,
  type Finding,
  type ReportWarning,
} from "./report/index.js";
// Subgroup scans
export {
  type BiasScanInput,
  type BiasScanOptions,
  type BiasScanResult,
  biasScan,
  type ScanSubgroup,
} from "./scan/index.js";
