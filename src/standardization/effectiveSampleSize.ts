/**
 * Kish's effective sample size: how many unweighted rows a weighted sample is worth.
 */
import { neumaierSum } from "../stats/summation.js";

/**
 * Kish's effective sample size (Σw)² / Σw² of a set of weights: n when all weights are equal,
 * smaller the more unequal they are; NaN when every weight is 0. With `group` codes, one value
 * per group code in [0, groups). Reference: L. Kish (1965), Survey Sampling, §11.7. Cost O(n).
 *
 * @param weights - non-negative weights
 * @param group - optional group code of each row
 * @param groups - number of groups (when `group` is given)
 * @example
 * kishEffectiveSampleSize([1, 1, 2]); // => [2.6666666666666665]
 */
export function kishEffectiveSampleSize(
  weights: ArrayLike<number>,
  group?: ArrayLike<number>,
  groups = 1,
): number[] {
  const sums: number[][] = Array.from({ length: groups }, () => []);
  const squares: number[][] = Array.from({ length: groups }, () => []);
  for (let i = 0; i < weights.length; i++) {
    const g = group === undefined ? 0 : (group[i] as number);
    const w = weights[i] as number;
    sums[g]!.push(w);
    squares[g]!.push(w * w);
  }
  return sums.map((s, g) => {
    const sum = neumaierSum(s);
    const square = neumaierSum(squares[g]!);
    return square > 0 ? (sum * sum) / square : Number.NaN;
  });
}
