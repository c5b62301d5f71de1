/**
 * Tensor adapters: the core functions' input with any array given as a `tf.Tensor`.
 */
import * as tf from "@tensorflow/tfjs";
import { FairnessInputError } from "../data/errors.js";
import type {
  FairnessInput,
  FeatureInput,
  LabelArray,
  LevelArray,
  NumberArray,
} from "../data/inputTypes.js";

/** A feature given as arrays or tensors (one, or a record of named ones). */
export type TensorFeatureInput =
  | FeatureInput
  | tf.Tensor
  | Readonly<Record<string, LevelArray | tf.Tensor>>;

/** {@link FairnessInput} where every array may be a 1-D or `[n, 1]` tensor. */
export interface TensorFairnessInput
  extends Omit<
    FairnessInput,
    "yTrue" | "yPred" | "yScore" | "sampleWeight" | "sensitiveFeatures" | "controlFeatures"
  > {
  /** True labels. */
  readonly yTrue: LabelArray | tf.Tensor;
  /** Hard predictions (same label values as `yTrue`). */
  readonly yPred?: LabelArray | tf.Tensor;
  /** Scores of the positive class. Without `yPred`, predictions are `score >= threshold`. */
  readonly yScore?: NumberArray | tf.Tensor;
  /** Non-negative sample weights. */
  readonly sampleWeight?: NumberArray | tf.Tensor;
  /** One sensitive feature, or a record of named features (groups are their intersections). */
  readonly sensitiveFeatures: TensorFeatureInput;
  /** Features within whose strata the group comparisons are made. */
  readonly controlFeatures?: TensorFeatureInput;
}

/**
 * Reads a 1-D or `[n, 1]` tensor once into a typed array: bool → Uint8Array, int32 →
 * Int32Array, float32 → Float32Array (a copy; the tensor is not disposed).
 */
export function readTensor(tensor: tf.Tensor, path: readonly (string | number)[]): NumberArray {
  const { shape } = tensor;
  if (!(shape.length === 1 || (shape.length === 2 && shape[1] === 1))) {
    throw new FairnessInputError([
      {
        code: "invalid_type",
        path,
        message: `expected a 1-D or [n, 1] tensor, got shape [${shape.join(", ")}]`,
      },
    ]);
  }
  if (tensor.dtype === "string" || tensor.dtype === "complex64") {
    throw new FairnessInputError([
      {
        code: "invalid_type",
        path,
        message: `expected a bool, int32 or float32 tensor, got ${tensor.dtype}`,
      },
    ]);
  }
  return tensor.dataSync() as Uint8Array | Int32Array | Float32Array;
}

function readFeature(input: TensorFeatureInput, field: string): FeatureInput {
  if (input instanceof tf.Tensor) return readTensor(input, [field]);
  if (Array.isArray(input) || ArrayBuffer.isView(input)) return input as FeatureInput;
  const out: Record<string, LevelArray> = {};
  for (const [name, value] of Object.entries(input as Record<string, LevelArray | tf.Tensor>)) {
    out[name] = value instanceof tf.Tensor ? readTensor(value, [field, name]) : value;
  }
  return out;
}

/**
 * Converts tensors in a fairness input to typed arrays, reading each tensor once
 * (`dataSync`) and creating no tensors, so nothing needs disposing. Arrays pass through.
 * Cost O(n) per tensor.
 *
 * @example
 * fromTensors({ yTrue: tf.tensor1d([1, 0], "int32"), yPred: [1, 1], sensitiveFeatures: ["a", "b"] }).yTrue; // => Int32Array [1, 0]
 */
export function fromTensors(input: TensorFairnessInput): FairnessInput {
  const read = <T>(value: T | tf.Tensor | undefined, field: string) =>
    value instanceof tf.Tensor ? readTensor(value, [field]) : value;
  return {
    ...input,
    yTrue: read(input.yTrue, "yTrue") as LabelArray,
    yPred: read(input.yPred, "yPred") as LabelArray | undefined,
    yScore: read(input.yScore, "yScore") as NumberArray | undefined,
    sampleWeight: read(input.sampleWeight, "sampleWeight") as NumberArray | undefined,
    sensitiveFeatures: readFeature(input.sensitiveFeatures, "sensitiveFeatures"),
    controlFeatures:
      input.controlFeatures === undefined
        ? undefined
        : readFeature(input.controlFeatures, "controlFeatures"),
  };
}

/**
 * Wraps a core function taking `(input, options)` so it also accepts tensors, for example
 * `withTensors(groupMetrics)` or `withTensors(equalizedOddsDifference)`.
 *
 * @example
 * withTensors(demographicParityDifference)({ yTrue: [1, 0, 1, 0], yPred: tf.tensor1d([1, 1, 0, 0]), sensitiveFeatures: ["a", "a", "b", "b"] }); // => 1
 */
export function withTensors<O, R>(
  fn: (input: FairnessInput, options?: O) => R,
): (input: TensorFairnessInput, options?: O) => R {
  return (input, options) => fn(fromTensors(input), options);
}
