/**
 * ROC curves per group, for the report's charts.
 */
import type { Columns } from "../data/columns.js";
import { groupLabel } from "../data/levels.js";
import { partitionRows } from "../stats/partition.js";
import type { RocCurve } from "./schema.js";

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
  const order = Array.from(rows).sort((a, b) => score[b]! - score[a]!);
  let positives = 0;
  let negatives = 0;
  for (const r of order) {
    const w = weight ? weight[r]! : 1;
    if (label[r] === 1) positives += w;
    else negatives += w;
  }
  if (positives === 0 || negatives === 0) return [];
  const points: RocCurve["points"] = [
    { threshold: null, falsePositiveRate: 0, truePositiveRate: 0 },
  ];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < order.length; i++) {
    const r = order[i]!;
    const w = weight ? weight[r]! : 1;
    if (label[r] === 1) tp += w;
    else fp += w;
    const next = order[i + 1];
    if (next === undefined || score[next] !== score[r]) {
      points.push({
        threshold: score[r]!,
        falsePositiveRate: Math.min(1, fp / negatives),
        truePositiveRate: Math.min(1, tp / positives),
      });
    }
  }
  return thin(points);
}

function thin(points: RocCurve["points"]): RocCurve["points"] {
  if (points.length <= MAX_POINTS) return points;
  const step = (points.length - 1) / (MAX_POINTS - 1);
  return Array.from({ length: MAX_POINTS }, (_, i) => points[Math.round(i * step)]!);
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
