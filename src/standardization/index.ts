/** Target-population standardisation: post-stratification and raking weights, standardised metrics (the `fairscope/standardization` subpath). */
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
