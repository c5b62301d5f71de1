/**
 * Validation of the rows a fitted rule scores, as `prepare` validates fitting input: every
 * problem at once, as FairnessInputError issues naming the field and the row.
 */
import { FairnessInputError, IssueCollector } from "../data/errors.js";
import type { RawFeatures } from "./groupLookup.js";

/** Rows a score-based rule scores: scores and the sensitive features (by name) seen at fit time. */
export interface RuleInput {
  /** Scores of the positive (favorable) class: numbers, not NaN. */
  readonly yScore: ArrayLike<number>;
  /** One array (single feature), or a record of arrays by feature name. */
  readonly sensitiveFeatures: RawFeatures;
}

/** Rows a prediction-based rule adjusts: hard labels and the sensitive features seen at fit time. */
export interface PredictionRuleInput {
  /** Hard predictions: 1 or true = favorable, 0 or false = unfavorable. */
  readonly yPred: ArrayLike<number | boolean>;
  /** One array (single feature), or a record of arrays by feature name. */
  readonly sensitiveFeatures: RawFeatures;
}

function isNumberArray(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

function columnOf(value: unknown, field: string, what: string): ArrayLike<unknown> {
  if (value === undefined || value === null) {
    throw new FairnessInputError([
      { code: "missing_field", path: [field], message: `the rule needs ${what}` },
    ]);
  }
  if (!isNumberArray(value)) {
    throw new FairnessInputError([
      { code: "invalid_type", path: [field], message: `expected an array of ${what}` },
    ]);
  }
  return value;
}

/**
 * Scores as a Float64Array: every entry must be a number and not NaN (±Infinity are scores
 * beyond every threshold).
 *
 * @example
 * scoreColumn([0.25, 1]); // => Float64Array [0.25, 1]
 */
export function scoreColumn(yScore: unknown): Float64Array {
  const column = columnOf(yScore, "yScore", "scores");
  const out = new Float64Array(column.length);
  const issues = new IssueCollector();
  for (let i = 0; i < column.length; i++) {
    const s = column[i];
    if (typeof s !== "number") {
      issues.add("invalid_type", ["yScore", i], `expected a number, got ${JSON.stringify(s)}`);
    } else if (Number.isNaN(s)) {
      issues.add("not_finite", ["yScore", i], "expected a number, got NaN");
    } else {
      out[i] = s;
    }
  }
  issues.throwIfAny();
  return out;
}

/**
 * Hard predictions as 0/1: each entry must be 0, 1, false or true (no strings, no other
 * numbers: a rule never guesses which label is favorable).
 *
 * @example
 * predictionColumn([1, false, true]); // => Uint8Array [1, 0, 1]
 */
export function predictionColumn(yPred: unknown): Uint8Array {
  const column = columnOf(yPred, "yPred", "hard predictions (0/1 or booleans)");
  const out = new Uint8Array(column.length);
  const issues = new IssueCollector();
  for (let i = 0; i < column.length; i++) {
    const p = column[i];
    if (p === 1 || p === true) out[i] = 1;
    else if (p !== 0 && p !== false) {
      issues.add(
        "not_binary",
        ["yPred", i],
        `expected 0, 1, false or true (1 = favorable), got ${JSON.stringify(p)}`,
      );
    }
  }
  issues.throwIfAny();
  return out;
}
