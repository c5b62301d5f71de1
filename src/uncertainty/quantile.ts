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
 * The positions of the sorted values `quantileSorted(sorted, q)` reads for m values: ⌊(m − 1)q⌋
 * and the next one. Cost O(1).
 *
 * @example
 * quantilePositions(4, 0.5); // => [1, 2]
 */
export function quantilePositions(m: number, q: number): number[] {
  if (!(q >= 0 && q <= 1)) return [];
  const lo = Math.floor((m - 1) * q);
  return [lo, lo + 1];
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

/**
 * Moves the i-th smallest of `a[from..to]` to index i, smaller ones before, larger after. Each
 * round splits the range around a median-of-three pivot into smaller, equal and larger values
 * with no branch that depends on the data (a comparison's result moves the boundary), since on
 * bootstrap replicates, in random order, a partition's branches would be mispredicted about half
 * the time.
 */
function select(a: Float64Array, i: number, from: number, to: number): void {
  let lo = from;
  let hi = to;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    const x = a[lo]!;
    const y = a[mid]!;
    const z = a[hi]!;
    const pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    // a[lo..less) < pivot: each value is swapped to the boundary, which moves past it if smaller.
    let less = lo;
    for (let j = lo; j <= hi; j++) {
      const v = a[j]!;
      a[j] = a[less]!;
      a[less] = v;
      less += +(v < pivot);
    }
    if (i < less) {
      hi = less - 1;
      continue;
    }
    // a[less..equal) === pivot (the pivot is one of the values, so the range shrinks).
    let equal = less;
    for (let j = less; j <= hi; j++) {
      const v = a[j]!;
      a[j] = a[equal]!;
      a[equal] = v;
      equal += +(v === pivot);
    }
    if (i < equal) return;
    lo = equal;
  }
}

/**
 * The finite-or-infinite (non-NaN) values of `values` in a new array in which every position in
 * `positions` (and the first and last) holds what a full ascending sort would put there, so that
 * `quantileSorted` reading only those positions gives the same result as on the sorted values;
 * and how many NaN values were dropped (values with −0 are sorted in full, since comparisons do not
 * order −0 and +0 as the sort does). Cost O(m) expected for a few positions.
 *
 * @example
 * const { sorted } = selectedWithoutNaN(Float64Array.of(5, NaN, 1, 4, 2, 3), (m) => [m >> 1]);
 * sorted[2]; // => 3
 */
export function selectedWithoutNaN(
  values: ArrayLike<number>,
  positions: (m: number) => readonly number[],
): { sorted: Float64Array; nanCount: number } {
  let kept = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) kept += 1;
  const sorted = new Float64Array(kept);
  let j = 0;
  let negativeZero = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isNaN(v)) sorted[j++] = v;
    if (v === 0 && Object.is(v, -0)) negativeZero = true;
  }
  const m = kept;
  // The sort orders −0 before +0, which comparisons do not see: then sort.
  if (negativeZero) sorted.sort();
  else if (m > 1) {
    const wanted = [...new Set([0, m - 1, ...positions(m)])]
      .filter((p) => p >= 0 && p < m)
      .sort((a, b) => a - b);
    // Each selection leaves everything at or after its position no smaller, so the next one only
    // searches the part after it.
    let from = 0;
    for (const p of wanted) {
      select(sorted, p, from, m - 1);
      from = p + 1;
    }
  }
  return { sorted, nanCount: values.length - kept };
}
