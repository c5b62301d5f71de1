/**
 * Per-group confusion counts: the sufficient statistics of every count metric. One pass over
 * the columns; mergeable, so batches, workers and bootstrap replicates combine exactly.
 */
import type { Columns } from "../data/columns.js";
import { addCompensated } from "./summation.js";

/** Cell order within a group: index `2 * label + prediction`. */
export const CELLS = ["tn", "fp", "fn", "tp"] as const;

/** Weighted (or unweighted) confusion counts of one group. */
export interface Confusion {
  /** True negatives: label 0, prediction 0. */
  readonly tn: number;
  /** False positives: label 0, prediction 1. */
  readonly fp: number;
  /** False negatives: label 1, prediction 0. */
  readonly fn: number;
  /** True positives: label 1, prediction 1. */
  readonly tp: number;
}

/**
 * Confusion counts of `groups` groups: `counts[4g + c]` rows in cell c of group g, and, when
 * weighted, the compensated weighted sums `weightSum[4g + c] + weightComp[4g + c]`.
 */
export interface ConfusionStats {
  /** Number of groups. */
  readonly groups: number;
  /** Unweighted row counts (exact integers up to 2^53). */
  readonly counts: Float64Array;
  /** Weighted sums (running sum part); undefined when unweighted. */
  readonly weightSum: Float64Array | undefined;
  /** Weighted sums (compensation part). */
  readonly weightComp: Float64Array | undefined;
}

/**
 * Counts each group's confusion cells in one pass. `groupCode` defaults to the columns' group.
 *
 * Cost: O(n) time, O(groups) memory.
 *
 * @example
 * const stats = countConfusion(prepare({ yTrue: [1, 0], yPred: [1, 1], sensitiveFeatures: ["a", "a"] }));
 * confusionOf(stats, 0); // => { tn: 0, fp: 1, fn: 0, tp: 1 }
 */
export function countConfusion(
  columns: Pick<Columns, "n" | "label" | "pred" | "weight" | "group" | "groups">,
  groupCode: Uint32Array = columns.group,
  groups: number = columns.groups.keys.length,
): ConfusionStats {
  const { n, label, weight } = columns;
  const pred = columns.pred;
  if (pred === undefined) throw new TypeError("countConfusion: predictions are required");
  if (groups > 2 ** 28) throw new RangeError("countConfusion: more than 2^28 groups");
  const counts = new Float64Array(groups * 4);
  if (weight === undefined) {
    // Integer shifts keep the index arithmetic in int32 (uint32 products go through doubles).
    for (let r = 0; r < n; r++) counts[(groupCode[r]! << 2) | (label[r]! << 1) | pred[r]!]! += 1;
    return { groups, counts, weightSum: undefined, weightComp: undefined };
  }
  const weightSum = new Float64Array(groups * 4);
  const weightComp = new Float64Array(groups * 4);
  for (let r = 0; r < n; r++) {
    const i = (groupCode[r]! << 2) | (label[r]! << 1) | pred[r]!;
    counts[i]! += 1;
    addCompensated(weightSum, weightComp, i, weight[r]!);
  }
  return { groups, counts, weightSum, weightComp };
}

/**
 * Merges two statistics over the same groups: equal to one pass over the concatenated rows
 * (exactly for counts; to compensated-sum accuracy for weights).
 */
export function mergeConfusion(a: ConfusionStats, b: ConfusionStats): ConfusionStats {
  if (a.groups !== b.groups) throw new RangeError("mergeConfusion: group counts differ");
  if ((a.weightSum === undefined) !== (b.weightSum === undefined)) {
    throw new TypeError("mergeConfusion: cannot merge weighted with unweighted statistics");
  }
  const counts = a.counts.map((c, i) => c + b.counts[i]!);
  if (a.weightSum === undefined)
    return { groups: a.groups, counts, weightSum: undefined, weightComp: undefined };
  const weightSum = new Float64Array(a.weightSum);
  const weightComp = new Float64Array(a.weightComp!);
  for (let i = 0; i < weightSum.length; i++) {
    addCompensated(weightSum, weightComp, i, b.weightSum![i]!);
    addCompensated(weightSum, weightComp, i, b.weightComp![i]!);
  }
  return { groups: a.groups, counts, weightSum, weightComp };
}

/**
 * The statistics of all groups together, as one group: exact for counts, compensated for
 * weights.
 *
 * @example
 * const stats = countConfusion(prepare({ yTrue: [1, 0], yPred: [1, 1], sensitiveFeatures: ["a", "b"] }));
 * confusionOf(sumGroups(stats), 0); // => { tn: 0, fp: 1, fn: 0, tp: 1 }
 */
export function sumGroups(stats: ConfusionStats): ConfusionStats {
  const counts = new Float64Array(4);
  const weighted = stats.weightSum !== undefined;
  const weightSum = weighted ? new Float64Array(4) : undefined;
  const weightComp = weighted ? new Float64Array(4) : undefined;
  for (let g = 0; g < stats.groups; g++) {
    for (let c = 0; c < 4; c++) {
      counts[c]! += stats.counts[4 * g + c]!;
      if (weighted) {
        addCompensated(weightSum!, weightComp!, c, stats.weightSum![4 * g + c]!);
        addCompensated(weightSum!, weightComp!, c, stats.weightComp![4 * g + c]!);
      }
    }
  }
  return { groups: 1, counts, weightSum, weightComp };
}

/** The (weighted, when weights were given) confusion of group `g`. */
export function confusionOf(stats: ConfusionStats, g: number, unweighted = false): Confusion {
  const i = g * 4;
  if (unweighted || stats.weightSum === undefined) {
    const c = stats.counts;
    return { tn: c[i]!, fp: c[i + 1]!, fn: c[i + 2]!, tp: c[i + 3]! };
  }
  const s = stats.weightSum;
  const k = stats.weightComp!;
  return {
    tn: s[i]! + k[i]!,
    fp: s[i + 1]! + k[i + 1]!,
    fn: s[i + 2]! + k[i + 2]!,
    tp: s[i + 3]! + k[i + 3]!,
  };
}

/** The confusion summed over all groups. */
export function totalConfusion(stats: ConfusionStats, unweighted = false): Confusion {
  const total = { tn: 0, fp: 0, fn: 0, tp: 0 };
  const comp = { tn: 0, fp: 0, fn: 0, tp: 0 };
  for (let g = 0; g < stats.groups; g++) {
    const c = confusionOf(stats, g, unweighted);
    for (const cell of CELLS) {
      const s = total[cell];
      const x = c[cell];
      const t = s + x;
      comp[cell] += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
      total[cell] = t;
    }
  }
  return {
    tn: total.tn + comp.tn,
    fp: total.fp + comp.fp,
    fn: total.fn + comp.fn,
    tp: total.tp + comp.tp,
  };
}

/** Number of rows of group g. */
export function groupSize(stats: ConfusionStats, g: number): number {
  const c = stats.counts;
  return c[4 * g]! + c[4 * g + 1]! + c[4 * g + 2]! + c[4 * g + 3]!;
}
