/** Public API of the standardization module. */
export { kishEffectiveSampleSize } from "./effectiveSampleSize.js";
export type { StandardizationTarget, StandardizedGroupMetrics } from "./standardize.js";
export { standardizedGroupMetrics } from "./standardize.js";
export type {
  RakingOptions,
  RakingResult,
  StandardizationFeatures,
  WeightingOptions,
} from "./weights.js";
export { postStratificationWeights, rakingWeights } from "./weights.js";
