/**
 * Ranking metrics on scores: exact, tie-aware, weighted ROC AUC and average precision.
 */
import { orderByScore } from "../stats/order.js";
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

function aucWeighted(label: Uint8Array, score: Float64Array, weight: Float64Array): number {
  const order = orderByScore(score);
  let negBelow = 0;
  let area = 0;
  let totalPos = 0;
  let i = 0;
  while (i < order.length) {
    const s = score[order[i]!]!;
    let wp = 0;
    let wn = 0;
    for (; i < order.length && score[order[i]!] === s; i++) {
      const r = order[i]!;
      if (label[r] === 1) wp += weight[r]!;
      else wn += weight[r]!;
    }
    area += wp * (negBelow + wn / 2);
    negBelow += wn;
    totalPos += wp;
  }
  if (totalPos === 0 || negBelow === 0) return Number.NaN;
  return area / totalPos / negBelow;
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
  const order = orderByScore(score);
  let totalPos = 0;
  for (let i = 0; i < label.length; i++) if (label[i] === 1) totalPos += weight ? weight[i]! : 1;
  if (totalPos === 0) return Number.NaN;
  let tp = 0;
  let fp = 0;
  let ap = 0;
  let previousRecall = 0;
  let i = order.length - 1;
  while (i >= 0) {
    const s = score[order[i]!]!;
    for (; i >= 0 && score[order[i]!] === s; i--) {
      const r = order[i]!;
      const w = weight ? weight[r]! : 1;
      if (label[r] === 1) tp += w;
      else fp += w;
    }
    const recall = tp / totalPos;
    if (tp + fp > 0) ap += (recall - previousRecall) * (tp / (tp + fp));
    previousRecall = recall;
  }
  return ap;
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
  const area = new Float64Array(slots);
  const negBelow = new Float64Array(slots);
  const posTotal = new Float64Array(slots);
  const blockPos = new Float64Array(slots);
  const blockNeg = new Float64Array(slots);
  const touched = new Uint32Array(slots);
  const seen = new Uint8Array(slots);
  const n = order.length;
  let i = 0;
  while (i < n) {
    const s = score[order[i]!]!;
    let t = 0;
    let bp = 0;
    let bn = 0;
    for (; i < n && score[order[i]!] === s; i++) {
      const r = order[i]!;
      const g = code[r]!;
      const w = weight === undefined ? 1 : weight[r]!;
      if (seen[g] === 0) {
        seen[g] = 1;
        touched[t++] = g;
      }
      if (label[r] === 1) {
        blockPos[g]! += w;
        bp += w;
      } else {
        blockNeg[g]! += w;
        bn += w;
      }
    }
    for (let k = 0; k < t; k++) {
      const g = touched[k]!;
      area[g]! += blockPos[g]! * (negBelow[g]! + blockNeg[g]! / 2);
      negBelow[g]! += blockNeg[g]!;
      posTotal[g]! += blockPos[g]!;
      blockPos[g] = 0;
      blockNeg[g] = 0;
      seen[g] = 0;
    }
    area[groups]! += bp * (negBelow[groups]! + bn / 2);
    negBelow[groups]! += bn;
    posTotal[groups]! += bp;
  }
  const out = new Float64Array(slots);
  for (let g = 0; g < slots; g++) {
    out[g] =
      posTotal[g] === 0 || negBelow[g] === 0 ? Number.NaN : area[g]! / posTotal[g]! / negBelow[g]!;
  }
  return out;
}

export const rocAucMetric: ScoreMetric = {
  id: "rocAuc",
  name: "ROC AUC",
  description: "Area under the ROC curve (ties count one half).",
  range: [0, 1],
  better: "higher",
  input: "scores",
  needsProbabilities: false,
  fromScores: rocAuc,
  fromScoresByGroup: rocAucByGroup,
};

export const averagePrecisionMetric: ScoreMetric = {
  id: "averagePrecision",
  name: "Average precision",
  description: "Area under the precision-recall curve as a step function.",
  range: [0, 1],
  better: "higher",
  input: "scores",
  needsProbabilities: false,
  fromScores: averagePrecision,
};
