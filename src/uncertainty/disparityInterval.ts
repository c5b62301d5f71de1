/**
 * Intervals for disparities between groups (max − min and min / max of a rate, and the worst
 * case over several rates, as equalized odds) that stay honest when some group's rate rests on
 * few rows.
 *
 * Rule, at level 1 − α: when every group's rate has a denominator ≥ `minDenominator`, an
 * estimate strictly between 0 and 1, and the bootstrap interval of the disparity has positive
 * width, the bootstrap interval is reported (method `percentileBootstrap`). Otherwise the
 * reported interval is the wider, bound by bound, of the bootstrap interval and the simultaneous
 * exact interval below (method `simultaneousClopperPearson`; with no bootstrap interval, the
 * simultaneous one alone).
 *
 * Simultaneous exact interval: each of the m group rates entering the disparity gets a
 * Clopper–Pearson interval [L_g, U_g] at level 1 − α/m (Bonferroni), so all hold together with
 * probability ≥ 1 − α; then max − min lies in [max(0, max L − min U), max U − min L] and min / max
 * in [min L / max U, min(1, min U / max L)]. A worst case over several rates takes the maximum of
 * the differences' bounds and the minimum of the ratios' bounds.
 */
import { clopperPearsonInterval } from "./proportion.js";
import { checkMinDenominator, DEFAULT_MIN_DENOMINATOR } from "./rateInterval.js";

/** A rate as its counts: k successes in n trials (k may be a scaled weighted estimate). */
export interface RateCounts {
  /** k, in [0, denominator]. */
  readonly numerator: number;
  /** n, the rate's own denominator. */
  readonly denominator: number;
}

/** Bounds of an interval. */
export interface Bounds {
  /** Lower bound (NaN when undefined). */
  readonly lower: number;
  /** Upper bound (NaN when undefined). */
  readonly upper: number;
}

/** Intervals of a disparity's difference (max − min) and ratio (min / max). */
export interface DisparityBounds {
  /** Interval of max − min. */
  readonly difference: Bounds;
  /** Interval of min / max. */
  readonly ratio: Bounds;
}

const NAN_BOUNDS: Bounds = { lower: Number.NaN, upper: Number.NaN };

/**
 * Simultaneous exact intervals (Bonferroni-adjusted Clopper–Pearson, see the module comment) for
 * the between-group difference and ratio of one or several rates; with several, the worst case
 * (largest difference, smallest ratio), as equalized odds. Groups with a zero denominator are
 * skipped; NaN bounds when fewer than two groups remain in every rate. Cost O(groups · rates).
 *
 * @param rates - per rate, one entry per group
 * @param level - confidence level of the joint statement
 * @example
 * simultaneousDisparityInterval([[{ numerator: 0, denominator: 3 }, { numerator: 50, denominator: 100 }]])
 *   .difference.upper; // => 0.7679205583193609
 */
export function simultaneousDisparityInterval(
  rates: readonly (readonly RateCounts[])[],
  level = 0.95,
): DisparityBounds {
  const present = rates.map((groups) => groups.filter((g) => g.denominator > 0));
  const m = present.reduce((sum, groups) => sum + groups.length, 0);
  const adjusted = 1 - (1 - level) / Math.max(m, 1);
  const parts = present
    .filter((groups) => groups.length >= 2)
    .map((groups) => {
      const bounds = groups.map((g) =>
        clopperPearsonInterval(g.numerator, g.denominator, adjusted),
      );
      const maxLower = bounds
        .map((b) => b.lower)
        .reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
      const minUpper = bounds
        .map((b) => b.upper)
        .reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
      const maxUpper = bounds
        .map((b) => b.upper)
        .reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
      const minLower = bounds
        .map((b) => b.lower)
        .reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
      return {
        difference: { lower: Math.max(0, maxLower - minUpper), upper: maxUpper - minLower },
        ratio: {
          lower: maxUpper === 0 ? 0 : minLower / maxUpper,
          upper: maxLower === 0 ? 1 : Math.min(1, minUpper / maxLower),
        },
      };
    });
  if (parts.length === 0) return { difference: NAN_BOUNDS, ratio: NAN_BOUNDS };
  return {
    difference: {
      lower: largest(parts.map((p) => p.difference.lower)),
      upper: largest(parts.map((p) => p.difference.upper)),
    },
    ratio: {
      lower: smallest(parts.map((p) => p.ratio.lower)),
      upper: smallest(parts.map((p) => p.ratio.upper)),
    },
  };
}

/** The largest of the values (−∞ for none; NaN when any is NaN, as Math.max). */
function largest(values: readonly number[]): number {
  return values.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
}

/** The smallest of the values (+∞ for none; NaN when any is NaN, as Math.min). */
function smallest(values: readonly number[]): number {
  return values.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
}

/** Which rule produced a disparity interval. */
export type DisparityIntervalMethod = "percentileBootstrap" | "simultaneousClopperPearson";

/** A disparity's reported interval and the rule that produced it. */
export interface DisparityInterval extends Bounds {
  /** Which rule produced it (see the module comment). */
  readonly method: DisparityIntervalMethod;
}

/** Options of {@link disparityInterval}. */
export interface DisparityIntervalOptions {
  /** Confidence level. @defaultValue 0.95 */
  readonly level?: number;
  /** Denominators below this make the interval fall back to the exact rule. @defaultValue 30 */
  readonly minDenominator?: number;
}

/**
 * The reported interval of a between-group difference or ratio, by the rule in the module
 * comment: the bootstrap interval when every group's rate is well estimated, else the wider of
 * it and the simultaneous exact interval. Cost O(groups · rates).
 *
 * @param kind - "difference" (max − min) or "ratio" (min / max)
 * @param rates - per rate, one entry per (non-suppressed) group
 * @param bootstrap - the bootstrap interval of the same disparity, when computed
 * @example
 * disparityInterval("ratio", [[{ numerator: 0, denominator: 3 }, { numerator: 50, denominator: 100 }]], { lower: 0, upper: 0 }).method;
 * // => "simultaneousClopperPearson"
 */
export function disparityInterval(
  kind: "difference" | "ratio",
  rates: readonly (readonly RateCounts[])[],
  bootstrap: Bounds | undefined,
  options: DisparityIntervalOptions = {},
): DisparityInterval {
  const level = options.level ?? 0.95;
  const minDenominator = options.minDenominator ?? DEFAULT_MIN_DENOMINATOR;
  checkMinDenominator("disparityInterval", minDenominator);
  const fragile = rates.some((groups) =>
    groups.some(
      (g) =>
        g.denominator > 0 &&
        (g.denominator < minDenominator || g.numerator === 0 || g.numerator === g.denominator),
    ),
  );
  const bootstrapValid = bootstrap !== undefined && bootstrap.lower < bootstrap.upper;
  if (!fragile && bootstrapValid) return { ...bootstrap, method: "percentileBootstrap" };
  const exact = simultaneousDisparityInterval(rates, level)[kind];
  if (!bootstrapValid) return { ...exact, method: "simultaneousClopperPearson" };
  return {
    lower: Math.min(bootstrap.lower, exact.lower),
    upper: Math.max(bootstrap.upper, exact.upper),
    method: "simultaneousClopperPearson",
  };
}
