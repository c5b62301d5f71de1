/**
 * A randomized classifier: a probability distribution over base classifiers.
 */
import { randomSource } from "../../uncertainty/random.js";
import { uniforms } from "../random.js";
import { type BaseClassifier, predictBase } from "./lagrangian.js";

/** Weights over base classifiers; predicts 1 with probability Σ_h Q_h h(x). */
export class RandomizedClassifier<X> {
  /** The base classifiers, in the order they were found. */
  readonly predictors: readonly BaseClassifier<X>[];
  /** Q: weight of each predictor (non-negative, summing to 1). */
  readonly weights: Float64Array;

  constructor(predictors: readonly BaseClassifier<X>[], weights: Float64Array) {
    this.predictors = predictors;
    this.weights = weights;
  }

  /**
   * Probability of predicting 1 for each row, `P(1|x) = Σ_h Q_h h(x)` (Fairlearn's
   * `_pmf_predict(X)[:, 1]`). Cost: one `predict` per predictor with positive weight.
   */
  predictProba(x: X): Float64Array {
    let out: Float64Array | undefined;
    this.predictors.forEach((h, j) => {
      const q = this.weights[j]!;
      if (q <= 0) return;
      const pred = predictBase(h, x);
      if (out === undefined) out = new Float64Array(pred.length);
      for (let i = 0; i < pred.length; i++) out[i]! += q * pred[i]!;
    });
    return out ?? new Float64Array(0);
  }

  /** Hard labels `1[P(1|x) ≥ U]` with U uniform on [0, 1) drawn from `seed`. */
  predict(x: X, options: { readonly seed?: number } = {}): Uint8Array {
    const p = this.predictProba(x);
    const u = uniforms(p.length, randomSource(options.seed ?? 0));
    return Uint8Array.from(p, (pi, i) => (pi >= u[i]! && pi > 0 ? 1 : 0));
  }

  /** Disposes the learners (tfjs variables) of every predictor. */
  dispose(): void {
    for (const h of this.predictors) h.learner?.dispose?.();
  }
}
