/**
 * Calibration metrics declared for the registry, so that groupMetrics, disparities, bootstrap,
 * reports and gates accept them by id. Defaults: 10 bins, p clipped to [1e-6, 1 − 1e-6] before
 * the logit, 10 Hosmer–Lemeshow bins, relative weights. Slope and intercept are NaN when the fit
 * has no finite maximum (one class only, separated data). (`brierScore` and `logLoss` are declared by the
 * foundation.)
 */
import type { ScoreMetric } from "../types.js";
import { hosmerLemeshow } from "./hypothesis.js";
import {
  DEFAULT_LOGIT_CLIP,
  fitInterceptWithOffset,
  fitSlope,
  logitColumn,
} from "./recalibration.js";
import {
  binnedErrors,
  calibrationInTheLarge,
  generalizedRates,
  observedExpectedRatio,
} from "./scalar.js";
import { type ProbabilityColumns, weightScale } from "./validate.js";

const BINS = 10;

type Kernel = (c: ProbabilityColumns) => number;

/** NaN for rows that carry no weight, so every metric is undefined on an empty group. */
function onRows(kernel: Kernel): ScoreMetric["fromScores"] {
  return (label, score, weight) => {
    let total = 0;
    for (let i = 0; i < score.length; i++) total += weight === undefined ? 1 : weight[i]!;
    return total > 0 ? kernel({ label, score, weight }) : Number.NaN;
  };
}

function metric<Id extends string>(
  id: Id,
  name: string,
  description: string,
  range: readonly [number, number],
  better: ScoreMetric["better"],
  kernel: Kernel,
): ScoreMetric & { readonly id: Id } {
  return {
    id,
    name,
    description,
    range,
    better,
    input: "scores",
    needsProbabilities: true,
    fromScores: onRows(kernel),
  };
}

const INF = Number.POSITIVE_INFINITY;

/** The calibration metrics, in display order. */
export const CALIBRATION_METRICS = [
  metric(
    "expectedCalibrationError",
    "Expected calibration error",
    "Σ over 10 equal-width bins of (bin weight share) · |observed rate − mean prediction|.",
    [0, 1],
    "lower",
    (c) => binnedErrors(c, BINS, "uniform").ece,
  ),
  metric(
    "expectedCalibrationErrorQuantile",
    "Expected calibration error (equal-mass bins)",
    "Σ over 10 equal-mass (quantile) bins of (bin weight share) · |observed rate − mean prediction|.",
    [0, 1],
    "lower",
    (c) => binnedErrors(c, BINS, "quantile", weightScale(c.weight, "relative")).ece,
  ),
  metric(
    "maximumCalibrationError",
    "Maximum calibration error",
    "Largest |observed rate − mean prediction| over 10 equal-width bins.",
    [0, 1],
    "lower",
    (c) => binnedErrors(c, BINS, "uniform").mce,
  ),
  metric(
    "calibrationInTheLarge",
    "Calibration-in-the-large",
    "Mean prediction − observed rate of positives (positive: over-prediction).",
    [-1, 1],
    "neither",
    calibrationInTheLarge,
  ),
  metric(
    "observedExpectedRatio",
    "Observed/expected ratio",
    "Σ labels / Σ predicted probabilities (1 when calibrated in the large).",
    [0, INF],
    "neither",
    observedExpectedRatio,
  ),
  metric(
    "calibrationSlope",
    "Calibration slope",
    "b in the logistic recalibration logit P(y=1) = a + b · logit(p) (1 when calibrated; < 1: overconfident).",
    [-INF, INF],
    "neither",
    (c) => {
      const fit = fitSlope(c.label, logitColumn(c.score, DEFAULT_LOGIT_CLIP), c.weight);
      return fit.converged ? fit.slope : Number.NaN;
    },
  ),
  metric(
    "calibrationIntercept",
    "Calibration intercept",
    "a in logit P(y=1) = a + logit(p), the slope fixed at 1 (0 when calibrated; > 0: under-prediction).",
    [-INF, INF],
    "neither",
    (c) => {
      const z = logitColumn(c.score, DEFAULT_LOGIT_CLIP);
      const fit = fitInterceptWithOffset(c.label, z, c.weight);
      return fit.converged ? fit.intercept : Number.NaN;
    },
  ),
  metric(
    "hosmerLemeshowPValue",
    "Hosmer–Lemeshow p-value",
    "p-value of the Hosmer–Lemeshow test on 10 equal-mass bins (small: evidence of miscalibration).",
    [0, 1],
    "higher",
    (c) => hosmerLemeshow(c, BINS, weightScale(c.weight, "relative")).pValue,
  ),
  metric(
    "generalizedTruePositiveRate",
    "Generalized true positive rate",
    "Mean score among positives (AIF360's generalized TPR; Kleinberg's balance for the positive class).",
    [0, 1],
    "higher",
    (c) => generalizedRates(c).truePositiveRate,
  ),
  metric(
    "generalizedFalsePositiveRate",
    "Generalized false positive rate",
    "Mean score among negatives (AIF360's generalized FPR; Kleinberg's balance for the negative class).",
    [0, 1],
    "lower",
    (c) => generalizedRates(c).falsePositiveRate,
  ),
] as const satisfies readonly ScoreMetric[];
