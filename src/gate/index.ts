/**
 * The release gate: policies, their evaluation against a report, and renderers of the results.
 */
export { EXIT_CODES, type GateCheck, type GateResult, gate } from "./gate.js";
export {
  BOUNDS,
  type CriterionRule,
  CriterionRuleSchema,
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
  type SubgroupScanRule,
  SubgroupScanRuleSchema,
} from "./policy.js";
export { renderGateMarkdown, renderGateText, renderJunit } from "./render.js";
