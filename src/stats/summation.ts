/**
 * Compensated (Kahan–Babuška–Neumaier) summation, so that weighted counts over tens of millions
 * of rows keep full double precision.
 */

/**
 * Neumaier's compensated sum of `values`.
 *
 * Cost: O(n). Error bound independent of n to first order (Neumaier 1974).
 *
 * @example
 * neumaierSum([1e100, 1, -1e100]); // => 1
 */
export function neumaierSum(values: ArrayLike<number>): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    const t = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  // With an infinite term the compensation is NaN (∞ − ∞); the plain sum is then the answer.
  return Number.isFinite(sum) ? sum + compensation : sum;
}

/**
 * Adds `x` into slot `i` of a compensated sum held in two arrays (running sum, compensation).
 * The value of the slot is `sum[i] + comp[i]`.
 */
export function addCompensated(sum: Float64Array, comp: Float64Array, i: number, x: number): void {
  const s = sum[i]!;
  const t = s + x;
  comp[i]! += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
  sum[i] = t;
}

/**
 * A running Neumaier compensated sum, for sums read while they grow (cumulative counts down a
 * score order).
 *
 * @example
 * const total = new CompensatedSum();
 * for (const x of [1e100, 1, -1e100]) total.add(x);
 * total.value; // => 1
 */
export class CompensatedSum {
  #sum = 0;
  #compensation = 0;

  /** Adds `x`. */
  add(x: number): void {
    const s = this.#sum;
    const t = s + x;
    this.#compensation += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    this.#sum = t;
  }

  /** The sum so far. */
  get value(): number {
    return this.#sum + this.#compensation;
  }
}
