/**
 * A fitted per-group randomised threshold rule, as plain JSON: what ThresholdOptimizer and
 * group thresholds produce, and what a Node service or a browser loads to score new rows.
 */

import { z } from "zod";
import type { Level } from "../data/columns.js";
import { FairnessInputError, IssueCollector } from "../data/errors.js";
import { isMissing } from "../data/levels.js";
import { bernoulliDraws, randomSource } from "../uncertainty/random.js";
import type { ThresholdOperation, ThresholdOperator } from "./thresholdOperation.js";
import type { FittedGroupRule } from "./thresholdOptimizerKernel.js";
import { ruleProbability } from "./thresholdOptimizerKernel.js";

/** A threshold as JSON: a number, or "Infinity" / "-Infinity". */
export type JSONThreshold = number | "Infinity" | "-Infinity";

/** A {@link ThresholdOperation} as JSON (infinite thresholds as strings). */
export interface ThresholdOperationJSON {
  /** How the score is compared with the threshold. */
  readonly operator: ThresholdOperator;
  /** The threshold. */
  readonly threshold: JSONThreshold;
}

/** One group's rule: P(ŷ=1) = p0·[op0(s)] + p1·[op1(s)], mixed toward `predictionConstant`. */
export interface GroupRuleJSON {
  /** One level per sensitive feature. */
  readonly group: readonly Level[];
  /** Weight of the first operation. */
  readonly p0: number;
  /** The first operation. */
  readonly operation0: ThresholdOperationJSON;
  /** Weight of the second operation (p0 + p1 = 1). */
  readonly p1: number;
  /** The second operation. */
  readonly operation1: ThresholdOperationJSON;
  /**
   * Equalized odds only: probability of predicting positive with probability
   * `predictionConstant` instead, so P(ŷ=1) = pIgnore·predictionConstant + (1 − pIgnore)·rule.
   */
  readonly pIgnore?: number;
  /** Equalized odds only: the positive probability mixed in (x*, the common FPR). */
  readonly predictionConstant?: number;
}

/** How the rule was fitted (absent for rules written by hand). */
export interface RuleFitSummaryJSON {
  /** What fitted the rule, e.g. "thresholdOptimizer". */
  readonly method: string;
  /** The parity constraint, e.g. "demographicParity". */
  readonly constraints?: string;
  /** The objective maximised, e.g. "accuracy". */
  readonly objective?: string;
  /** Grid points on the constraint axis. */
  readonly gridSize?: number;
  /** Whether "positive below the threshold" operations were considered. */
  readonly flip?: boolean;
  /** Relaxed-parity tolerance (null: exact parity). */
  readonly tol?: number | null;
  /** Whether sample weights were used. */
  readonly weighted?: boolean;
  /** The common constraint value x* (null with `tol`). */
  readonly constraintValue: number | null;
  /** The objective at the chosen point (equalized odds: the common true positive rate). */
  readonly objectiveValue: number;
  /** Each group's constraint value, in `groups` order. */
  readonly constraintValueByGroup: readonly number[];
  /** max − min of `constraintValueByGroup`. */
  readonly betweenGroups: number;
}

/** A fitted threshold rule as plain JSON. */
export interface ThresholdRuleJSON {
  /** Format tag and version. */
  readonly format: "fairscope.thresholdRule/1";
  /** Sensitive feature names, in key order. */
  readonly featureNames: readonly string[];
  /** One rule per group seen at fit time. */
  readonly groups: readonly GroupRuleJSON[];
  /** How the rule was fitted. */
  readonly fit?: RuleFitSummaryJSON;
}

const LevelSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const ThresholdSchema = z.union([z.number(), z.literal("Infinity"), z.literal("-Infinity")]);
const OperationSchema = z.object({
  /** {@inheritDoc ThresholdOperationJSON.operator} */
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
  /** {@inheritDoc ThresholdOperationJSON.threshold} */
  threshold: ThresholdSchema,
});
const Probability = z.number().min(0).max(1);

/** The zod schema of {@link ThresholdRuleJSON}, for validating stored rules. */
export const ThresholdRuleSchema = z.object({
  /** {@inheritDoc ThresholdRuleJSON.format} */
  format: z.literal("fairscope.thresholdRule/1"),
  /** {@inheritDoc ThresholdRuleJSON.featureNames} */
  featureNames: z.array(z.string()).min(1),
  /** {@inheritDoc ThresholdRuleJSON.groups} */
  groups: z
    .array(
      z
        .object({
          /** One level per sensitive feature. */
          group: z.array(LevelSchema).min(1),
          /** {@inheritDoc GroupRuleJSON.p0} */
          p0: Probability,
          /** {@inheritDoc GroupRuleJSON.operation0} */
          operation0: OperationSchema,
          /** {@inheritDoc GroupRuleJSON.p1} */
          p1: Probability,
          /** {@inheritDoc GroupRuleJSON.operation1} */
          operation1: OperationSchema,
          /** {@inheritDoc GroupRuleJSON.pIgnore} */
          pIgnore: Probability.optional(),
          /** {@inheritDoc GroupRuleJSON.predictionConstant} */
          predictionConstant: Probability.optional(),
        })
        .refine((g) => (g.pIgnore === undefined) === (g.predictionConstant === undefined), {
          /** {@inheritDoc GroupRuleJSON.message} */
          message: "pIgnore and predictionConstant go together",
        }),
    )
    .min(1),
  /** {@inheritDoc ThresholdRuleJSON.fit} */
  fit: z
    .object({
      /** {@inheritDoc RuleFitSummaryJSON.method} */
      method: z.string(),
      /** {@inheritDoc RuleFitSummaryJSON.constraints} */
      constraints: z.string().optional(),
      /** {@inheritDoc RuleFitSummaryJSON.objective} */
      objective: z.string().optional(),
      /** {@inheritDoc RuleFitSummaryJSON.gridSize} */
      gridSize: z.number().optional(),
      /** {@inheritDoc RuleFitSummaryJSON.flip} */
      flip: z.boolean().optional(),
      /** {@inheritDoc RuleFitSummaryJSON.tol} */
      tol: z.number().nullable().optional(),
      /** {@inheritDoc RuleFitSummaryJSON.weighted} */
      weighted: z.boolean().optional(),
      /** {@inheritDoc RuleFitSummaryJSON.constraintValue} */
      constraintValue: z.number().nullable(),
      /** {@inheritDoc RuleFitSummaryJSON.objectiveValue} */
      objectiveValue: z.number(),
      /** {@inheritDoc RuleFitSummaryJSON.constraintValueByGroup} */
      constraintValueByGroup: z.array(z.number()),
      /** {@inheritDoc RuleFitSummaryJSON.betweenGroups} */
      betweenGroups: z.number(),
    })
    .optional(),
});

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

/** Rows to score: scores and the same sensitive features (by name) as at fit time. */
export interface RuleInput {
  /** Scores of the positive class. */
  readonly yScore: ArrayLike<number>;
  /** One array (single feature), or a record of arrays by feature name. */
  readonly sensitiveFeatures: ArrayLike<Level> | Readonly<Record<string, ArrayLike<Level>>>;
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

type Lookup = Map<Level, Lookup | number>;

function isArrayLike(value: unknown): value is ArrayLike<Level> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/**
 * A fitted per-group threshold rule. Plain JSON in and out (`toJSON` / `fromJSON`); the
 * deterministic output is `predictProba`, and `predict` draws labels from it with a seed.
 */
export class ThresholdRule {
  /** Sensitive feature names, in key order. */
  readonly featureNames: readonly string[];
  /** One rule per group seen at fit time. */
  readonly groups: readonly (FittedGroupRule & {
    /** One level per sensitive feature. */
    readonly group: readonly Level[];
  })[];
  /** How the rule was fitted (undefined for rules written by hand). */
  readonly fit: RuleFitSummaryJSON | undefined;
  readonly #lookup: Lookup = new Map();

  constructor(
    featureNames: readonly string[],
    groups: readonly (FittedGroupRule & { readonly group: readonly Level[] })[],
    fit?: RuleFitSummaryJSON,
  ) {
    this.featureNames = featureNames;
    this.groups = groups;
    this.fit = fit;
    groups.forEach((g, index) => {
      let node = this.#lookup;
      g.group.forEach((level, f) => {
        if (f === g.group.length - 1) {
          node.set(level, index);
          return;
        }
        let next = node.get(level);
        if (!(next instanceof Map)) {
          next = new Map();
          node.set(level, next);
        }
        node = next;
      });
    });
  }

  /**
   * Reads a rule written by `toJSON` (validated with {@link ThresholdRuleSchema}).
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
    const parsed = ThresholdRuleSchema.safeParse(json);
    if (!parsed.success) {
      throw new FairnessInputError(
        parsed.error.issues.map((issue) => ({
          code: "invalid_type" as const,
          path: ["rule", ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))],
          message: issue.message,
        })),
      );
    }
    const value = parsed.data;
    for (const g of value.groups) {
      if (g.group.length !== value.featureNames.length) {
        throw new FairnessInputError([
          {
            code: "invalid_type",
            path: ["rule", "groups"],
            message: `group ${JSON.stringify(g.group)} needs one level per feature (${value.featureNames.length})`,
          },
        ]);
      }
    }
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
    const columns = this.#featureColumns(input);
    const score = input.yScore;
    const n = score.length;
    const issues = new IssueCollector();
    for (const [name, column] of columns) {
      if (column.length !== n) {
        issues.add(
          "length_mismatch",
          ["sensitiveFeatures", name],
          `has ${column.length} rows, yScore has ${n}`,
        );
      }
    }
    issues.throwIfAny();
    const unseen = options.unseenGroup ?? "error";
    if (unseen !== "error" && !(unseen.probability >= 0 && unseen.probability <= 1)) {
      throw new RangeError("predictProba: unseenGroup.probability must lie in [0, 1]");
    }
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const s = score[i]!;
      if (typeof s !== "number" || Number.isNaN(s)) {
        issues.add("not_finite", ["yScore", i], `expected a number, got ${String(s)}`);
        continue;
      }
      let node: Lookup | number | undefined = this.#lookup;
      for (const [, column] of columns) {
        const level = column[i];
        node =
          node instanceof Map ? node.get(isMissing(level) ? null : (level as Level)) : undefined;
      }
      if (typeof node !== "number") {
        if (unseen === "error") {
          const key = columns.map(([, c]) => c[i]);
          issues.add(
            "unknown_group",
            ["sensitiveFeatures", i],
            `group ${JSON.stringify(key)} was not seen when the rule was fitted; pass unseenGroup: { probability } to score it`,
          );
        } else {
          out[i] = unseen.probability;
        }
        continue;
      }
      out[i] = ruleProbability(this.groups[node]!, s);
    }
    issues.throwIfAny();
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

  #featureColumns(input: RuleInput): [string, ArrayLike<Level>][] {
    const sf = input.sensitiveFeatures;
    if (isArrayLike(sf)) {
      if (this.featureNames.length !== 1) {
        throw new FairnessInputError([
          {
            code: "invalid_type",
            path: ["sensitiveFeatures"],
            message: `the rule needs the features ${JSON.stringify(this.featureNames)} as a record of arrays`,
          },
        ]);
      }
      return [[this.featureNames[0]!, sf]];
    }
    const record = sf as Readonly<Record<string, ArrayLike<Level>>>;
    const issues = new IssueCollector();
    const out: [string, ArrayLike<Level>][] = [];
    for (const name of this.featureNames) {
      const column = record[name];
      if (column === undefined) {
        issues.add(
          "missing_field",
          ["sensitiveFeatures", name],
          "the rule was fitted on this feature",
        );
      } else {
        out.push([name, column]);
      }
    }
    issues.throwIfAny();
    return out;
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
