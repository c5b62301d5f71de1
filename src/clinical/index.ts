/**
 * Clinical utility: net benefit and decision curves by group, and time-to-event concordance and
 * calibration by group (the `fairscope/clinical` subpath).
 */

export * from "../survival/index.js";
export {
  type ClinicalWarning,
  type DecisionCurveGroup,
  type DecisionCurveOptions,
  type DecisionCurveResult,
  decisionCurve,
  decisionCurveOfColumns,
  type NetBenefitBootstrapOptions,
  type NetBenefitGap,
} from "./decisionCurve.js";
export {
  DEFAULT_NET_BENEFIT_GRID,
  decisionCurveOfArrays,
  type NetBenefitPoint,
  netBenefit,
} from "./netBenefit.js";
