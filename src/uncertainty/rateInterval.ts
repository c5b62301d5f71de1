/**
 * The interval rule for rates: which interval a proportion gets, so that no reported interval
 * claims more certainty than the data can give (zero width on 3 positives, say).
 *
 * Rule, for a rate k / n at level 1 − α (`minDenominator` m, default 30):
 * 1. n = 0: no interval (NaN bounds), method `none`.
 * 2. n < m, k = 0 or k = n, no bootstrap interval, or a degenerate one (zero width, a NaN
 *    bound, or not containing k / n): the exact Clopper–Pearson interval, method `clopperPearson`.
 * 3. otherwise: the wider of the bootstrap interval and the Clopper–Pearson interval, bound by
 *    bound (lower = min, upper = max), method `hybrid`. The percentile bootstrap alone covers
 *    poorly when k or n − k is small even for n in the hundreds; the hull keeps Clopper–Pearson's
 *    guaranteed coverage and changes little on large groups, where both agree.
 */
import { clopperPearsonInterval } from "./proportion.js";

/** Default smallest denominator a rate needs before its bootstrap interval is used. */
export const DEFAULT_MIN_DENOMINATOR = 30;

/** Which rule produced a rate interval (see {@link rateInterval}). */
export type RateIntervalMethod = "clopperPearson" | "hybrid" | "none";

/** Why a rate interval took the exact (Clopper–Pearson) branch, when it did. */
export type ExactReason =
  | "smallDenominator"
  | "boundaryEstimate"
  | "noBootstrap"
  | "degenerateBootstrap";

/** A rate's interval with the evidence behind it. */
export interface RateInterval {
  /** The point estimate k / n (or the weighted estimate when given). */
  readonly estimate: number;
  /** Lower bound (NaN when the denominator is 0). */
  readonly lower: number;
  /** Upper bound (NaN when the denominator is 0). */
  readonly upper: number;
  /** Confidence level. */
  readonly level: number;
  /** Which rule produced it. */
  readonly method: RateIntervalMethod;
  /** Why the exact branch was taken; undefined for `hybrid` and `none`. */
  readonly reason: ExactReason | undefined;
}

/** Options of {@link rateInterval}. */
export interface RateIntervalOptions {
  /** Confidence level. @defaultValue 0.95 */
  readonly level?: number;
  /** Denominators below this get the exact interval. @defaultValue 30 */
  readonly minDenominator?: number;
  /** The bootstrap interval of the same rate at the same level, when one was computed. */
  readonly bootstrap?:
    | {
        /** Lower bound of the bootstrap interval. */
        readonly lower: number;
        /** Upper bound of the bootstrap interval. */
        readonly upper: number;
      }
    | undefined;
  /**
   * The weighted estimate, when weights were given; `numerator` and `denominator` are then the
   * unweighted count of successes scaled to it (estimate × denominator) and the unweighted number
   * of trials, so the interval's width follows the number of rows, which weights do not change.
   */
  readonly estimate?: number;
}

/** Throws a RangeError unless `minDenominator` is a finite number ≥ 1. */
export function checkMinDenominator(fn: string, minDenominator: number): void {
  if (!(Number.isFinite(minDenominator) && minDenominator >= 1)) {
    throw new RangeError(
      `${fn}: minDenominator must be a finite number >= 1, got ${minDenominator}`,
    );
  }
}

/**
 * The reported interval of a rate k / n, by the rule at the top of this module: exact
 * (Clopper–Pearson) for small denominators, estimates of 0 or 1 and missing or degenerate
 * bootstrap intervals, else the wider of the bootstrap and Clopper–Pearson intervals. Its width
 * is positive whenever n ≥ 1, and it contains k / n.
 * Reference: Clopper & Pearson (1934), Biometrika 26; Brown, Cai & DasGupta (2001), Stat. Sci. 16
 * (why Wald-type and percentile intervals under-cover near 0 and 1). Cost O(1).
 *
 * @param numerator - k, in [0, denominator]
 * @param denominator - n, the rate's own denominator (positives for TPR, …)
 * @throws RangeError when the counts are impossible or `minDenominator` < 1
 * @example
 * rateInterval(0, 3).method; // => "clopperPearson"
 * rateInterval(0, 3).upper; // => 0.7075982261787133
 */
export function rateInterval(
  numerator: number,
  denominator: number,
  options: RateIntervalOptions = {},
): RateInterval {
  const level = options.level ?? 0.95;
  const minDenominator = options.minDenominator ?? DEFAULT_MIN_DENOMINATOR;
  checkMinDenominator("rateInterval", minDenominator);
  const exact = clopperPearsonInterval(numerator, denominator, level);
  const estimate = options.estimate ?? exact.estimate;
  if (denominator === 0) {
    return {
      estimate,
      lower: Number.NaN,
      upper: Number.NaN,
      level,
      method: "none",
      reason: undefined,
    };
  }
  const boot = options.bootstrap;
  const reason: ExactReason | undefined =
    denominator < minDenominator
      ? "smallDenominator"
      : numerator === 0 || numerator === denominator
        ? "boundaryEstimate"
        : boot === undefined
          ? "noBootstrap"
          : !(boot.lower < boot.upper && boot.lower <= estimate && estimate <= boot.upper)
            ? "degenerateBootstrap"
            : undefined;
  if (reason !== undefined || boot === undefined) {
    return {
      estimate,
      lower: exact.lower,
      upper: exact.upper,
      level,
      method: "clopperPearson",
      reason,
    };
  }
  return {
    estimate,
    lower: Math.min(boot.lower, exact.lower),
    upper: Math.max(boot.upper, exact.upper),
    level,
    method: "hybrid",
    reason: undefined,
  };
}
