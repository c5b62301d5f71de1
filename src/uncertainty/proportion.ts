/**
 * Analytic confidence intervals for proportions and for the difference of two proportions.
 * Distribution functions come from src/stats/distributions.ts; the conventions are statsmodels'
 * (`proportion_confint`, `confint_proportions_2indep(method='newcomb')`).
 */
import { betaQuantile, normalQuantile } from "../stats/distributions.js";

/** A confidence interval around a point estimate. */
export interface ProportionInterval {
  /** The point estimate (e.g. the observed proportion). */
  readonly estimate: number;
  /** Lower bound. */
  readonly lower: number;
  /** Upper bound. */
  readonly upper: number;
  /** Confidence level, e.g. 0.95. */
  readonly level: number;
  /** How the interval was computed. */
  readonly method: IntervalMethod;
}

/** How an interval was computed. */
export type IntervalMethod = "wilson" | "clopperPearson" | "newcombe" | "percentile" | "bca";

/** The standard normal quantile z with P(Z > z) = (1 − level) / 2 (scipy's `norm.isf(alpha/2)`). */
export function twoSidedCritical(level: number): number {
  return -normalQuantile((1 - level) / 2);
}

/** Throws RangeError unless `level` is in (0, 1). */
export function checkLevel(fn: string, level: number): void {
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`${fn}: level must be in (0, 1), got ${level}`);
  }
}

function checkCounts(fn: string, count: number, nobs: number): void {
  if (!(Number.isFinite(nobs) && nobs >= 0)) {
    throw new RangeError(`${fn}: nobs must be finite and >= 0, got ${nobs}`);
  }
  if (!(Number.isFinite(count) && count >= 0 && count <= nobs)) {
    throw new RangeError(`${fn}: count must be in [0, nobs], got ${count} of ${nobs}`);
  }
}

const nanInterval = (level: number, method: IntervalMethod): ProportionInterval => ({
  estimate: Number.NaN,
  lower: Number.NaN,
  upper: Number.NaN,
  level,
  method,
});

/**
 * Wilson score interval for a proportion p̂ = count / nobs: the set of p whose score test does
 * not reject at level `level`,
 * (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n), z = Φ⁻¹(1 − α/2).
 * Reference: E. B. Wilson (1927), JASA 22; statsmodels `proportion_confint(method='wilson')`.
 * NaN when nobs = 0. Counts may be weighted (non-integer). Cost O(1).
 *
 * @param count - number of successes, in [0, nobs]
 * @param nobs - number of trials
 * @param level - confidence level
 * @defaultValue level 0.95
 * @example
 * wilsonInterval(1, 2).lower; // => 0.09453120573423068
 */
export function wilsonInterval(count: number, nobs: number, level = 0.95): ProportionInterval {
  checkCounts("wilsonInterval", count, nobs);
  checkLevel("wilsonInterval", level);
  if (nobs === 0) return nanInterval(level, "wilson");
  const p = count / nobs;
  const crit = twoSidedCritical(level);
  const crit2 = crit * crit;
  const denom = 1 + crit2 / nobs;
  const center = (p + crit2 / (2 * nobs)) / denom;
  const dist = (crit * Math.sqrt((p * (1 - p)) / nobs + crit2 / (4 * nobs * nobs))) / denom;
  return { estimate: p, lower: center - dist, upper: center + dist, level, method: "wilson" };
}

/**
 * Clopper–Pearson ("exact") interval for a proportion: lower = Beta⁻¹(α/2; x, n − x + 1),
 * upper = Beta⁻¹(1 − α/2; x + 1, n − x), with lower = 0 when x = 0 and upper = 1 when x = n
 * (statsmodels' convention). Guaranteed coverage ≥ level; wider than Wilson.
 * Reference: Clopper & Pearson (1934), Biometrika 26; statsmodels `proportion_confint(method='beta')`.
 * NaN when nobs = 0. Cost O(1) (two beta quantiles).
 *
 * @param count - number of successes, in [0, nobs]
 * @param nobs - number of trials
 * @param level - confidence level
 * @defaultValue level 0.95
 * @example
 * clopperPearsonInterval(0, 1).upper; // => 0.975
 */
export function clopperPearsonInterval(
  count: number,
  nobs: number,
  level = 0.95,
): ProportionInterval {
  checkCounts("clopperPearsonInterval", count, nobs);
  checkLevel("clopperPearsonInterval", level);
  if (nobs === 0) return nanInterval(level, "clopperPearson");
  const halfAlpha = (1 - level) / 2;
  const lower = count === 0 ? 0 : betaQuantile(halfAlpha, count, nobs - count + 1);
  // The upper tail quantile through the reflection Beta(a, b) ↔ 1 − Beta(b, a), which keeps
  // the argument a small tail probability.
  const upper = count === nobs ? 1 : 1 - betaQuantile(halfAlpha, nobs - count, count + 1);
  return { estimate: count / nobs, lower, upper, level, method: "clopperPearson" };
}

/**
 * Newcombe's hybrid score interval for the difference d = p₁ − p₂ of two independent
 * proportions, from the Wilson intervals (l₁, u₁) and (l₂, u₂) at the same level:
 * [d − √((p₁ − l₁)² + (u₂ − p₂)²), d + √((p₂ − l₂)² + (u₁ − p₁)²)].
 * Reference: R. G. Newcombe (1998), Stat. Med. 17, method 10; statsmodels
 * `confint_proportions_2indep(method='newcomb', compare='diff')`. NaN when a group is empty.
 * Cost O(1).
 *
 * @example
 * newcombeDifferenceInterval(1829, 3175, 696, 2103).lower; // => 0.21837519304853445
 */
export function newcombeDifferenceInterval(
  count1: number,
  nobs1: number,
  count2: number,
  nobs2: number,
  level = 0.95,
): ProportionInterval {
  checkCounts("newcombeDifferenceInterval", count1, nobs1);
  checkCounts("newcombeDifferenceInterval", count2, nobs2);
  checkLevel("newcombeDifferenceInterval", level);
  if (nobs1 === 0 || nobs2 === 0) return nanInterval(level, "newcombe");
  const w1 = wilsonInterval(count1, nobs1, level);
  const w2 = wilsonInterval(count2, nobs2, level);
  const p1 = w1.estimate;
  const p2 = w2.estimate;
  const d = p1 - p2;
  const lower = d - Math.sqrt((p1 - w1.lower) ** 2 + (w2.upper - p2) ** 2);
  const upper = d + Math.sqrt((p2 - w2.lower) ** 2 + (w1.upper - p1) ** 2);
  return { estimate: d, lower, upper, level, method: "newcombe" };
}
