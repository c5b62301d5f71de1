/**
 * Calibrated equalized odds (Pleiss, Raghavan, Wu, Kleinberg & Weinberger 2017) for two or more
 * groups: each group but the costliest is randomly moved toward its base-rate predictor until
 * its cost equals the costliest group's, which keeps calibration in expectation.
 */

import { calibrationByGroup } from "../calibration/byGroup.js";
import type { Columns, Level } from "../data/columns.js";
import { FairnessInputError, IssueCollector } from "../data/errors.js";
import { prepare } from "../data/prepare.js";
import type { FairnessInput } from "../data/schema.js";
import { randomSource } from "../uncertainty/random.js";
import { lookupGroups, type RawFeatures } from "./groupLookup.js";
import {
  baseRate,
  generalizedFalseNegativeRate,
  generalizedFalsePositiveRate,
  statsByGroup,
} from "./postprocessingStats.js";
import { CalibratedEqOddsSchema, parseRule } from "./ruleSchemas.js";

/** Which error the groups' costs measure (AIF360's `cost_constraint`). */
export type CostConstraint = "fnr" | "fpr" | "weighted";

/** One group of a fitted calibrated-equalized-odds rule. */
export interface CalibratedEqOddsGroup {
  /** The group's levels, one per feature. */
  readonly group: readonly Level[];
  /** Weighted share of favorable true labels. */
  readonly baseRate: number;
  /** Mean score minus base rate: far from 0 means the scores are not calibrated in this group. */
  readonly calibrationGap: number;
  /**
   * From `calibrationByGroup` (fitted through the public function): the group's expected
   * calibration error (10 uniform bins) and Hosmer–Lemeshow p-value.
   */
  readonly calibration?: {
    /** Expected calibration error on 10 uniform bins. */
    readonly expectedCalibrationError: number;
    /** Hosmer–Lemeshow test p-value. */
    readonly hosmerLemeshowPValue: number;
  };
  /** The group's cost under `costConstraint` with its own scores. */
  readonly cost: number;
  /** Cost when every score of the group is its base rate. */
  readonly trivialCost: number;
  /** AIF360's mixing rate, not clipped (can exceed 1 when the target cost is out of reach). */
  readonly rawMixRate: number;
  /** Probability of replacing a score by the base rate: `rawMixRate` clipped to [0, 1]. */
  readonly mixRate: number;
}

/** A fitted calibrated-equalized-odds rule as plain JSON. */
export interface CalibratedEqOddsJSON {
  /** Format tag and version. */
  readonly format: "fairscope.calibratedEqualizedOdds/1";
  /** Sensitive feature names, in key order. */
  readonly featureNames: readonly string[];
  /** The cost equalized across groups. */
  readonly costConstraint: CostConstraint;
  /** Every group seen at fit time. */
  readonly groups: readonly CalibratedEqOddsGroup[];
  /** Groups whose scores fail the Hosmer–Lemeshow test at the 1% level, in words. */
  readonly warnings: readonly string[];
}

/** Options of {@link calibratedEqualizedOdds}. */
export interface CalibratedEqOddsOptions {
  /** The cost equalized across groups. @defaultValue "weighted" */
  readonly costConstraint?: CostConstraint;
}

/**
 * Fits calibrated equalized odds. Costs per group (AIF360's definitions, on weighted counts):
 * `fnr` → GFNR = mean (1 − score) over favorable labels; `fpr` → GFPR = mean score over
 * unfavorable labels; `weighted` → ½·GFPR·(1 − br) + ½·GFNR·br. The trivial cost replaces each
 * score by the group's base rate br. The costliest group keeps its scores; every other group g
 * gets `α_g = (c_max − c_g) / (c̄_g − c_g)` (AIF360's two-group formula, applied to each group
 * against the costliest). Cost: O(n).
 *
 * @example
 * calibratedEqualizedOdds(
 *   { yTrue: [1, 0, 1, 0], yScore: [0.8, 0.4, 0.6, 0.2], sensitiveFeatures: ["a", "a", "b", "b"] },
 *   { costConstraint: "fpr" },
 * ).toJSON().groups.map((g) => g.mixRate); // => [0, 0.6666666666666667]
 */
export function calibratedEqualizedOdds(
  input: FairnessInput,
  options: CalibratedEqOddsOptions = {},
): CalibratedEqOddsRule {
  const rule = calibratedEqOddsOfColumns(prepare(input), options);
  // The method assumes calibrated scores: check each group with the calibration module.
  const calibration = calibrationByGroup(input);
  const byKey = new Map(calibration.byGroup.map((g) => [JSON.stringify(g.key), g]));
  const warnings: string[] = [];
  const groups = rule.state.groups.map((g) => {
    const summary = byKey.get(JSON.stringify(g.group))?.summary;
    if (summary === undefined) return g;
    const pValue = summary.hosmerLemeshow.pValue;
    if (pValue < 0.01) {
      warnings.push(
        `group ${g.group.map(String).join(", ")}: scores do not look calibrated (Hosmer–Lemeshow p = ${pValue.toPrecision(3)}); calibrated equalized odds assumes calibrated scores`,
      );
    }
    return {
      ...g,
      calibration: {
        expectedCalibrationError: summary.expectedCalibrationError,
        hosmerLemeshowPValue: pValue,
      },
    };
  });
  return new CalibratedEqOddsRule({ ...rule.state, groups, warnings });
}

/** {@link calibratedEqualizedOdds} on prepared columns (label 1 = favorable). */
export function calibratedEqOddsOfColumns(
  columns: Columns,
  options: CalibratedEqOddsOptions = {},
): CalibratedEqOddsRule {
  const fn = "calibratedEqualizedOdds";
  const costConstraint = options.costConstraint ?? "weighted";
  if (!["fnr", "fpr", "weighted"].includes(costConstraint)) {
    throw new RangeError(`${fn}: costConstraint must be "fnr", "fpr" or "weighted"`);
  }
  if (columns.score === undefined) {
    throw new FairnessInputError([
      { code: "missing_field", path: ["yScore"], message: `${fn} needs calibrated scores` },
    ]);
  }
  const [fpRate, fnRate] =
    costConstraint === "fnr" ? [0, 1] : costConstraint === "fpr" ? [1, 0] : [1, 1];
  const norm = fpRate !== 0 && fnRate !== 0 ? fpRate + fnRate : 1;
  const stats = statsByGroup(columns, undefined);
  const scoreSum = new Float64Array(stats.length);
  for (let i = 0; i < columns.n; i++) {
    const w = columns.weight === undefined ? 1 : columns.weight[i]!;
    scoreSum[columns.group[i]!]! += w * columns.score[i]!;
  }
  // The trivial predictor's generalized rates: every score of the group replaced by br.
  const trivialNeg = new Float64Array(stats.length);
  const trivialMiss = new Float64Array(stats.length);
  const br = stats.map((s) => baseRate(s));
  for (let i = 0; i < columns.n; i++) {
    const g = columns.group[i]!;
    const w = columns.weight === undefined ? 1 : columns.weight[i]!;
    if (columns.label[i] === 1) trivialMiss[g]! += w * (1 - br[g]!);
    else trivialNeg[g]! += w * br[g]!;
  }
  const issues = new IssueCollector();
  const cost = (gfpr: number, gfnr: number, b: number) =>
    fnRate === 0
      ? gfpr
      : fpRate === 0
        ? gfnr
        : (fpRate / norm) * gfpr * (1 - b) + (fnRate / norm) * gfnr * b;
  const present: number[] = [];
  stats.forEach((s, g) => {
    if (s.rows === 0) return;
    if (s.positives === 0 || s.negatives === 0) {
      issues.add(
        "not_binary",
        ["yTrue"],
        `${fn}: group ${JSON.stringify(columns.groups.keys[g])} lacks ${s.positives === 0 ? "favorable" : "unfavorable"} labels`,
      );
    }
    present.push(g);
  });
  issues.throwIfAny();
  const costs = present.map((g) =>
    cost(generalizedFalsePositiveRate(stats[g]!), generalizedFalseNegativeRate(stats[g]!), br[g]!),
  );
  const trivial = present.map((g) =>
    cost(trivialNeg[g]! / stats[g]!.negatives, trivialMiss[g]! / stats[g]!.positives, br[g]!),
  );
  const worst = Math.max(...costs);
  const groups = present.map((g, j) => {
    const c = costs[j]!;
    const raw = c < worst ? (worst - c) / (trivial[j]! - c) : 0;
    return {
      group: columns.groups.keys[g]!,
      baseRate: br[g]!,
      calibrationGap: scoreSum[g]! / stats[g]!.n - br[g]!,
      cost: c,
      trivialCost: trivial[j]!,
      rawMixRate: raw,
      mixRate: Math.min(1, Math.max(0, raw)),
    };
  });
  return new CalibratedEqOddsRule({
    format: "fairscope.calibratedEqualizedOdds/1",
    featureNames: [...columns.groups.featureNames],
    costConstraint,
    groups,
    warnings: [],
  });
}

/**
 * Rows to adjust: scores and the sensitive features seen at fit time.
 * @inline
 */
interface ScoreRows {
  /** Scores of the favorable class, in [0, 1]. */
  readonly yScore: ArrayLike<number>;
  /** One array (single feature), or a record of arrays by feature name. */
  readonly sensitiveFeatures: RawFeatures;
}

/** A fitted calibrated-equalized-odds rule (plain JSON). */
export class CalibratedEqOddsRule {
  /** The fitted rule. */
  readonly state: CalibratedEqOddsJSON;

  constructor(state: CalibratedEqOddsJSON) {
    this.state = state;
  }

  /** Reads a state written by `toJSON`, validated (FairnessInputError on a malformed rule). */
  static fromJSON(json: unknown): CalibratedEqOddsRule {
    return new CalibratedEqOddsRule(
      parseRule(CalibratedEqOddsSchema, json) as CalibratedEqOddsJSON,
    );
  }

  /** The fitted rule as plain JSON (read back with `fromJSON`). */
  toJSON(): CalibratedEqOddsJSON {
    return this.state;
  }

  #groupsOf(rows: ScoreRows): Int32Array {
    return lookupGroups(
      this.state.featureNames,
      this.state.groups.map((g) => g.group),
      rows.sensitiveFeatures,
      rows.yScore.length,
    );
  }

  /** E[score after mixing] = (1 − α)·score + α·baseRate (calibrated in expectation). */
  expectedScore(rows: ScoreRows): Float64Array {
    const g = this.#groupsOf(rows);
    return Float64Array.from(rows.yScore, (s, i) => {
      const group = this.state.groups[g[i]!]!;
      return (1 - group.mixRate) * s + group.mixRate * group.baseRate;
    });
  }

  /** P(favorable) at a threshold: (1 − α)·[score ≥ t] + α·[baseRate ≥ t]. @defaultValue threshold 0.5 */
  predictProba(rows: ScoreRows, threshold = 0.5): Float64Array {
    const g = this.#groupsOf(rows);
    return Float64Array.from(rows.yScore, (s, i) => {
      const group = this.state.groups[g[i]!]!;
      const q = group.mixRate;
      return (1 - q) * (s >= threshold ? 1 : 0) + q * (group.baseRate >= threshold ? 1 : 0);
    });
  }

  /** Seeded labels: with probability α the score is replaced by the base rate, then `>= threshold`. */
  predict(
    rows: ScoreRows,
    options: { readonly seed: number; readonly threshold?: number },
  ): Uint8Array {
    if (!Number.isInteger(options.seed)) throw new TypeError("predict: seed must be an integer");
    const threshold = options.threshold ?? 0.5;
    const g = this.#groupsOf(rows);
    const rng = randomSource(options.seed);
    return Uint8Array.from(rows.yScore, (s, i) => {
      const group = this.state.groups[g[i]!]!;
      const score = rng.uniform() < group.mixRate ? group.baseRate : s;
      return score >= threshold ? 1 : 0;
    });
  }
}
