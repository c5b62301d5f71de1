/**
 * The zod schemas of inputs, reports, gate policies and fitted mitigation rules, and the JSON
 * Schemas generated from them (the `fairscope/schemas` subpath). The other entries do not expose
 * zod types, so importing them does not load zod's type declarations.
 */
export type { FairnessInput } from "../data/inputTypes.js";
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
  ThresholdRuleSchema,
} from "../mitigation/ruleSchemas.js";
export {
  EstimateSchema,
  FairnessReportSchema,
  IntervalSchema,
  reportJsonSchema,
} from "../report/schema.js";
