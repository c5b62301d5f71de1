/**
 * ROC curves per group, for the report's charts.
 */
import type { Columns } from "../data/columns.js";
import { groupLabel } from "../data/levels.js";
import { orderByScore } from "../stats/order.js";
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
  const order = descendingOrder(score, rows);
  let positives = 0;
  let negatives = 0;
  for (const r of order) {
    const w = weight ? weight[r]! : 1;
    if (label[r] === 1) positives += w;
    else negatives += w;
  }
  if (positives === 0 || negatives === 0) return [];
  // Points as columns (one per distinct score); only the kept ones become objects.
  const threshold = new Float64Array(order.length + 1);
  const fpr = new Float64Array(order.length + 1);
  const tpr = new Float64Array(order.length + 1);
  let count = 1;
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < order.length; i++) {
    const r = order[i]!;
    const w = weight ? weight[r]! : 1;
    if (label[r] === 1) tp += w;
    else fp += w;
    if (i + 1 === order.length || score[order[i + 1]!] !== score[r]) {
      threshold[count] = score[r]!;
      fpr[count] = Math.min(1, fp / negatives);
      tpr[count++] = Math.min(1, tp / positives);
    }
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

/**
 * `rows` by descending score, ties in the order `rows` lists them (a stable sort), from one
 * sort without a comparator (`orderByScore`).
 */
function descendingOrder(score: Float64Array, rows: Uint32Array): Uint32Array {
  const local = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) local[i] = score[rows[i]!]!;
  const ascending = orderByScore(local);
  const order = new Uint32Array(rows.length);
  let j = 0;
  for (let end = ascending.length; end > 0; ) {
    const s = local[ascending[end - 1]!]!;
    let start = end - 1;
    while (start > 0 && local[ascending[start - 1]!] === s) start--;
    for (let k = start; k < end; k++) order[j++] = rows[ascending[k]!]!;
    end = start;
  }
  return order;
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
