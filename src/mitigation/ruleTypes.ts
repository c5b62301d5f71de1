/**
 * The JSON shapes of fitted mitigation rules as plain interfaces. The zod schemas in
 * ./ruleSchemas.ts validate exactly these shapes (test/architecture/schemaTypes.test.ts checks
 * that they infer the same types), so importing the types never loads zod.
 */

/** A fitted reject-option rule as plain JSON. */
export interface RejectOptionJSON {
  /** Format tag and version. */
  format: "fairscope.rejectOption/1";
  /** Sensitive feature names, in key order. */
  featureNames: string[];
  /** Every group seen at fit time, with whether it is privileged. */
  groups: { group: (string | number | boolean | null)[]; privileged: boolean }[];
  /** Classification threshold t: favorable iff score > t outside the band. */
  threshold: number;
  /** Half-width m of the critical band `t − m < score ≤ t + m`. */
  margin: number;
  /** The fairness metric constrained. */
  metric: "statisticalParityDifference" | "averageOddsDifference" | "equalOpportunityDifference";
  /** Allowed range of the metric (unprivileged − privileged). */
  metricBounds: [number, number];
  /**
   * The metric at the chosen pair (the unprivileged group farthest from the bounds, or from 0).
   */
  metricValue: number;
  /** Balanced accuracy on the fitting data at the chosen pair. */
  balancedAccuracy: number;
  /** Whether some pair kept the metric within the bounds for every unprivileged group. */
  constraintSatisfied: boolean;
}
/** One group of a fitted calibrated-equalized-odds rule. */
export interface CalibratedEqualizedOddsGroup {
  /** The group's levels, one per feature. */
  group: (string | number | boolean | null)[];
  /** Weighted share of favorable true labels. */
  baseRate: number;
  /**
   * Mean score minus base rate: far from 0 means the scores are not calibrated in this group.
   */
  calibrationGap: number;
  /** The group's cost under `costConstraint` with its own scores. */
  cost: number;
  /** Cost when every score of the group is its base rate. */
  trivialCost: number;
  /**
   * AIF360's mixing rate, not clipped (can exceed 1 when the target cost is out of reach).
   */
  rawMixRate: number;
  /** Probability of replacing a score by the base rate: `rawMixRate` clipped to [0, 1]. */
  mixRate: number;
  /**
   * From `calibrationByGroup` (fitted through the public function): the group's expected
   * calibration error (10 uniform bins) and Hosmer–Lemeshow p-value.
   */
  calibration?: { expectedCalibrationError: number; hosmerLemeshowPValue: number };
}
/** A fitted calibrated-equalized-odds rule as plain JSON. */
export interface CalibratedEqualizedOddsJSON {
  /** Format tag and version. */
  format: "fairscope.calibratedEqualizedOdds/1";
  /** Sensitive feature names, in key order. */
  featureNames: string[];
  /** The cost equalized across groups. */
  costConstraint: "fnr" | "fpr" | "weighted";
  /** Every group seen at fit time. */
  groups: CalibratedEqualizedOddsGroup[];
  /** Groups whose scores fail the Hosmer–Lemeshow test at the 1% level, in words. */
  warnings: string[];
}
/** One group of a fitted equalized-odds post-processor. */
export interface EqualizedOddsGroup {
  /** The group's levels, one per feature. */
  group: (string | number | boolean | null)[];
  /** P(new label favorable | predicted favorable). */
  keepFavorable: number;
  /** P(new label favorable | predicted unfavorable). */
  flipToFavorable: number;
  /** True positive rate before. */
  truePositiveRate: number;
  /** False positive rate before. */
  falsePositiveRate: number;
  /** True positive rate after, in expectation. */
  truePositiveRateAfter: number;
  /** False positive rate after, in expectation. */
  falsePositiveRateAfter: number;
}
/** The linear program, as solved: minimise c·x s.t. A_eq·x = 0, 0 ≤ x ≤ 1. */
export interface EqualizedOddsLinearProgram {
  /** Variables: per group, [keepFavorable, flipToFavorable]. */
  c: number[];
  /** Equality constraints: each group's TPR̃ and FPR̃ rows against the first group's. */
  aEq: number[][];
  /** The objective's value at the solution. */
  objective: number;
}
/** A fitted equalized-odds post-processor as plain JSON. */
export interface EqualizedOddsJSON {
  /** Format tag and version. */
  format: "fairscope.equalizedOddsPostprocessing/1";
  /** Sensitive feature names, in key order. */
  featureNames: string[];
  /** Every group seen at fit time. */
  groups: EqualizedOddsGroup[];
  /** The linear program solved, for inspection. */
  linearProgram: EqualizedOddsLinearProgram;
}

/** A {@link ThresholdOperation} as JSON (infinite thresholds as strings). */
export interface ThresholdOperationJSON {
  /** How the score is compared with the threshold. */
  operator: ">" | "<" | ">=" | "<=";
  /** The threshold. */
  threshold: number | "Infinity" | "-Infinity";
}
/** One group's rule: P(ŷ=1) = p0·[op0(s)] + p1·[op1(s)], mixed toward `predictionConstant`. */
export interface GroupRuleJSON {
  /** One level per sensitive feature. */
  group: (string | number | boolean | null)[];
  /** Weight of the first operation. */
  p0: number;
  /** The first operation. */
  operation0: ThresholdOperationJSON;
  /** Weight of the second operation (p0 + p1 = 1). */
  p1: number;
  /** The second operation. */
  operation1: ThresholdOperationJSON;
  /**
   * Equalized odds only: probability of predicting positive with probability
   * `predictionConstant` instead, so P(ŷ=1) = pIgnore·predictionConstant + (1 − pIgnore)·rule.
   */
  pIgnore?: number;
  /** Equalized odds only: the positive probability mixed in (x*, the common FPR). */
  predictionConstant?: number;
}
/** How the rule was fitted (absent for rules written by hand). */
export interface RuleFitSummaryJSON {
  /** What fitted the rule, e.g. "thresholdOptimizer". */
  method: string;
  /** The common constraint value x* (null with `tol`). */
  constraintValue: number | null;
  /** The objective at the chosen point (equalized odds: the common true positive rate). */
  objectiveValue: number;
  /** Each group's constraint value, in `groups` order. */
  constraintValueByGroup: number[];
  /** max − min of `constraintValueByGroup`. */
  betweenGroups: number;
  /** The parity constraint, e.g. "demographicParity". */
  constraints?: string;
  /** The objective maximised, e.g. "accuracy". */
  objective?: string;
  /** Grid points on the constraint axis. */
  gridSize?: number;
  /** Whether "positive below the threshold" operations were considered. */
  flip?: boolean;
  /** Relaxed-parity tolerance (null: exact parity). */
  tol?: number | null;
  /** Whether sample weights were used. */
  weighted?: boolean;
}
/** A fitted threshold rule as plain JSON. */
export interface ThresholdRuleJSON {
  /** Format tag and version. */
  format: "fairscope.thresholdRule/1";
  /** Sensitive feature names, in key order. */
  featureNames: string[];
  /** One rule per group seen at fit time. */
  groups: GroupRuleJSON[];
  /** How the rule was fitted. */
  fit?: RuleFitSummaryJSON;
}

/** The fairness metric bounded during the search (AIF360's `metric_name`, camelCase). */
export type RejectOptionMetric = RejectOptionJSON["metric"];

/** Which error the groups' costs measure (AIF360's `cost_constraint`). */
export type CostConstraint = CalibratedEqualizedOddsJSON["costConstraint"];

/** @deprecated Use {@link CalibratedEqualizedOddsJSON}. */
export type CalibratedEqOddsJSON = CalibratedEqualizedOddsJSON;

/** @deprecated Use {@link CalibratedEqualizedOddsGroup}. */
export type CalibratedEqOddsGroup = CalibratedEqualizedOddsGroup;

/** @deprecated Use {@link EqualizedOddsJSON}. */
export type EqOddsJSON = EqualizedOddsJSON;

/** @deprecated Use {@link EqualizedOddsGroup}. */
export type EqOddsGroup = EqualizedOddsGroup;

/** @deprecated Use {@link EqualizedOddsLinearProgram}. */
export type EqOddsLinearProgram = EqualizedOddsLinearProgram;

/** A threshold as JSON: a number, or "Infinity" / "-Infinity". */
export type JSONThreshold = ThresholdOperationJSON["threshold"];
