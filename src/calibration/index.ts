/** Calibration: public API of the module (the root index re-exports these by name). */
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
export type {
  ChouldechovaGroup,
  ChouldechovaNote,
  ImpossibilityNote,
  KleinbergGroup,
  KleinbergNote,
} from "./impossibility.js";
