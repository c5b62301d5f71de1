/**
 * Consistency (Zemel et al. 2013, "Learning Fair Representations"; AIF360's
 * `BinaryLabelDatasetMetric.consistency`): do similar individuals get similar outcomes?
 */
import { neumaierSum } from "../stats/summation.js";

/**
 * The `k` nearest rows of every row by Euclidean distance (the row itself included, at distance
 * 0), by an exact scan of all pairs. Equal distances are broken by the smaller row index.
 * Returns `n × k` row indices, nearest first.
 *
 * Cost: O(n² · d) time, O(n · k) memory (no index structure: about 2·10⁹ operations for
 * 16,000 rows of 7 features).
 *
 * @example
 * nearestNeighbours(Float64Array.of(0, 1, 5), 1, 2); // => Uint32Array [0, 1, 1, 0, 2, 1]
 */
export function nearestNeighbours(features: Float64Array, cols: number, k: number): Uint32Array {
  const n = features.length / cols;
  if (!Number.isInteger(n)) {
    throw new RangeError("nearestNeighbours: features.length must be a multiple of cols");
  }
  if (!Number.isInteger(k) || k < 1 || k > n) {
    throw new RangeError(`nearestNeighbours: k must be an integer in [1, ${n}]`);
  }
  const out = new Uint32Array(n * k);
  const dist = new Float64Array(k);
  const index = new Uint32Array(k);
  for (let i = 0; i < n; i++) {
    let size = 0;
    const xi = i * cols;
    for (let j = 0; j < n; j++) {
      const xj = j * cols;
      let d = 0;
      for (let f = 0; f < cols; f++) {
        const diff = features[xi + f]! - features[xj + f]!;
        d += diff * diff;
      }
      if (size === k && d >= dist[k - 1]!) continue;
      let p = size < k ? size++ : k - 1;
      while (p > 0 && dist[p - 1]! > d) {
        dist[p] = dist[p - 1]!;
        index[p] = index[p - 1]!;
        p--;
      }
      dist[p] = d;
      index[p] = j;
    }
    out.set(index, i * k);
  }
  return out;
}

/**
 * Consistency: `1 − (1/n) Σ_i |y_i − mean of y over the k nearest rows of i|`, the row itself
 * among its neighbours (AIF360 0.6.1, which fits scikit-learn's NearestNeighbors on the features
 * and queries the same rows). `features` is row-major with `cols` columns; `y` holds labels or
 * predictions (AIF360 reads the dataset's labels). Neighbours come from
 * {@link nearestNeighbours}; when the k-th and (k+1)-th distances tie, the choice between them
 * can differ from other implementations.
 *
 * Cost: O(n² · d) time (exact scan).
 *
 * @example
 * consistency(Float64Array.of(0, 0.1, 5, 5.1), 1, [1, 1, 0, 1], 2); // => 0.75
 */
export function consistency(
  features: Float64Array,
  cols: number,
  y: ArrayLike<number>,
  k = 5,
): number {
  const n = y.length;
  if (features.length !== n * cols) {
    throw new RangeError("consistency: features must have y.length × cols values");
  }
  return consistencyOfNeighbours(nearestNeighbours(features, cols, k), k, y, k);
}

/**
 * {@link consistency} from precomputed neighbours: `neighbours` holds `stride` row indices per
 * row, nearest first, of which the first `k` are used.
 *
 * Cost: O(n · k).
 *
 * @example
 * consistencyOfNeighbours(Uint32Array.of(0, 1, 1, 0, 2, 3, 3, 2), 2, [1, 1, 0, 1], 2); // => 0.75
 */
export function consistencyOfNeighbours(
  neighbours: Uint32Array,
  stride: number,
  y: ArrayLike<number>,
  k: number,
): number {
  const n = y.length;
  if (neighbours.length !== n * stride || k > stride) {
    throw new RangeError(
      "consistencyOfNeighbours: neighbours must hold stride ≥ k indices per row",
    );
  }
  const gaps = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < k; j++) sum += y[neighbours[i * stride + j]!]!;
    gaps[i] = Math.abs(y[i]! - sum / k);
  }
  return 1 - neumaierSum(gaps) / n;
}
