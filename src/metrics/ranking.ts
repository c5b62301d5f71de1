/**
 * Ranking metrics on scores: exact, tie-aware, weighted ROC AUC and average precision.
 */
import { type ScoreSortedRows, scoreSortedRows } from "../stats/scoreSort.js";
import { descendingScoreBlocks, LabelWeights } from "../stats/scoreWalk.js";
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

/** Running sums of the tie-aware AUC of each slot, with their Neumaier compensations. */
interface AucSums {
  readonly area: Float64Array;
  readonly areaC: Float64Array;
  readonly negBelow: Float64Array;
  readonly negBelowC: Float64Array;
  readonly posTotal: Float64Array;
  readonly posTotalC: Float64Array;
}

function aucSums(slots: number): AucSums {
  return {
    area: new Float64Array(slots),
    areaC: new Float64Array(slots),
    negBelow: new Float64Array(slots),
    negBelowC: new Float64Array(slots),
    posTotal: new Float64Array(slots),
    posTotalC: new Float64Array(slots),
  };
}

/** Adds one distinct score's positive and negative weight (scores ascending) to a slot. */
function addBlock(sums: AucSums, slot: number, positive: number, negative: number): void {
  const below = sums.negBelow[slot]! + sums.negBelowC[slot]!;
  addCompensated(sums.area, sums.areaC, slot, positive * (below + negative / 2));
  addCompensated(sums.negBelow, sums.negBelowC, slot, negative);
  addCompensated(sums.posTotal, sums.posTotalC, slot, positive);
}

/**
 * Adds the blocks of rows `from..to` of score-sorted columns to a slot: rows tie when both score
 * keys are equal. Weights of one score are added in row order with Neumaier compensation;
 * without weights the counts are integers, which the compensated sums would hold exactly.
 */
function addSortedRun(
  sums: AucSums,
  slot: number,
  rows: Omit<ScoreSortedRows, "spare">,
  from: number,
  to: number,
): void {
  const { high, low, tag, weight } = rows;
  const block = new LabelWeights();
  let i = from;
  while (i < to) {
    const h = high[i]!;
    const l = low[i]!;
    const first = i;
    if (weight === undefined) {
      let p = 0;
      do p += tag[i++]! & 1;
      while (i < to && high[i] === h && low[i] === l);
      addBlock(sums, slot, p, i - first - p);
    } else {
      block.clear();
      do {
        const w = weight[i]!;
        block.add(tag[i++]! & 1, w);
      } while (i < to && high[i] === h && low[i] === l);
      addBlock(sums, slot, block.positive, block.negative);
    }
  }
}

/**
 * Copies score-sorted rows into `into`, group by group (a stable counting pass on the group
 * code), so that each group's rows are contiguous and still in score order. Returns the start of
 * each group's rows (`groups + 1` offsets).
 */
function gatherByGroup(
  rows: ScoreSortedRows,
  into: Omit<ScoreSortedRows, "spare">,
  code: Uint32Array,
  groups: number,
): Uint32Array {
  const start = new Uint32Array(groups + 1);
  for (let r = 0; r < code.length; r++) start[code[r]! + 1]! += 1;
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  const next = start.slice(0, groups);
  const { high, low, tag, weight } = rows;
  for (let i = 0; i < tag.length; i++) {
    const t = tag[i]!;
    const at = next[t >>> 1]!++;
    into.high[at] = high[i]!;
    into.low[at] = low[i]!;
    into.tag[at] = t;
    if (weight !== undefined) into.weight![at] = weight[i]!;
  }
  return start;
}

/**
 * ROC AUC of every group and overall from one sort of all rows: {@link scoreSortedRows} orders
 * the rows with their labels, groups and weights (a radix sort on the score bits), the whole
 * order is walked once, then each group's rows, gathered contiguously in score order, are walked
 * once, with running tie-aware sums (ties count one half). Per-group values equal
 * {@link rocAuc} on each group's rows; every value is the same to the bit as walking each
 * group's rows in (score, row) order with Neumaier sums, as earlier versions did. Returns
 * `groups + 1` values, the last one overall.
 *
 * Cost: O(n + groups) plus the runs of equal high score words (see {@link scoreSortedRows}).
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
  const sorted = scoreSortedRows(score, label, code, weight);
  const sums = aucSums(groups + 1);
  addSortedRun(sums, groups, sorted, 0, label.length);
  const start = gatherByGroup(sorted, sorted.spare, code, groups);
  for (let g = 0; g < groups; g++) addSortedRun(sums, g, sorted.spare, start[g]!, start[g + 1]!);
  const out = new Float64Array(groups + 1);
  for (let g = 0; g <= groups; g++) {
    const positives = sums.posTotal[g]! + sums.posTotalC[g]!;
    const negatives = sums.negBelow[g]! + sums.negBelowC[g]!;
    out[g] =
      positives === 0 || negatives === 0
        ? Number.NaN
        : (sums.area[g]! + sums.areaC[g]!) / positives / negatives;
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
