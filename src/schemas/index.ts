/**
 * The zod schemas of inputs, reports, gate policies and fitted mitigation rules, and the JSON
 * Schemas generated from them (the `fairscope/schemas` subpath). The other entries do not expose
 * zod types, so importing them does not load zod's type declarations. The schemas are written
 * with `zod/mini`; the rest of the package builds them only when it first validates something,
 * this entry when it is loaded.
 */
import { inputSchemas } from "../data/schema.js";
import { policySchemas } from "../gate/policy.js";
import { ruleSchemas } from "../mitigation/ruleSchemas.js";
import { reportSchemas } from "../report/schema.js";

export type { FairnessInput } from "../data/inputTypes.js";
export { policyJsonSchema } from "../gate/policy.js";
export { reportJsonSchema } from "../report/schema.js";

const input = inputSchemas();
const policy = policySchemas();
const rules = ruleSchemas();
const report = reportSchemas();

/** An array or a numeric typed array (element values are checked when the input is prepared). */
export const ArrayInputSchema = input.ArrayInputSchema;
/** One feature array, or a record of named feature arrays. */
export const FeatureInputSchema = input.FeatureInputSchema;
/** The zod schema of {@link FairnessInput}. */
export const FairnessInputSchema = input.FairnessInputSchema;

/** A check on a named criterion, e.g. `{ criterion: "equalizedOddsDifference", max: 0.1 }`. */
export const CriterionRuleSchema = policy.CriterionRuleSchema;
/**
 * A check on one metric's disparity, e.g.
 * `{ metric: "truePositiveRate", comparison: "difference", method: "betweenGroups", max: 0.1 }`.
 */
export const MetricRuleSchema = policy.MetricRuleSchema;
/**
 * A check on the gap in net benefit between groups (largest minus smallest group net benefit)
 * at one decision threshold of the report's net-benefit section, e.g.
 * `{ netBenefitGap: 0.2, max: 0.02 }`.
 */
export const NetBenefitRuleSchema = policy.NetBenefitRuleSchema;
/**
 * A check on the report's representation section (audit with `referenceShares`), e.g.
 * `{ representation: "underRepresentedGroups", max: 0 }`.
 */
export const RepresentationRuleSchema = policy.RepresentationRuleSchema;
/**
 * A check on the report's "Subgroups nobody declared" (an audit with the `scan` option), e.g.
 * `{ subgroupScan: "gap", max: 0.1 }`.
 */
export const SubgroupScanRuleSchema = policy.SubgroupScanRuleSchema;
/** One rule of a policy: a criterion, metric, net-benefit, representation or subgroup-scan rule. */
export const PolicyRuleSchema = policy.PolicyRuleSchema;
/** The zod schema of a gate policy file. */
export const PolicySchema = policy.PolicySchema;

/** The zod schema of `RejectOptionJSON`. */
export const RejectOptionSchema = rules.RejectOptionSchema;
/** The zod schema of `CalibratedEqualizedOddsJSON`. */
export const CalibratedEqualizedOddsSchema = rules.CalibratedEqualizedOddsSchema;
/** The zod schema of `EqualizedOddsJSON`. */
export const EqualizedOddsSchema = rules.EqualizedOddsSchema;
/** The zod schema of `ThresholdRuleJSON`, for validating stored rules. */
export const ThresholdRuleSchema = rules.ThresholdRuleSchema;
/** @deprecated Use {@link CalibratedEqualizedOddsSchema}. */
export const CalibratedEqOddsSchema = CalibratedEqualizedOddsSchema;
/** @deprecated Use {@link EqualizedOddsSchema}. */
export const EqOddsSchema = EqualizedOddsSchema;

/** A confidence interval around one value. */
export const IntervalSchema = report.IntervalSchema;
/** A value with its optional interval. */
export const EstimateSchema = report.EstimateSchema;
/** The zod schema of a fairness report (`FairnessReport.toJSON()`). */
export const FairnessReportSchema = report.FairnessReportSchema;
