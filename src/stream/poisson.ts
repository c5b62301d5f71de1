/**
 * Poisson(1) draws for the online bootstrap, by inversion of the Poisson(1) distribution
 * function on a pure-rand uniform.
 */
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";

/** P(K ≤ k) for K ~ Poisson(1), k = 0 … 19 (the tail beyond 19 has mass below 1e-18). */
const CDF = (() => {
  const out = new Float64Array(20);
  let p = Math.exp(-1);
  let c = 0;
  for (let k = 0; k < out.length; k++) {
    if (k > 0) p /= k;
    c += p;
    out[k] = c;
  }
  return out;
})();

/** One draw of Poisson(1). */
export function poissonOne(rng: RandomGenerator): number {
  const u = uniformFloat64(rng);
  let k = 0;
  while (k < CDF.length - 1 && u >= CDF[k]!) k++;
  return k;
}
