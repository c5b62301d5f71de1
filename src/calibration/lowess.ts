/**
 * Locally weighted linear regression (lowess; Cleveland 1979) without robustness iterations,
 * reproducing statsmodels' `lowess(y, x, frac, it=0, delta=0)` window and weights, with optional
 * case weights multiplying the tricube weights.
 */
/** Rows sorted by x: x ascending, with their y and case weights in the same order. */
export interface SortedRows {
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Case weights (all 1 when absent). */
  readonly w: Float64Array | undefined;
}

/** The window size of statsmodels: k = int(frac · n + 1e-10), clamped to [2, n]. */
export function windowSize(frac: number, n: number): number {
  return Math.min(n, Math.max(2, Math.floor(frac * n + 1e-10)));
}

/**
 * The lowess fit at each query point (queries ascending). For a point x the window is the k
 * consecutive sorted rows [L, L + k) with the smallest L such that x ≤ (x_L + x_{L+k}) / 2 (or
 * L = n − k); radius h = max(x − x_L, x_{L+k−1} − x); weights w_j = (1 − (|x_j − x|/h)³)³ for
 * |x_j − x| < h, else 0 (all 1 when h = 0), times the case weights, normalized to sum 1. With
 * fewer than two normalized weights above 1e-12 the fit is `fallback(query index)`; otherwise
 * Σ_j w_j (1 + (x − x̄)(x_j − x̄) / max(Σ_j w_j (x_j − x̄)², 1e-12)) y_j with x̄ = Σ_j w_j x_j,
 * summed in sorted order as statsmodels' loops do.
 *
 * Cost: O(q · k + n) for q queries.
 */
export function lowessAt(
  rows: SortedRows,
  k: number,
  queries: ArrayLike<number>,
  fallback: (query: number) => number,
): Float64Array {
  const { x, y, w } = rows;
  const n = x.length;
  const out = new Float64Array(queries.length);
  const weights = new Float64Array(k);
  let left = 0;
  for (let q = 0; q < queries.length; q++) {
    const xq = queries[q] as number;
    while (left + k < n && xq > ((x[left] as number) + (x[left + k] as number)) / 2) left++;
    const h = Math.max(xq - (x[left] as number), (x[left + k - 1] as number) - xq);
    const inverse = h > 0 ? 1 / h : 0;
    const xs = x.subarray(left, left + k);
    const ys = y.subarray(left, left + k);
    let total = 0;
    for (let j = 0; j < k; j++) {
      const d = Math.abs((xs[j] as number) - xq) * inverse;
      let t = 0;
      if (d < 1) {
        const c = 1 - d * d * d;
        t = c * c * c;
      }
      if (w !== undefined) t *= w[left + j] as number;
      weights[j] = t;
      total += t;
    }
    // The rounding of statsmodels is reproduced by normalizing first and summing in sorted
    // order: Σ v_j (1 + s (x_j − x̄)) y_j cancels heavily at the ends of the range, so an
    // algebraically equal one-pass form differs from statsmodels in the 13th digit there.
    let nonzero = 0;
    let xbar = 0;
    for (let j = 0; j < k; j++) {
      const v = (weights[j] as number) / total;
      weights[j] = v;
      if (v > 1e-12) nonzero++;
      xbar += v * (xs[j] as number);
    }
    if (!(total > 0) || nonzero < 2) {
      out[q] = fallback(q);
      continue;
    }
    let sxx = 0;
    for (let j = 0; j < k; j++) {
      const dx = (xs[j] as number) - xbar;
      sxx += (weights[j] as number) * dx * dx;
    }
    const scale = (xq - xbar) / Math.max(sxx, 1e-12);
    let fit = 0;
    for (let j = 0; j < k; j++) {
      fit += (weights[j] as number) * (1 + scale * ((xs[j] as number) - xbar)) * (ys[j] as number);
    }
    out[q] = fit;
  }
  return out;
}

/**
 * statsmodels' `lowess(y, x, frac, it=0, delta=0, return_sorted=False)`: the fit at every row,
 * in the rows' order. Rows tied in x share the fit at their value; a row whose window has fewer
 * than two non-negligible weights keeps its own y (for ties, the first tied row's y in sorted
 * order).
 *
 * Cost: O(d · k + n log n) for d distinct x values and window size k ≈ frac · n.
 *
 * @param order - row indices sorted by x ascending (e.g. `orderByScore`)
 */
export function lowessFit(
  x: Float64Array,
  y: Float64Array,
  w: Float64Array | undefined,
  order: Uint32Array,
  frac: number,
): Float64Array {
  const n = order.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const sorted: SortedRows = {
    x: Float64Array.from(order, (r) => x[r] as number),
    y: Float64Array.from(order, (r) => y[r] as number),
    w: w === undefined ? undefined : Float64Array.from(order, (r) => w[r] as number),
  };
  // First sorted position of each distinct x.
  const firsts: number[] = [];
  for (let i = 0; i < n; i++) if (i === 0 || sorted.x[i] !== sorted.x[i - 1]) firsts.push(i);
  const queries = Float64Array.from(firsts, (i) => sorted.x[i] as number);
  const fits =
    n < 2
      ? Float64Array.from(firsts, (i) => sorted.y[i] as number)
      : lowessAt(sorted, windowSize(frac, n), queries, (q) => sorted.y[firsts[q]!] as number);
  let d = -1;
  for (let i = 0; i < n; i++) {
    if (d + 1 < firsts.length && firsts[d + 1] === i) d++;
    out[order[i] as number] = fits[d] as number;
  }
  return out;
}
