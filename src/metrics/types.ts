/**
 * The shape of a metric declaration in the registry.
 */
import type { Confusion } from "../stats/confusion.js";

/**
 * Which direction is better, for reports and gates.
 *
 * @category Metric registry
 */
export type BetterDirection = "higher" | "lower" | "neither";

interface MetricBase<Id extends string> {
  /** camelCase id used in the API, reports, policies and the CLI. */
  readonly id: Id;
  /** Display name, e.g. "True positive rate". */
  readonly name: string;
  /** One sentence: the definition. */
  readonly description: string;
  /** Range of defined values. */
  readonly range: readonly [number, number];
  /** Which direction is better for the people scored. */
  readonly better: BetterDirection;
}

/**
 * A metric that is a function of the confusion counts. When it is a proportion, `proportion`
 * gives its numerator and denominator cells, so analytic intervals and zero-division handling
 * apply to it.
 */
export interface CountMetric<Id extends string = string> extends MetricBase<Id> {
  /** Discriminant: computed from confusion counts. */
  readonly input: "counts";
  /** Value from the counts; NaN when undefined (zero denominator). */
  readonly fromCounts: (c: Confusion) => number;
  /** The proportion's parts, when the metric is `numerator / denominator`. */
  readonly proportion?: {
    /** The numerator, e.g. `tp` for the true positive rate. */
    readonly numerator: (c: Confusion) => number;
    /** The denominator, e.g. `tp + fn` for the true positive rate. */
    readonly denominator: (c: Confusion) => number;
  };
  /** Whether it needs hard predictions (true for all count metrics except base rate and counts). */
  readonly needsPrediction: boolean;
  /** Whether it reads the unweighted row counts even when weights are given (`count`). */
  readonly unweighted?: boolean;
}

/** A metric computed from the rows of one group: labels and scores (and weights). */
export interface ScoreMetric<Id extends string = string> extends MetricBase<Id> {
  /** Discriminant: computed from labels and scores. */
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

/**
 * A registry entry: a count metric or a score metric (discriminated by `input`); `Id` narrows the
 * id (the registry's entries have a `MetricId`).
 *
 * @category Metric registry
 */
export type MetricDefinition<Id extends string = string> = CountMetric<Id> | ScoreMetric<Id>;
