/**
 * Metrics of scores as probabilities: mean prediction, Brier score, log loss.
 */
import type { ScoreMetric } from "./types.js";

function weightedMean(
  n: number,
  term: (i: number) => number,
  weight: Float64Array | undefined,
): number {
  if (n === 0) return Number.NaN;
  let sum = 0;
  let comp = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weight ? weight[i]! : 1;
    const x = w * term(i);
    const t = sum + x;
    comp += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
    total += w;
  }
  return total === 0 ? Number.NaN : (sum + comp) / total;
}

/**
 * Weighted mean of the scores (Fairlearn's `mean_prediction`).
 *
 * @example
 * meanPrediction(Uint8Array.of(1, 0), Float64Array.of(0.2, 0.6)); // => 0.4
 */
export function meanPrediction(
  _label: Uint8Array,
  score: Float64Array,
  weight?: Float64Array,
): number {
  return weightedMean(score.length, (i) => score[i]!, weight);
}

/**
 * Brier score: weighted mean of (p − y)² (scikit-learn's `brier_score_loss`).
 *
 * @example
 * brierScore(Uint8Array.of(1, 0), Float64Array.of(0.8, 0.4)); // => 0.1
 */
export function brierScore(label: Uint8Array, score: Float64Array, weight?: Float64Array): number {
  return weightedMean(score.length, (i) => (score[i]! - label[i]!) ** 2, weight);
}

/** scikit-learn clips probabilities to [ε, 1 − ε] with ε the float64 machine epsilon. */
const LOG_LOSS_EPS = Number.EPSILON;

/**
 * Log loss (cross-entropy): weighted mean of −[y ln p + (1 − y) ln(1 − p)], with p clipped to
 * [ε, 1 − ε] as scikit-learn's `log_loss`.
 *
 * @example
 * logLoss(Uint8Array.of(1, 0), Float64Array.of(0.5, 0.5)); // => 0.6931471805599453
 */
export function logLoss(label: Uint8Array, score: Float64Array, weight?: Float64Array): number {
  return weightedMean(
    score.length,
    (i) => {
      const p = Math.min(Math.max(score[i]!, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
      return label[i] === 1 ? -Math.log(p) : -Math.log1p(-p);
    },
    weight,
  );
}

export const meanPredictionMetric = {
  id: "meanPrediction",
  name: "Mean prediction",
  description: "Weighted mean of the scores.",
  range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
  better: "neither",
  input: "scores",
  needsProbabilities: false,
  fromScores: meanPrediction,
} as const satisfies ScoreMetric;

export const brierScoreMetric = {
  id: "brierScore",
  name: "Brier score",
  description: "Mean squared difference between probability and label.",
  range: [0, 1],
  better: "lower",
  input: "scores",
  needsProbabilities: true,
  fromScores: brierScore,
} as const satisfies ScoreMetric;

export const logLossMetric = {
  id: "logLoss",
  name: "Log loss",
  description: "Mean negative log-likelihood of the labels under the probabilities.",
  range: [0, Number.POSITIVE_INFINITY],
  better: "lower",
  input: "scores",
  needsProbabilities: true,
  fromScores: logLoss,
} as const satisfies ScoreMetric;
