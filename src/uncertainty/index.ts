/**
 * Uncertainty: seeded randomness, intervals, tests and the bootstrap (the `fairscope/uncertainty`
 * subpath).
 */
export type {
  BootstrapEstimate,
  BootstrapMethod,
  Jackknife,
  LevelBounds,
} from "./bootstrapInterval.js";
export { type BootstrapRecord, bootstrapInterval } from "./bootstrapInterval.js";
export type { AdjustedPValues, CorrectionMethod } from "./corrections.js";
export { adjustPValues } from "./corrections.js";
export type {
  BootstrapOptions,
  BootstrapProvenance,
  ConfusionBootstrapOptions,
  CountBootstrapResult,
  MetricIntervals,
  ResolvedBootstrapOptions,
} from "./countBootstrap.js";
export { bootstrapConfusionCounts } from "./countBootstrap.js";
export type { CriterionIntervals } from "./criterionIntervals.js";
export type {
  Bounds,
  DisparityBounds,
  DisparityInterval,
  DisparityIntervalMethod,
  DisparityIntervalOptions,
  RateCounts,
} from "./disparityInterval.js";
export { disparityInterval, simultaneousDisparityInterval } from "./disparityInterval.js";
export type {
  BootstrapGroup,
  BootstrapGroupMetricsOptions,
  GroupBootstrapResult,
  SmallGroup,
} from "./groupBootstrap.js";
export { bootstrapGroupMetrics, bootstrapGroupMetricsOfColumns } from "./groupBootstrap.js";
export type { CiProvenance, GroupMetricsCi } from "./groupMetricsIntervals.js";
export type {
  GroupRateTestsOptions,
  GroupRateTestsResult,
  RateComparison,
} from "./groupTests.js";
export { groupRateTests } from "./groupTests.js";
export type { IntervalMethod, ProportionInterval } from "./proportion.js";
export {
  clopperPearsonInterval,
  newcombeDifferenceInterval,
  wilsonInterval,
} from "./proportion.js";
export type { ProportionIntervals } from "./proportionIntervals.js";
export { proportionIntervals } from "./proportionIntervals.js";
export { quantileSorted } from "./quantile.js";
export type { RandomSource } from "./random.js";
export { bernoulliDraws, RANDOM_METHOD, randomSource } from "./random.js";
export type {
  ExactReason,
  RateInterval,
  RateIntervalMethod,
  RateIntervalOptions,
} from "./rateInterval.js";
export { DEFAULT_MIN_DENOMINATOR, rateInterval } from "./rateInterval.js";
export type { Resampling } from "./replicates.js";
export type { RepresentationOptions, RepresentationRow } from "./representation.js";
export { representationCheck } from "./representation.js";
export type { CellRows } from "./resample.js";
export type { GroupEstimates, GroupIntervals, RowBootstrapSettings } from "./rowBootstrap.js";
export type { SampleSizeResult } from "./sampleSize.js";
export { proportionEffectSize, requiredSampleSize } from "./sampleSize.js";
export type { ChiSquareResult, TestResult } from "./significance.js";
export {
  chiSquareHomogeneityTest,
  fisherExactTest,
  twoProportionZTest,
} from "./significance.js";
