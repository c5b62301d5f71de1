/**
 * ThresholdOptimizer (Hardt, Price & Srebro 2016) on precomputed scores, with Fairlearn's
 * algorithm: the fitted rule equals Fairlearn's `interpolation_dict` when no weights are given.
 */
import type { Columns, Level } from "../data/columns.js";
import { FairnessInputError, IssueCollector } from "../data/errors.js";
import type { FairnessInput } from "../data/inputTypes.js";
import { groupLabel } from "../data/levels.js";
import { prepare } from "../data/prepare.js";
import { partitionRows, take } from "../stats/partition.js";
import {
  type ConstraintMetric,
  type FittedGroupRule,
  fitThresholds,
  type GroupRows,
} from "./thresholdOptimizerKernel.js";
import { ThresholdRule } from "./thresholdRule.js";

/** The parity constraint (Fairlearn's `constraints`, camelCase). */
export type ThresholdConstraint =
  | "demographicParity"
  | "selectionRateParity"
  | "truePositiveRateParity"
  | "falsePositiveRateParity"
  | "trueNegativeRateParity"
  | "falseNegativeRateParity"
  | "equalizedOdds";

/** The objective (Fairlearn's `accuracy_score`, `balanced_accuracy_score`, … camelCase). */
export type ThresholdObjective =
  | "accuracy"
  | "balancedAccuracy"
  | "selectionRate"
  | "truePositiveRate"
  | "trueNegativeRate";

/**
 * Options of {@link ThresholdOptimizer} (Fairlearn's names, camelCase).
 *
 * @category Mitigation
 */
export interface ThresholdOptimizerOptions {
  /** The parity constraint. @defaultValue "demographicParity" */
  readonly constraints?: ThresholdConstraint;
  /** The quantity maximised. @defaultValue "accuracy" */
  readonly objective?: ThresholdObjective;
  /** Grid points on the constraint axis are k / gridSize. @defaultValue 1000 */
  readonly gridSize?: number;
  /** Also consider "positive below the threshold" operations. @defaultValue false */
  readonly flip?: boolean;
  /**
   * Relaxed parity for simple constraints: groups' constraint values may differ by at most
   * `tol`. 0 or absent means exact parity; not available with equalized odds.
   */
  readonly tol?: number;
  /**
   * A group (an intersection, with several features) with only one label class: "error"
   * raises FairnessInputError `degenerate_labels` naming it, as Fairlearn does; "allow" fits the
   * other groups and gives it the constant rule that meets the chosen constraint value (see
   * docs/mitigation.md). @defaultValue "error"
   */
  readonly degenerateGroups?: "error" | "allow";
}

const CONSTRAINT_METRIC: Record<ThresholdConstraint, ConstraintMetric | undefined> = {
  demographicParity: "selectionRate",
  selectionRateParity: "selectionRate",
  truePositiveRateParity: "truePositiveRate",
  falsePositiveRateParity: "falsePositiveRate",
  trueNegativeRateParity: "trueNegativeRate",
  falseNegativeRateParity: "falseNegativeRate",
  equalizedOdds: undefined,
};
const SIMPLE_OBJECTIVES: readonly ThresholdObjective[] = [
  "accuracy",
  "balancedAccuracy",
  "selectionRate",
  "truePositiveRate",
  "trueNegativeRate",
];
const EQUALIZED_ODDS_OBJECTIVES: readonly ThresholdObjective[] = ["accuracy", "balancedAccuracy"];

/** Data for the trade-off plot: per-group curves on the grid, the overall curve, the chosen point. */
export interface TradeoffData {
  /** Constraint values (x axis): k / gridSize. */
  readonly grid: Float64Array;
  /** Each group's best achievable objective (equalized odds: TPR) at each grid x. */
  readonly curves: readonly {
    /** One level per sensitive feature. */
    readonly group: readonly Level[];
    /** The group's objective at each grid x. */
    readonly y: Float64Array;
  }[];
  /** Simple constraints: the group-size-weighted objective; equalized odds: min over groups. */
  readonly overall: Float64Array;
  /** x* and y* (x is null with `tol`). */
  readonly chosen: {
    /** The common constraint value x* (null with `tol`). */
    readonly x: number | null;
    /** The overall objective at x*. */
    readonly y: number;
  };
}

/**
 * ThresholdOptimizer: per-group randomised thresholds on a score that maximise an objective
 * under a parity constraint (Hardt et al. 2016; Fairlearn's algorithm, see docs/mitigation.md).
 *
 * Fitting sorts each group's scores (O(n log n)) and evaluates the curves on the grid
 * (O(gridSize · groups)). With sample weights every count is a sum of weights (Fairlearn
 * ignores weights); without weights the rule equals Fairlearn's.
 *
 * @example
 * const rule = new ThresholdOptimizer({ constraints: "demographicParity" }).fit({
 *   yTrue: [0, 1, 1, 0, 1, 0], yScore: [0.1, 0.8, 0.6, 0.4, 0.9, 0.3],
 *   sensitiveFeatures: ["a", "a", "a", "b", "b", "b"],
 * });
 * rule.predictProba({ yScore: [0.7], sensitiveFeatures: ["b"] }); // => Float64Array [1]
 *
 * @category Mitigation
 */
export class ThresholdOptimizer {
  /** The options, defaults filled in (`tol` 0 for exact parity). */
  readonly options: Required<Omit<ThresholdOptimizerOptions, "tol">> & {
    /** Relaxed-parity tolerance (0: exact parity). */
    readonly tol: number;
  };
  /** The trade-off data of the last fit. */
  tradeoff: TradeoffData | undefined;

  constructor(options: ThresholdOptimizerOptions = {}) {
    const constraints = options.constraints ?? "demographicParity";
    const objective = options.objective ?? "accuracy";
    const gridSize = options.gridSize ?? 1000;
    const flip = options.flip ?? false;
    const tol = options.tol ?? 0;
    const degenerateGroups = options.degenerateGroups ?? "error";
    if (!Object.hasOwn(CONSTRAINT_METRIC, constraints)) {
      throw new RangeError(
        `ThresholdOptimizer: unknown constraints ${JSON.stringify(constraints)}; expected one of ${Object.keys(CONSTRAINT_METRIC).join(", ")}`,
      );
    }
    const allowed = constraints === "equalizedOdds" ? EQUALIZED_ODDS_OBJECTIVES : SIMPLE_OBJECTIVES;
    if (!allowed.includes(objective)) {
      throw new RangeError(
        `ThresholdOptimizer: objective ${JSON.stringify(objective)} is not available with ${constraints}; expected one of ${allowed.join(", ")}`,
      );
    }
    if (!Number.isInteger(gridSize) || gridSize < 1) {
      throw new RangeError("ThresholdOptimizer: gridSize must be a positive integer");
    }
    if (!(tol >= 0)) {
      throw new RangeError(`ThresholdOptimizer: tol must be >= 0, got ${tol}`);
    }
    if (tol > 0 && constraints === "equalizedOdds") {
      throw new RangeError(
        "ThresholdOptimizer: relaxed constraints (tol > 0) are not supported for equalizedOdds",
      );
    }
    if (degenerateGroups !== "error" && degenerateGroups !== "allow") {
      throw new RangeError(
        `ThresholdOptimizer: degenerateGroups must be "error" or "allow", got ${JSON.stringify(degenerateGroups)}`,
      );
    }
    this.options = { constraints, objective, gridSize, flip, tol, degenerateGroups };
  }

  /**
   * Fits the rule on labels, scores, sensitive features and optional sample weights (the same
   * input object as `groupMetrics`). Scores may be any finite numbers unless `scores:
   * "probability"` is passed.
   */
  fit(input: FairnessInput): ThresholdRule {
    return this.fitColumns(prepare({ scores: "margin", ...input }));
  }

  /**
   * Fits on prepared columns (labels, scores, optional weights, group codes). Groups without
   * rows are skipped; a group lacking either label is an error (Fairlearn's "degenerate labels")
   * unless `degenerateGroups: "allow"`.
   */
  fitColumns(columns: Columns): ThresholdRule {
    const { label, score, weight, group, groups } = columns;
    if (score === undefined) {
      throw new FairnessInputError([
        { code: "missing_field", path: ["yScore"], message: "ThresholdOptimizer needs scores" },
      ]);
    }
    const { constraints, objective, gridSize, flip, tol, degenerateGroups } = this.options;
    const count = groups.keys.length;
    const partition = partitionRows(group, count);
    const present: number[] = [];
    const groupRows: GroupRows[] = [];
    const degenerate: { code: number; onlyPositive: boolean }[] = [];
    const issues = new IssueCollector();
    for (let g = 0; g < count; g++) {
      const rows = partition.rows.subarray(partition.offsets[g]!, partition.offsets[g + 1]!);
      if (rows.length === 0) continue;
      const l = take(label, rows);
      const w = weight === undefined ? undefined : take(weight, rows);
      let positives = 0;
      let negatives = 0;
      for (let k = 0; k < l.length; k++) {
        const wk = w === undefined ? 1 : w[k]!;
        if (l[k] === 1) positives += wk;
        else negatives += wk;
      }
      if (positives === 0 || negatives === 0) {
        degenerate.push({ code: g, onlyPositive: negatives === 0 && positives > 0 });
        if (degenerateGroups === "allow") continue;
        issues.add(
          "degenerate_labels",
          ["yTrue"],
          `degenerate labels in group ${groupLabel(groups.keys[g]!)}: it has only ${positives === 0 ? "negative" : "positive"} labels (of positive weight), and every group needs both (or pass degenerateGroups: "allow")`,
        );
        continue;
      }
      present.push(g);
      groupRows.push({ score: take(score, rows), label: l, weight: w });
    }
    if (present.length === 0 && degenerate.length > 0) {
      issues.add(
        "degenerate_labels",
        ["yTrue"],
        "degenerate labels: no group has both label classes, so there is no rule to fit",
      );
    }
    issues.throwIfAny();
    const result = fitThresholds(groupRows, {
      constraint: CONSTRAINT_METRIC[constraints],
      objective,
      gridSize,
      flip,
      tol: tol === 0 ? undefined : tol,
    });
    const keys = present.map((g) => groups.keys[g]!);
    this.tradeoff = {
      grid: result.grid,
      curves: result.curves.map((y, i) => ({ group: keys[i]!, y })),
      overall: result.overall,
      chosen: { x: result.xBest, y: result.yBest },
    };
    const fitted = present.map((g, i) => ({
      code: g,
      rule: result.rules[i]!,
      constraintValue: result.xBestPerGroup[i]!,
    }));
    // The common constraint value (with tol: the middle of the groups' range, within tol of each).
    const common =
      result.xBest ?? (Math.min(...result.xBestPerGroup) + Math.max(...result.xBestPerGroup)) / 2;
    for (const { code, onlyPositive } of degenerate) {
      const metric = CONSTRAINT_METRIC[constraints];
      // Equalized odds: a group with only positives meets the common TPR y*, one with only
      // negatives the common FPR x*. Simple constraints: the constant P meeting x*.
      const p =
        metric === undefined
          ? onlyPositive
            ? result.yBest
            : common
          : metric === "trueNegativeRate" || metric === "falseNegativeRate"
            ? 1 - common
            : common;
      fitted.push({ code, rule: constantRule(p), constraintValue: common });
    }
    fitted.sort((a, b) => a.code - b.code);
    const constraintValueByGroup = fitted.map((f) => f.constraintValue);
    return new ThresholdRule(
      groups.featureNames,
      fitted.map((f) => ({ group: groups.keys[f.code]!, ...f.rule })),
      {
        method: "thresholdOptimizer",
        constraints,
        objective,
        gridSize,
        flip,
        tol: tol === 0 ? null : tol,
        weighted: weight !== undefined,
        constraintValue: result.xBest,
        objectiveValue: result.yBest,
        constraintValueByGroup,
        betweenGroups: Math.max(...constraintValueByGroup) - Math.min(...constraintValueByGroup),
      },
    );
  }
}

/** P(ŷ = 1) = p whatever the score: weight 1 − p on "never", p on "always". */
function constantRule(p: number): FittedGroupRule {
  return {
    p0: 1 - p,
    operation0: { operator: ">", threshold: Number.POSITIVE_INFINITY },
    p1: p,
    operation1: { operator: ">", threshold: Number.NEGATIVE_INFINITY },
  };
}
