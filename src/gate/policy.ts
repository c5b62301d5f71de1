/**
 * Gate policies: which fairness checks a model must pass, as a zod-validated JSON document.
 * Written with `zod/mini` (tree-shakable functions; English messages passed per parse, see
 * parsePolicy) so that loading the package does not load all of zod.
 */
import * as z from "zod/mini";
import { CRITERION_IDS } from "../disparity/registry.js";

/** What a limit is checked on: the point value, or one end of its confidence interval. */
export const BOUNDS = ["value", "intervalLow", "intervalHigh"] as const;

/** {@link BOUNDS} as a zod enum, each bound documented. */
const BOUND_VALUES = {
  /** The point value. */
  value: "value",
  /** The lower end of its confidence interval. */
  intervalLow: "intervalLow",
  /** The upper end of its confidence interval. */
  intervalHigh: "intervalHigh",
} as const satisfies { [B in (typeof BOUNDS)[number]]: B };

/**
 * Builds the policy schemas. Called once, on first use ({@link policySchemas}), so that loading
 * the package builds no schema.
 */
function buildPolicySchemas() {
  const RuleBase = {
    /** A name shown in results (defaults to a description of the rule). */
    name: z.optional(z.string().check(z.minLength(1))),
    /** Lower limit: the check fails below it. */
    min: z.optional(z.number()),
    /** Upper limit: the check fails above it. */
    max: z.optional(z.number()),
    /**
     * Check the limit on the value, or on an end of its interval: `intervalLow` with `max` fails
     * only when the whole interval is above the limit (the data show the gap for sure);
     * `intervalHigh` with `max` fails unless the whole interval is below it (the cautious reading).
     */
    on: z._default(z.enum(BOUND_VALUES), "value"),
    /** Compare only groups with at least this many rows. */
    minGroupSize: z.optional(z.int().check(z.nonnegative())),
    /**
     * What a group the report suppressed (`suppressBelow`) does to the check: `pass` leaves it out
     * and checks the rest, `fail` fails the check, `warn` checks the rest and reports the check as
     * a failed warning when it would otherwise pass.
     */
    suppressed: z._default(
      z.enum({
        /** Leave suppressed groups out; the rest decide. */
        pass: "pass",
        /** Any suppressed group fails the check. */
        fail: "fail",
        /** Leave them out, and report the check as a warning. */
        warn: "warn",
      } as const),
      "pass",
    ),
    /** `warning` reports a failed check without failing the gate. */
    severity: z._default(
      z.enum({
        /** A failed check fails the gate. */
        error: "error",
        /** A failed check is reported; the gate still passes. */
        warning: "warning",
      } as const),
      "error",
    ),
  };

  const hasLimit = (r: { min?: number | undefined; max?: number | undefined }) =>
    r.min !== undefined || r.max !== undefined;
  const LIMIT_MESSAGE = { message: "a rule needs min, max or both", path: ["max"] };

  /** A check on a named criterion, e.g. `{ criterion: "equalizedOddsDifference", max: 0.1 }`. */
  const CriterionRuleSchema = z
    .strictObject({
      /** The criterion's id (one of `CRITERIA`), as in the report's `criteria`. */
      criterion: z.enum(CRITERION_IDS),
      ...RuleBase,
    })
    .check(z.refine(hasLimit, LIMIT_MESSAGE));

  /**
   * A check on one metric's disparity, e.g.
   * `{ metric: "truePositiveRate", comparison: "difference", method: "betweenGroups", max: 0.1 }`.
   */
  const MetricRuleSchema = z
    .strictObject({
      /** Metric id, e.g. "truePositiveRate". */
      metric: z.string().check(z.minLength(1)),
      /** How group values are compared. */
      comparison: z.enum({
        /** Differences of values. */
        difference: "difference",
        /** Ratios of values (smaller over larger). */
        ratio: "ratio",
      } as const),
      /** Which values are compared. */
      method: z._default(
        z.enum({
          /** The largest and the smallest group value. */
          betweenGroups: "betweenGroups",
          /** Each group with the report's reference group; the worst case counts. */
          toReference: "toReference",
          /** Each group with the overall value; the worst case counts. */
          toOverall: "toOverall",
        } as const),
        "betweenGroups",
      ),
      ...RuleBase,
    })
    .check(z.refine(hasLimit, LIMIT_MESSAGE));

  /**
   * A check on the gap in net benefit between groups (largest minus smallest group net benefit)
   * at one decision threshold of the report's net-benefit section, e.g.
   * `{ netBenefitGap: 0.2, max: 0.02 }`.
   */
  const NetBenefitRuleSchema = z
    .strictObject({
      /** The decision threshold, one of the report's net-benefit thresholds. */
      netBenefitGap: z.number().check(z.gt(0), z.lt(1)),
      ...RuleBase,
    })
    .check(z.refine(hasLimit, LIMIT_MESSAGE));

  /**
   * A check on the report's representation section (audit with `referenceShares`), e.g.
   * `{ representation: "underRepresentedGroups", max: 0 }`: the number of groups flagged under-
   * (or over-) represented after Holm's correction, or the smallest ratio of a group's share of the
   * rows to its reference share.
   */
  const RepresentationRuleSchema = z
    .strictObject({
      /** What is measured. */
      representation: z.enum({
        /** Number of groups flagged under-represented. */
        underRepresentedGroups: "underRepresentedGroups",
        /** Number of groups flagged over-represented. */
        overRepresentedGroups: "overRepresentedGroups",
        /** Smallest share / reference share over the groups the reference names. */
        minimumShareRatio: "minimumShareRatio",
      } as const),
      ...RuleBase,
    })
    .check(z.refine(hasLimit, LIMIT_MESSAGE));

  /**
   * A check on the report's "Subgroups nobody declared" (an audit with the `scan` option), e.g.
   * `{ subgroupScan: "gap", max: 0.1 }`: fails when a subgroup significant after the search
   * (p-value ≤ `alpha`) has |observed − predicted rate| above `max`.
   */
  const SubgroupScanRuleSchema = z.strictObject({
    /** What is checked: the gap between the observed and the predicted rate. */
    subgroupScan: z.literal("gap"),
    /** A name shown in results (defaults to a description of the rule). */
    name: z.optional(z.string().check(z.minLength(1))),
    /** The largest allowed |observed − predicted rate| of a significant subgroup. */
    max: z.number().check(z.nonnegative()),
    /** Subgroups with a p-value after the search at or below this are significant. */
    alpha: z._default(z.number().check(z.gt(0), z.lt(1)), 0.05),
    /** Always the point value (the p-value already carries the uncertainty). */
    on: z._default(z.literal("value"), "value"),
    /** `warning` reports a failed check without failing the gate. */
    severity: RuleBase.severity,
  });

  /**
   * One rule of a policy: a criterion rule, a metric rule, a net-benefit rule, a representation
   * rule or a subgroup-scan rule.
   */
  const PolicyRuleSchema = z.union([
    CriterionRuleSchema,
    MetricRuleSchema,
    NetBenefitRuleSchema,
    RepresentationRuleSchema,
    SubgroupScanRuleSchema,
  ]);

  /** The zod schema of a gate policy file. */
  const PolicySchema = z.strictObject({
    /** URL of the policy JSON Schema, for editors; ignored. */
    $schema: z.optional(z.string()),
    /** Policy format version. */
    version: z._default(z.literal(1), 1),
    /** Default `minGroupSize` of every rule. */
    minGroupSize: z.optional(z.int().check(z.nonnegative())),
    /** The checks, at least one. */
    rules: z.array(PolicyRuleSchema).check(z.minLength(1)),
  });

  return {
    CriterionRuleSchema,
    MetricRuleSchema,
    NetBenefitRuleSchema,
    RepresentationRuleSchema,
    SubgroupScanRuleSchema,
    PolicyRuleSchema,
    PolicySchema,
  };
}

/** The gate policy's zod schemas. */
export type PolicySchemas = ReturnType<typeof buildPolicySchemas>;

let built: PolicySchemas | undefined;

/**
 * The gate policy's zod schemas (one per kind of rule, a rule, a policy), built on first use.
 *
 * @example
 * policySchemas().PolicySchema.safeParse({ rules: [] }).success; // => false
 */
export function policySchemas(): PolicySchemas {
  built ??= buildPolicySchemas();
  return built;
}

/**
 * The policy file's JSON Schema (draft 2020-12), generated from the policy's zod schema (the
 * shape a user writes: fields with defaults are optional).
 *
 * @example
 * policyJsonSchema().title; // => "fairscope gate policy"
 */
export function policyJsonSchema(): Record<string, unknown> {
  return {
    $id: "https://fairscope.dev/schema/policy-v1.json",
    title: "fairscope gate policy",
    ...(z.toJSONSchema(policySchemas().PolicySchema, { io: "input" }) as Record<string, unknown>),
  };
}
