/** Clinical utility: public API of the module (the root index re-exports these by name). */
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
