/**
 * The best-response learner interface of the reductions, and the dense matrix the plain-JS
 * learner reads.
 */

/**
 * A binary classifier the reductions can train: `fit` on 0/1 labels with non-negative sample
 * weights, `predict` hard 0/1 labels. `X` is whatever the learner reads (a `DenseMatrix`, a
 * `tf.Tensor2D`, …); the reductions never look inside it.
 */
export interface Learner<X> {
  /** Trains on rows `x` with 0/1 labels `y` and non-negative weights. */
  fit(x: X, y: Uint8Array, sampleWeight: Float64Array): void;
  /** Hard 0/1 labels of the rows of `x`. */
  predict(x: X): ArrayLike<number>;
  /** Releases resources (tfjs variables), when the learner holds any. */
  dispose?(): void;
}

/** Makes a fresh, unfitted learner (one per best-response call). */
export type LearnerFactory<X> = () => Learner<X>;

/** A row-major matrix of numbers: entry (i, j) is `data[i * cols + j]`. */
export interface DenseMatrix {
  /** The entries, row by row. */
  readonly data: Float64Array;
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
}

/**
 * Packs rows of numbers into a `DenseMatrix` (copying them). Cost O(rows × cols).
 *
 * @example
 * denseMatrix([[1, 2], [3, 4]]).data; // => Float64Array [1, 2, 3, 4]
 */
export function denseMatrix(rows: ArrayLike<ArrayLike<number>>): DenseMatrix {
  const n = rows.length;
  const cols = n === 0 ? 0 : rows[0]!.length;
  const data = new Float64Array(n * cols);
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    if (row.length !== cols) {
      throw new RangeError(`denseMatrix: row ${i} has ${row.length} values, expected ${cols}`);
    }
    for (let j = 0; j < cols; j++) data[i * cols + j] = row[j]!;
  }
  return { data, rows: n, cols };
}

/**
 * Number of rows of a learner input: `rows` of a `DenseMatrix`, `shape[0]` of a tensor, or
 * `length` of an array.
 */
export function rowCount(x: unknown): number {
  if (typeof x === "object" && x !== null) {
    const o = x as { rows?: unknown; shape?: unknown; length?: unknown };
    if (typeof o.rows === "number") return o.rows;
    if (Array.isArray(o.shape) && typeof o.shape[0] === "number") return o.shape[0];
    if (typeof o.length === "number") return o.length;
  }
  throw new TypeError("rowCount: x is not a DenseMatrix, a tensor or an array");
}
