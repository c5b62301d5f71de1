/**
 * A fitted per-group randomised threshold rule, as plain JSON: what ThresholdOptimizer and
 * group thresholds produce, and what a Node service or a browser loads to score new rows.
 */

import type { Level } from "../data/columns.js";
import { listDisplay, type MimeBundle } from "../frame/display.js";
import { bernoulliDraws, randomSource } from "../uncertainty/random.js";
import { GroupLookup } from "./groupLookup.js";
import type { FittedRule } from "./rule.js";
import { type RuleInput, scoreColumn } from "./ruleInput.js";

export type { RuleInput };

import { parseRule, ruleSchemas } from "./ruleSchemas.js";
import type {
  JSONThreshold,
  RuleFitSummaryJSON,
  ThresholdOperationJSON,
  ThresholdRuleJSON,
} from "./ruleTypes.js";
import type { ThresholdOperation } from "./thresholdOperation.js";
import type { FittedGroupRule } from "./thresholdOptimizerKernel.js";
import { ruleProbability } from "./thresholdOptimizerKernel.js";

function encodeThreshold(t: number): JSONThreshold {
  if (t === Number.POSITIVE_INFINITY) return "Infinity";
  if (t === Number.NEGATIVE_INFINITY) return "-Infinity";
  return t;
}

function decodeThreshold(t: JSONThreshold): number {
  if (t === "Infinity") return Number.POSITIVE_INFINITY;
  if (t === "-Infinity") return Number.NEGATIVE_INFINITY;
  return t;
}

function toOperation(op: ThresholdOperationJSON): ThresholdOperation {
  return { operator: op.operator, threshold: decodeThreshold(op.threshold) };
}

function toOperationJSON(op: ThresholdOperation): ThresholdOperationJSON {
  return { operator: op.operator, threshold: encodeThreshold(op.threshold) };
}

/** Options of `ThresholdRule.predictProba`. */
export interface PredictProbaOptions {
  /**
   * Rows whose group was not seen at fit time: `"error"` (default) throws a FairnessInputError
   * naming the rows; `{ probability }` gives them that probability of a positive prediction.
   * @defaultValue "error"
   */
  readonly unseenGroup?:
    | "error"
    | {
        /** P(ŷ = 1) given to rows of unseen groups. */
        readonly probability: number;
      };
}

/** Options of `ThresholdRule.predict`. */
export interface PredictOptions extends PredictProbaOptions {
  /** Seed of the random labels (fairscope's `randomSource`). */
  readonly seed: number;
}

/**
 * A fitted per-group threshold rule. Plain JSON in and out (`toJSON` / `fromJSON`); the
 * deterministic output is `predictProba`, and `predict` draws labels from it with a seed.
 *
 * @category Mitigation
 */
export class ThresholdRule implements FittedRule<RuleInput, PredictOptions, ThresholdRuleJSON> {
  /** Sensitive feature names, in key order. */
  readonly featureNames: readonly string[];
  /** One rule per group seen at fit time. */
  readonly groups: readonly (FittedGroupRule & {
    /** One level per sensitive feature. */
    readonly group: readonly Level[];
  })[];
  /** How the rule was fitted (undefined for rules written by hand). */
  readonly fit: RuleFitSummaryJSON | undefined;
  readonly #lookup: GroupLookup;

  /** @throws FairnessInputError when a group is listed twice or has the wrong number of levels */
  constructor(
    featureNames: readonly string[],
    groups: readonly (FittedGroupRule & { readonly group: readonly Level[] })[],
    fit?: RuleFitSummaryJSON,
  ) {
    this.featureNames = featureNames;
    this.groups = groups;
    this.fit = fit;
    this.#lookup = new GroupLookup(
      featureNames,
      groups.map((g) => g.group),
    );
  }

  /**
   * Reads a rule written by `toJSON`, validated with `ThresholdRuleSchema` (`fairscope/schemas`) and for
   * consistency (p0 + p1 = 1, one level per feature, each group once).
   *
   * @example
   * const rule = ThresholdRule.fromJSON({
   *   format: "fairscope.thresholdRule/1",
   *   featureNames: ["group"],
   *   groups: [{ group: ["a"], p0: 1, operation0: { operator: ">=", threshold: 0.5 }, p1: 0, operation1: { operator: ">", threshold: "Infinity" } }],
   * });
   * rule.predictProba({ yScore: [0.4, 0.5], sensitiveFeatures: ["a", "a"] }); // => Float64Array [0, 1]
   */
  static fromJSON(json: unknown): ThresholdRule {
    const value = parseRule(ruleSchemas().ThresholdRuleSchema, json);
    return new ThresholdRule(
      value.featureNames,
      value.groups.map((g) => ({
        group: g.group,
        p0: g.p0,
        operation0: toOperation(g.operation0),
        p1: g.p1,
        operation1: toOperation(g.operation1),
        ...(g.pIgnore === undefined ? {} : { pIgnore: g.pIgnore }),
        ...(g.predictionConstant === undefined ? {} : { predictionConstant: g.predictionConstant }),
      })),
      value.fit,
    );
  }

  /** The rule as plain JSON (infinite thresholds as the strings "Infinity" / "-Infinity"). */
  toJSON(): ThresholdRuleJSON {
    return {
      format: "fairscope.thresholdRule/1",
      featureNames: [...this.featureNames],
      groups: this.groups.map((g) => ({
        group: [...g.group],
        p0: g.p0,
        operation0: toOperationJSON(g.operation0),
        p1: g.p1,
        operation1: toOperationJSON(g.operation1),
        ...(g.pIgnore === undefined ? {} : { pIgnore: g.pIgnore }),
        ...(g.predictionConstant === undefined ? {} : { predictionConstant: g.predictionConstant }),
      })),
      ...(this.fit === undefined ? {} : { fit: this.fit }),
    };
  }

  /**
   * P(ŷ = 1) for every row: `p0·[op0(s)] + p1·[op1(s)]`, then, for equalized odds,
   * `pIgnore·predictionConstant + (1 − pIgnore)·P` (Fairlearn's `_pmf_predict`). Unseen groups
   * are an error unless `unseenGroup` gives a probability. Cost: O(n · features).
   *
   * @example
   * const half = { operator: ">", threshold: Number.POSITIVE_INFINITY };
   * const rule = new ThresholdRule(["group"], [
   *   { group: ["a"], p0: 0.5, operation0: { operator: ">", threshold: 0.3 }, p1: 0.5, operation1: half },
   * ]);
   * rule.predictProba({ yScore: [0.2, 0.9], sensitiveFeatures: ["a", "a"] }); // => Float64Array [0, 0.5]
   */
  predictProba(input: RuleInput, options: PredictProbaOptions = {}): Float64Array {
    const unseen = options.unseenGroup ?? "error";
    if (unseen !== "error" && !(unseen.probability >= 0 && unseen.probability <= 1)) {
      throw new RangeError("predictProba: unseenGroup.probability must lie in [0, 1]");
    }
    const score = scoreColumn(input.yScore);
    const codes = this.#lookup.codes(input.sensitiveFeatures, score.length, unseen !== "error");
    const out = new Float64Array(score.length);
    for (let i = 0; i < score.length; i++) {
      const g = codes[i]!;
      out[i] =
        g === -1
          ? (unseen as { probability: number }).probability
          : ruleProbability(this.groups[g]!, score[i]!);
    }
    return out;
  }

  /**
   * Random labels drawn from `predictProba`: ŷ = 1 when u < P with u uniform on [0, 1) from a
   * seeded `randomSource`, so the same seed gives the same labels.
   *
   * @example
   * const always = { operator: ">", threshold: Number.NEGATIVE_INFINITY };
   * const rule = new ThresholdRule(["group"], [{ group: ["a"], p0: 1, operation0: always, p1: 0, operation1: always }]);
   * rule.predict({ yScore: [0.1, 0.7], sensitiveFeatures: ["a", "a"] }, { seed: 42 }); // => Uint8Array [1, 1]
   */
  predict(input: RuleInput, options: PredictOptions): Uint8Array {
    if (!Number.isInteger(options.seed)) throw new TypeError("predict: seed must be an integer");
    const p = this.predictProba(input, options);
    return bernoulliDraws(p, randomSource(options.seed));
  }

  /** Deno Jupyter display: the rule in words ({@link explain}), as HTML and text. */
  [Symbol.for("Jupyter.display")](): MimeBundle {
    return listDisplay("ThresholdRule", this.explain());
  }

  /**
   * Each group's rule in words, e.g.
   * `group B: score ≤ 0.5 → positive with probability 0.00133; score > 0.5 → positive`.
   */
  explain(): string[] {
    return this.groups.map((g) => {
      const name = g.group.map(String).join(", ");
      return `group ${name}: ${describe(g)}`;
    });
  }
}

function formatNumber(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(6))) : String(v);
}

/** Piecewise-constant P(ŷ=1) over the score axis, phrased interval by interval. */
function describe(rule: FittedGroupRule): string {
  const cuts = [...new Set([rule.operation0.threshold, rule.operation1.threshold])]
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  // Pieces: (−∞, c0), {c0}, (c0, c1), {c1}, …, (ck, ∞), each with its probability.
  const pieces: { lo: number; hi: number; loIn: boolean; hiIn: boolean; p: number }[] = [];
  const at = (s: number) => ruleProbability(rule, s);
  let lo = Number.NEGATIVE_INFINITY;
  for (const c of cuts) {
    const inside = lo === Number.NEGATIVE_INFINITY ? c - 1 : (lo + c) / 2;
    pieces.push({ lo, hi: c, loIn: false, hiIn: false, p: at(inside) });
    pieces.push({ lo: c, hi: c, loIn: true, hiIn: true, p: at(c) });
    lo = c;
  }
  pieces.push({
    lo,
    hi: Number.POSITIVE_INFINITY,
    loIn: false,
    hiIn: false,
    p: at(lo === Number.NEGATIVE_INFINITY ? 0 : lo + 1),
  });
  const merged: typeof pieces = [];
  for (const piece of pieces) {
    const last = merged[merged.length - 1];
    if (last !== undefined && last.p === piece.p) {
      merged[merged.length - 1] = { ...last, hi: piece.hi, hiIn: piece.hiIn };
    } else {
      merged.push(piece);
    }
  }
  const outcome = (p: number) =>
    p === 1 ? "positive" : p === 0 ? "negative" : `positive with probability ${formatNumber(p)}`;
  if (merged.length === 1) return `always ${outcome(merged[0]!.p)}`;
  return merged
    .map((piece) => {
      const lower = Number.isFinite(piece.lo) ? formatNumber(piece.lo) : undefined;
      const upper = Number.isFinite(piece.hi) ? formatNumber(piece.hi) : undefined;
      let range: string;
      if (piece.lo === piece.hi) range = `score = ${upper}`;
      else if (lower === undefined) range = `score ${piece.hiIn ? "≤" : "<"} ${upper}`;
      else if (upper === undefined) range = `score ${piece.loIn ? "≥" : ">"} ${lower}`;
      else range = `${lower} ${piece.loIn ? "≤" : "<"} score ${piece.hiIn ? "≤" : "<"} ${upper}`;
      return `${range} → ${outcome(piece.p)}`;
    })
    .join("; ");
}
