/**
 * Best-response learners built on tfjs models, trained with `trainWeighted`.
 */
import * as tf from "@tensorflow/tfjs";
import { trainWeighted } from "../weightedTraining.js";
import type { Learner } from "./types.js";

/** Options of the tfjs learners (Adam on weighted binary cross-entropy). */
export interface TfLearnerOptions {
  /** Passes over the data per fit. @defaultValue 50 */
  readonly epochs?: number;
  /** Rows per mini-batch. @defaultValue 64 */
  readonly batchSize?: number;
  /** Adam learning rate. @defaultValue 0.05 */
  readonly learningRate?: number;
  /** L2 penalty on the kernel weights. @defaultValue 0 */
  readonly l2?: number;
  /** Seed of the initialisers and of the shuffling. @defaultValue 0 */
  readonly seed?: number;
}

/** Options of {@link MlpLearner}. */
export interface MlpLearnerOptions extends TfLearnerOptions {
  /** Units of each hidden ReLU layer. @defaultValue [16] */
  readonly hidden?: readonly number[];
}

abstract class TfLearner implements Learner<tf.Tensor2D> {
  /** The network of the last `fit` (undefined before). */
  protected model: tf.Sequential | undefined;
  /** The options, defaults filled in. */
  protected readonly options: Required<TfLearnerOptions>;

  constructor(options: TfLearnerOptions) {
    this.options = {
      epochs: options.epochs ?? 50,
      batchSize: options.batchSize ?? 64,
      learningRate: options.learningRate ?? 0.05,
      l2: options.l2 ?? 0,
      seed: options.seed ?? 0,
    };
  }

  /** A fresh network for `inputs` features, ending in one sigmoid unit. */
  protected abstract build(inputs: number): tf.Sequential;

  /** The L2 kernel regularizer (undefined when `l2` is 0). */
  protected regularizer() {
    return this.options.l2 > 0 ? tf.regularizers.l2({ l2: this.options.l2 }) : undefined;
  }

  fit(x: tf.Tensor2D, y: Uint8Array, sampleWeight: Float64Array): void {
    this.model?.dispose();
    this.model = this.build(x.shape[1]);
    const optimizer = tf.train.adam(this.options.learningRate);
    try {
      trainWeighted(this.model, x, y, {
        sampleWeight,
        optimizer,
        epochs: this.options.epochs,
        batchSize: this.options.batchSize,
        seed: this.options.seed,
      });
    } finally {
      optimizer.dispose();
    }
  }

  /** Probability of class 1 per row. */
  predictProba(x: tf.Tensor2D): Float32Array {
    const model = this.model;
    if (!model) throw new Error("tfjs learner: call fit first");
    return tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync() as Float32Array);
  }

  predict(x: tf.Tensor2D): Uint8Array {
    return Uint8Array.from(this.predictProba(x), (p) => (p >= 0.5 ? 1 : 0));
  }

  dispose(): void {
    this.model?.dispose();
    this.model = undefined;
  }
}

/**
 * Logistic regression as a one-unit sigmoid tfjs layer, trained with weighted binary
 * cross-entropy by Adam (`trainWeighted`). Cost per fit: `epochs` passes over x. Predicts 1
 * where the probability is ≥ 0.5. Call `dispose()` to free its variables.
 *
 * @example
 * const x = tf.tensor2d([[0], [1], [2], [3]]);
 * const lr = new TfLogisticRegressionLearner({ epochs: 200, batchSize: 4, learningRate: 0.1 });
 * lr.fit(x, Uint8Array.from([0, 0, 1, 1]), new Float64Array(4).fill(1));
 * lr.predict(x); // => Uint8Array [0, 0, 1, 1]
 */
export class TfLogisticRegressionLearner extends TfLearner {
  constructor(options: TfLearnerOptions = {}) {
    super(options);
  }

  /** A fresh network for `inputs` features, ending in one sigmoid unit. */
  protected build(inputs: number): tf.Sequential {
    const model = tf.sequential();
    model.add(
      tf.layers.dense({
        units: 1,
        inputShape: [inputs],
        activation: "sigmoid",
        kernelInitializer: tf.initializers.zeros(),
        kernelRegularizer: this.regularizer(),
      }),
    );
    return model;
  }
}

/**
 * A small multilayer perceptron (ReLU hidden layers, sigmoid output, Glorot-uniform weights
 * seeded by `seed`), trained like `TfLogisticRegressionLearner`.
 *
 * @example
 * const x = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
 * const mlp = new MlpLearner({ hidden: [8], epochs: 300, batchSize: 4, learningRate: 0.05, seed: 1 });
 * mlp.fit(x, Uint8Array.from([0, 1, 1, 0]), new Float64Array(4).fill(1));
 * mlp.predict(x); // => Uint8Array [0, 1, 1, 0]
 */
export class MlpLearner extends TfLearner {
  readonly #hidden: readonly number[];

  constructor(options: MlpLearnerOptions = {}) {
    super(options);
    this.#hidden = options.hidden ?? [16];
  }

  /** A fresh network for `inputs` features, ending in one sigmoid unit. */
  protected build(inputs: number): tf.Sequential {
    const model = tf.sequential();
    let seed = this.options.seed;
    let width = inputs;
    for (const units of this.#hidden) {
      model.add(
        tf.layers.dense({
          units,
          inputShape: [width],
          activation: "relu",
          kernelInitializer: tf.initializers.glorotUniform({ seed: seed++ }),
          kernelRegularizer: this.regularizer(),
        }),
      );
      width = units;
    }
    model.add(
      tf.layers.dense({
        units: 1,
        activation: "sigmoid",
        kernelInitializer: tf.initializers.glorotUniform({ seed }),
      }),
    );
    return model;
  }
}
