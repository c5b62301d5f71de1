/**
 * Sample-size guidance for comparing a rate between two groups (Cohen's h with the normal
 * approximation), as statsmodels' `proportion_effectsize` + `NormalIndPower().solve_power`.
 */
import { normalCdf } from "../stats/distributions.js";
import { checkLevel, twoSidedCritical } from "./proportion.js";

/** The answer of `requiredSampleSize`. */
export interface SampleSizeResult {
  /** Cohen's h = 2·asin(√p₁) − 2·asin(√p₂). */
  readonly effectSize: number;
  /** Exact (real) root of the power equation: members needed in the first group. */
  readonly nobs1: number;
  /** `nobs1` rounded up: the members each group of the first kind needs. */
  readonly perGroup1: number;
  /** Members the second group needs (`ratio` × nobs1, rounded up). */
  readonly perGroup2: number;
  /** Two-sided significance level. */
  readonly alpha: number;
  /** Target power. */
  readonly power: number;
  /** Size of the second group over the first. */
  readonly ratio: number;
}

/** Relative width at which the bisection stops: below double precision's useful resolution. */
const ROOT_TOLERANCE = 1e-14;

/**
 * Cohen's effect size h for two proportions: h = 2·asin(√p₁) − 2·asin(√p₂).
 * Reference: J. Cohen (1988), Statistical Power Analysis, ch. 6; statsmodels
 * `proportion_effectsize`. Cost O(1).
 *
 * @example
 * proportionEffectSize(0.3, 0.2); // => 0.2319842627257963
 */
export function proportionEffectSize(p1: number, p2: number): number {
  for (const [name, p] of [
    ["p1", p1],
    ["p2", p2],
  ] as const) {
    if (!(p >= 0 && p <= 1)) {
      throw new RangeError(`proportionEffectSize: ${name} must be in [0, 1], got ${p}`);
    }
  }
  return 2 * Math.asin(Math.sqrt(p1)) - 2 * Math.asin(Math.sqrt(p2));
}

/** Power of the two-sided z-test with effect size h and group sizes n and ratio·n. */
function power(h: number, n: number, ratio: number, crit: number): number {
  const shift = Math.abs(h) * Math.sqrt(1 / (1 / n + 1 / (n * ratio)));
  return normalCdf(shift - crit) + normalCdf(-crit - shift);
}

/**
 * How many members each of two groups needs so that a two-sided test at level `alpha` detects a
 * gap between rates `p1` and `p2` with probability `power`: solves
 * power(n) = Φ(|h|·√(n_eff) − c) + Φ(−c − |h|·√(n_eff)) for n, with h Cohen's effect size,
 * c = Φ⁻¹(1 − α/2) and n_eff = 1/(1/n + 1/(ratio·n)) (the second group has ratio·n members).
 * The root is found by bisection to full precision (statsmodels' `NormalIndPower.solve_power`
 * stops at about 1e-7 relative; the rounded-up counts agree).
 * Reference: statsmodels `NormalIndPower().solve_power(effect_size=proportion_effectsize(p1, p2),
 * alpha, power, ratio, alternative='two-sided')`. Cost O(60) normal CDF evaluations.
 *
 * @param p1 - the rate in the first group
 * @param p2 - the rate in the second group (the gap to detect is p1 − p2)
 * @defaultValue alpha 0.05, power 0.8, ratio 1
 * @example
 * requiredSampleSize(0.5, 0.6).perGroup1; // => 388
 */
export function requiredSampleSize(
  p1: number,
  p2: number,
  options: { readonly alpha?: number; readonly power?: number; readonly ratio?: number } = {},
): SampleSizeResult {
  const alpha = options.alpha ?? 0.05;
  const targetPower = options.power ?? 0.8;
  const ratio = options.ratio ?? 1;
  checkLevel("requiredSampleSize", 1 - alpha);
  if (!(targetPower > alpha && targetPower < 1)) {
    throw new RangeError(`requiredSampleSize: power must be in (alpha, 1), got ${targetPower}`);
  }
  if (!(ratio > 0 && Number.isFinite(ratio))) {
    throw new RangeError(`requiredSampleSize: ratio must be finite and > 0, got ${ratio}`);
  }
  const effectSize = proportionEffectSize(p1, p2);
  const base = { effectSize, alpha, power: targetPower, ratio };
  if (effectSize === 0) {
    return { ...base, nobs1: Number.POSITIVE_INFINITY, perGroup1: Infinity, perGroup2: Infinity };
  }
  const crit = twoSidedCritical(1 - alpha);
  let lo = Number.MIN_VALUE;
  let hi = 1;
  while (power(effectSize, hi, ratio, crit) < targetPower) hi *= 2;
  while (hi - lo > ROOT_TOLERANCE * hi) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    if (power(effectSize, mid, ratio, crit) < targetPower) lo = mid;
    else hi = mid;
  }
  const nobs1 = 0.5 * (lo + hi);
  return {
    ...base,
    nobs1,
    perGroup1: Math.ceil(nobs1),
    perGroup2: Math.ceil(nobs1 * ratio),
  };
}
