/**
 * Multiclass confusion statistics per cell (group, or stratum × group): the weighted k × k
 * confusion matrix (rows true class, columns predicted class), each class's weighted true and
 * predicted support, and unweighted row counts (which decide which classes are present).
 * Mergeable: the statistics of two row sets add.
 */
import { addCompensated } from "../stats/summation.js";

/** Multiclass statistics of `cells` cells over `classes` classes. */
export interface MulticlassStats {
  /** Number of cells. */
  readonly cells: number;
  /** Number of classes. */
  readonly classes: number;
  /** Rows per cell (never weighted). */
  readonly count: Float64Array;
  /** Σ w per cell. */
  readonly weight: Float64Array;
  /** Weighted confusion matrices: cell c, true i, predicted j at `(c·k + i)·k + j`. */
  readonly matrix: Float64Array;
  /** Σ w of rows whose true class is j, at `c·k + j`. */
  readonly trueSupport: Float64Array;
  /** Σ w of rows predicted j, at `c·k + j`. */
  readonly predictedSupport: Float64Array;
  /** Rows whose true class is j, at `c·k + j` (unweighted). */
  readonly trueCount: Float64Array;
  /** Rows predicted j, at `c·k + j` (unweighted). */
  readonly predictedCount: Float64Array;
}

/**
 * Counts the multiclass statistics of every cell in one pass (compensated weighted sums).
 *
 * Cost: O(n + cells · k²).
 *
 * @example
 * multiclassStats(Uint32Array.of(0, 1, 2), Uint32Array.of(0, 2, 2), undefined, Uint32Array.of(0, 0, 0), 1, 3).matrix;
 * // => Float64Array [1, 0, 0, 0, 0, 1, 0, 0, 1]
 */
export function multiclassStats(
  target: Uint32Array,
  prediction: Uint32Array,
  weight: Float64Array | undefined,
  code: Uint32Array,
  cells: number,
  classes: number,
): MulticlassStats {
  const k = classes;
  const count = new Float64Array(cells);
  const trueCount = new Float64Array(cells * k);
  const predictedCount = new Float64Array(cells * k);
  const sums = [cells, cells * k * k, cells * k, cells * k].map((size) => ({
    sum: new Float64Array(size),
    comp: new Float64Array(size),
  })) as [
    { sum: Float64Array; comp: Float64Array },
    { sum: Float64Array; comp: Float64Array },
    { sum: Float64Array; comp: Float64Array },
    { sum: Float64Array; comp: Float64Array },
  ];
  const [w, m, t, p] = sums;
  for (let r = 0; r < target.length; r++) {
    const c = code[r]!;
    const y = target[r]!;
    const yhat = prediction[r]!;
    const x = weight === undefined ? 1 : weight[r]!;
    count[c]! += 1;
    trueCount[c * k + y]! += 1;
    predictedCount[c * k + yhat]! += 1;
    addCompensated(w.sum, w.comp, c, x);
    addCompensated(m.sum, m.comp, (c * k + y) * k + yhat, x);
    addCompensated(t.sum, t.comp, c * k + y, x);
    addCompensated(p.sum, p.comp, c * k + yhat, x);
  }
  for (const s of sums) for (let i = 0; i < s.sum.length; i++) s.sum[i]! += s.comp[i]!;
  return {
    cells,
    classes: k,
    count,
    weight: w.sum,
    matrix: m.sum,
    trueSupport: t.sum,
    predictedSupport: p.sum,
    trueCount,
    predictedCount,
  };
}

/** One class's one-vs-rest confusion counts in one cell (weighted when weights were given). */
export interface OneVsRest {
  /** Rows neither of the class nor predicted as it. */
  readonly tn: number;
  /** Rows predicted as the class but of another class. */
  readonly fp: number;
  /** Rows of the class predicted as another. */
  readonly fn: number;
  /** Rows of the class predicted as it. */
  readonly tp: number;
}

/**
 * The one-vs-rest counts of class j in cell c, as scikit-learn's multilabel_confusion_matrix:
 * `fp = predicted − tp`, `fn = true − tp`, `tn = total − tp − fp − fn`.
 *
 * @example
 * const s = multiclassStats(Uint32Array.of(0, 1, 2), Uint32Array.of(0, 2, 2), undefined, Uint32Array.of(0, 0, 0), 1, 3);
 * oneVsRest(s, 0, 2); // => { tn: 1, fp: 1, fn: 0, tp: 1 }
 */
export function oneVsRest(stats: MulticlassStats, c: number, j: number): OneVsRest {
  const k = stats.classes;
  const tp = stats.matrix[(c * k + j) * k + j]!;
  const fp = stats.predictedSupport[c * k + j]! - tp;
  const fn = stats.trueSupport[c * k + j]! - tp;
  return { tn: stats.weight[c]! - tp - fp - fn, fp, fn, tp };
}
