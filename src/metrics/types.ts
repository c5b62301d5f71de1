/**
 * The shape of a metric declaration in the registry.
 */

/** Weighted (or unweighted) confusion counts of one group. */
export interface Confusion {
  readonly tn: number;
  readonly fp: number;
  readonly fn: number;
  readonly tp: number;
}

/** Which direction is better, for reports and gates. */
export type BetterDirection = "higher" | "lower" | "neither";

interface MetricBase {
  /** camelCase id used in the API, reports, policies and the CLI. */
  readonly id: string;
  /** Display name, e.g. "True positive rate". */
  readonly name: string;
  /** One sentence: the definition. */
  readonly description: string;
  /** Range of defined values. */
  readonly range: readonly [number, number];
  readonly better: BetterDirection;
}

/**
 * A metric that is a function of the confusion counts. When it is a proportion, `proportion`
 * gives its numerator and denominator cells, so analytic intervals and zero-division handling
 * apply to it.
 */
export interface CountMetric extends MetricBase {
  readonly input: "counts";
  /** Value from the counts; NaN when undefined (zero denominator). */
  readonly fromCounts: (c: Confusion) => number;
  readonly proportion?: {
    readonly numerator: (c: Confusion) => number;
    readonly denominator: (c: Confusion) => number;
  };
  /** Whether it needs hard predictions (true for all count metrics except base rate and counts). */
  readonly needsPrediction: boolean;
  /** Whether it reads the unweighted row counts even when weights are given (`count`). */
  readonly unweighted?: boolean;
}

/** A metric computed from the rows of one group: labels and scores (and weights). */
export interface ScoreMetric extends MetricBase {
  readonly input: "scores";
  /** Value on one group's rows; NaN when undefined. */
  readonly fromScores: (
    label: Uint8Array,
    score: Float64Array,
    weight: Float64Array | undefined,
  ) => number;
  /**
   * Optional faster path: the values of every group (codes in [0, groups)) and, last, overall,
   * in one call; must equal `fromScores` on each group's rows and on all rows.
   */
  readonly fromScoresByGroup?: (
    label: Uint8Array,
    score: Float64Array,
    weight: Float64Array | undefined,
    code: Uint32Array,
    groups: number,
  ) => Float64Array;
  /** Whether scores must be probabilities in [0, 1] (calibration metrics, Brier, log loss). */
  readonly needsProbabilities: boolean;
}

export type MetricDefinition = CountMetric | ScoreMetric;
