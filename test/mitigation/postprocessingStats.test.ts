import { describe, expect, it } from "vitest";
import { prepare } from "../../src/data/prepare.js";
import {
  baseRate,
  falseNegativeRate,
  falsePositiveRate,
  generalizedFalseNegativeRate,
  generalizedFalsePositiveRate,
  statsByGroup,
  trueNegativeRate,
  truePositiveRate,
} from "../../src/mitigation/postprocessingStats.js";

// Group a: rows (y, pred, score, weight) = (1,1,0.8,2) (1,0,0.4,1) (0,1,0.6,1) (0,0,0.2,3).
// Group b: (1,1,0.9,1) (0,0,0.1,1).
const columns = prepare({
  yTrue: [1, 1, 0, 0, 1, 0],
  yPred: [1, 0, 1, 0, 1, 0],
  yScore: [0.8, 0.4, 0.6, 0.2, 0.9, 0.1],
  sampleWeight: [2, 1, 1, 3, 1, 1],
  sensitiveFeatures: ["a", "a", "a", "a", "b", "b"],
});

describe("statsByGroup(columns, pred)", () => {
  const [a, b] = statsByGroup(columns, columns.pred);

  it("statsByGroup(…) sums weights into confusion cells and label totals per group", () => {
    expect(a!.confusion).toEqual({ tn: 3, fp: 1, fn: 1, tp: 2 });
    expect([a!.positives, a!.negatives, a!.n, a!.rows]).toEqual([3, 4, 7, 4]);
    expect(b!.confusion).toEqual({ tn: 1, fp: 0, fn: 0, tp: 1 });
    expect(b!.rows).toBe(2);
  });

  it("statsByGroup(…) sums the weighted scores used by the generalized rates", () => {
    // Σ w·s = 1.6 + 0.4 + 0.6 + 0.6; on negatives 0.6 + 0.6; Σ w·(1 − s) on positives 0.4 + 0.6.
    expect(a!.scoreSum).toBeCloseTo(3.2, 14);
    expect(a!.scoreOnNegatives).toBeCloseTo(1.2, 14);
    expect(a!.missOnPositives).toBeCloseTo(1, 14);
    expect(generalizedFalsePositiveRate(a!)).toBeCloseTo(1.2 / 4, 14);
    expect(generalizedFalseNegativeRate(a!)).toBeCloseTo(1 / 3, 14);
  });

  it("the rates are the registry's rates of the weighted counts", () => {
    expect(truePositiveRate(a!)).toBeCloseTo(2 / 3, 15);
    expect(falseNegativeRate(a!)).toBeCloseTo(1 / 3, 15);
    expect(falsePositiveRate(a!)).toBeCloseTo(1 / 4, 15);
    expect(trueNegativeRate(a!)).toBeCloseTo(3 / 4, 15);
    expect(baseRate(a!)).toBeCloseTo(3 / 7, 15);
  });

  it("statsByGroup(…) without predictions leaves the confusion cells at zero", () => {
    const [noPred] = statsByGroup(columns, undefined);
    expect(noPred!.confusion).toEqual({ tn: 0, fp: 0, fn: 0, tp: 0 });
    expect(noPred!.positives).toBe(3);
    expect(noPred!.scoreSum).toBeCloseTo(3.2, 14);
  });
});
