/**
 * The evidence behind each rate: its numerator and denominator (unweighted counts, and weighted
 * sums when weights were given) and whether its own denominator is small. A rate of 0 built on
 * 3 positives reads differently from one built on 3000; every rate carries its counts so a
 * reader can see which it is.
 */
import { type ConfusionStats, confusionOf, totalConfusion } from "../stats/confusion.js";
import type { CountMetric } from "./types.js";

/** One rate's numerator and denominator. */
export interface RateEvidence {
  /** Unweighted numerator (e.g. true positives for the true positive rate). */
  readonly numerator: number;
  /** Unweighted denominator: the rate's own (positives for TPR, negatives for FPR, …). */
  readonly denominator: number;
  /** Weighted numerator, when weights were given. */
  readonly weightedNumerator?: number;
  /** Weighted denominator, when weights were given. */
  readonly weightedDenominator?: number;
  /** Whether the unweighted denominator is below `minDenominator`. */
  readonly small: boolean;
}

/** A rate's evidence overall and in each group. */
export interface MetricEvidence {
  /** On all rows. */
  readonly overall: RateEvidence;
  /** One per group, in group order. */
  readonly byGroup: readonly RateEvidence[];
}

/**
 * The numerator and denominator of a proportion metric (one that declares `proportion` in the
 * registry) overall and in each group, from the confusion counts, with a small-sample flag on the
 * metric's own unweighted denominator (`denominator < minDenominator`). Undefined for metrics
 * that are not proportions (F1, Matthews correlation, …). Cost O(groups).
 *
 * @param stats - per-group confusion counts (weighted sums included when weighted)
 * @param metric - a count metric declaration
 * @param minDenominator - denominators below this are flagged small
 * @defaultValue minDenominator 30
 * @example
 * const stats = countConfusion(prepare({ yTrue: [1, 1, 1, 0], yPred: [0, 0, 0, 1], sensitiveFeatures: ["a", "a", "a", "a"] }));
 * rateEvidence(stats, truePositiveRate)?.byGroup[0];
 * // => { numerator: 0, denominator: 3, small: true }
 */
export function rateEvidence(
  stats: ConfusionStats,
  metric: CountMetric,
  minDenominator = 30,
): MetricEvidence | undefined {
  const form = metric.proportion;
  if (form === undefined) return undefined;
  const weighted = stats.weightSum !== undefined;
  const of = (
    unweighted: Parameters<typeof form.numerator>[0],
    weights: Parameters<typeof form.numerator>[0],
  ): RateEvidence => {
    const denominator = form.denominator(unweighted);
    return {
      numerator: form.numerator(unweighted),
      denominator,
      ...(weighted
        ? {
            weightedNumerator: form.numerator(weights),
            weightedDenominator: form.denominator(weights),
          }
        : {}),
      small: denominator < minDenominator,
    };
  };
  return {
    overall: of(totalConfusion(stats, true), totalConfusion(stats)),
    byGroup: Array.from({ length: stats.groups }, (_, g) =>
      of(confusionOf(stats, g, true), confusionOf(stats, g)),
    ),
  };
}
