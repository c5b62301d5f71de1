/**
 * ROC curves per group, for the report's charts.
 */
import type { Columns } from "../data/columns.js";
import { groupLabel } from "../data/levels.js";
import { partitionRows } from "../stats/partition.js";
import { descendingScoreBlocks } from "../stats/scoreWalk.js";
import { CompensatedSum, neumaierSum } from "../stats/summation.js";
import type { RocCurve } from "./types.js";

/** Most points kept per curve (the curve is thinned evenly beyond it). */
const MAX_POINTS = 101;

/**
 * The ROC curve of one set of rows: one point per distinct score (predicting positive when
 * `score >= t`), from (0, 0) to (1, 1), weighted when weights are given. Empty when either
 * class has zero weight.
 *
 * Cost: O(m log m) for m rows.
 *
 * @example
 * rocPoints(Uint8Array.of(0, 1), Float64Array.of(0.2, 0.8), undefined, Uint32Array.of(0, 1));
 * // => [{ threshold: null, falsePositiveRate: 0, truePositiveRate: 0 }, { threshold: 0.8, falsePositiveRate: 0, truePositiveRate: 1 }, { threshold: 0.2, falsePositiveRate: 1, truePositiveRate: 1 }]
 */
export function rocPoints(
  label: Uint8Array,
  score: Float64Array,
  weight: Float64Array | undefined,
  rows: Uint32Array,
): RocCurve["points"] {
  const blocks = descendingScoreBlocks(score, label, weight, rows);
  const positives = neumaierSum(blocks.positive);
  const negatives = neumaierSum(blocks.negative);
  if (positives === 0 || negatives === 0) return [];
  // Points as columns (one per distinct score); only the kept ones become objects.
  const count = blocks.count + 1;
  const threshold = new Float64Array(count);
  const fpr = new Float64Array(count);
  const tpr = new Float64Array(count);
  const tp = new CompensatedSum();
  const fp = new CompensatedSum();
  for (let k = 0; k < blocks.count; k++) {
    tp.add(blocks.positive[k]!);
    fp.add(blocks.negative[k]!);
    threshold[k + 1] = blocks.score[k]!;
    fpr[k + 1] = Math.min(1, fp.value / negatives);
    tpr[k + 1] = Math.min(1, tp.value / positives);
  }
  const point = (i: number) => ({
    threshold: i === 0 ? null : threshold[i]!,
    falsePositiveRate: fpr[i]!,
    truePositiveRate: tpr[i]!,
  });
  if (count <= MAX_POINTS) return Array.from({ length: count }, (_, i) => point(i));
  // Thinned evenly to MAX_POINTS points.
  const step = (count - 1) / (MAX_POINTS - 1);
  return Array.from({ length: MAX_POINTS }, (_, i) => point(Math.round(i * step)));
}

/** ROC curves of every non-empty group with both classes, in group order. */
export function rocCurves(columns: Columns): RocCurve[] {
  const { score } = columns;
  if (score === undefined) return [];
  const k = columns.groups.keys.length;
  const { offsets, rows } = partitionRows(columns.group, k);
  const curves: RocCurve[] = [];
  for (let g = 0; g < k; g++) {
    const points = rocPoints(
      columns.label,
      score,
      columns.weight,
      rows.subarray(offsets[g]!, offsets[g + 1]!),
    );
    if (points.length > 0) curves.push({ group: groupLabel(columns.groups.keys[g]!), points });
  }
  return curves;
}
