/**
 * The metric registry: every built-in metric declared once. Tables, disparities, bootstrap,
 * reports and gates find a metric here by its id.
 */
import { CALIBRATION_METRICS } from "./calibration/metrics.js";
import { COUNT_METRICS } from "./counts.js";
import { brierScoreMetric, logLossMetric, meanPredictionMetric } from "./probabilistic.js";
import { averagePrecisionMetric, rocAucMetric } from "./ranking.js";
import type { MetricDefinition } from "./types.js";

const TABLE = [
  ...COUNT_METRICS,
  rocAucMetric,
  averagePrecisionMetric,
  meanPredictionMetric,
  brierScoreMetric,
  logLossMetric,
  ...CALIBRATION_METRICS,
] as const;

/**
 * The id of a built-in metric (a literal union: a misspelt id in `metrics: [...]` fails to
 * compile). Strings from a command line or a JSON file are checked with {@link isMetricId}.
 *
 * @category Metric registry
 */
export type MetricId = (typeof TABLE)[number]["id"];

/**
 * Every built-in metric, in display order.
 *
 * @category Metric registry
 */
export const METRICS: readonly MetricDefinition<MetricId>[] = TABLE;

/**
 * The rates every table starts from when no metrics are named: selection rate, TPR, FPR, FNR,
 * precision and accuracy (groupMetrics adds count; audit adds count and base rate).
 */
export const DEFAULT_RATE_METRICS: readonly MetricId[] = [
  "selectionRate",
  "truePositiveRate",
  "falsePositiveRate",
  "falseNegativeRate",
  "precision",
  "accuracy",
];

const BY_ID = new Map<string, MetricDefinition<MetricId>>(METRICS.map((m) => [m.id, m]));

/**
 * The built-in metric with this id, or undefined.
 *
 * @example
 * getMetric("truePositiveRate")?.name; // => "True positive rate"
 *
 * @category Metric registry
 */
export function getMetric(id: string): MetricDefinition<MetricId> | undefined {
  return BY_ID.get(id);
}

/**
 * Whether a string (from a command line, a policy or any JSON) is a built-in metric id; narrows
 * it to {@link MetricId}.
 *
 * @example
 * isMetricId("truePositveRate"); // => false
 *
 * @category Metric registry
 */
export function isMetricId(id: string): id is MetricId {
  return BY_ID.has(id);
}

/**
 * The given strings as metric ids, for ids that come from another table (a criterion's metrics)
 * or from outside (a command line, a policy); throws a RangeError naming the first unknown one.
 *
 * @example
 * metricIdsOf(["selectionRate"], "audit"); // => ["selectionRate"]
 */
export function metricIdsOf(ids: readonly string[], fn: string): MetricId[] {
  return ids.map((id) => {
    if (!isMetricId(id)) throw new RangeError(`${fn}: unknown metric ${JSON.stringify(id)}`);
    return id;
  });
}

/**
 * The ids of every built-in metric.
 *
 * @category Metric registry
 */
export function metricIds(): MetricId[] {
  return METRICS.map((m) => m.id);
}
