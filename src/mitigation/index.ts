/** Mitigation: reweighing, the threshold optimizer, group thresholds, post-processors and their fitted rules (the `fairscope/mitigation` subpath). */
export {
  type CalibratedEqOddsOptions,
  CalibratedEqOddsRule,
  type CalibratedEqualizedOddsOptions,
  type CalibratedEqualizedOddsPredictOptions,
  CalibratedEqualizedOddsRule,
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
  EqOddsRule,
  type EqualizedOddsPredictOptions,
  EqualizedOddsRule,
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
export { type FittedRule, type FittedRuleClass, type RuleState, StatefulRule } from "./rule.js";
export {
  type PredictionRuleInput,
  predictionColumn,
  type RuleInput,
  scoreColumn,
} from "./ruleInput.js";
export type {
  CalibratedEqOddsGroup,
  CalibratedEqOddsJSON,
  CalibratedEqualizedOddsGroup,
  CalibratedEqualizedOddsJSON,
  CostConstraint,
  EqOddsGroup,
  EqOddsJSON,
  EqOddsLinearProgram,
  EqualizedOddsGroup,
  EqualizedOddsJSON,
  EqualizedOddsLinearProgram,
  GroupRuleJSON,
  JSONThreshold,
  RuleFitSummaryJSON,
  ThresholdOperationJSON,
  ThresholdRuleJSON,
} from "./ruleTypes.js";
export { applies, type ThresholdOperation, type ThresholdOperator } from "./thresholdOperation.js";
export {
  type ThresholdConstraint,
  type ThresholdObjective,
  ThresholdOptimizer,
  type ThresholdOptimizerOptions,
  type TradeoffData,
} from "./thresholdOptimizer.js";
export type { FittedGroupRule } from "./thresholdOptimizerKernel.js";
export { type PredictOptions, type PredictProbaOptions, ThresholdRule } from "./thresholdRule.js";
