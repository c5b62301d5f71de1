/**
 * Metrics that are functions of the confusion counts `tn, fp, fn, tp` (weighted when weights
 * are given). Rates with a zero denominator are NaN; the caller reports and, on request,
 * replaces them (`zeroDivision`).
 */
import type { Confusion } from "../stats/confusion.js";
import type { CountMetric } from "./types.js";

const ratio = (numerator: number, denominator: number) =>
  denominator === 0 ? Number.NaN : numerator / denominator;

type ProportionSpec = Omit<
  CountMetric,
  "input" | "fromCounts" | "proportion" | "needsPrediction"
> & {
  readonly numerator: (c: Confusion) => number;
  readonly denominator: (c: Confusion) => number;
  readonly needsPrediction?: boolean;
};

function proportion<Id extends string>(
  spec: ProportionSpec & { readonly id: Id },
): CountMetric & { readonly id: Id } {
  const { numerator, denominator, needsPrediction = true, ...rest } = spec;
  return {
    ...rest,
    input: "counts",
    needsPrediction,
    fromCounts: (c) => ratio(numerator(c), denominator(c)),
    proportion: { numerator, denominator },
  };
}

const n = (c: Confusion) => c.tn + c.fp + c.fn + c.tp;
const positives = (c: Confusion) => c.tp + c.fn;
const negatives = (c: Confusion) => c.tn + c.fp;
const predictedPositive = (c: Confusion) => c.tp + c.fp;
const predictedNegative = (c: Confusion) => c.tn + c.fn;

/** Number of rows (never weighted, as Fairlearn's `count`). */
export const count = {
  id: "count",
  name: "Count",
  description: "Number of rows (unweighted).",
  range: [0, Number.POSITIVE_INFINITY],
  better: "neither",
  input: "counts",
  needsPrediction: false,
  unweighted: true,
  fromCounts: n,
} as const satisfies CountMetric;

/** Sum of weights (the number of rows when unweighted). */
export const weightedCount = {
  id: "weightedCount",
  name: "Weighted count",
  description: "Sum of sample weights.",
  range: [0, Number.POSITIVE_INFINITY],
  better: "neither",
  input: "counts",
  needsPrediction: false,
  fromCounts: n,
} as const satisfies CountMetric;

export const baseRate = proportion({
  id: "baseRate",
  name: "Base rate",
  description: "Share of rows whose true label is positive: (TP + FN) / n.",
  range: [0, 1],
  better: "neither",
  numerator: positives,
  denominator: n,
  needsPrediction: false,
});

export const selectionRate = proportion({
  id: "selectionRate",
  name: "Selection rate",
  description: "Share of rows predicted positive: (TP + FP) / n.",
  range: [0, 1],
  better: "neither",
  numerator: predictedPositive,
  denominator: n,
});

export const truePositiveRate = proportion({
  id: "truePositiveRate",
  name: "True positive rate",
  description: "Recall, sensitivity: TP / (TP + FN).",
  range: [0, 1],
  better: "higher",
  numerator: (c) => c.tp,
  denominator: positives,
});

export const falsePositiveRate = proportion({
  id: "falsePositiveRate",
  name: "False positive rate",
  description: "FP / (FP + TN).",
  range: [0, 1],
  better: "lower",
  numerator: (c) => c.fp,
  denominator: negatives,
});

export const trueNegativeRate = proportion({
  id: "trueNegativeRate",
  name: "True negative rate",
  description: "Specificity: TN / (TN + FP).",
  range: [0, 1],
  better: "higher",
  numerator: (c) => c.tn,
  denominator: negatives,
});

export const falseNegativeRate = proportion({
  id: "falseNegativeRate",
  name: "False negative rate",
  description: "Miss rate: FN / (FN + TP).",
  range: [0, 1],
  better: "lower",
  numerator: (c) => c.fn,
  denominator: positives,
});

export const precision = proportion({
  id: "precision",
  name: "Precision (PPV)",
  description: "Positive predictive value: TP / (TP + FP).",
  range: [0, 1],
  better: "higher",
  numerator: (c) => c.tp,
  denominator: predictedPositive,
});

export const negativePredictiveValue = proportion({
  id: "negativePredictiveValue",
  name: "Negative predictive value",
  description: "TN / (TN + FN).",
  range: [0, 1],
  better: "higher",
  numerator: (c) => c.tn,
  denominator: predictedNegative,
});

export const falseDiscoveryRate = proportion({
  id: "falseDiscoveryRate",
  name: "False discovery rate",
  description: "FP / (TP + FP) = 1 − precision.",
  range: [0, 1],
  better: "lower",
  numerator: (c) => c.fp,
  denominator: predictedPositive,
});

export const falseOmissionRate = proportion({
  id: "falseOmissionRate",
  name: "False omission rate",
  description: "FN / (TN + FN) = 1 − NPV.",
  range: [0, 1],
  better: "lower",
  numerator: (c) => c.fn,
  denominator: predictedNegative,
});

export const accuracy = proportion({
  id: "accuracy",
  name: "Accuracy",
  description: "(TP + TN) / n.",
  range: [0, 1],
  better: "higher",
  numerator: (c) => c.tp + c.tn,
  denominator: n,
});

export const errorRate = proportion({
  id: "errorRate",
  name: "Error rate",
  description: "(FP + FN) / n = 1 − accuracy.",
  range: [0, 1],
  better: "lower",
  numerator: (c) => c.fp + c.fn,
  denominator: n,
});

/**
 * Mean of the recalls of the classes present in the true labels (scikit-learn's definition):
 * (TPR + TNR) / 2, or the one defined recall when a group has only one class.
 */
export const balancedAccuracy = {
  id: "balancedAccuracy",
  name: "Balanced accuracy",
  description: "Mean recall over the classes present: (TPR + TNR) / 2.",
  range: [0, 1],
  better: "higher",
  input: "counts",
  needsPrediction: true,
  fromCounts: (c) => {
    const tpr = ratio(c.tp, positives(c));
    const tnr = ratio(c.tn, negatives(c));
    if (Number.isNaN(tpr)) return tnr;
    if (Number.isNaN(tnr)) return tpr;
    return (tpr + tnr) / 2;
  },
} as const satisfies CountMetric;

export const f1Score = {
  id: "f1Score",
  name: "F1 score",
  description: "Harmonic mean of precision and recall: 2TP / (2TP + FP + FN).",
  range: [0, 1],
  better: "higher",
  input: "counts",
  needsPrediction: true,
  fromCounts: (c) => ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn),
} as const satisfies CountMetric;

export const matthewsCorrelation = {
  id: "matthewsCorrelation",
  name: "Matthews correlation",
  description: "(TP·TN − FP·FN) / √((TP+FP)(TP+FN)(TN+FP)(TN+FN)).",
  range: [-1, 1],
  better: "higher",
  input: "counts",
  needsPrediction: true,
  fromCounts: (c) =>
    ratio(
      c.tp * c.tn - c.fp * c.fn,
      Math.sqrt(predictedPositive(c) * positives(c) * negatives(c) * predictedNegative(c)),
    ),
} as const satisfies CountMetric;

/** Every built-in count metric, in display order. */
export const COUNT_METRICS = [
  count,
  weightedCount,
  baseRate,
  selectionRate,
  truePositiveRate,
  falsePositiveRate,
  trueNegativeRate,
  falseNegativeRate,
  precision,
  negativePredictiveValue,
  falseDiscoveryRate,
  falseOmissionRate,
  accuracy,
  errorRate,
  balancedAccuracy,
  f1Score,
  matthewsCorrelation,
] as const satisfies readonly CountMetric[];
