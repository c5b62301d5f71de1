/**
 * Wilson score interval for a proportion (Wilson 1927), as statsmodels'
 * `proportion_confint(count, nobs, alpha, method='wilson')`.
 */
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";

/** Lower and upper bound of an interval. */
export interface Interval {
  readonly low: number;
  readonly high: number;
}

/**
 * Wilson interval of `count` successes in `nobs` trials (weighted counts allowed: frequency
 * semantics). NaN bounds when `nobs` is 0. Cost O(1).
 */
export function wilsonInterval(count: number, nobs: number, alpha: number): Interval {
  if (!(nobs > 0)) return { low: Number.NaN, high: Number.NaN };
  const z = normalQuantile(1 - alpha / 2, 0, 1);
  const z2 = z * z;
  const p = count / nobs;
  const denominator = 1 + z2 / nobs;
  const center = (p + z2 / (2 * nobs)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / nobs + z2 / (4 * nobs * nobs));
  return { low: Math.max(0, center - half), high: Math.min(1, center + half) };
}
