/**
 * Inequality indices of a benefit vector (AIF360 0.6.1, after Speicher et al. 2018, "A Unified
 * Approach to Quantifying Algorithmic Unfairness"): the generalized entropy index for any alpha,
 * the Theil index, the coefficient of variation, and their between-group and within-group parts.
 */
import { neumaierSum } from "../stats/summation.js";

/**
 * The benefit of each row of a binary classifier: `b = 1 + ŷ − y` (0 for a false negative, 1 when
 * correct, 2 for a false positive), with `y`, `ŷ` 1 for the favorable label.
 *
 * @example
 * benefits(Uint8Array.of(1, 0, 1, 0), Uint8Array.of(1, 1, 0, 0)); // => Float64Array [1, 2, 0, 1]
 */
export function benefits(label: ArrayLike<number>, prediction: ArrayLike<number>): Float64Array {
  const out = new Float64Array(label.length);
  for (let i = 0; i < label.length; i++) out[i] = 1 + prediction[i]! - label[i]!;
  return out;
}

const meanOf = (values: ArrayLike<number>) => neumaierSum(values) / values.length;

/**
 * The generalized entropy index of non-negative benefits `b` with mean μ:
 * `GE(α) = mean((b/μ)^α − 1) / (α(α − 1))` for α ∉ {0, 1};
 * `GE(1) = mean(ln((b/μ)^b) / μ)` (AIF360's Theil form, 0 for b = 0);
 * `GE(0) = −mean(ln(b/μ) / μ)`, which is +Infinity when some b = 0 (AIF360 returns inf).
 * Rows are unweighted, as in AIF360.
 *
 * Cost: O(n).
 *
 * @example
 * generalizedEntropyIndex(Float64Array.of(1, 2, 0, 1), 2); // => 0.25
 */
export function generalizedEntropyIndex(b: ArrayLike<number>, alpha = 2): number {
  if (!Number.isFinite(alpha))
    throw new RangeError("generalizedEntropyIndex: alpha must be finite");
  const n = b.length;
  if (n === 0) return Number.NaN;
  const mu = meanOf(b);
  const terms = new Float64Array(n);
  if (alpha === 1) {
    for (let i = 0; i < n; i++) terms[i] = Math.log((b[i]! / mu) ** b[i]!) / mu;
    return meanOf(terms);
  }
  if (alpha === 0) {
    for (let i = 0; i < n; i++) terms[i] = Math.log(b[i]! / mu) / mu;
    return -meanOf(terms);
  }
  for (let i = 0; i < n; i++) terms[i] = (b[i]! / mu) ** alpha - 1;
  return meanOf(terms) / (alpha * (alpha - 1));
}

/**
 * The Theil index: the generalized entropy index with α = 1.
 *
 * @example
 * theilIndex(Float64Array.of(1, 1, 1)); // => 0
 */
export function theilIndex(b: ArrayLike<number>): number {
  return generalizedEntropyIndex(b, 1);
}

/**
 * The coefficient of variation as AIF360 defines it: `√(2 · GE(2))`.
 *
 * @example
 * coefficientOfVariation(Float64Array.of(1, 2, 0, 1)); // => 0.7071067811865476
 */
export function coefficientOfVariation(b: ArrayLike<number>): number {
  return Math.sqrt(2 * generalizedEntropyIndex(b, 2));
}

/** Each group's mean benefit (NaN for a group without rows) and row count. */
function groupMeans(
  b: ArrayLike<number>,
  code: ArrayLike<number>,
  groups: number,
): { mean: Float64Array; count: Float64Array } {
  const sum = new Float64Array(groups);
  const count = new Float64Array(groups);
  for (let i = 0; i < b.length; i++) {
    sum[code[i]!]! += b[i]!;
    count[code[i]!]! += 1;
  }
  const mean = sum.map((s, g) => s / count[g]!);
  return { mean, count };
}

/**
 * The between-group generalized entropy index: every row's benefit replaced by its group's mean
 * benefit (`code[i]` in `[0, groups)`), then {@link generalizedEntropyIndex}. AIF360's
 * `between_group_*` (unprivileged and privileged groups) and `between_all_groups_*` (every
 * combination of protected values) are this with the corresponding coding of rows.
 *
 * Cost: O(n + groups).
 *
 * @example
 * betweenGroupGeneralizedEntropyIndex(Float64Array.of(0, 2, 1, 1), Uint32Array.of(0, 0, 1, 1), 2, 2); // => 0
 */
export function betweenGroupGeneralizedEntropyIndex(
  b: ArrayLike<number>,
  code: ArrayLike<number>,
  groups: number,
  alpha = 2,
): number {
  const { mean } = groupMeans(b, code, groups);
  const replaced = new Float64Array(b.length);
  for (let i = 0; i < b.length; i++) replaced[i] = mean[code[i]!]!;
  return generalizedEntropyIndex(replaced, alpha);
}

/**
 * The within-group part of the generalized entropy index: `Σ_g (n_g/n)(μ_g/μ)^α · GE_g(α)`, so that
 * `GE(α) = between-group part + within-group part` (Shorrocks 1980; the decomposition behind
 * AIF360's between-group indices).
 *
 * Cost: O(n + groups).
 *
 * @example
 * withinGroupGeneralizedEntropyIndex(Float64Array.of(0, 2, 1, 1), Uint32Array.of(0, 0, 1, 1), 2, 2); // => 0.25
 */
export function withinGroupGeneralizedEntropyIndex(
  b: ArrayLike<number>,
  code: ArrayLike<number>,
  groups: number,
  alpha = 2,
): number {
  const n = b.length;
  const mu = meanOf(b);
  const { mean, count } = groupMeans(b, code, groups);
  const members: number[][] = Array.from({ length: groups }, () => []);
  for (let i = 0; i < n; i++) members[code[i]!]!.push(b[i]!);
  const parts: number[] = [];
  for (let g = 0; g < groups; g++) {
    if (count[g] === 0) continue;
    const share = (count[g]! / n) * (mean[g]! / mu) ** alpha;
    parts.push(share === 0 ? 0 : share * generalizedEntropyIndex(members[g]!, alpha));
  }
  return neumaierSum(parts);
}
