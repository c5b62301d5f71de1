import { describe, expect, it } from "vitest";
import { prepare } from "../../src/data/prepare.js";
import {
  f1Score,
  falsePositiveRate,
  precision,
  truePositiveRate,
} from "../../src/metrics/counts.js";
import { rateEvidence } from "../../src/metrics/evidence.js";
import { countConfusion } from "../../src/stats/confusion.js";

// Group a: labels 1,1,1,0,0 / predictions 0,0,1,1,0 → tp 1, fn 2, fp 1, tn 1. Group b: one row.
const input = {
  yTrue: [1, 1, 1, 0, 0, 1],
  yPred: [0, 0, 1, 1, 0, 1],
  sensitiveFeatures: ["a", "a", "a", "a", "a", "b"],
};

describe("rateEvidence(stats, metric, minDenominator)", () => {
  it("rateEvidence(…) counts each rate's own numerator and denominator", () => {
    const stats = countConfusion(prepare(input));
    expect(rateEvidence(stats, truePositiveRate)?.byGroup[0]).toEqual({
      numerator: 1,
      denominator: 3,
      small: true,
    });
    expect(rateEvidence(stats, falsePositiveRate)?.byGroup[1]).toEqual({
      numerator: 0,
      denominator: 0,
      small: true,
    });
    expect(rateEvidence(stats, precision, 2)?.overall).toEqual({
      numerator: 2,
      denominator: 3,
      small: false,
    });
    expect(rateEvidence(stats, f1Score)).toBeUndefined();
  });

  it("rateEvidence(…) adds weighted sums beside the unweighted counts", () => {
    const stats = countConfusion(prepare({ ...input, sampleWeight: [2, 1, 0.5, 1, 1, 3] }));
    expect(rateEvidence(stats, truePositiveRate)?.byGroup[0]).toEqual({
      numerator: 1,
      denominator: 3,
      weightedNumerator: 0.5,
      weightedDenominator: 3.5,
      small: true,
    });
    expect(rateEvidence(stats, truePositiveRate)?.overall.weightedDenominator).toBe(6.5);
  });
});
