/**
 * Ranking metrics on scores: exact, tie-aware, weighted ROC AUC and average precision.
 */
import { orderByScore } from "../stats/order.js";
import { descendingScoreBlocks } from "../stats/scoreWalk.js";
import { addCompensated, CompensatedSum, neumaierSum } from "../stats/summation.js";
import type { ScoreMetric } from "./types.js";

function aucUnweighted(label: Uint8Array, score: Float64Array): number {
  let p = 0;
  for (let i = 0; i < label.length; i++) p += label[i]!;
  const q = label.length - p;
  if (p === 0 || q === 0) return Number.NaN;
  const pos = new Float64Array(p);
  const neg = new Float64Array(q);
  let ip = 0;
  let iq = 0;
  for (let i = 0; i < label.length; i++) {
    if (label[i] === 1) pos[ip++] = score[i]!;
    else neg[iq++] = score[i]!;
  }
  pos.sort();
  neg.sort();
  // For each positive: negatives strictly below count 1, ties count 1/2.
  let below = 0;
  let belowOrEqual = 0;
  let twiceArea = 0;
  for (let i = 0; i < p; i++) {
    const s = pos[i]!;
    while (below < q && neg[below]! < s) below++;
    if (belowOrEqual < below) belowOrEqual = below;
    while (belowOrEqual < q && neg[belowOrEqual]! <= s) belowOrEqual++;
    twiceArea += below + belowOrEqual;
  }
  return twiceArea / 2 / p / q;
}

/**
 * ROC AUC from the label weights at each distinct score (or score bin), highest first:
 * Σ_k w⁻_k·(W⁺ above k + w⁺_k/2) / (W⁺·W⁻), ties counting one half. NaN when a class has no
 * weight. The weighted AUC and the streaming binned AUC both end here.
 *
 * Cost: O(blocks).
 *
 * @example
 * rocAucOfBlocks(Float64Array.of(1, 0), Float64Array.of(0, 1)); // => 1
 */
export function rocAucOfBlocks(positive: ArrayLike<number>, negative: ArrayLike<number>): number {
  const positiveAbove = new CompensatedSum();
  const negatives = new CompensatedSum();
  const area = new CompensatedSum();
  for (let k = 0; k < positive.length; k++) {
    const wp = positive[k]!;
    const wn = negative[k]!;
    area.add(wn * (positiveAbove.value + wp / 2));
    positiveAbove.add(wp);
    negatives.add(wn);
  }
  const totalPos = positiveAbove.value;
  const totalNeg = negatives.value;
  if (totalPos === 0 || totalNeg === 0) return Number.NaN;
  return area.value / totalPos / totalNeg;
}

function aucWeighted(label: Uint8Array, score: Float64Array, weight: Float64Array): number {
  const blocks = descendingScoreBlocks(score, label, weight);
  return rocAucOfBlocks(blocks.positive, blocks.negative);
}

/**
 * Area under the ROC curve: the probability that a random positive scores above a random
 * negative, ties counting one half (Hanley & McNeil 1982), with sample weights; equal to
 * scikit-learn's `roc_auc_score`. NaN when a class is absent.
 *
 * Cost: O(n log n) (one sort of each class's scores when unweighted).
 *
 * @example
 * rocAuc(Uint8Array.of(0, 0, 1, 1), Float64Array.of(0.1, 0.4, 0.35, 0.8)); // => 0.75
 */
export function rocAuc(label: Uint8Array, score: Float64Array, weight?: Float64Array): number {
  return weight === undefined ? aucUnweighted(label, score) : aucWeighted(label, score, weight);
}

/**
 * Average precision: Σ (R_k − R_{k−1}) P_k over descending score thresholds (tied scores form
 * one threshold), as scikit-learn's `average_precision_score`. NaN without positives.
 *
 * Cost: O(n log n).
 *
 * @example
 * averagePrecision(Uint8Array.of(0, 0, 1, 1), Float64Array.of(0.1, 0.4, 0.35, 0.8)); // => 0.8333333333333333
 */
export function averagePrecision(
  label: Uint8Array,
  score: Float64Array,
  weight?: Float64Array,
): number {
  const blocks = descendingScoreBlocks(score, label, weight);
  const totalPos = neumaierSum(blocks.positive);
  if (totalPos === 0) return Number.NaN;
  const tp = new CompensatedSum();
  const selected = new CompensatedSum();
  const ap = new CompensatedSum();
  let previousRecall = 0;
  for (let k = 0; k < blocks.count; k++) {
    tp.add(blocks.positive[k]!);
    selected.add(blocks.positive[k]! + blocks.negative[k]!);
    const recall = tp.value / totalPos;
    if (selected.value > 0) ap.add((recall - previousRecall) * (tp.value / selected.value));
    previousRecall = recall;
  }
  return ap.value;
}

/**
 * ROC AUC of every group and overall from one sort of all rows: the rows are walked in score
 * order once, each group keeping its own running negative weight, so per-group values equal
 * {@link rocAuc} on each group's rows. Returns `groups + 1` values, the last one overall.
 *
 * Cost: one {@link orderByScore} of all rows plus O(n + groups).
 *
 * @example
 * rocAucByGroup(Uint8Array.of(0, 1, 0, 1), Float64Array.of(0.1, 0.9, 0.8, 0.2), undefined, Uint32Array.of(0, 0, 1, 1), 2);
 * // => Float64Array [1, 0, 0.75]
 */
export function rocAucByGroup(
  label: Uint8Array,
  score: Float64Array,
  weight: Float64Array | undefined,
  code: Uint32Array,
  groups: number,
): Float64Array {
  const order = orderByScore(score);
  const slots = groups + 1;
  // Running sums with their Neumaier compensations (value = sum + compensation).
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

export const rocAucMetric = {
  id: "rocAuc",
  name: "ROC AUC",
  description: "Area under the ROC curve (ties count one half).",
  range: [0, 1],
  better: "higher",
  input: "scores",
  needsProbabilities: false,
  fromScores: rocAuc,
  fromScoresByGroup: rocAucByGroup,
} as const satisfies ScoreMetric;

export const averagePrecisionMetric = {
  id: "averagePrecision",
  name: "Average precision",
  description: "Area under the precision-recall curve as a step function.",
  range: [0, 1],
  better: "higher",
  input: "scores",
  needsProbabilities: false,
  fromScores: averagePrecision,
} as const satisfies ScoreMetric;
