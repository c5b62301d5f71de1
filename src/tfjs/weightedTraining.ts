/**
 * Weighted training for binary tfjs models. `model.fit` accepts `sampleWeight` in its types but
 * throws "sample weight is not supported yet" at run time, so fairscope trains with its own loop:
 * mini-batches, `tf.losses.*` with per-sample weights, and the user's optimizer.
 */
import * as tf from "@tensorflow/tfjs";
import { IssueCollector } from "../data/errors.js";
import { randomSource } from "../uncertainty/random.js";
import { permutation } from "./random.js";

/** The per-row loss of a binary model. */
export type BinaryLoss = "binaryCrossentropy" | "sigmoidCrossEntropy" | "meanSquaredError";

/** One mini-batch, as a penalty sees it. */
export interface PenaltyBatch {
  /** True labels (0/1) of the batch rows, float32 `[b]`. */
  readonly yTrue: tf.Tensor1D;
  /** Group code of each batch row, int32 `[b]`, when `groups` was given. */
  readonly group: tf.Tensor1D | undefined;
  /** Sample weights of the batch rows, float32 `[b]`. */
  readonly weight: tf.Tensor1D;
}

/**
 * A differentiable term added to the batch loss. `probability` is the model's probability of the
 * positive class for the batch rows (`[b]`, the sigmoid of the logit for `sigmoidCrossEntropy`).
 */
export type TrainingPenalty = (probability: tf.Tensor1D, batch: PenaltyBatch) => tf.Scalar;

/** Options of {@link trainWeighted}. */
export interface TrainWeightedOptions {
  /** Non-negative per-row weights (array or tensor, length n). @defaultValue all 1 */
  readonly sampleWeight?: ArrayLike<number> | tf.Tensor;
  /** Integer group codes 0..G−1 per row, passed to `penalty`. */
  readonly groups?: ArrayLike<number> | tf.Tensor;
  /** Any tfjs optimizer; its state carries over between calls. @defaultValue `tf.train.adam(0.01)` */
  readonly optimizer?: tf.Optimizer;
  /**
   * Row loss: `binaryCrossentropy` for models ending in a sigmoid, `sigmoidCrossEntropy` for
   * models that output logits, or `meanSquaredError`. @defaultValue "binaryCrossentropy"
   */
  readonly loss?: BinaryLoss;
  /** Passes over the data. @defaultValue 10 */
  readonly epochs?: number;
  /** Rows per mini-batch (the last batch may be smaller). @defaultValue 32 */
  readonly batchSize?: number;
  /** Shuffle the rows each epoch. @defaultValue true */
  readonly shuffle?: boolean;
  /** Seed of the shuffling. @defaultValue 0 */
  readonly seed?: number;
  /** A fairness penalty (see `demographicParityPenalty`) added to each batch loss. */
  readonly penalty?: TrainingPenalty;
}

/** What `trainWeighted` returns. */
export interface TrainingHistory {
  /** Mean batch objective (weighted loss plus penalty) of each epoch. */
  readonly loss: readonly number[];
  /** The shuffling seed used. */
  readonly seed: number;
}

function toFloat32(name: string, value: ArrayLike<number> | tf.Tensor, n: number): tf.Tensor1D {
  const tensor = tf.tidy(() =>
    value instanceof tf.Tensor ? value.reshape([-1]).toFloat() : tf.tensor1d(Array.from(value)),
  ) as tf.Tensor1D;
  if (tensor.shape[0] !== n) {
    tensor.dispose();
    throw new RangeError(`trainWeighted: ${name} has length ${tensor.shape[0]}, expected ${n}`);
  }
  const issues = new IssueCollector();
  const values = tensor.dataSync();
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (name === "y" && v !== 0 && v !== 1) {
      issues.add("not_binary", [name, i], `expected 0 or 1, got ${v}`);
    } else if (!Number.isFinite(v)) {
      issues.add("not_finite", [name, i], `expected a finite number, got ${v}`);
    } else if (name === "sampleWeight" && v < 0) {
      issues.add("negative_weight", [name, i], `expected a non-negative weight, got ${v}`);
    }
  }
  if (issues.size > 0) tensor.dispose();
  issues.throwIfAny();
  return tensor;
}

function rowLoss(
  loss: BinaryLoss,
  y: tf.Tensor1D,
  output: tf.Tensor1D,
  weight: tf.Tensor1D,
): tf.Scalar {
  const sum = tf.Reduction.SUM;
  if (loss === "sigmoidCrossEntropy") {
    return tf.losses.sigmoidCrossEntropy(y, output, weight, 0, sum) as tf.Scalar;
  }
  if (loss === "meanSquaredError") {
    return tf.losses.meanSquaredError(y, output, weight, sum) as tf.Scalar;
  }
  return tf.losses.logLoss(y, output, weight, 1e-7, sum) as tf.Scalar;
}

/**
 * Trains a binary `tf.LayersModel` with per-sample weights, minimising on each mini-batch B
 * `(1/|B|) Σ_{i∈B} w_i ℓ(y_i, f(x_i)) + regularizers + penalty` (the layers' kernel and bias
 * regularizers are added as `model.fit` adds them), so that over an epoch the objective is the
 * weighted empirical risk `(1/n) Σ w_i ℓ_i` whose minimiser is the weighted maximum-likelihood
 * fit (the quantity reweighing relies on; Kamiran & Calders 2012). Cost: one forward and backward
 * pass per row per epoch. Synchronous; disposes every tensor it creates.
 *
 * @example
 * const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1], activation: "sigmoid" })] });
 * const x = tf.tensor2d([[0], [1], [2], [3]]);
 * trainWeighted(model, x, [0, 0, 1, 1], { sampleWeight: [1, 2, 2, 1], epochs: 5 }).loss.length; // => 5
 */
export function trainWeighted(
  model: tf.LayersModel,
  x: tf.Tensor,
  y: ArrayLike<number> | tf.Tensor,
  options: TrainWeightedOptions = {},
): TrainingHistory {
  const n = x.shape[0] ?? 0;
  const epochs = options.epochs ?? 10;
  const batchSize = options.batchSize ?? 32;
  const seed = options.seed ?? 0;
  const loss = options.loss ?? "binaryCrossentropy";
  if (!Number.isInteger(epochs) || epochs < 0) {
    throw new RangeError("trainWeighted: epochs must be a non-negative integer");
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError("trainWeighted: batchSize must be a positive integer");
  }
  if (n === 0) throw new RangeError("trainWeighted: x has no rows");
  const optimizer = options.optimizer ?? tf.train.adam(0.01);
  const ownsOptimizer = options.optimizer === undefined;
  const owned: tf.Tensor[] = [];
  const own = <T extends tf.Tensor>(t: T): T => {
    owned.push(t);
    return t;
  };
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const rng = randomSource(seed);
  const history: number[] = [];
  try {
    const yAll = own(toFloat32("y", y, n));
    const wAll = own(
      options.sampleWeight === undefined
        ? tf.ones([n])
        : toFloat32("sampleWeight", options.sampleWeight, n),
    );
    const gAll =
      options.groups === undefined
        ? undefined
        : own(tf.tidy(() => toFloat32("groups", options.groups!, n).toInt() as tf.Tensor1D));
    for (let epoch = 0; epoch < epochs; epoch++) {
      const order = options.shuffle === false ? undefined : permutation(n, rng);
      let total = 0;
      let batches = 0;
      for (let start = 0; start < n; start += batchSize) {
        const end = Math.min(n, start + batchSize);
        const value = tf.tidy(() => {
          const idx = order
            ? tf.tensor1d(order.subarray(start, end), "int32")
            : tf.range(start, end, 1, "int32");
          const xb = tf.gather(x, idx);
          const yb = tf.gather(yAll, idx) as tf.Tensor1D;
          const wb = tf.gather(wAll, idx) as tf.Tensor1D;
          const gb = gAll ? (tf.gather(gAll, idx) as tf.Tensor1D) : undefined;
          const cost = optimizer.minimize(
            () => {
              const out = (model.apply(xb, { training: true }) as tf.Tensor).reshape([
                -1,
              ]) as tf.Tensor1D;
              let base = rowLoss(loss, yb, out, wb).div(end - start) as tf.Scalar;
              for (const regularization of model.calculateLosses()) base = base.add(regularization);
              if (!options.penalty) return base;
              const probability = loss === "sigmoidCrossEntropy" ? tf.sigmoid(out) : out;
              return base.add(
                options.penalty(probability, { yTrue: yb, group: gb, weight: wb }),
              ) as tf.Scalar;
            },
            true,
            variables,
          );
          return cost!.dataSync()[0]!;
        });
        total += value;
        batches++;
      }
      history.push(total / batches);
    }
  } finally {
    for (const t of owned) t.dispose();
    if (ownsOptimizer) optimizer.dispose();
  }
  return { loss: history, seed };
}
