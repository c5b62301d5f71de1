/**
 * Differentiable fairness penalties for custom training loops: surrogates of the demographic
 * parity and equalized odds differences computed on the model's probabilities (not thresholded
 * labels), so their gradients reach the weights.
 */
import * as tf from "@tensorflow/tfjs";
import type { PenaltyBatch, TrainingPenalty } from "./weightedTraining.js";

/** Options of the fairness penalties. */
export interface FairnessPenaltyOptions {
  /** Multiplier λ of the penalty in `loss + λ · gap`. */
  readonly strength: number;
  /** Number of groups G (group codes are 0..G−1). */
  readonly groups: number;
}

function checkOptions(fn: string, options: FairnessPenaltyOptions): void {
  if (!(options.strength >= 0) || !Number.isFinite(options.strength)) {
    throw new RangeError(`${fn}: strength must be a finite non-negative number`);
  }
  if (!Number.isInteger(options.groups) || options.groups < 1) {
    throw new RangeError(`${fn}: groups must be a positive integer`);
  }
}

/**
 * max_g m_g − min_g m_g over the groups present among the selected rows, where m_g is the
 * weighted mean probability of group g (`select` 1 keeps a row, 0 drops it).
 */
function softGap(
  probability: tf.Tensor1D,
  batch: PenaltyBatch,
  groups: number,
  select: tf.Tensor1D,
): tf.Scalar {
  if (batch.group === undefined) {
    throw new TypeError("fairness penalty: pass `groups` (integer codes) to trainWeighted");
  }
  const mask = tf.oneHot(batch.group, groups).toFloat().mul(batch.weight.mul(select).expandDims(1));
  const mass = mask.sum(0);
  // Which groups have rows is data, not a function of the weights: read it rather than
  // differentiate through a comparison.
  const massValues = mass.dataSync();
  const present: number[] = [];
  massValues.forEach((m, g) => {
    if (m > 0) present.push(g);
  });
  if (present.length < 2) return tf.scalar(0);
  const means = probability.expandDims(0).matMul(mask).squeeze([0]).div(mass.maximum(1e-12));
  const observed = tf.gather(means, tf.tensor1d(present, "int32"));
  return observed.max().sub(observed.min()) as tf.Scalar;
}

/**
 * Demographic-parity penalty `λ · (max_g P̄_g − min_g P̄_g)`, with P̄_g the weighted mean
 * predicted probability of group g in the batch: the differentiable counterpart of the
 * demographic parity difference (Zafar et al. 2017 and Cotter et al. 2019 use such
 * relaxations). Cost O(b·G) per batch. Use with `trainWeighted(…, { groups, penalty })`.
 *
 * @example
 * const penalty = demographicParityPenalty({ strength: 2, groups: 2 });
 * const batch = { yTrue: tf.tensor1d([1, 0, 1, 0]), group: tf.tensor1d([0, 0, 1, 1], "int32"), weight: tf.ones([4]) };
 * Math.round(1000 * penalty(tf.tensor1d([0.9, 0.7, 0.2, 0.4]), batch).dataSync()[0]) / 1000; // => 1
 */
export function demographicParityPenalty(options: FairnessPenaltyOptions): TrainingPenalty {
  checkOptions("demographicParityPenalty", options);
  return (probability, batch) =>
    tf.tidy(() =>
      softGap(probability, batch, options.groups, tf.onesLike(probability)).mul(options.strength),
    );
}

/**
 * Equalized-odds penalty `λ · max(TPR gap, FPR gap)` computed on probabilities: the gap of
 * weighted mean probabilities across groups among the batch's positives and among its
 * negatives, the worst of the two (Fairlearn's `equalized_odds_difference`, relaxed). Cost
 * O(b·G) per batch.
 *
 * @example
 * const penalty = equalizedOddsPenalty({ strength: 1, groups: 2 });
 * const batch = { yTrue: tf.tensor1d([1, 0, 1, 0]), group: tf.tensor1d([0, 0, 1, 1], "int32"), weight: tf.ones([4]) };
 * Math.round(1000 * penalty(tf.tensor1d([0.9, 0.3, 0.5, 0.2]), batch).dataSync()[0]) / 1000; // => 0.4
 */
export function equalizedOddsPenalty(options: FairnessPenaltyOptions): TrainingPenalty {
  checkOptions("equalizedOddsPenalty", options);
  return (probability, batch) =>
    tf.tidy(() => {
      const positive = batch.yTrue as tf.Tensor1D;
      const negative = tf.onesLike(positive).sub(positive) as tf.Tensor1D;
      const tpr = softGap(probability, batch, options.groups, positive);
      const fpr = softGap(probability, batch, options.groups, negative);
      return tpr.maximum(fpr).mul(options.strength) as tf.Scalar;
    });
}
