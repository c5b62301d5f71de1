/**
 * The gate policy's types as plain interfaces. The zod schemas in ./policy.ts validate
 * exactly these shapes (test/architecture/schemaTypes.test.ts checks that they infer the same
 * types), so importing the types never loads zod.
 */
import type { CriterionId } from "../disparity/registry.js";
/** What every limit check of a policy has, defaults filled in. */
export interface LimitCheck {
  /**
   * Check the limit on the value, or on an end of its interval: `intervalLow` with `max` fails
   * only when the whole interval is above the limit (the data show the gap for sure);
   * `intervalHigh` with `max` fails unless the whole interval is below it (the cautious reading).
   */
  on: "value" | "intervalLow" | "intervalHigh";
  /**
   * What a group the report suppressed (`suppressBelow`) does to the check: `pass` leaves it out
   * and checks the rest, `fail` fails the check, `warn` checks the rest and reports the check as
   * a failed warning when it would otherwise pass.
   */
  suppressed: "pass" | "fail" | "warn";
  /** `warning` reports a failed check without failing the gate. */
  severity: "error" | "warning";
  /** A name shown in results (defaults to a description of the rule). */
  name?: string;
  /** Lower limit: the check fails below it. */
  min?: number;
  /** Upper limit: the check fails above it. */
  max?: number;
  /** Compare only groups with at least this many rows. */
  minGroupSize?: number;
}
/** A check on a named criterion, defaults filled in. */
export interface CriterionRule extends LimitCheck {
  /** The criterion's id (one of `CRITERIA`), as in the report's `criteria`. */
  criterion: CriterionId;
}
/** A check on one metric's disparity, defaults filled in. */
export interface MetricRule extends LimitCheck {
  /** Metric id, e.g. "truePositiveRate". */
  metric: string;
  /** How group values are compared. */
  comparison: "difference" | "ratio";
  /** Which values are compared. */
  method: "betweenGroups" | "toReference" | "toOverall";
}
/** A check on the net-benefit gap at a decision threshold, defaults filled in. */
export interface NetBenefitRule extends LimitCheck {
  /** The decision threshold, one of the report's net-benefit thresholds. */
  netBenefitGap: number;
}
/** A check on the representation section, defaults filled in. */
export interface RepresentationRule extends LimitCheck {
  /** What is measured. */
  representation: "underRepresentedGroups" | "overRepresentedGroups" | "minimumShareRatio";
}
/** A check on the report's undeclared subgroups, defaults filled in. */
export interface SubgroupScanRule {
  /** What is checked: the gap between the observed and the predicted rate. */
  subgroupScan: "gap";
  /** The largest allowed |observed − predicted rate| of a significant subgroup. */
  max: number;
  /** Subgroups with a p-value after the search at or below this are significant. */
  alpha: number;
  /** Always the point value (the p-value already carries the uncertainty). */
  on: "value";
  /** `warning` reports a failed check without failing the gate. */
  severity: "error" | "warning";
  /** A name shown in results (defaults to a description of the rule). */
  name?: string;
}
/**
 * One rule of a policy, defaults filled in.
 *
 * @category Release gate
 */
export type PolicyRule =
  | CriterionRule
  | MetricRule
  | NetBenefitRule
  | RepresentationRule
  | SubgroupScanRule;
/**
 * A validated gate policy, defaults filled in (what {@link parsePolicy} returns).
 *
 * @category Release gate
 */
export interface Policy {
  /** Policy format version. */
  version: 1;
  /** The checks, at least one. */
  rules: PolicyRule[];
  /** URL of the policy JSON Schema, for editors; ignored. */
  $schema?: string;
  /** Default `minGroupSize` of every rule. */
  minGroupSize?: number;
}
/** A limit check as written: the fields with defaults (`on`, `suppressed`, `severity`) optional. */
type Written<R extends LimitCheck, Defaulted extends keyof R = never> = {
  [K in keyof R as K extends keyof LimitCheck | Defaulted ? never : K]: R[K];
} & { [K in keyof LimitCheck | Defaulted]?: R[K] | undefined };

/** One object type instead of an intersection, so it reads (and compares) like the schema's. */
type Flat<T> = { [K in keyof T]: T[K] };

/**
 * A policy as written (defaults not yet filled in).
 *
 * @category Release gate
 */
export type PolicyInput = {
  rules: (
    | Flat<Written<CriterionRule>>
    | Flat<Written<MetricRule, "method">>
    | Flat<Written<NetBenefitRule>>
    | Flat<Written<RepresentationRule>>
    | {
        subgroupScan: "gap";
        max: number;
        name?: string | undefined;
        alpha?: number | undefined;
        on?: "value" | undefined;
        severity?: "error" | "warning" | undefined;
      }
  )[];
  $schema?: string | undefined;
  version?: 1 | undefined;
  minGroupSize?: number | undefined;
};
