/**
 * Seeded random helpers on pure-rand's Mersenne Twister, whose seeding decorrelates nearby seeds
 * (xoroshiro128+ seeded with 1, 2, 3… gives strongly correlated first draws).
 */
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { mersenne } from "pure-rand/generator/mersenne";

export type RandomSource = ReturnType<typeof mersenne>;

export function randomSource(seed: number): RandomSource {
  return mersenne(seed);
}

/** Fisher–Yates shuffle of 0..n-1. */
export function permutation(n: number, rng: RandomSource): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = uniformInt(rng, 0, i);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

/** n uniform draws in [0, 1). */
export function uniforms(n: number, rng: RandomSource): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = uniformFloat64(rng);
  return out;
}
