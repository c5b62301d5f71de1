/** Public API of the mitigation module (wired into the package root by src/index.ts). */
export {
  type CalibratedEqOddsGroup,
  type CalibratedEqOddsJSON,
  type CalibratedEqOddsOptions,
  CalibratedEqOddsRule,
  type CostConstraint,
  calibratedEqOddsOfColumns,
  calibratedEqualizedOdds,
} from "./calibratedEqualizedOdds.js";
export {
  type EffectSummaryRow,
  type MitigationEffect,
  type MitigationEffectOptions,
  mitigationEffect,
} from "./effect.js";
export {
  type EqOddsGroup,
  type EqOddsJSON,
  type EqOddsLinearProgram,
  EqOddsRule,
  equalizedOddsOfColumns,
  equalizedOddsPostprocessing,
} from "./equalizedOddsPostprocessing.js";
export {
  type AchievedThreshold,
  type GroupThresholdsOptions,
  type GroupThresholdsResult,
  groupThresholds,
  groupThresholdsOfColumns,
  type ManualThreshold,
  type ManualThresholdsOptions,
  manualThresholds,
  type PositiveRule,
  type ThresholdTarget,
} from "./groupThresholds.js";
export {
  type RejectOptionJSON,
  type RejectOptionMetric,
  type RejectOptionOptions,
  RejectOptionRule,
  rejectOptionClassification,
  rejectOptionOfColumns,
} from "./rejectOption.js";
export {
  type ReweighingCell,
  type ReweighingInput,
  type ReweighingResult,
  reweighing,
} from "./reweighing.js";
export { CalibratedEqOddsSchema, EqOddsSchema, RejectOptionSchema } from "./ruleSchemas.js";
export { applies, type ThresholdOperation, type ThresholdOperator } from "./thresholdOperation.js";
export {
  type ThresholdConstraint,
  type ThresholdObjective,
  ThresholdOptimizer,
  type ThresholdOptimizerOptions,
  type TradeoffData,
} from "./thresholdOptimizer.js";
export type { FittedGroupRule } from "./thresholdOptimizerKernel.js";
export {
  type GroupRuleJSON,
  type JSONThreshold,
  type PredictOptions,
  type PredictProbaOptions,
  type RuleFitSummaryJSON,
  type RuleInput,
  type ThresholdOperationJSON,
  ThresholdRule,
  type ThresholdRuleJSON,
  ThresholdRuleSchema,
} from "./thresholdRule.js";
