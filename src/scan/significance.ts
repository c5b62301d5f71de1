/**
 * Multiplicity-adjusted Monte Carlo p-values for the subgroups a search returns: the step-down
 * max-statistic procedure (Westfall and Young 1993, "Resampling-Based Multiple Testing", §2.6)
 * with the search rerun on every null replicate, so the p-values account for the search.
 */
import type { RandomSource } from "../uncertainty/random.js";

/** A found subgroup (or a null replicate's): its identity and score. */
export interface KeyedScore {
  readonly key: string;
  readonly score: number;
}

/**
 * Step-down max-statistic p-values. `observed` lists the found subgroups best first; each null
 * replicate lists its own distinct subgroups best first. For the i-th found subgroup the null
 * statistic of a replicate is its best score among subgroups other than the first i − 1 found
 * ones; p_i = (1 + #{replicates with that statistic ≥ T_i}) / (B + 1), then made non-decreasing
 * down the list. The first p-value is the plain Monte Carlo p-value of the scan's maximum.
 *
 * Cost: O(k · B · r) for k found, B replicates and r subgroups kept per replicate.
 *
 * @example
 * stepDownPValues([{ key: "a", score: 5 }], [[{ key: "x", score: 6 }], [{ key: "y", score: 1 }]]); // => [0.6666666666666666]
 */
export function stepDownPValues(
  observed: readonly KeyedScore[],
  replicates: readonly (readonly KeyedScore[])[],
): number[] {
  const out: number[] = [];
  const excluded = new Set<string>();
  let previous = 0;
  for (const found of observed) {
    let exceed = 0;
    for (const replicate of replicates) {
      const top = replicate.find((candidate) => !excluded.has(candidate.key));
      const statistic = top === undefined ? 0 : top.score;
      if (statistic >= found.score - 1e-12 * Math.max(1, Math.abs(found.score))) exceed += 1;
    }
    previous = Math.max(previous, (1 + exceed) / (replicates.length + 1));
    out.push(previous);
    excluded.add(found.key);
  }
  return out;
}

/**
 * A copy of `values` in a uniformly random order (Fisher–Yates, drawing from `random`): one
 * replicate of a permutation null.
 */
export function shuffled<T extends Float64Array | Uint8Array>(values: T, random: RandomSource): T {
  const out = values.slice() as T;
  for (let i = out.length - 1; i > 0; i--) {
    const k = random.integer(0, i);
    const t = out[i]!;
    out[i] = out[k]!;
    out[k] = t;
  }
  return out;
}
