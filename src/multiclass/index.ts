/** Multiclass: per-group class scores, multiclass criteria and confusion statistics (the `fairscope/multiclass` subpath). */
export type {
  ClassArray,
  ClassLabel,
  MulticlassColumns,
  MulticlassInput,
} from "../data/multiclass.js";
export { prepareMulticlass } from "../data/multiclass.js";
export { auditMulticlass, type TaskAuditOptions } from "../report/auditTask.js";
export type { MulticlassStats, OneVsRest } from "./confusion.js";
export { multiclassStats, oneVsRest } from "./confusion.js";
export type { MulticlassCriterion, MulticlassCriterionOptions } from "./criteria.js";
export {
  multiclassCriterion,
  multiclassDemographicParity,
  multiclassEqualizedOdds,
} from "./criteria.js";
export type { MulticlassIntervals, MulticlassIntervalsOptions } from "./intervals.js";
export { multiclassIntervals } from "./intervals.js";
export type { MulticlassMetric } from "./metrics.js";
export { getMulticlassMetric, MULTICLASS_METRICS } from "./metrics.js";
export type { ClassScoresRow, MulticlassMetricsOptions } from "./multiclassMetrics.js";
export { MulticlassMetricsResult, multiclassMetrics } from "./multiclassMetrics.js";
export type { ClassScores, MulticlassZeroDivision } from "./scores.js";
