/**
 * Equalized-odds post-processing of hard labels (Hardt, Price & Srebro 2016; AIF360's
 * `EqOddsPostprocessing`) for two or more groups: per group, the probabilities of keeping a
 * favorable prediction and of turning an unfavorable one favorable, found by a linear program.
 */

import { type Constraint, solve } from "yalps";
import type { Columns } from "../data/columns.js";
import { FairnessInputError, IssueCollector } from "../data/errors.js";
import type { FairnessInput } from "../data/inputTypes.js";
import { groupLabel } from "../data/levels.js";
import { prepare } from "../data/prepare.js";
import { listDisplay, type MimeBundle } from "../frame/display.js";
import { bernoulliDraws, randomSource } from "../uncertainty/random.js";
import {
  falseNegativeRate,
  falsePositiveRate,
  statsByGroup,
  trueNegativeRate,
  truePositiveRate,
} from "./postprocessingStats.js";
import { type FittedRule, StatefulRule } from "./rule.js";
import { type PredictionRuleInput, predictionColumn } from "./ruleInput.js";
import { parseRule, ruleSchemas } from "./ruleSchemas.js";
import type {
  EqualizedOddsGroup,
  EqualizedOddsJSON,
  EqualizedOddsLinearProgram,
} from "./ruleTypes.js";

export type { EqualizedOddsGroup, EqualizedOddsJSON, EqualizedOddsLinearProgram };

/**
 * Fits equalized-odds post-processing on hard predictions. With per-group rates TPR_g, FPR_g
 * (positive = favorable) and variables p_g = P(ỹ=1 | ŷ=1), q_g = P(ỹ=1 | ŷ=0), it minimises
 * Σ_g (FPR_g − TPR_g)·p_g + (TNR_g − FNR_g)·q_g (AIF360's objective: the sum over groups of
 * FPR̃ − TPR̃, not weighted by group size) subject to every group's TPR̃_g = TPR_g·p_g + FNR_g·q_g
 * and FPR̃_g = FPR_g·p_g + TNR_g·q_g being equal to the first group's, and 0 ≤ p, q ≤ 1.
 * Solved with yalps (simplex). Cost: O(n) plus a 2k-variable LP.
 *
 * @example
 * const rule = equalizedOddsPostprocessing({
 *   yTrue: [1, 1, 0, 0, 1, 1, 0, 0],
 *   yPred: [1, 1, 1, 0, 1, 0, 0, 0],
 *   sensitiveFeatures: ["a", "a", "a", "a", "b", "b", "b", "b"],
 * });
 * rule.toJSON().groups.map((g) => [g.keepFavorable, g.flipToFavorable].map((v) => v.toFixed(6)));
 * // => [["0.666667", "0.000000"], ["1.000000", "0.333333"]]
 *
 * @category Mitigation
 */
export function equalizedOddsPostprocessing(input: FairnessInput): EqualizedOddsRule {
  return equalizedOddsOfColumns(prepare(input));
}

/** {@link equalizedOddsPostprocessing} on prepared columns (label 1 = favorable). */
export function equalizedOddsOfColumns(columns: Columns): EqualizedOddsRule {
  const fn = "equalizedOddsPostprocessing";
  if (columns.pred === undefined) {
    throw new FairnessInputError([
      { code: "missing_field", path: ["yPred"], message: `${fn} needs hard predictions` },
    ]);
  }
  const stats = statsByGroup(columns, columns.pred);
  const present = stats.flatMap((s, g) => (s.rows > 0 ? [g] : []));
  const issues = new IssueCollector();
  for (const g of present) {
    const s = stats[g]!;
    if (s.positives === 0 || s.negatives === 0) {
      issues.add(
        "degenerate_labels",
        ["yTrue"],
        `${fn}: group ${groupLabel(columns.groups.keys[g]!)} lacks ${s.positives === 0 ? "favorable" : "unfavorable"} labels`,
      );
    }
  }
  if (present.length < 2)
    issues.add("invalid_option", ["sensitiveFeatures"], `${fn} needs two or more groups`);
  issues.throwIfAny();
  const rates = present.map((g) => {
    const s = stats[g]!;
    return {
      tpr: truePositiveRate(s),
      fpr: falsePositiveRate(s),
      tnr: trueNegativeRate(s),
      fnr: falseNegativeRate(s),
    };
  });
  const c = rates.flatMap((r) => [r.fpr - r.tpr, r.tnr - r.fnr]);
  const aEq: number[][] = [];
  const constraints = new Map<string, Constraint>();
  const variables = rates.flatMap(
    (_, j) =>
      [
        [
          `p${j}`,
          new Map<string, number>([
            ["cost", c[2 * j]!],
            [`ub_p${j}`, 1],
          ]),
        ],
        [
          `q${j}`,
          new Map<string, number>([
            ["cost", c[2 * j + 1]!],
            [`ub_q${j}`, 1],
          ]),
        ],
      ] as const,
  );
  rates.forEach((_, j) => {
    constraints.set(`ub_p${j}`, { max: 1 });
    constraints.set(`ub_q${j}`, { max: 1 });
  });
  const coefficient = (name: string) => variables.find(([v]) => v === name)![1];
  for (let j = 1; j < rates.length; j++) {
    const r0 = rates[0]!;
    const r = rates[j]!;
    const tprRow = new Array<number>(2 * rates.length).fill(0);
    const fprRow = new Array<number>(2 * rates.length).fill(0);
    tprRow[0] = r0.tpr;
    tprRow[1] = r0.fnr;
    tprRow[2 * j] = -r.tpr;
    tprRow[2 * j + 1] = -r.fnr;
    fprRow[0] = r0.fpr;
    fprRow[1] = r0.tnr;
    fprRow[2 * j] = -r.fpr;
    fprRow[2 * j + 1] = -r.tnr;
    aEq.push(tprRow, fprRow);
    for (const [row, name] of [
      [tprRow, `tpr${j}`],
      [fprRow, `fpr${j}`],
    ] as const) {
      constraints.set(name, { equal: 0 });
      row.forEach((a, v) => {
        if (a !== 0) coefficient(`${v % 2 === 0 ? "p" : "q"}${v >> 1}`).set(name, a);
      });
    }
  }
  const solution = solve(
    { direction: "minimize", objective: "cost", constraints, variables },
    { includeZeroVariables: true, precision: 1e-12 },
  );
  if (solution.status !== "optimal") {
    throw new Error(`${fn}: the linear program ended with status ${solution.status}`);
  }
  const value = new Map(solution.variables);
  const x = polishVertex(
    aEq,
    rates.flatMap((_, j) => [value.get(`p${j}`) ?? 0, value.get(`q${j}`) ?? 0]),
  );
  const groups = present.map((g, j) => {
    const r = rates[j]!;
    const p = x[2 * j]!;
    const q = x[2 * j + 1]!;
    return {
      group: [...columns.groups.keys[g]!],
      keepFavorable: p,
      flipToFavorable: q,
      truePositiveRate: r.tpr,
      falsePositiveRate: r.fpr,
      truePositiveRateAfter: r.tpr * p + r.fnr * q,
      falsePositiveRateAfter: r.fpr * p + r.tnr * q,
    };
  });
  return new EqualizedOddsRule({
    format: "fairscope.equalizedOddsPostprocessing/1",
    featureNames: [...columns.groups.featureNames],
    groups,
    linearProgram: {
      c,
      aEq,
      objective: groups.reduce(
        (a, g, j) => a + c[2 * j]! * g.keepFavorable + c[2 * j + 1]! * g.flipToFavorable,
        0,
      ),
    },
  });
}

/**
 * yalps rounds its solution to its precision (1e-12). The optimum is a vertex: variables at a
 * bound stay there and the others solve the equality rows exactly, so they are recomputed by
 * Gaussian elimination with partial pivoting. The polished point is kept only when it is
 * feasible (within 1e-9); otherwise the solver's (clipped) values are returned.
 */
function polishVertex(aEq: readonly (readonly number[])[], solved: readonly number[]): number[] {
  const clip = (v: number) => Math.min(1, Math.max(0, v));
  const fallback = solved.map(clip);
  const fixed = solved.map((v) => (v < 1e-9 ? 0 : v > 1 - 1e-9 ? 1 : Number.NaN));
  const free = fixed.flatMap((v, i) => (Number.isNaN(v) ? [i] : []));
  if (free.length === 0 || free.length > aEq.length) return fallback;
  // Augmented system A_F x_F = −A_B x_B.
  const rows = aEq.map((row) => {
    let rhs = 0;
    row.forEach((a, i) => {
      if (!Number.isNaN(fixed[i]!)) rhs -= a * fixed[i]!;
    });
    return [...free.map((i) => row[i]!), rhs];
  });
  const f = free.length;
  for (let col = 0; col < f; col++) {
    let pivot = col;
    for (let r = col + 1; r < rows.length; r++) {
      if (Math.abs(rows[r]![col]!) > Math.abs(rows[pivot]![col]!)) pivot = r;
    }
    if (Math.abs(rows[pivot]![col]!) < 1e-12) return fallback;
    [rows[col], rows[pivot]] = [rows[pivot]!, rows[col]!];
    const p = rows[col]!;
    for (let r = 0; r < rows.length; r++) {
      if (r === col) continue;
      const factor = rows[r]![col]! / p[col]!;
      if (factor === 0) continue;
      for (let c = col; c <= f; c++) rows[r]![c]! -= factor * p[c]!;
    }
  }
  const out = fixed.slice();
  free.forEach((i, k) => {
    out[i] = rows[k]![f]! / rows[k]![k]!;
  });
  const feasible =
    out.every((v) => v > -1e-9 && v < 1 + 1e-9) &&
    rows.slice(f).every((row) => Math.abs(row[f]!) < 1e-9) &&
    aEq.every((row) => Math.abs(row.reduce((a, c, i) => a + c * out[i]!, 0)) < 1e-9);
  return feasible ? out.map(clip) : fallback;
}

/**
 * Options of `EqualizedOddsRule.predict`.
 *
 * @category Mitigation
 */
export interface EqualizedOddsPredictOptions {
  /** Seed of the random labels (fairscope's `randomSource`). */
  readonly seed: number;
}

/**
 * A fitted equalized-odds post-processor (plain JSON).
 *
 * @category Mitigation
 */
export class EqualizedOddsRule
  extends StatefulRule<EqualizedOddsJSON>
  implements FittedRule<PredictionRuleInput, EqualizedOddsPredictOptions, EqualizedOddsJSON>
{
  /** Reads a state written by `toJSON`, validated (FairnessInputError on a malformed rule). */
  static fromJSON(json: unknown): EqualizedOddsRule {
    return new EqualizedOddsRule(parseRule(ruleSchemas().EqualizedOddsSchema, json));
  }

  /** P(favorable) per row: keepFavorable where the prediction is favorable, else flipToFavorable. */
  predictProba(rows: PredictionRuleInput): Float64Array {
    const pred = predictionColumn(rows.yPred);
    const groups = this.groupsOf(rows.sensitiveFeatures, pred.length);
    return Float64Array.from(pred, (favorable, i) => {
      const group = groups[i]!;
      return favorable === 1 ? group.keepFavorable : group.flipToFavorable;
    });
  }

  /**
   * Seeded labels, each drawn independently from `predictProba` (AIF360 instead flips exactly
   * ⌊count · probability⌋ randomly chosen rows per group).
   */
  predict(rows: PredictionRuleInput, options: EqualizedOddsPredictOptions): Uint8Array {
    if (!Number.isInteger(options.seed)) throw new TypeError("predict: seed must be an integer");
    const p = this.predictProba(rows);
    return bernoulliDraws(p, randomSource(options.seed));
  }

  /** Deno Jupyter display: the rule in words ({@link explain}), as HTML and text. */
  [Symbol.for("Jupyter.display")](): MimeBundle {
    return listDisplay("EqualizedOddsRule", this.explain());
  }

  /** Each group's flips in words. */
  explain(): string[] {
    return this.state.groups.map((g) => {
      const name = g.group.map(String).join(", ");
      return `group ${name}: favorable predictions stay favorable with probability ${formatNumber(g.keepFavorable)}; unfavorable predictions become favorable with probability ${formatNumber(g.flipToFavorable)}`;
    });
  }
}

/** @deprecated Use {@link EqualizedOddsRule}. */
export const EqOddsRule = EqualizedOddsRule;
/** @deprecated Use {@link EqualizedOddsRule}. */
export type EqOddsRule = EqualizedOddsRule;

function formatNumber(v: number): string {
  return String(Number(v.toPrecision(6)));
}
