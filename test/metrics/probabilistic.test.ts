import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { brierScore, logLoss, meanPrediction } from "../../src/metrics/probabilistic.js";

const y = Uint8Array.of(1, 0, 1, 0);
const p = Float64Array.of(0.9, 0.2, 0.6, 0.5);

describe("probabilistic metrics", () => {
  it("meanPrediction(…) is the weighted mean of the scores", () => {
    expect(meanPrediction(y, p)).toBeCloseTo(2.2 / 4, 15);
    // Weights 1, 2, 0, 1: (0.9 + 0.4 + 0 + 0.5) / 4.
    expect(meanPrediction(y, p, Float64Array.of(1, 2, 0, 1))).toBeCloseTo(1.8 / 4, 15);
  });

  it("brierScore(…) is the weighted mean of (p − y)²", () => {
    // (0.01 + 0.04 + 0.16 + 0.25) / 4 = 0.115.
    expect(brierScore(y, p)).toBeCloseTo(0.115, 15);
    expect(brierScore(Uint8Array.of(1, 0), Float64Array.of(1, 0))).toBe(0);
  });

  it("logLoss(…) is the weighted mean of −log of the probability given to the label", () => {
    const expected = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.6) + Math.log(0.5)) / 4;
    expect(logLoss(y, p)).toBeCloseTo(expected, 14);
  });

  it("logLoss(…) clips probabilities to [ε, 1 − ε] as scikit-learn does", () => {
    // A certain wrong prediction costs −ln ε = 52 ln 2, not infinity.
    expect(logLoss(Uint8Array.of(1), Float64Array.of(0))).toBeCloseTo(52 * Math.LN2, 12);
    expect(logLoss(Uint8Array.of(0), Float64Array.of(1))).toBeCloseTo(
      -Math.log1p(-(1 - Number.EPSILON)),
      12,
    );
  });

  it("the metrics are NaN with no rows or zero total weight", () => {
    for (const metric of [meanPrediction, brierScore, logLoss]) {
      expect(metric(new Uint8Array(0), new Float64Array(0))).toBeNaN();
      expect(metric(Uint8Array.of(1), Float64Array.of(0.5), Float64Array.of(0))).toBeNaN();
    }
  });

  it("integer weights give the same value as duplicated rows", () => {
    const row = fc.record({
      y: fc.integer({ min: 0, max: 1 }),
      p: fc.integer({ min: 0, max: 20 }).map((k) => k / 20),
      w: fc.integer({ min: 1, max: 4 }),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), (rows) => {
        const label = Uint8Array.from(rows, (r) => r.y);
        const score = Float64Array.from(rows, (r) => r.p);
        const weight = Float64Array.from(rows, (r) => r.w);
        const repeated = rows.flatMap((r) => Array.from({ length: r.w }, () => r));
        const label2 = Uint8Array.from(repeated, (r) => r.y);
        const score2 = Float64Array.from(repeated, (r) => r.p);
        for (const metric of [meanPrediction, brierScore, logLoss]) {
          const a = metric(label, score, weight);
          const b = metric(label2, score2);
          expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));
        }
      }),
      { seed: 3, numRuns: 200 },
    );
  });
});
