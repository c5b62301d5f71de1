/**
 * Per-class scores of one cell and their averages, with scikit-learn's semantics
 * (precision_recall_fscore_support, balanced_accuracy_score): averages run over the classes
 * present in the cell (in its true or predicted classes, by row), `weighted` weights each class by
 * its (weighted) true support, and a score whose denominator is zero takes `zeroDivision`
 * (NaN values are left out of the averages, as scikit-learn does for `zero_division=np.nan`).
 */
import { type MulticlassStats, type OneVsRest, oneVsRest } from "./confusion.js";

/** Value of a per-class score whose denominator is zero: scikit-learn's default is 0. */
export type MulticlassZeroDivision = 0 | 1 | "nan";

/** Per-class scores of one cell, one entry per class. */
export interface ClassScores {
  /** tp / predicted support. */
  readonly precision: readonly number[];
  /** tp / true support (the one-vs-rest true positive rate). */
  readonly recall: readonly number[];
  /** 2 tp / (true support + predicted support). */
  readonly f1Score: readonly number[];
  /** Weighted true support. */
  readonly support: readonly number[];
  /** Predicted support / Σ w: the share of rows predicted as the class. */
  readonly selectionRate: readonly number[];
  /** fp / (fp + tn): the one-vs-rest false positive rate (NaN when undefined). */
  readonly falsePositiveRate: readonly number[];
  /** One-vs-rest confusion counts. */
  readonly confusion: readonly OneVsRest[];
}

/** Which per-class scores had a zero denominator, by score name, as class indices. */
export type ZeroDivisions = Record<"precision" | "recall" | "f1Score", number[]>;

const zeroValue = (z: MulticlassZeroDivision) => (z === "nan" ? Number.NaN : z);

/**
 * Every per-class score of cell `c`, recording zero denominators in `zero`.
 *
 * @example
 * const s = multiclassStats(Uint32Array.of(0, 1, 1), Uint32Array.of(0, 1, 0), undefined, Uint32Array.of(0, 0, 0), 1, 2);
 * classScores(s, 0, 0).precision; // => [0.5, 1]
 */
export function classScores(
  stats: MulticlassStats,
  c: number,
  zeroDivision: MulticlassZeroDivision,
  zero?: ZeroDivisions,
): ClassScores {
  const k = stats.classes;
  const out = {
    precision: [] as number[],
    recall: [] as number[],
    f1Score: [] as number[],
    support: [] as number[],
    selectionRate: [] as number[],
    falsePositiveRate: [] as number[],
    confusion: [] as OneVsRest[],
  };
  const divide = (name: keyof ZeroDivisions, j: number, num: number, den: number) => {
    if (den !== 0) return num / den;
    zero?.[name].push(j);
    return zeroValue(zeroDivision);
  };
  for (let j = 0; j < k; j++) {
    const counts = oneVsRest(stats, c, j);
    const t = stats.trueSupport[c * k + j]!;
    const p = stats.predictedSupport[c * k + j]!;
    out.confusion.push(counts);
    out.support.push(t);
    out.precision.push(divide("precision", j, counts.tp, p));
    out.recall.push(divide("recall", j, counts.tp, t));
    out.f1Score.push(divide("f1Score", j, 2 * counts.tp, t + p));
    out.selectionRate.push(p / stats.weight[c]!);
    out.falsePositiveRate.push(counts.fp / (counts.fp + counts.tn));
  }
  return out;
}

/** Classes that occur in cell c's true or predicted classes (by rows, as unique_labels). */
export function presentClasses(stats: MulticlassStats, c: number): number[] {
  const k = stats.classes;
  const present: number[] = [];
  for (let j = 0; j < k; j++) {
    if (stats.trueCount[c * k + j]! > 0 || stats.predictedCount[c * k + j]! > 0) present.push(j);
  }
  return present;
}

/**
 * The `macro` (unweighted mean) or `weighted` (by true support) average of per-class `values`
 * over `classes`, leaving NaN values out; NaN when nothing is left.
 *
 * @example
 * averageScores([0.5, 1, Number.NaN], [1, 3, 0], [0, 1, 2], "weighted"); // => 0.875
 */
export function averageScores(
  values: readonly number[],
  support: readonly number[],
  classes: readonly number[],
  average: "macro" | "weighted",
): number {
  let sum = 0;
  let total = 0;
  for (const j of classes) {
    const v = values[j]!;
    if (Number.isNaN(v)) continue;
    const w = average === "macro" ? 1 : support[j]!;
    sum += w * v;
    total += w;
  }
  return sum / total;
}

/**
 * Balanced accuracy of cell c: the mean recall over the classes with a non-zero (weighted) true
 * support; NaN when there is none.
 */
export function balancedAccuracyOf(stats: MulticlassStats, c: number): number {
  const k = stats.classes;
  let sum = 0;
  let classes = 0;
  for (let j = 0; j < k; j++) {
    const t = stats.trueSupport[c * k + j]!;
    if (t === 0) continue;
    sum += stats.matrix[(c * k + j) * k + j]! / t;
    classes++;
  }
  return sum / classes;
}

/** Accuracy of cell c: the weighted share of rows whose predicted class is the true class. */
export function accuracyOf(stats: MulticlassStats, c: number): number {
  const k = stats.classes;
  let correct = 0;
  for (let j = 0; j < k; j++) correct += stats.matrix[(c * k + j) * k + j]!;
  return correct / stats.weight[c]!;
}
