/**
 * Validation of the plain-array inputs of the calibration functions (labels, probabilities,
 * weights) into typed columns, reporting every problem at once.
 */
import { IssueCollector } from "../../data/errors.js";

/** Labels, probabilities and weights of one set of rows, validated. */
export interface ProbabilityColumns {
  readonly label: Uint8Array;
  readonly score: Float64Array;
  readonly weight: Float64Array | undefined;
}

/** What the plain-array functions accept for labels: 0/1 numbers or booleans. */
export type BinaryLabels = ArrayLike<number | boolean>;

/**
 * Validates `yTrue` (0/1 or booleans), `yProb` (finite, in [0, 1]) and `sampleWeight` (finite,
 * non-negative, not all zero) of equal, non-zero length. Throws FairnessInputError listing every
 * problem. Never keeps a reference to the user's arrays.
 */
export function validateProbabilities(
  yTrue: BinaryLabels,
  yProb: ArrayLike<number>,
  sampleWeight: ArrayLike<number> | undefined,
): ProbabilityColumns {
  return validateLabelsAndScores(yTrue, yProb, sampleWeight, { field: "yProb", probability: true });
}

/** What {@link validateLabelsAndScores} requires of the scores. */
export interface ScoreRule {
  /** The scores' field name in messages and issue paths. */
  readonly field: string;
  /** Whether each score must be a probability in [0, 1] (otherwise: any finite number). */
  readonly probability: boolean;
}

/**
 * Validates `yTrue` (0/1 or booleans), the scores (finite; in [0, 1] when `rule.probability`)
 * and `sampleWeight` (finite, non-negative, not all zero) of equal, non-zero length, into typed
 * columns. Throws FairnessInputError listing every problem, each with its field and row.
 */
export function validateLabelsAndScores(
  yTrue: BinaryLabels,
  yScore: ArrayLike<number>,
  sampleWeight: ArrayLike<number> | undefined,
  rule: ScoreRule,
): ProbabilityColumns {
  const issues = new IssueCollector();
  const n = yTrue.length;
  const field = rule.field;
  if (n === 0) issues.add("empty_input", ["yTrue"], "yTrue has no rows; at least one is needed");
  if (yScore.length !== n) {
    issues.add("length_mismatch", [field], `${field} has ${yScore.length} rows, yTrue has ${n}`);
  }
  if (sampleWeight !== undefined && sampleWeight.length !== n) {
    issues.add(
      "length_mismatch",
      ["sampleWeight"],
      `sampleWeight has ${sampleWeight.length} rows, yTrue has ${n}`,
    );
  }
  issues.throwIfAny();
  const label = new Uint8Array(n);
  const score = new Float64Array(n);
  const weight = sampleWeight === undefined ? undefined : new Float64Array(n);
  const kind = rule.probability ? "probability" : "score";
  let total = 0;
  for (let i = 0; i < n; i++) {
    const y = yTrue[i];
    if (y === 1 || y === true) label[i] = 1;
    else if (y !== 0 && y !== false) {
      issues.add("not_binary", ["yTrue", i], `expected 0 or 1 (or a boolean), got ${String(y)}`);
    }
    const p = yScore[i]!;
    if (typeof p !== "number" || !Number.isFinite(p)) {
      issues.add("not_finite", [field, i], `expected a finite ${kind}, got ${String(p)}`);
    } else if (rule.probability && (p < 0 || p > 1)) {
      issues.add("out_of_range", [field, i], `expected a probability in [0, 1], got ${p}`);
    }
    score[i] = p;
    if (weight !== undefined) {
      const w = sampleWeight![i]!;
      if (typeof w !== "number" || !Number.isFinite(w)) {
        issues.add("not_finite", ["sampleWeight", i], `expected a finite weight, got ${String(w)}`);
      } else if (w < 0) {
        issues.add("negative_weight", ["sampleWeight", i], `expected a weight >= 0, got ${w}`);
      } else total += w;
      weight[i] = w;
    }
  }
  issues.throwIfAny();
  if (weight !== undefined && !(total > 0)) {
    issues.add(
      "zero_total_weight",
      ["sampleWeight"],
      "the weights sum to 0; at least one row must count",
    );
    issues.throwIfAny();
  }
  return { label, score, weight };
}

/** Checks a bin count option, throwing RangeError prefixed with the function's name. */
export function checkBins(fn: string, bins: number): void {
  if (!Number.isInteger(bins) || bins < 1) {
    throw new RangeError(`${fn}: bins must be an integer >= 1, got ${String(bins)}`);
  }
}

/** Checks a significance level in (0, 1). */
export function checkAlpha(fn: string, alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) {
    throw new RangeError(`${fn}: alpha must be in (0, 1), got ${String(alpha)}`);
  }
}

/**
 * How weights enter equal-mass bin edges, standard errors, intervals and test statistics (other
 * point estimates do not depend on it): `relative` rescales them to sum to the number of weighted rows, so multiplying
 * every weight by a constant changes nothing (sampling weights such as Adult's `fnlwgt`);
 * `frequency` takes a weight of k as k copies of the row.
 */
export type WeightKind = "relative" | "frequency";

/** Factor turning weights into the effective frequency weights of `kind`. */
export function weightScale(weight: Float64Array | undefined, kind: WeightKind): number {
  if (weight === undefined || kind === "frequency") return 1;
  let total = 0;
  let rows = 0;
  for (let i = 0; i < weight.length; i++) {
    const w = weight[i]!;
    if (w > 0) {
      total += w;
      rows++;
    }
  }
  return total > 0 ? rows / total : 1;
}

/** Checks the `weights` option. */
export function checkWeightKind(fn: string, kind: string): void {
  if (kind !== "relative" && kind !== "frequency") {
    throw new RangeError(`${fn}: weights must be 'relative' or 'frequency', got ${String(kind)}`);
  }
}
