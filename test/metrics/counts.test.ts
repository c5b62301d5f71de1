import { describe, expect, it } from "vitest";
import { getMetric, METRICS, type MetricId } from "../../src/index.js";
import type { CountMetric } from "../../src/metrics/types.js";

// Hand-computed from tn = 5, fp = 2, fn = 1, tp = 3 (n = 11).
const c = { tn: 5, fp: 2, fn: 1, tp: 3 };
const expected: Record<string, number> = {
  count: 11,
  weightedCount: 11,
  baseRate: 4 / 11,
  selectionRate: 5 / 11,
  truePositiveRate: 3 / 4,
  falsePositiveRate: 2 / 7,
  trueNegativeRate: 5 / 7,
  falseNegativeRate: 1 / 4,
  precision: 3 / 5,
  negativePredictiveValue: 5 / 6,
  falseDiscoveryRate: 2 / 5,
  falseOmissionRate: 1 / 6,
  accuracy: 8 / 11,
  errorRate: 3 / 11,
  balancedAccuracy: (3 / 4 + 5 / 7) / 2,
  f1Score: 6 / 9,
  matthewsCorrelation: (3 * 5 - 2 * 1) / Math.sqrt(5 * 4 * 7 * 6),
};

describe("count metrics", () => {
  const countMetrics = METRICS.filter((m): m is CountMetric<MetricId> => m.input === "counts");

  it("every count metric has a hand-computed value for tn=5, fp=2, fn=1, tp=3", () => {
    expect(countMetrics.map((m) => m.id).sort()).toEqual(Object.keys(expected).sort());
    for (const m of countMetrics) expect(m.fromCounts(c), m.id).toBeCloseTo(expected[m.id]!, 15);
  });

  it("a proportion's value is numerator / denominator", () => {
    for (const m of countMetrics) {
      if (m.proportion) {
        expect(m.fromCounts(c)).toBe(m.proportion.numerator(c) / m.proportion.denominator(c));
      }
    }
  });

  it("rates with a zero denominator are NaN", () => {
    const noPositives = { tn: 3, fp: 1, fn: 0, tp: 0 };
    for (const id of ["truePositiveRate", "falseNegativeRate", "matthewsCorrelation"]) {
      expect((getMetric(id) as CountMetric).fromCounts(noPositives), id).toBeNaN();
    }
    // F1 = 2TP / (2TP + FP + FN) is 0 with a false positive, undefined only without any.
    expect((getMetric("f1Score") as CountMetric).fromCounts(noPositives)).toBe(0);
    expect(
      (getMetric("f1Score") as CountMetric).fromCounts({ tn: 3, fp: 0, fn: 0, tp: 0 }),
    ).toBeNaN();
  });

  it("balancedAccuracy(…) is the defined recall when one class is absent (scikit-learn)", () => {
    const m = getMetric("balancedAccuracy") as CountMetric;
    expect(m.fromCounts({ tn: 0, fp: 0, fn: 1, tp: 3 })).toBe(0.75);
    expect(m.fromCounts({ tn: 0, fp: 0, fn: 0, tp: 0 })).toBeNaN();
  });

  it("every metric declares a range whose lower end is below its upper end", () => {
    for (const m of METRICS) expect(m.range[0]).toBeLessThan(m.range[1]);
  });
});
