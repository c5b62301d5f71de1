/**
 * Auditing a tfjs model: batched prediction, then fairscope's audit report.
 */
import * as tf from "@tensorflow/tfjs";
import type { FairnessInput } from "../data/inputTypes.js";
import { audit } from "../report/audit.js";
import type { AuditOptions } from "../report/options.js";
import type { FairnessReport } from "../report/report.js";
import { fromTensors, type TensorFairnessInput } from "./adapters.js";

/** Anything with tfjs's `predict(x) → Tensor` (a `tf.LayersModel`, a `tf.GraphModel`…). */
export interface PredictingModel {
  /** Model output for the rows of `x`: `[n]`, `[n, 1]` scores, or `[n, 2]` class probabilities. */
  predict(x: tf.Tensor): tf.Tensor | tf.Tensor[];
}

/** Options of {@link auditModel}: {@link AuditOptions}, the data options, and the batch size. */
export interface AuditModelOptions
  extends AuditOptions,
    Pick<
      TensorFairnessInput,
      | "sampleWeight"
      | "controlFeatures"
      | "posLabel"
      | "threshold"
      | "thresholdRule"
      | "missingGroup"
    > {
  /** Rows per `predict` call (bounds memory on large x). @defaultValue 1024 */
  readonly batchSize?: number;
}

/**
 * The model's probability of the positive class for every row of x, predicted `batchSize` rows
 * at a time inside `tf.tidy` (outputs `[n]` or `[n, 1]` are P(1); `[n, 2]` takes column 1).
 * Cost: one forward pass per row; memory O(batchSize) tensors plus the n scores.
 *
 * @example
 * const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1], activation: "sigmoid", kernelInitializer: "zeros" })] });
 * predictInBatches(model, tf.tensor2d([[1], [2], [3]]), 2); // => Float64Array [0.5, 0.5, 0.5]
 */
export function predictInBatches(
  model: PredictingModel,
  x: tf.Tensor,
  batchSize = 1024,
): Float64Array {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError("predictInBatches: batchSize must be a positive integer");
  }
  const n = x.shape[0] ?? 0;
  const out = new Float64Array(n);
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    tf.tidy(() => {
      const begin = x.shape.map((_, k) => (k === 0 ? start : 0));
      const extent = x.shape.map((d, k) => (k === 0 ? size : d));
      const raw = model.predict(tf.slice(x, begin, extent));
      const output = Array.isArray(raw) ? raw[0]! : raw;
      const cols = output.shape.length === 2 ? output.shape[1]! : 1;
      if (output.shape[0] !== size || cols > 2) {
        throw new TypeError(
          `predictInBatches: expected model output [${size}], [${size}, 1] or [${size}, 2], got [${output.shape.join(", ")}]`,
        );
      }
      const values = output.dataSync();
      for (let i = 0; i < size; i++) out[start + i] = values[i * cols + cols - 1]!;
    });
  }
  return out;
}

/**
 * Audits a binary tfjs model: predicts x in batches (`predictInBatches`), then builds the same
 * report as the core `audit` from the predicted probabilities (predictions are
 * `probability >= threshold`, default 0.5) against `yTrue` by `sensitiveFeatures`: per-group
 * metrics with intervals, gaps, criteria, calibration and findings. Inputs may be arrays or
 * tensors; no tensor is left behind.
 * Cost: one forward pass per row plus the audit's cost (O(n) for counts and the bootstrap).
 *
 * @example
 * const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1], activation: "sigmoid", kernelInitializer: "ones" })] });
 * auditModel(model, tf.tensor2d([[-1], [1], [-2], [2]]), [0, 1, 1, 1], ["a", "a", "b", "b"], { intervals: false }).groups.length; // => 2
 */
export function auditModel(
  model: PredictingModel,
  x: tf.Tensor,
  yTrue: TensorFairnessInput["yTrue"],
  sensitiveFeatures: TensorFairnessInput["sensitiveFeatures"],
  options: AuditModelOptions = {},
): FairnessReport {
  const {
    batchSize,
    sampleWeight,
    controlFeatures,
    posLabel,
    threshold,
    thresholdRule,
    missingGroup,
    ...auditOptions
  } = options;
  const yScore = predictInBatches(model, x, batchSize);
  const input: FairnessInput = fromTensors({
    yTrue,
    yScore,
    sensitiveFeatures,
    sampleWeight,
    controlFeatures,
    posLabel,
    threshold,
    thresholdRule,
    missingGroup,
  });
  return audit(input, auditOptions);
}
