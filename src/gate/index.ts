/**
 * The release gate: policies, their evaluation against a report, and renderers of the results
 * (the `fairscope/gate` subpath; the policy schemas are in `fairscope/schemas`).
 */
export { EXIT_CODES, type GateCheck, type GateResult, gate } from "./gate.js";
export {
  type CriterionRule,
  type MetricRule,
  type NetBenefitRule,
  type Policy,
  type PolicyInput,
  type PolicyRule,
  parsePolicy,
  type RepresentationRule,
  type SubgroupScanRule,
} from "./policy.js";
export { renderGateMarkdown, renderGateText, renderJunit } from "./render.js";
