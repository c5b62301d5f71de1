/**
 * The metric registry: every built-in metric declared once. Tables, disparities, bootstrap,
 * reports and gates find a metric here by its id.
 */
import { CALIBRATION_METRICS } from "./calibration/metrics.js";
import { COUNT_METRICS } from "./counts.js";
import { brierScoreMetric, logLossMetric, meanPredictionMetric } from "./probabilistic.js";
import { averagePrecisionMetric, rocAucMetric } from "./ranking.js";
import type { MetricDefinition } from "./types.js";

/**
 * Every built-in metric, in display order.
 *
 * @category Metric registry
 */
export const METRICS: readonly MetricDefinition[] = [
  ...COUNT_METRICS,
  rocAucMetric,
  averagePrecisionMetric,
  meanPredictionMetric,
  brierScoreMetric,
  logLossMetric,
  ...CALIBRATION_METRICS,
];

/**
 * The rates every table starts from when no metrics are named: selection rate, TPR, FPR, FNR,
 * precision and accuracy (groupMetrics adds count; audit adds count and base rate).
 */
export const DEFAULT_RATE_METRICS: readonly string[] = [
  "selectionRate",
  "truePositiveRate",
  "falsePositiveRate",
  "falseNegativeRate",
  "precision",
  "accuracy",
];

const BY_ID = new Map(METRICS.map((m) => [m.id, m]));

/**
 * The built-in metric with this id, or undefined.
 *
 * @example
 * getMetric("truePositiveRate")?.name; // => "True positive rate"
 *
 * @category Metric registry
 */
export function getMetric(id: string): MetricDefinition | undefined {
  return BY_ID.get(id);
}

/**
 * The ids of every built-in metric.
 *
 * @category Metric registry
 */
export function metricIds(): string[] {
  return METRICS.map((m) => m.id);
}
