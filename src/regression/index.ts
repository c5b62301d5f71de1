/** Regression: per-group error metrics, bounded group loss, intervals and mergeable sums (the `fairscope/regression` subpath). */
export type { RegressionColumns, RegressionInput } from "../data/regression.js";
export { prepareRegression } from "../data/regression.js";
export type { TaskAuditOptions } from "../report/auditTask.js";
export { auditRegression } from "../report/auditTask.js";
export type { BoundedGroupLossOptions } from "./criteria.js";
export { boundedGroupLoss, regressionCriterion } from "./criteria.js";
export type { RegressionIntervals, RegressionIntervalsOptions } from "./intervals.js";
export { regressionIntervals } from "./intervals.js";
export type { RegressionMetric } from "./metrics.js";
export {
  getRegressionMetric,
  REGRESSION_METRICS,
  type RegressionMetricId,
} from "./metrics.js";
export type { RegressionMetricsOptions } from "./regressionMetrics.js";
export { regressionMetrics } from "./regressionMetrics.js";
export type { RegressionSums } from "./sums.js";
export { mergeRegressionSums, regressionSums } from "./sums.js";
