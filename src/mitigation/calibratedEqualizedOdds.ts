/**
 * Calibrated equalized odds (Pleiss, Raghavan, Wu, Kleinberg & Weinberger 2017) for two or more
 * groups: each group but the costliest is randomly moved toward its base-rate predictor until
 * its cost equals the costliest group's, which keeps calibration in expectation.
 */

import { calibrationByGroup } from "../calibration/byGroup.js";
import type { Columns } from "../data/columns.js";
import { FairnessInputError, IssueCollector } from "../data/errors.js";
import type { FairnessInput } from "../data/inputTypes.js";
import { groupLabel } from "../data/levels.js";
import { prepare } from "../data/prepare.js";
import { listDisplay, type MimeBundle } from "../frame/display.js";
import { randomSource } from "../uncertainty/random.js";
import {
  baseRate,
  generalizedFalseNegativeRate,
  generalizedFalsePositiveRate,
  statsByGroup,
} from "./postprocessingStats.js";
import { type FittedRule, StatefulRule } from "./rule.js";
import { type RuleInput, scoreColumn } from "./ruleInput.js";
import { parseRule, ruleSchemas } from "./ruleSchemas.js";
import type {
  CalibratedEqualizedOddsGroup,
  CalibratedEqualizedOddsJSON,
  CostConstraint,
} from "./ruleTypes.js";

export type { CalibratedEqualizedOddsGroup, CalibratedEqualizedOddsJSON, CostConstraint };

/**
 * Options of {@link calibratedEqualizedOdds}.
 *
 * @category Mitigation
 */
export interface CalibratedEqualizedOddsOptions {
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
 *
 * @category Mitigation
 */
export function calibratedEqualizedOdds(
  input: FairnessInput,
  options: CalibratedEqualizedOddsOptions = {},
): CalibratedEqualizedOddsRule {
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
  return new CalibratedEqualizedOddsRule({ ...rule.state, groups, warnings });
}

/** {@link calibratedEqualizedOdds} on prepared columns (label 1 = favorable). */
export function calibratedEqOddsOfColumns(
  columns: Columns,
  options: CalibratedEqualizedOddsOptions = {},
): CalibratedEqualizedOddsRule {
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
  // The trivial predictor's generalized rates: every score of the group replaced by br, so
  // GFPR = br and GFNR = 1 − br.
  const br = stats.map((s) => baseRate(s));
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
        "degenerate_labels",
        ["yTrue"],
        `${fn}: group ${groupLabel(columns.groups.keys[g]!)} lacks ${s.positives === 0 ? "favorable" : "unfavorable"} labels`,
      );
    }
    present.push(g);
  });
  issues.throwIfAny();
  const costs = present.map((g) =>
    cost(generalizedFalsePositiveRate(stats[g]!), generalizedFalseNegativeRate(stats[g]!), br[g]!),
  );
  const trivial = present.map((g) => cost(br[g]!, 1 - br[g]!, br[g]!));
  const worst = costs.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
  const groups = present.map((g, j) => {
    const c = costs[j]!;
    const raw = c < worst ? (worst - c) / (trivial[j]! - c) : 0;
    return {
      group: [...columns.groups.keys[g]!],
      baseRate: br[g]!,
      calibrationGap: stats[g]!.scoreSum / stats[g]!.n - br[g]!,
      cost: c,
      trivialCost: trivial[j]!,
      rawMixRate: raw,
      mixRate: Math.min(1, Math.max(0, raw)),
    };
  });
  return new CalibratedEqualizedOddsRule({
    format: "fairscope.calibratedEqualizedOdds/1",
    featureNames: [...columns.groups.featureNames],
    costConstraint,
    groups,
    warnings: [],
  });
}

/** Options of `CalibratedEqualizedOddsRule.predict`. */
export interface CalibratedEqualizedOddsPredictOptions {
  /** Seed of the random mixing (fairscope's `randomSource`). */
  readonly seed: number;
  /** Scores at or above it are favorable. @defaultValue 0.5 */
  readonly threshold?: number;
}

/**
 * A fitted calibrated-equalized-odds rule (plain JSON).
 *
 * @category Mitigation
 */
export class CalibratedEqualizedOddsRule
  extends StatefulRule<CalibratedEqualizedOddsJSON>
  implements
    FittedRule<RuleInput, CalibratedEqualizedOddsPredictOptions, CalibratedEqualizedOddsJSON>
{
  /** Reads a state written by `toJSON`, validated (FairnessInputError on a malformed rule). */
  static fromJSON(json: unknown): CalibratedEqualizedOddsRule {
    return new CalibratedEqualizedOddsRule(
      parseRule(ruleSchemas().CalibratedEqualizedOddsSchema, json),
    );
  }

  /** Each row's validated score and fitted group. */
  #rows(rows: RuleInput): { score: Float64Array; groups: CalibratedEqualizedOddsGroup[] } {
    const score = scoreColumn(rows.yScore);
    return { score, groups: this.groupsOf(rows.sensitiveFeatures, score.length) };
  }

  /** E[score after mixing] = (1 − α)·score + α·baseRate (calibrated in expectation). */
  expectedScore(rows: RuleInput): Float64Array {
    const { score, groups } = this.#rows(rows);
    return Float64Array.from(score, (s, i) => {
      const group = groups[i]!;
      return (1 - group.mixRate) * s + group.mixRate * group.baseRate;
    });
  }

  /** P(favorable) at a threshold: (1 − α)·[score ≥ t] + α·[baseRate ≥ t]. @defaultValue threshold 0.5 */
  predictProba(rows: RuleInput, threshold = 0.5): Float64Array {
    const { score, groups } = this.#rows(rows);
    return Float64Array.from(score, (s, i) => {
      const group = groups[i]!;
      const q = group.mixRate;
      return (1 - q) * (s >= threshold ? 1 : 0) + q * (group.baseRate >= threshold ? 1 : 0);
    });
  }

  /** Seeded labels: with probability α the score is replaced by the base rate, then `>= threshold`. */
  predict(rows: RuleInput, options: CalibratedEqualizedOddsPredictOptions): Uint8Array {
    if (!Number.isInteger(options.seed)) throw new TypeError("predict: seed must be an integer");
    const threshold = options.threshold ?? 0.5;
    const { score, groups } = this.#rows(rows);
    const rng = randomSource(options.seed);
    return Uint8Array.from(score, (s, i) => {
      const group = groups[i]!;
      const mixed = rng.uniform() < group.mixRate ? group.baseRate : s;
      return mixed >= threshold ? 1 : 0;
    });
  }

  /** Deno Jupyter display: the rule in words ({@link explain}), as HTML and text. */
  [Symbol.for("Jupyter.display")](): MimeBundle {
    return listDisplay("CalibratedEqualizedOddsRule", this.explain());
  }

  /** Each group's mixing in words. */
  explain(): string[] {
    return this.state.groups.map((g) => {
      const name = g.group.map(String).join(", ");
      if (g.mixRate === 0) return `group ${name}: scores kept`;
      return `group ${name}: with probability ${formatNumber(g.mixRate)} the score is replaced by the base rate ${formatNumber(g.baseRate)}`;
    });
  }
}

/** @deprecated Use {@link CalibratedEqualizedOddsRule}. */
export const CalibratedEqOddsRule = CalibratedEqualizedOddsRule;
/** @deprecated Use {@link CalibratedEqualizedOddsRule}. */
export type CalibratedEqOddsRule = CalibratedEqualizedOddsRule;
/** @deprecated Use {@link CalibratedEqualizedOddsOptions}. */
export type CalibratedEqOddsOptions = CalibratedEqualizedOddsOptions;

function formatNumber(v: number): string {
  return String(Number(v.toPrecision(6)));
}
