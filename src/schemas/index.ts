/**
 * The zod schemas of inputs, reports, gate policies and fitted mitigation rules, and the JSON
 * Schemas generated from them (the `fairscope/schemas` subpath). The other entries do not expose
 * zod types, so importing them does not load zod's type declarations.
 */
export { ArrayInputSchema, FairnessInputSchema, FeatureInputSchema } from "../data/schema.js";
export {
  CriterionRuleSchema,
  MetricRuleSchema,
  NetBenefitRuleSchema,
  PolicyRuleSchema,
  PolicySchema,
  policyJsonSchema,
  RepresentationRuleSchema,
  SubgroupScanRuleSchema,
} from "../gate/policy.js";
export {
  CalibratedEqOddsSchema,
  CalibratedEqualizedOddsSchema,
  EqOddsSchema,
  EqualizedOddsSchema,
  RejectOptionSchema,
} from "../mitigation/ruleSchemas.js";
export { ThresholdRuleSchema } from "../mitigation/thresholdRule.js";
export {
  EstimateSchema,
  FairnessReportSchema,
  IntervalSchema,
  reportJsonSchema,
} from "../report/schema.js";
