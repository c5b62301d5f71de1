/**
 * Streaming evaluation: the public API of the accumulators.
 */
export {
  type AccumulatorBatch,
  type AccumulatorConfig,
  type AccumulatorOptions,
  type AccumulatorState,
  accumulatorFromState,
  type CalibrationHistogram,
  createAccumulator,
  FairnessAccumulator,
} from "./accumulator.js";
export type { DeclaredGroups } from "./groups.js";
