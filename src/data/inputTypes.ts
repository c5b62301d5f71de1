/** The input types of every entry point, as plain TypeScript (validated by ./schema.ts). */
import type { Level } from "./columns.js";
import type { IntersectionMode } from "./groups.js";

/**
 * Any numeric typed array.
 *
 * @category Input and errors
 */
export type NumericTypedArray =
  | Float64Array
  | Float32Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array;

/**
 * A label value: `0/1`, `-1/1`, booleans, or any two values with an explicit `posLabel`.
 *
 * @category Input and errors
 */
export type LabelValue = number | string | boolean;

/**
 * Labels or predictions: an array of {@link LabelValue}s or a numeric typed array.
 *
 * @category Input and errors
 */
export type LabelArray = readonly LabelValue[] | NumericTypedArray;
/**
 * Numbers (scores, weights): an array or a numeric typed array.
 *
 * @category Input and errors
 */
export type NumberArray = readonly number[] | NumericTypedArray;
/**
 * One feature's values; `null`, `undefined` and NaN are missing (see {@link MissingGroupPolicy}).
 *
 * @category Input and errors
 */
export type LevelArray = readonly (Level | undefined)[] | NumericTypedArray;
/** One feature (array), or several named features. */
export type FeatureInput = LevelArray | Readonly<Record<string, LevelArray>>;

/**
 * How scores are read.
 *
 * @category Input and errors
 */
export type ScoreKind = "probability" | "margin";
/**
 * What to do with rows whose group value is missing (null, undefined, NaN).
 *
 * @category Input and errors
 */
export type MissingGroupPolicy = "error" | "drop" | "asGroup";
/**
 * How a score becomes a positive prediction: `score >= threshold` or `score > threshold`.
 *
 * @category Input and errors
 */
export type ThresholdComparison = ">=" | ">";

/**
 * The data and how to read it. Shared by every public function that takes data.
 *
 * @category Input and errors
 */
export interface FairnessInput {
  /** True labels. */
  readonly yTrue: LabelArray;
  /** Hard predictions (same label values as `yTrue`). */
  readonly yPred?: LabelArray;
  /** Scores of the positive class. Without `yPred`, predictions are `score >= threshold`. */
  readonly yScore?: NumberArray;
  /** One sensitive feature, or a record of named features (groups are their intersections). */
  readonly sensitiveFeatures: FeatureInput;
  /** Non-negative sample weights. */
  readonly sampleWeight?: NumberArray;
  /** Features within whose strata the group comparisons are made. */
  readonly controlFeatures?: FeatureInput;
  /**
   * The positive label. Without it, labels must be `{0, 1}`, `{-1, 1}` or booleans (positive is
   * `1` / `true`).
   */
  readonly posLabel?: LabelValue;
  /** The threshold that turns scores into predictions. @defaultValue 0.5 for probabilities, 0 for margins */
  readonly threshold?: number;
  /** How scores are compared with the threshold. @defaultValue ">=" */
  readonly thresholdRule?: ThresholdComparison;
  /** `probability` scores must lie in [0, 1]; `margin` scores may be any finite number. @defaultValue "probability" */
  readonly scores?: ScoreKind;
  /** What to do with rows whose group value is missing. @defaultValue "error" */
  readonly missingGroup?: MissingGroupPolicy;
  /**
   * With several features: `observed` lists the level combinations that occur; `all` the full
   * Cartesian product of the observed levels (empty intersections with count 0, as Fairlearn),
   * refused beyond 1,000,000 groups. @defaultValue "observed"
   */
  readonly intersections?: IntersectionMode;
}
