/**
 * The one-sort ROC AUC by group as it was before the radix kernel, kept as the reference the
 * kernel must equal to the bit: rows in comparator order (score, then row), each group's running
 * sums with Neumaier compensation, flushed at each distinct score.
 */
import { addCompensated } from "../../src/stats/summation.js";

export function referenceRocAucByGroup(
  label: Uint8Array,
  score: Float64Array,
  weight: Float64Array | undefined,
  code: Uint32Array,
  groups: number,
): Float64Array {
  const order = Array.from(score.keys()).sort((a, b) => score[a]! - score[b]! || a - b);
  const slots = groups + 1;
  const area = new Float64Array(slots);
  const areaC = new Float64Array(slots);
  const negBelow = new Float64Array(slots);
  const negBelowC = new Float64Array(slots);
  const posTotal = new Float64Array(slots);
  const posTotalC = new Float64Array(slots);
  const blockPos = new Float64Array(slots);
  const blockPosC = new Float64Array(slots);
  const blockNeg = new Float64Array(slots);
  const blockNegC = new Float64Array(slots);
  const touched = new Uint32Array(slots);
  const seen = new Uint8Array(slots);
  const n = order.length;
  let i = 0;
  while (i < n) {
    const s = score[order[i]!]!;
    let t = 0;
    for (; i < n && score[order[i]!] === s; i++) {
      const r = order[i]!;
      const g = code[r]!;
      const w = weight === undefined ? 1 : weight[r]!;
      if (seen[g] === 0) {
        seen[g] = 1;
        touched[t++] = g;
      }
      if (label[r] === 1) {
        addCompensated(blockPos, blockPosC, g, w);
        addCompensated(blockPos, blockPosC, groups, w);
      } else {
        addCompensated(blockNeg, blockNegC, g, w);
        addCompensated(blockNeg, blockNegC, groups, w);
      }
    }
    touched[t++] = groups;
    for (let k = 0; k < t; k++) {
      const g = touched[k]!;
      const bp = blockPos[g]! + blockPosC[g]!;
      const bn = blockNeg[g]! + blockNegC[g]!;
      addCompensated(area, areaC, g, bp * (negBelow[g]! + negBelowC[g]! + bn / 2));
      addCompensated(negBelow, negBelowC, g, bn);
      addCompensated(posTotal, posTotalC, g, bp);
      blockPos[g] = 0;
      blockPosC[g] = 0;
      blockNeg[g] = 0;
      blockNegC[g] = 0;
      seen[g] = 0;
    }
  }
  const out = new Float64Array(slots);
  for (let g = 0; g < slots; g++) {
    const positives = posTotal[g]! + posTotalC[g]!;
    const negatives = negBelow[g]! + negBelowC[g]!;
    out[g] =
      positives === 0 || negatives === 0
        ? Number.NaN
        : (area[g]! + areaC[g]!) / positives / negatives;
  }
  return out;
}
