/**
 * Differential fairness (Foulds, Islam, Keya and Pan 2020, "An Intersectional Definition of
 * Fairness"), as AIF360 0.6.1 computes it.
 */

/**
 * Each group's smoothed favorable rate `(Σ w·y + c/2) / (Σ w + c)` (a Dirichlet prior with
 * concentration `c` over the two outcomes), for the groups with at least one row.
 *
 * @example
 * smoothedRates(Uint8Array.of(1, 0, 1, 1), Uint32Array.of(0, 0, 1, 1), 2, undefined, 1); // => [0.5, 0.8333333333333334]
 */
export function smoothedRates(
  outcome: ArrayLike<number>,
  code: ArrayLike<number>,
  groups: number,
  weight: ArrayLike<number> | undefined,
  concentration = 1,
): number[] {
  const favorable = new Float64Array(groups);
  const total = new Float64Array(groups);
  const rows = new Uint32Array(groups);
  for (let i = 0; i < outcome.length; i++) {
    const w = weight === undefined ? 1 : weight[i]!;
    const g = code[i]!;
    total[g]! += w;
    if (outcome[i] === 1) favorable[g]! += w;
    rows[g]! += 1;
  }
  const rates: number[] = [];
  for (let g = 0; g < groups; g++) {
    if (rows[g] === 0) continue;
    rates.push((favorable[g]! + concentration / 2) / (total[g]! + concentration));
  }
  return rates;
}

/**
 * Smoothed empirical differential fairness ε: the largest, over ordered pairs of groups, of
 * `max(|ln r_i − ln r_j|, |ln(1 − r_i) − ln(1 − r_j)|)` with `r` the {@link smoothedRates}.
 * `outcome` is 1 for the favorable outcome (labels, or predictions). 0 means equal rates.
 *
 * Cost: O(n + groups²).
 *
 * @example
 * smoothedEmpiricalDifferentialFairness(Uint8Array.of(1, 0, 1, 1), Uint32Array.of(0, 0, 1, 1), 2); // => 1.0986122886681098
 */
export function smoothedEmpiricalDifferentialFairness(
  outcome: ArrayLike<number>,
  code: ArrayLike<number>,
  groups: number,
  weight?: ArrayLike<number>,
  concentration = 1,
): number {
  const rates = smoothedRates(outcome, code, groups, weight, concentration);
  let epsilon = 0;
  for (const ri of rates) {
    for (const rj of rates) {
      const positive = Math.abs(Math.log(ri) - Math.log(rj));
      const negative = Math.abs(Math.log(1 - ri) - Math.log(1 - rj));
      epsilon = Math.max(epsilon, positive, negative);
    }
  }
  return epsilon;
}

/**
 * Differential fairness bias amplification: ε of the predictions minus ε of the true labels
 * (positive when the model widens the disparity already in the labels).
 *
 * @example
 * differentialFairnessBiasAmplification(Uint8Array.of(1, 0, 1, 1), Uint8Array.of(1, 0, 1, 0), Uint32Array.of(0, 0, 1, 1), 2); // => -1.0986122886681098
 */
export function differentialFairnessBiasAmplification(
  label: ArrayLike<number>,
  prediction: ArrayLike<number>,
  code: ArrayLike<number>,
  groups: number,
  weight?: ArrayLike<number>,
  concentration = 1,
): number {
  return (
    smoothedEmpiricalDifferentialFairness(prediction, code, groups, weight, concentration) -
    smoothedEmpiricalDifferentialFairness(label, code, groups, weight, concentration)
  );
}
