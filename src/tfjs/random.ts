/**
 * Seeded shuffles and uniform draws for training loops and randomised classifiers, on the
 * package's one random source.
 */
import type { RandomSource } from "../uncertainty/random.js";

/** Fisher–Yates shuffle of 0..n-1. */
export function permutation(n: number, rng: RandomSource): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.integer(0, i);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

/** n uniform draws in [0, 1). */
export function uniforms(n: number, rng: RandomSource): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.uniform();
  return out;
}
