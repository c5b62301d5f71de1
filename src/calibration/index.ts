/** Calibration by group: reliability curves, calibration metrics and tests, flexible calibration and the calibration hierarchy (the `fairscope/calibration` subpath). */
export type { BinStrategy } from "../metrics/calibration/binning.js";
export type {
  GroupCalibrationTest,
  HosmerLemeshowTest,
} from "../metrics/calibration/hypothesis.js";
export { CALIBRATION_METRICS } from "../metrics/calibration/metrics.js";
export type { InterceptFit, SlopeFit } from "../metrics/calibration/recalibration.js";
export type { BrierDecomposition, GeneralizedRates } from "../metrics/calibration/scalar.js";
export type { BinaryLabels, WeightKind } from "../metrics/calibration/validate.js";
export {
  type CalibrationByGroupResult,
  type CalibrationGroup,
  type CalibrationOptions,
  type CalibrationSummary,
  calibrationByGroup,
  calibrationByGroupOfColumns,
  calibrationSummary,
} from "./byGroup.js";
export {
  type CalibrationBin,
  type CalibrationCurve,
  type CalibrationCurveOptions,
  calibrationCurve,
} from "./curve.js";
export {
  CALIBRATION_ERROR_SUMMARIES,
  type CalibrationErrorGap,
  type CalibrationErrorSummary,
  type CalibrationErrors,
  calibrationErrors,
  type FlexibleBootstrapOptions,
  type FlexibleCalibrationGroup,
  type FlexibleCalibrationOptions,
  type FlexibleCalibrationResult,
  type FlexibleCalibrationSummary,
  flexibleCalibrationByGroup,
  flexibleCalibrationOfColumns,
  type LowessCalibration,
  lowessCalibration,
  type SmoothCurve,
} from "./flexible.js";
export {
  type CalibrationAssessment,
  type CalibrationHierarchyGroup,
  type CalibrationHierarchyOptions,
  type CalibrationHierarchyResult,
  type CalibrationLevel,
  calibrationHierarchy,
  calibrationHierarchyOfColumns,
  type EstimateWithInterval,
} from "./hierarchy.js";
export type {
  CalibrationNote,
  ChouldechovaGroup,
  ChouldechovaNote,
  KleinbergGroup,
  KleinbergNote,
} from "./impossibility.js";
