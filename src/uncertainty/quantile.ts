/**
 * NaN-aware quantiles of bootstrap replicates.
 */

/**
 * The q-quantile of sorted values by linear interpolation between order statistics
 * (Hyndman & Fan type 7, numpy's default `method='linear'`): with h = (m − 1)·q,
 * x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎). NaN when `sorted` is empty. Cost O(1).
 *
 * @param sorted - values in ascending order, without NaN
 * @param q - probability in [0, 1]
 * @example
 * quantileSorted(Float64Array.of(1, 2, 3, 4), 0.5); // => 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const m = sorted.length;
  if (m === 0 || !(q >= 0 && q <= 1)) return Number.NaN;
  const h = (m - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  if (lo + 1 >= m) return a;
  const b = sorted[lo + 1] as number;
  const t = h - lo;
  return t === 0 || a === b ? a : a + t * (b - a);
}

/**
 * The finite-or-infinite (non-NaN) values of `values`, sorted ascending, in a new array, and how
 * many NaN values were dropped. Cost O(m log m).
 *
 * @example
 * Array.from(sortedWithoutNaN(Float64Array.of(3, NaN, 1)).sorted); // => [1, 3]
 */
export function sortedWithoutNaN(values: ArrayLike<number>): {
  sorted: Float64Array;
  nanCount: number;
} {
  let kept = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) kept += 1;
  const sorted = new Float64Array(kept);
  let j = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isNaN(v)) sorted[j++] = v;
  }
  sorted.sort();
  return { sorted, nanCount: values.length - kept };
}
