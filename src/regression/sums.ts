/**
 * Sufficient statistics of regression metrics per cell (group, or stratum × group): weighted
 * sums of errors, targets and predictions, and the weighted total sum of squares about each
 * cell's own mean (a second pass, as scikit-learn computes R²).
 */
import { addCompensated } from "../stats/summation.js";

/** The sums of one or more cells, one entry per cell in each array. */
export interface RegressionSums {
  /** Number of cells. */
  readonly cells: number;
  /** Rows per cell (never weighted). */
  readonly count: Float64Array;
  /** Σ w. */
  readonly weight: Float64Array;
  /** Σ w |y − ŷ|. */
  readonly absoluteError: Float64Array;
  /** Σ w (y − ŷ)². */
  readonly squaredError: Float64Array;
  /** Σ w y. */
  readonly target: Float64Array;
  /** Σ w ŷ. */
  readonly prediction: Float64Array;
  /** Σ w (y − ŷ). */
  readonly residual: Float64Array;
  /** Σ w over rows with ŷ − y > tolerance. */
  readonly over: Float64Array;
  /** Σ w over rows with y − ŷ > tolerance. */
  readonly under: Float64Array;
  /** Σ w (y − ȳ)², ȳ the cell's weighted mean target. */
  readonly totalSquares: Float64Array;
}

const FIELDS = [
  "weight",
  "absoluteError",
  "squaredError",
  "target",
  "prediction",
  "residual",
  "over",
  "under",
] as const;

/**
 * Computes the regression sums of every cell in two passes over the rows (compensated sums).
 * `code[r]` is row r's cell in `[0, cells)`.
 *
 * Cost: O(n + cells), two passes.
 *
 * @example
 * regressionSums(Float64Array.of(1, 3), Float64Array.of(2, 2), undefined, Uint32Array.of(0, 0), 1, 0).totalSquares;
 * // => Float64Array [2]
 */
export function regressionSums(
  target: Float64Array,
  prediction: Float64Array,
  weight: Float64Array | undefined,
  code: Uint32Array,
  cells: number,
  tolerance: number,
): RegressionSums {
  const count = new Float64Array(cells);
  const sum = Object.fromEntries(FIELDS.map((f) => [f, new Float64Array(cells)])) as Record<
    (typeof FIELDS)[number],
    Float64Array
  >;
  const comp = Object.fromEntries(FIELDS.map((f) => [f, new Float64Array(cells)])) as Record<
    (typeof FIELDS)[number],
    Float64Array
  >;
  for (let r = 0; r < target.length; r++) {
    const c = code[r]!;
    const w = weight === undefined ? 1 : weight[r]!;
    const y = target[r]!;
    const p = prediction[r]!;
    const e = y - p;
    count[c]! += 1;
    addCompensated(sum.weight, comp.weight, c, w);
    addCompensated(sum.absoluteError, comp.absoluteError, c, w * Math.abs(e));
    addCompensated(sum.squaredError, comp.squaredError, c, w * e * e);
    addCompensated(sum.target, comp.target, c, w * y);
    addCompensated(sum.prediction, comp.prediction, c, w * p);
    addCompensated(sum.residual, comp.residual, c, w * e);
    if (-e > tolerance) addCompensated(sum.over, comp.over, c, w);
    if (e > tolerance) addCompensated(sum.under, comp.under, c, w);
  }
  for (const f of FIELDS) for (let c = 0; c < cells; c++) sum[f][c]! += comp[f][c]!;
  const mean = new Float64Array(cells);
  for (let c = 0; c < cells; c++) mean[c] = sum.target[c]! / sum.weight[c]!;
  const totalSquares = new Float64Array(cells);
  const totalComp = new Float64Array(cells);
  for (let r = 0; r < target.length; r++) {
    const c = code[r]!;
    const w = weight === undefined ? 1 : weight[r]!;
    const d = target[r]! - mean[c]!;
    addCompensated(totalSquares, totalComp, c, w * d * d);
  }
  for (let c = 0; c < cells; c++) totalSquares[c]! += totalComp[c]!;
  return { cells, count, ...sum, totalSquares };
}

/**
 * The sums of two row sets, cell by cell, as one pass over both would give (up to rounding):
 * every weighted sum adds, and the total sums of squares combine by Chan, Golub and LeVeque's
 * (1979) update `M2 = M2_a + M2_b + (ȳ_b − ȳ_a)² · W_a W_b / (W_a + W_b)`. This makes the
 * statistics mergeable for streams, workers and SQL partial aggregates.
 *
 * Cost: O(cells).
 *
 * @example
 * const a = regressionSums(Float64Array.of(1), Float64Array.of(1), undefined, Uint32Array.of(0), 1, 0);
 * const b = regressionSums(Float64Array.of(3), Float64Array.of(2), undefined, Uint32Array.of(0), 1, 0);
 * mergeRegressionSums(a, b).totalSquares; // => Float64Array [2]
 */
export function mergeRegressionSums(a: RegressionSums, b: RegressionSums): RegressionSums {
  if (a.cells !== b.cells) {
    throw new RangeError(`mergeRegressionSums: ${a.cells} cells and ${b.cells} cells`);
  }
  const add = (x: Float64Array, y: Float64Array) => x.map((v, c) => v + y[c]!);
  const sums = Object.fromEntries(FIELDS.map((f) => [f, add(a[f], b[f])])) as Record<
    (typeof FIELDS)[number],
    Float64Array
  >;
  const totalSquares = new Float64Array(a.cells);
  for (let c = 0; c < a.cells; c++) {
    const wa = a.weight[c]!;
    const wb = b.weight[c]!;
    if (wa === 0 || wb === 0) {
      totalSquares[c] = a.totalSquares[c]! + b.totalSquares[c]!;
      continue;
    }
    const delta = b.target[c]! / wb - a.target[c]! / wa;
    totalSquares[c] =
      a.totalSquares[c]! + b.totalSquares[c]! + ((delta * delta * wa) / (wa + wb)) * wb;
  }
  return { cells: a.cells, count: add(a.count, b.count), ...sums, totalSquares };
}
