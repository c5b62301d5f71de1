/**
 * The release gate: policies, their evaluation against a report, and renderers of the results
 * (the `fairscope/gate` subpath; the policy schemas are in `fairscope/schemas`).
 */
export { EXIT_CODES, type GateCheck, type GateResult, gate } from "./gate.js";
export { parsePolicy } from "./parsePolicy.js";
export type {
  CriterionRule,
  LimitCheck,
  MetricRule,
  NetBenefitRule,
  Policy,
  PolicyInput,
  PolicyRule,
  RepresentationRule,
  SubgroupScanRule,
} from "./policyTypes.js";
export { renderGateMarkdown, renderGateText, renderJunit } from "./render.js";
