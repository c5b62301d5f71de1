/**
 * A fitted per-group randomised threshold rule, as plain JSON: what ThresholdOptimizer and
 * group thresholds produce, and what a Node service or a browser loads to score new rows.
 */

import { z } from "zod";
import type { Level } from "../data/columns.js";
import { listDisplay, type MimeBundle } from "../frame/display.js";
import { bernoulliDraws, randomSource } from "../uncertainty/random.js";
import { GroupLookup } from "./groupLookup.js";
import type { FittedRule } from "./rule.js";
import { type RuleInput, scoreColumn } from "./ruleInput.js";

export type { RuleInput };

import { parseRule } from "./ruleSchemas.js";
import type { ThresholdOperation } from "./thresholdOperation.js";
import type { FittedGroupRule } from "./thresholdOptimizerKernel.js";
import { ruleProbability } from "./thresholdOptimizerKernel.js";

/**
 * How far p0 + p1 of a stored group may be from 1: fitted weights are computed as p and 1 − p,
 * whose sum can be off by an ulp.
 */
const P_SUM_TOLERANCE = 1e-12;

const LevelSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const OperationSchema = z.object({
  /** How the score is compared with the threshold. */
  operator: z.enum({
    /** Positive where score > threshold. */
    ">": ">",
    /** Positive where score < threshold. */
    "<": "<",
    /** Positive where score ≥ threshold. */
    ">=": ">=",
    /** Positive where score ≤ threshold. */
    "<=": "<=",
  }),
  /** The threshold. */
  threshold: z.union([z.number(), z.literal("Infinity"), z.literal("-Infinity")]),
});

/**
 * A {@link ThresholdOperation} as JSON (infinite thresholds as strings).
 * @interface
 */
export type ThresholdOperationJSON = z.infer<typeof OperationSchema>;

/** A threshold as JSON: a number, or "Infinity" / "-Infinity". */
export type JSONThreshold = ThresholdOperationJSON["threshold"];

const Probability = z.number().min(0).max(1);

const GroupRuleSchema = z
  .object({
    /** One level per sensitive feature. */
    group: z.array(LevelSchema).min(1),
    /** Weight of the first operation. */
    p0: Probability,
    /** The first operation. */
    operation0: OperationSchema,
    /** Weight of the second operation (p0 + p1 = 1). */
    p1: Probability,
    /** The second operation. */
    operation1: OperationSchema,
    /**
     * Equalized odds only: probability of predicting positive with probability
     * `predictionConstant` instead, so P(ŷ=1) = pIgnore·predictionConstant + (1 − pIgnore)·rule.
     */
    pIgnore: Probability.optional(),
    /** Equalized odds only: the positive probability mixed in (x*, the common FPR). */
    predictionConstant: Probability.optional(),
  })
  .refine((g) => (g.pIgnore === undefined) === (g.predictionConstant === undefined), {
    message: "pIgnore and predictionConstant go together",
  })
  .refine((g) => Math.abs(g.p0 + g.p1 - 1) <= P_SUM_TOLERANCE, {
    message: "p0 + p1 must be 1",
    path: ["p1"],
  });

/**
 * One group's rule: P(ŷ=1) = p0·[op0(s)] + p1·[op1(s)], mixed toward `predictionConstant`.
 * @interface
 */
export type GroupRuleJSON = z.infer<typeof GroupRuleSchema>;

const FitSummarySchema = z.object({
  /** What fitted the rule, e.g. "thresholdOptimizer". */
  method: z.string(),
  /** The parity constraint, e.g. "demographicParity". */
  constraints: z.string().optional(),
  /** The objective maximised, e.g. "accuracy". */
  objective: z.string().optional(),
  /** Grid points on the constraint axis. */
  gridSize: z.number().optional(),
  /** Whether "positive below the threshold" operations were considered. */
  flip: z.boolean().optional(),
  /** Relaxed-parity tolerance (null: exact parity). */
  tol: z.number().nullable().optional(),
  /** Whether sample weights were used. */
  weighted: z.boolean().optional(),
  /** The common constraint value x* (null with `tol`). */
  constraintValue: z.number().nullable(),
  /** The objective at the chosen point (equalized odds: the common true positive rate). */
  objectiveValue: z.number(),
  /** Each group's constraint value, in `groups` order. */
  constraintValueByGroup: z.array(z.number()),
  /** max − min of `constraintValueByGroup`. */
  betweenGroups: z.number(),
});

/**
 * How the rule was fitted (absent for rules written by hand).
 * @interface
 */
export type RuleFitSummaryJSON = z.infer<typeof FitSummarySchema>;

/** The zod schema of {@link ThresholdRuleJSON}, for validating stored rules. */
export const ThresholdRuleSchema = z.object({
  /** Format tag and version. */
  format: z.literal("fairscope.thresholdRule/1"),
  /** Sensitive feature names, in key order. */
  featureNames: z.array(z.string()).min(1),
  /** One rule per group seen at fit time. */
  groups: z.array(GroupRuleSchema).min(1),
  /** How the rule was fitted. */
  fit: FitSummarySchema.optional(),
});

/**
 * A fitted threshold rule as plain JSON.
 * @interface
 */
export type ThresholdRuleJSON = z.infer<typeof ThresholdRuleSchema>;

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
   * Reads a rule written by `toJSON`, validated with {@link ThresholdRuleSchema} and for
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
    const value = parseRule(ThresholdRuleSchema, json);
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
