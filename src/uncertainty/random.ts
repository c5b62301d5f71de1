/**
 * The seeded random source every resampling routine draws from: one abstraction over pure-rand's
 * xoroshiro128+ generator giving uniform doubles, integers, binomial, multinomial and Poisson(1)
 * draws, and independent streams by jumping.
 *
 * Algorithms (all exact samplers on top of the uniform stream):
 * - uniform doubles: pure-rand `uniformFloat64` (53 random bits, in [0, 1));
 * - integers: pure-rand `uniformInt` (rejection, unbiased);
 * - binomial(n, p): with p folded to min(p, 1 − p), inversion by sequential search (Kachitvichyanukul
 *   and Schmeiser's BINV) when n·p < 10, otherwise Hörmann's BTRS transformed rejection with squeeze
 *   (W. Hörmann, "The generation of binomial random variates", J. Stat. Comput. Simul. 46, 1993),
 *   whose acceptance test uses log-factorials from src/stats/special.ts;
 * - multinomial(n, p): the sequential conditional-binomial method (cell i gets
 *   Binomial(n − drawn so far, p_i / remaining mass)), O(k) binomial draws for k cells;
 * - Poisson(1): inversion by sequential search;
 * - standard normal: the Box–Muller transform of two uniform draws (the cosine variate).
 * Seeds are unsigned 32-bit integers (pure-rand seeds xoroshiro128+ from a 32-bit value; the
 * stream starts after one jump, so nearby seeds give unrelated streams).
 */

import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus, xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import type { JumpableRandomGenerator } from "pure-rand/types/JumpableRandomGenerator";
import { logFactorial } from "../stats/special.js";

/** The name of the generator and samplers, recorded in results next to the seed. */
export const RANDOM_METHOD =
  "xoroshiro128plus (pure-rand 8); binomial: BINV inversion / BTRS; normal: Box–Muller";

/** The largest seed accepted: seeds are unsigned 32-bit integers. */
const MAX_SEED = 0xffff_ffff;

/** Below this n·min(p, 1 − p) the binomial sampler inverts the CDF; above it uses BTRS. */
const INVERSION_LIMIT = 10;

/**
 * A seeded stream of random numbers. Mutable: each draw advances the stream. `split()` hands out an
 * independent stream (2^64 draws apart), so parallel or nested routines never share draws.
 */
export interface RandomSource {
  /** The seed the first stream was created with (streams split from it keep it). */
  readonly seed: number;
  /** A uniform double in [0, 1). */
  uniform(): number;
  /** A uniform integer in [from, to] (both included). */
  integer(from: number, to: number): number;
  /** A Binomial(n, p) draw. */
  binomial(n: number, p: number): number;
  /**
   * A Multinomial(n, probabilities) draw into `out` (allocated when absent). `probabilities` need
   * not sum to one: they are normalised by their sum.
   */
  multinomial(n: number, probabilities: ArrayLike<number>, out?: Float64Array): Float64Array;
  /** A Poisson(1) draw (the online Poisson bootstrap's weight). */
  poisson1(): number;
  /** A standard normal draw. */
  normal(): number;
  /**
   * A new independent stream: it continues from this stream's state while this stream jumps
   * 2^64 draws ahead, so streams split in the same order from the same seed are reproducible.
   */
  split(): RandomSource;
  /**
   * The generator's state (pure-rand's xoroshiro128+ state words), for workers and stored
   * accumulators: `randomSourceFromState` continues the stream from it.
   */
  state(): readonly number[];
}

/**
 * Creates a seeded random source (xoroshiro128+ from pure-rand; see the module comment for the
 * sampling algorithms). The same seed gives the same stream on every platform.
 *
 * Cost: O(1) to create; each uniform draw is O(1), a binomial draw O(1) expected, a multinomial
 * draw O(k) for k cells.
 *
 * @param seed - an integer in [0, 2^32 − 1]
 * @throws RangeError when the seed is not such an integer
 * @example
 * randomSource(42).integer(1, 6) === randomSource(42).integer(1, 6); // => true
 */
export function randomSource(seed: number): RandomSource {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new RangeError(`randomSource: seed must be an integer in [0, 2^32 - 1], got ${seed}`);
  }
  const rng = xoroshiro128plus(seed | 0);
  // pure-rand fills most of the 128-bit state with constants, so the first draws of nearby seeds
  // are nearly equal (seed 0..5 all start at 0.9999…). One jump (a dense linear map of the
  // state) decorrelates them before any draw is used.
  rng.jump();
  return new XoroshiroSource(seed, rng);
}

/**
 * The random source whose `state()` was `state`, continuing its stream where it stopped.
 *
 * @example
 * const source = randomSource(42);
 * source.uniform();
 * randomSourceFromState(42, source.state()).uniform() === source.uniform(); // => true
 */
export function randomSourceFromState(seed: number, state: readonly number[]): RandomSource {
  return new XoroshiroSource(seed, xoroshiro128plusFromState(state));
}

class XoroshiroSource implements RandomSource {
  readonly #rng: JumpableRandomGenerator;

  constructor(
    readonly seed: number,
    rng: JumpableRandomGenerator,
  ) {
    this.#rng = rng;
  }

  uniform(): number {
    return uniformFloat64(this.#rng);
  }

  integer(from: number, to: number): number {
    return uniformInt(this.#rng, from, to);
  }

  binomial(n: number, p: number): number {
    if (!(Number.isInteger(n) && n >= 0)) {
      throw new RangeError(`binomial: n must be a non-negative integer, got ${n}`);
    }
    if (!(p >= 0 && p <= 1)) throw new RangeError(`binomial: p must be in [0, 1], got ${p}`);
    if (n === 0 || p === 0) return 0;
    if (p === 1) return n;
    if (p > 0.5) return n - this.#binomialFolded(n, 1 - p);
    return this.#binomialFolded(n, p);
  }

  /** Binomial draw for 0 < p <= 0.5. */
  #binomialFolded(n: number, p: number): number {
    return n * p < INVERSION_LIMIT ? this.#binomialInversion(n, p) : this.#binomialBtrs(n, p);
  }

  /** BINV: walk the pmf from 0 with the recurrence f(x) = f(x − 1)·((n + 1)s/x − s), s = p/q. */
  #binomialInversion(n: number, p: number): number {
    const q = 1 - p;
    const s = p / q;
    const a = (n + 1) * s;
    const r0 = Math.exp(n * Math.log1p(-p));
    for (;;) {
      let u = this.uniform();
      let r = r0;
      let x = 0;
      while (u > r) {
        u -= r;
        x += 1;
        if (x > n) break;
        r *= a / x - s;
      }
      if (x <= n) return x;
    }
  }

  /** Hörmann's BTRS, for n·p >= 10 and p <= 0.5. */
  #binomialBtrs(n: number, p: number): number {
    const q = 1 - p;
    const spq = Math.sqrt(n * p * q);
    const b = 1.15 + 2.53 * spq;
    const a = -0.0873 + 0.0248 * b + 0.01 * p;
    const c = n * p + 0.5;
    const alpha = (2.83 + 5.1 / b) * spq;
    const vr = 0.92 - 4.2 / b;
    const lpq = Math.log(p / q);
    const m = Math.floor((n + 1) * p);
    const h = logFactorial(m) + logFactorial(n - m);
    for (;;) {
      const u = this.uniform() - 0.5;
      let v = this.uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + c);
      if (k < 0 || k > n) continue;
      if (us >= 0.07 && v <= vr) return k;
      v = Math.log((v * alpha) / (a / (us * us) + b));
      if (v <= h - logFactorial(k) - logFactorial(n - k) + (k - m) * lpq) return k;
    }
  }

  multinomial(n: number, probabilities: ArrayLike<number>, out?: Float64Array): Float64Array {
    const k = probabilities.length;
    const result = out ?? new Float64Array(k);
    if (result.length < k) {
      throw new RangeError(`multinomial: out has ${result.length} cells, need ${k}`);
    }
    let mass = 0;
    for (let i = 0; i < k; i++) {
      const pi = probabilities[i] as number;
      if (!(pi >= 0 && Number.isFinite(pi))) {
        throw new RangeError(`multinomial: probabilities[${i}] must be finite and >= 0, got ${pi}`);
      }
      mass += pi;
    }
    if (!(mass > 0) && n > 0) throw new RangeError("multinomial: probabilities sum to zero");
    let remaining = n;
    for (let i = 0; i < k; i++) {
      const pi = probabilities[i] as number;
      if (remaining === 0 || pi === 0) {
        result[i] = 0;
      } else if (i === k - 1 || pi >= mass) {
        result[i] = remaining;
        remaining = 0;
      } else {
        const x = this.binomial(remaining, pi / mass);
        result[i] = x;
        remaining -= x;
      }
      mass -= pi;
    }
    return result;
  }

  poisson1(): number {
    let u = this.uniform();
    let term = Math.exp(-1);
    let k = 0;
    // P(X > 30) is below 1e-33, far under the uniform's 2^-53 resolution: the cap only stops
    // rounding residue from walking on forever.
    while (u > term && k < 30) {
      u -= term;
      k += 1;
      term /= k;
    }
    return k;
  }

  normal(): number {
    // 1 − u is in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - this.uniform()));
    return radius * Math.cos(2 * Math.PI * this.uniform());
  }

  state(): readonly number[] {
    return this.#rng.getState();
  }

  split(): RandomSource {
    const child = new XoroshiroSource(this.seed, this.#rng.clone());
    this.#rng.jump();
    return child;
  }
}

/**
 * One Bernoulli draw per probability: 1 when a uniform draw from `source` is below `p[i]`. The
 * seeded `predict` of every randomised rule uses it.
 *
 * @example
 * Array.from(bernoulliDraws([0, 1, 0, 1], randomSource(7))); // => [0, 1, 0, 1]
 */
export function bernoulliDraws(probabilities: ArrayLike<number>, source: RandomSource): Uint8Array {
  const out = new Uint8Array(probabilities.length);
  for (let i = 0; i < out.length; i++) out[i] = source.uniform() < probabilities[i]! ? 1 : 0;
  return out;
}
