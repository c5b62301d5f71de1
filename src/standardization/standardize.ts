/**
 * Metrics and gaps of a model in a target population: the evaluation sample reweighted by
 * post-stratification or raking to the target's composition, with each group's effective sample
 * size.
 */

import type { FairnessInput } from "../data/inputTypes.js";
import { prepare } from "../data/prepare.js";
import { type GroupMetricsOptions, groupMetricsOfColumns } from "../frame/groupMetrics.js";
import type { GroupMetricsResult } from "../frame/result.js";
import { kishEffectiveSampleSize } from "./effectiveSampleSize.js";
import {
  postStratificationWeights,
  type RakingOptions,
  type RakingResult,
  rakingWeights,
  type StandardizationFeatures,
} from "./weights.js";

/** The target population and how to weight towards it. */
export type StandardizationTarget =
  | {
      /** Post-stratify on the joint cells of `features`. */
      readonly method: "postStratification";
      /** Row-aligned levels of each feature to standardise on. */
      readonly features: StandardizationFeatures;
      /** Share (or count) of each joint cell ("Female, White") in the target population. */
      readonly reference: Readonly<Record<string, number>>;
      /** Whether `reference` holds shares or counts. @defaultValue "shares" */
      readonly referenceKind?: "shares" | "counts";
    }
  | ({
      /** Rake to the margins of each feature. */
      readonly method: "raking";
      /** Row-aligned levels of each feature to standardise on. */
      readonly features: StandardizationFeatures;
      /** Per feature, the share (or count) of each level in the target population. */
      readonly margins: Readonly<Record<string, Readonly<Record<string, number>>>>;
    } & Omit<RakingOptions, "baseWeights">);

/** Result of {@link standardizedGroupMetrics}. */
export interface StandardizedGroupMetrics {
  /** `postStratification` or `raking`. */
  readonly method: StandardizationTarget["method"];
  /** One weight per input row (the input's sample weights times the standardisation factor). */
  readonly weights: Float64Array;
  /** Convergence of raking: whether it converged, sweeps, largest margin error. */
  readonly raking: Omit<RakingResult, "weights"> | undefined;
  /** `groupMetrics` under the standardisation weights. */
  readonly result: GroupMetricsResult;
  /** Kish effective sample size of each group under the weights, by group label. */
  readonly effectiveSampleSize: Readonly<Record<string, number>>;
}

/**
 * `groupMetrics` in a target population: weights from post-stratification (joint cells) or
 * raking (margins) of `target.features` to the target, starting from the input's sample weights,
 * then every metric, aggregate and gap under those weights, and each group's Kish effective
 * sample size (Σw)²/Σw², which says how many rows the reweighted group is worth.
 * Cost: the weighting (O(n) per raking sweep) plus one `groupMetrics` pass.
 *
 * @throws FairnessInputError on invalid data or a target that cannot be reached (see
 *   `postStratificationWeights`, `rakingWeights`)
 * @example
 * const s = standardizedGroupMetrics(
 *   { yTrue: [1, 0, 1, 1], yPred: [1, 0, 0, 1], sensitiveFeatures: ["a", "a", "b", "b"] },
 *   { method: "postStratification", features: { age: ["y", "o", "o", "o"] }, reference: { y: 0.5, o: 0.5 } },
 *   { metrics: ["accuracy"] },
 * );
 * s.result.overall.accuracy; // => 0.8333333333333333
 */
export function standardizedGroupMetrics(
  input: FairnessInput,
  target: StandardizationTarget,
  options: GroupMetricsOptions = {},
): StandardizedGroupMetrics {
  const baseWeights = input.sampleWeight;
  let weights: Float64Array;
  let raking: Omit<RakingResult, "weights"> | undefined;
  if (target.method === "postStratification") {
    weights = postStratificationWeights(target.features, target.reference, {
      baseWeights,
      referenceKind: target.referenceKind ?? "shares",
    });
  } else if (target.method === "raking") {
    const { method: _, features, margins, ...rakingOptions } = target;
    const raked = rakingWeights(features, margins, { ...rakingOptions, baseWeights });
    weights = raked.weights;
    raking = {
      converged: raked.converged,
      iterations: raked.iterations,
      maxMarginError: raked.maxMarginError,
    };
  } else {
    throw new RangeError(
      `standardizedGroupMetrics: method must be 'postStratification' or 'raking', got ${JSON.stringify((target as { method: unknown }).method)}`,
    );
  }
  const columns = prepare({ ...input, sampleWeight: weights });
  const result = groupMetricsOfColumns(columns, options);
  const k = columns.groups.keys.length;
  const ess = kishEffectiveSampleSize(columns.weight!, columns.group, k);
  return {
    method: target.method,
    weights,
    raking,
    result,
    effectiveSampleSize: Object.fromEntries(result.byGroup.map((g, i) => [g.label, ess[i]!])),
  };
}
